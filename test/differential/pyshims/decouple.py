"""Stand-in for python-decouple 3.8 (not installable here), for the differential test only.

config(option, default=, cast=) reads os.environ (no .env or settings.ini is searched: the
generated modules have none) and applies the cast to the default too; cast=bool accepts
decouple's truth strings and raises ValueError otherwise; Csv() splits with shlex on the
delimiter and strips each item.
"""
import os
import string
from shlex import shlex

TRUE_VALUES = {'y', 'yes', 't', 'true', 'on', '1'}
FALSE_VALUES = {'n', 'no', 'f', 'false', 'off', '0'}


class UndefinedValueError(Exception):
    pass


class Undefined:
    pass


undefined = Undefined()


def strtobool(value):
    if isinstance(value, bool):
        return value
    value = value.lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    raise ValueError('Invalid truth value: ' + value)


def _cast_boolean(value):
    value = str(value)
    return bool(value) if value == '' else bool(strtobool(value))


def config(option, default=undefined, cast=undefined):
    if option in os.environ:
        value = os.environ[option]
    elif isinstance(default, Undefined):
        raise UndefinedValueError(f'{option} not found. Declare it as envvar or define a default value.')
    else:
        value = default
    if isinstance(cast, Undefined):
        return value
    if cast is bool:
        return _cast_boolean(value)
    return cast(value)


class Csv:
    def __init__(self, cast=str, delimiter=',', strip=string.whitespace, post_process=list):
        self.cast = cast
        self.delimiter = delimiter
        self.strip = strip
        self.post_process = post_process

    def __call__(self, value):
        if value is None:
            return self.post_process()
        splitter = shlex(value, posix=True)
        splitter.whitespace = self.delimiter
        splitter.whitespace_split = True
        return self.post_process(self.cast(s.strip(self.strip)) for s in splitter)
