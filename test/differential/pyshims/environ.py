"""Stand-in for django-environ (not installable here), for the differential test only.

Follows django-environ's Env.get_value: an unset variable yields its default *as written* (it is
cast only with parse_default=True), defaults come from the scheme given to Env(NAME=(cast, default)),
and a set variable is parsed with the cast (bool: int != 0, else one of BOOLEAN_TRUE_STRINGS;
list/tuple: split on ',' dropping empty items). The generated modules run with every variable unset.
"""
import os


class ImproperlyConfigured(Exception):
    pass


class NoValue:
    def __repr__(self):
        return '<NoValue>'


class Env:
    ENVIRON = os.environ
    NOTSET = NoValue()
    BOOLEAN_TRUE_STRINGS = ('true', 'on', 'ok', 'y', 'yes', '1')

    def __init__(self, **scheme):
        self.scheme = scheme

    def __call__(self, var, cast=None, default=NOTSET, parse_default=False):
        return self.get_value(var, cast=cast, default=default, parse_default=parse_default)

    def str(self, var, default=NOTSET):
        return self.get_value(var, cast=str, default=default)

    def bool(self, var, default=NOTSET):
        return self.get_value(var, cast=bool, default=default)

    def int(self, var, default=NOTSET):
        return self.get_value(var, cast=int, default=default)

    def float(self, var, default=NOTSET):
        return self.get_value(var, cast=float, default=default)

    def list(self, var, cast=None, default=NOTSET):
        return self.get_value(var, cast=list if not cast else [cast], default=default)

    def tuple(self, var, cast=None, default=NOTSET):
        return self.get_value(var, cast=tuple if not cast else (cast,), default=default)

    def get_value(self, var, cast=None, default=NOTSET, parse_default=False):
        if var in self.scheme:
            info = self.scheme[var]
            try:
                has_default = len(info) == 2
            except TypeError:
                has_default = False
            if has_default:
                cast = cast or info[0]
                if default is self.NOTSET:
                    default = info[1]
            elif not cast:
                cast = info
        try:
            value = self.ENVIRON[var]
        except KeyError:
            if default is self.NOTSET:
                raise ImproperlyConfigured(f'Set the {var} environment variable')
            value = default
        if isinstance(value, str) and value.startswith('$'):
            raise NotImplementedError('proxied values are not modelled by this stand-in')
        # smart cast: the default's type casts a set variable
        if cast is None and default is not None and not isinstance(default, NoValue):
            cast = type(default)
        value = None if default is None and value == '' else value
        if value != default or (parse_default and value is not None):
            value = self.parse_value(value, cast)
        return value

    @classmethod
    def parse_value(cls, value, cast):
        if cast is None:
            return value
        if cast is bool:
            try:
                return int(value) != 0
            except ValueError:
                return value.lower().strip() in cls.BOOLEAN_TRUE_STRINGS
        if isinstance(cast, list):
            return [cast[0](x) for x in value.split(',') if x]
        if isinstance(cast, tuple):
            return tuple(cast[0](x) for x in value.strip('(').strip(')').split(',') if x)
        if cast is list:
            return [x for x in value.split(',') if x]
        if cast is tuple:
            return tuple(x for x in value.strip('(').strip(')').split(',') if x)
        return cast(value)
