"""Runs Django's own system checks (as `manage.py check --deploy` does) on generated settings modules.

Reads JSON lines {"id": ..., "source": ...} (or, for split settings, {"id": ..., "root": dir,
"package": name}: a package on disk whose production module star-imports its base) on stdin and
writes one JSON line per module (an optional "env" sets variables first, as deployed): {"id": ..., "ids": [sorted check ids]} or {"id": ..., "error": "..."}.
One process for the batch.

Each source is a module written by test/differential/generate.ts (our own test input, never user
code): it is executed as a settings module, wrapped in django.conf.Settings exactly as
DJANGO_SETTINGS_MODULE would be (so Django's own validation of the module applies), swapped in
as the active settings, and checked with run_checks(include_deployment_checks=True). Every
environment variable the generator reads (prefix DJSEC_DIFF_) is unset first.

The app registry is populated once, from the contrib apps the generator uses: the security
checks read settings.INSTALLED_APPS and settings.MIDDLEWARE directly, not the registry.
django-environ and python-decouple are not installable here, so pyshims/ provides stand-ins that
follow those libraries' rules for the calls the generator writes.
"""
import importlib
import json
import os
import sys
import types

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'pyshims'))
ENV_PREFIX = 'DJSEC_DIFF_'


def unset_generated_variables():
    # modules may set variables themselves (os.environ.setdefault): none survives to the next one
    for key in [k for k in os.environ if k.startswith(ENV_PREFIX)]:
        del os.environ[key]


unset_generated_variables()

import django  # noqa: E402
from django.conf import Settings, settings  # noqa: E402
from django.core import checks  # noqa: E402

BASE_APPS = [
    'django.contrib.admin',
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.messages',
    'django.contrib.staticfiles',
]


def settings_from_module(name, namespace):
    module = types.ModuleType(name)
    module.__dict__.update(namespace)
    sys.modules[name] = module
    try:
        return Settings(name)
    finally:
        del sys.modules[name]


def setup():
    base = {'INSTALLED_APPS': BASE_APPS, 'SECRET_KEY': 'x' * 60, 'USE_TZ': True}
    settings._wrapped = settings_from_module('djsec_diff_base', base)
    django.setup()


def reported_ids(messages):
    ids = {m.id for m in messages if m.id and (m.id.startswith('security.') or m.id == '4_0.E001')}
    return sorted(ids)


def check_module(job):
    if 'package' in job:
        return check_package(job['root'], job['package'])
    name = f"djsec_diff_{job['id']}"
    namespace = {'__name__': name, '__file__': f'/nonexistent/{name}.py'}
    exec(compile(job['source'], namespace['__file__'], 'exec'), namespace)
    settings._wrapped = settings_from_module(name, namespace)
    return reported_ids(checks.run_checks(include_deployment_checks=True))


def check_package(root, package):
    """Split settings: DJANGO_SETTINGS_MODULE=<package>.production, imported from disk."""
    if root not in sys.path:
        sys.path.insert(0, root)
    importlib.invalidate_caches()
    try:
        settings._wrapped = Settings(f'{package}.production')
        return reported_ids(checks.run_checks(include_deployment_checks=True))
    finally:
        top = package.split('.')[0]
        for name in [m for m in sys.modules if m == top or m.startswith(top + '.')]:
            del sys.modules[name]


def main():
    setup()
    out = sys.stdout
    print(json.dumps({'django': django.get_version()}), file=out)
    for line in sys.stdin:
        if not line.strip():
            continue
        job = json.loads(line)
        unset_generated_variables()
        # variables set as deployed (djsec lints the same module with --env)
        os.environ.update(job.get('env') or {})
        try:
            result = {'id': job['id'], 'ids': check_module(job)}
        except Exception as error:  # reported per module: the test fails on it
            result = {'id': job['id'], 'error': f'{type(error).__name__}: {error}'}
        print(json.dumps(result), file=out)
    out.flush()


if __name__ == '__main__':
    main()
