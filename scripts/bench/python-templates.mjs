// Python source text for the synthetic benchmark inputs: Django settings modules in the layouts
// real projects use (cookiecutter-django split settings, startproject's single file) and ordinary
// application modules. Everything is drawn from a seeded generator, so a seed gives the same bytes.

/** mulberry32: small, fast and good enough to make reproducible variety. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    word: () => WORDS[Math.floor(next() * WORDS.length)],
    token: (n) => Array.from({ length: n }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join(''),
  };
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#%^&*(-_=+)';
const WORDS = [
  'account', 'invoice', 'order', 'product', 'customer', 'payment', 'shipment', 'report', 'ticket', 'message',
  'profile', 'catalog', 'coupon', 'review', 'booking', 'schedule', 'event', 'document', 'asset', 'team',
  'project', 'task', 'comment', 'tag', 'category', 'vendor', 'warehouse', 'stock', 'cart', 'subscription',
];

const THIRD_PARTY = ['rest_framework', 'corsheaders', 'django_filters', 'crispy_forms', 'allauth', 'allauth.account',
  'django_celery_beat', 'storages', 'anymail', 'drf_spectacular', 'debug_toolbar', 'django_extensions', 'guardian'];

// ---------------------------------------------------------------------------------------------
// Settings modules

/** cookiecutter-django's config/settings/base.py, in one of three env-reading styles. */
export function baseSettings(r, project, apps, style) {
  const read = envReader(style);
  const third = THIRD_PARTY.filter(() => r.chance(0.5));
  const lines = [
    `"""Base settings to build other settings files upon."""`,
    'from pathlib import Path',
    '',
    ...read.imports,
    '',
    'BASE_DIR = Path(__file__).resolve(strict=True).parent.parent.parent',
    `APPS_DIR = BASE_DIR / "${project}"`,
    ...read.setup,
    '',
    '# GENERAL',
    '# ------------------------------------------------------------------------------',
    `DEBUG = ${read.bool('DJANGO_DEBUG', r.chance(0.3) ? 'True' : 'False')}`,
    `TIME_ZONE = "${r.pick(['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Tokyo'])}"`,
    `LANGUAGE_CODE = "${r.pick(['en-us', 'fr-fr', 'de-de'])}"`,
    `SITE_ID = 1`,
    'USE_I18N = True',
    'USE_TZ = True',
    'LOCALE_PATHS = [str(BASE_DIR / "locale")]',
    '',
    '# DATABASES',
    '# ------------------------------------------------------------------------------',
    ...read.databases(project),
    'DATABASES["default"]["ATOMIC_REQUESTS"] = True',
    'DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"',
    '',
    '# URLS',
    '# ------------------------------------------------------------------------------',
    'ROOT_URLCONF = "config.urls"',
    'WSGI_APPLICATION = "config.wsgi.application"',
    '',
    '# APPS',
    '# ------------------------------------------------------------------------------',
    'DJANGO_APPS = [',
    ...['auth', 'contenttypes', 'sessions', 'sites', 'messages', 'staticfiles', 'admin', 'forms'].map((a) => `    "django.contrib.${a}",`),
    ']',
    'THIRD_PARTY_APPS = [',
    ...third.map((a) => `    "${a}",`),
    ']',
    'LOCAL_APPS = [',
    ...apps.map((a) => `    "${project}.${a}",`),
    ']',
    'INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS',
    '',
    '# MIGRATIONS',
    `MIGRATION_MODULES = {"sites": "${project}.contrib.sites.migrations"}`,
    '',
    '# AUTHENTICATION',
    '# ------------------------------------------------------------------------------',
    'AUTHENTICATION_BACKENDS = [',
    '    "django.contrib.auth.backends.ModelBackend",',
    ...(third.includes('allauth') ? ['    "allauth.account.auth_backends.AuthenticationBackend",'] : []),
    ']',
    `AUTH_USER_MODEL = "users.User"`,
    'LOGIN_REDIRECT_URL = "users:redirect"',
    'LOGIN_URL = "account_login"',
    '',
    '# PASSWORDS',
    '# ------------------------------------------------------------------------------',
    'PASSWORD_HASHERS = [',
    `    "django.contrib.auth.hashers.${r.chance(0.9) ? 'Argon2PasswordHasher' : 'MD5PasswordHasher'}",`,
    '    "django.contrib.auth.hashers.PBKDF2PasswordHasher",',
    '    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",',
    '    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",',
    ']',
    ...(r.chance(0.8)
      ? [
          'AUTH_PASSWORD_VALIDATORS = [',
          '    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},',
          `    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": ${r.pick([8, 10, 12, 6])}}},`,
          '    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},',
          '    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},',
          ']',
        ]
      : []),
    '',
    '# MIDDLEWARE',
    '# ------------------------------------------------------------------------------',
    'MIDDLEWARE = [',
    ...(r.chance(0.9) ? ['    "django.middleware.security.SecurityMiddleware",'] : []),
    ...(third.includes('corsheaders') ? ['    "corsheaders.middleware.CorsMiddleware",'] : []),
    '    "whitenoise.middleware.WhiteNoiseMiddleware",',
    '    "django.contrib.sessions.middleware.SessionMiddleware",',
    '    "django.middleware.locale.LocaleMiddleware",',
    '    "django.middleware.common.CommonMiddleware",',
    '    "django.middleware.csrf.CsrfViewMiddleware",',
    '    "django.contrib.auth.middleware.AuthenticationMiddleware",',
    '    "django.contrib.messages.middleware.MessageMiddleware",',
    '    "django.middleware.clickjacking.XFrameOptionsMiddleware",',
    ']',
    '',
    '# STATIC',
    '# ------------------------------------------------------------------------------',
    'STATIC_ROOT = str(BASE_DIR / "staticfiles")',
    'STATIC_URL = "/static/"',
    'STATICFILES_DIRS = [str(APPS_DIR / "static")]',
    'STATICFILES_FINDERS = [',
    '    "django.contrib.staticfiles.finders.FileSystemFinder",',
    '    "django.contrib.staticfiles.finders.AppDirectoriesFinder",',
    ']',
    'MEDIA_ROOT = str(APPS_DIR / "media")',
    'MEDIA_URL = "/media/"',
    '',
    '# TEMPLATES',
    '# ------------------------------------------------------------------------------',
    'TEMPLATES = [',
    '    {',
    '        "BACKEND": "django.template.backends.django.DjangoTemplates",',
    '        "DIRS": [str(APPS_DIR / "templates")],',
    '        "APP_DIRS": True,',
    '        "OPTIONS": {',
    '            "context_processors": [',
    ...['debug', 'request', 'auth', 'i18n', 'media', 'static', 'tz'].map((p) => `                "django.template.context_processors.${p}",`),
    '                "django.contrib.messages.context_processors.messages",',
    '            ],',
    '        },',
    '    },',
    ']',
    'FORM_RENDERER = "django.forms.renderers.TemplatesSetting"',
    '',
    '# SECURITY',
    '# ------------------------------------------------------------------------------',
    'SESSION_COOKIE_HTTPONLY = True',
    'CSRF_COOKIE_HTTPONLY = True',
    `X_FRAME_OPTIONS = "${r.pick(['DENY', 'DENY', 'SAMEORIGIN'])}"`,
    ...(r.chance(0.1) ? ['SESSION_SERIALIZER = "django.contrib.sessions.serializers.PickleSerializer"'] : []),
    '',
    '# EMAIL',
    '# ------------------------------------------------------------------------------',
    `EMAIL_BACKEND = ${read.str('DJANGO_EMAIL_BACKEND', '"django.core.mail.backends.smtp.EmailBackend"')}`,
    'EMAIL_TIMEOUT = 5',
    '',
    '# ADMIN',
    '# ------------------------------------------------------------------------------',
    'ADMIN_URL = "admin/"',
    `ADMINS = [("""${r.word()} team""", "${r.word()}@example.com")]`,
    'MANAGERS = ADMINS',
    '',
    '# LOGGING',
    '# ------------------------------------------------------------------------------',
    'LOGGING = {',
    '    "version": 1,',
    '    "disable_existing_loggers": False,',
    '    "formatters": {"verbose": {"format": "%(levelname)s %(asctime)s %(module)s %(process)d %(thread)d %(message)s"}},',
    '    "handlers": {"console": {"level": "DEBUG", "class": "logging.StreamHandler", "formatter": "verbose"}},',
    '    "root": {"level": "INFO", "handlers": ["console"]},',
    '}',
    '',
    '# Celery',
    '# ------------------------------------------------------------------------------',
    'if USE_TZ:',
    '    CELERY_TIMEZONE = TIME_ZONE',
    `CELERY_BROKER_URL = ${read.str('CELERY_BROKER_URL', '"redis://localhost:6379/0"')}`,
    'CELERY_RESULT_BACKEND = CELERY_BROKER_URL',
    'CELERY_ACCEPT_CONTENT = ["json"]',
    'CELERY_TASK_SERIALIZER = "json"',
    'CELERY_RESULT_SERIALIZER = "json"',
    `CELERY_TASK_TIME_LIMIT = ${r.int(1, 10)} * 60`,
    'CELERY_TASK_SOFT_TIME_LIMIT = 60',
    '',
    '# django-rest-framework',
    '# -------------------------------------------------------------------------------',
    'REST_FRAMEWORK = {',
    '    "DEFAULT_AUTHENTICATION_CLASSES": (',
    '        "rest_framework.authentication.SessionAuthentication",',
    '        "rest_framework.authentication.TokenAuthentication",',
    '    ),',
    '    "DEFAULT_PERMISSION_CLASSES": ("rest_framework.permissions.IsAuthenticated",),',
    '    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",',
    '}',
    'CORS_URLS_REGEX = r"^/api/.*$"',
    '',
    ...extraSettings(r, r.int(5, 40)),
  ];
  return lines.join('\n') + '\n';
}

/** cookiecutter-django's production.py: star import, then hardening read from the environment. */
export function productionSettings(r, style) {
  const read = envReader(style);
  const insecureHosts = r.chance(0.15);
  return [
    `"""Production settings."""`,
    'from .base import *  # noqa',
    ...(style === 'environ' ? ['from .base import env'] : read.imports),
    '',
    '# GENERAL',
    '# ------------------------------------------------------------------------------',
    `SECRET_KEY = ${r.chance(0.1) ? `"${r.token(50).replace(/"/g, "'")}"` : read.str('DJANGO_SECRET_KEY', undefined)}`,
    `ALLOWED_HOSTS = ${insecureHosts ? '["*"]' : read.list('DJANGO_ALLOWED_HOSTS', '["example.com"]')}`,
    ...(r.chance(0.2) ? [`DEBUG = ${read.bool('DJANGO_DEBUG', 'True')}`] : []),
    '',
    '# DATABASES',
    '# ------------------------------------------------------------------------------',
    `DATABASES["default"]["CONN_MAX_AGE"] = ${read.int('CONN_MAX_AGE', '60')}`,
    '',
    '# CACHES',
    '# ------------------------------------------------------------------------------',
    'CACHES = {',
    '    "default": {',
    '        "BACKEND": "django_redis.cache.RedisCache",',
    `        "LOCATION": ${read.str('REDIS_URL', '"redis://redis:6379/0"')},`,
    '        "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient", "IGNORE_EXCEPTIONS": True},',
    '    }',
    '}',
    '',
    '# SECURITY',
    '# ------------------------------------------------------------------------------',
    'SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")',
    `SECURE_SSL_REDIRECT = ${read.bool('DJANGO_SECURE_SSL_REDIRECT', r.chance(0.8) ? 'True' : 'False')}`,
    'SESSION_COOKIE_SECURE = True',
    'CSRF_COOKIE_SECURE = True',
    `SECURE_HSTS_SECONDS = ${r.pick(['60', '518400', '31536000', '0'])}`,
    `SECURE_HSTS_INCLUDE_SUBDOMAINS = ${read.bool('DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS', 'True')}`,
    `SECURE_HSTS_PRELOAD = ${read.bool('DJANGO_SECURE_HSTS_PRELOAD', 'True')}`,
    `SECURE_CONTENT_TYPE_NOSNIFF = ${read.bool('DJANGO_SECURE_CONTENT_TYPE_NOSNIFF', 'True')}`,
    '',
    '# STORAGES',
    '# ------------------------------------------------------------------------------',
    `AWS_ACCESS_KEY_ID = ${read.str('DJANGO_AWS_ACCESS_KEY_ID', undefined)}`,
    `AWS_SECRET_ACCESS_KEY = ${read.str('DJANGO_AWS_SECRET_ACCESS_KEY', undefined)}`,
    `AWS_STORAGE_BUCKET_NAME = ${read.str('DJANGO_AWS_STORAGE_BUCKET_NAME', undefined)}`,
    'AWS_QUERYSTRING_AUTH = False',
    '_AWS_EXPIRY = 60 * 60 * 24 * 7',
    'AWS_S3_OBJECT_PARAMETERS = {"CacheControl": f"max-age={_AWS_EXPIRY}, s-maxage={_AWS_EXPIRY}, must-revalidate"}',
    `AWS_S3_REGION_NAME = ${read.str('DJANGO_AWS_S3_REGION_NAME', 'None')}`,
    '',
    '# EMAIL',
    '# ------------------------------------------------------------------------------',
    `DEFAULT_FROM_EMAIL = ${read.str('DJANGO_DEFAULT_FROM_EMAIL', '"noreply@example.com"')}`,
    'SERVER_EMAIL = DEFAULT_FROM_EMAIL',
    `EMAIL_SUBJECT_PREFIX = ${read.str('DJANGO_EMAIL_SUBJECT_PREFIX', '"[Site] "')}`,
    '',
    '# ADMIN',
    `ADMIN_URL = ${read.str('DJANGO_ADMIN_URL', undefined)}`,
    '',
    '# LOGGING',
    '# ------------------------------------------------------------------------------',
    'LOGGING = {',
    '    "version": 1,',
    '    "disable_existing_loggers": True,',
    '    "formatters": {"verbose": {"format": "%(levelname)s %(asctime)s %(module)s %(message)s"}},',
    '    "handlers": {"console": {"level": "DEBUG", "class": "logging.StreamHandler", "formatter": "verbose"}},',
    '    "root": {"level": "INFO", "handlers": ["console"]},',
    '    "loggers": {',
    '        "django.db.backends": {"level": "ERROR", "handlers": ["console"], "propagate": False},',
    '        "django.security.DisallowedHost": {"level": "ERROR", "handlers": ["console"], "propagate": False},',
    '    },',
    '}',
    '',
    ...extraSettings(r, r.int(0, 10)),
  ].join('\n') + '\n';
}

/** local.py / test.py: development modules that override the base. */
export function devSettings(r, kind) {
  return [
    `"""${kind === 'test' ? 'With these settings, tests run faster.' : 'Local development settings.'}"""`,
    'from .base import *  # noqa',
    'from .base import env',
    '',
    'DEBUG = True',
    `SECRET_KEY = env("DJANGO_SECRET_KEY", default="${r.token(40).replace(/"/g, "'")}")`,
    'ALLOWED_HOSTS = ["localhost", "0.0.0.0", "127.0.0.1"]',
    ...(kind === 'test'
      ? ['TEST_RUNNER = "django.test.runner.DiscoverRunner"', 'PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]']
      : ['INSTALLED_APPS += ["debug_toolbar"]', 'MIDDLEWARE += ["debug_toolbar.middleware.DebugToolbarMiddleware"]', 'INTERNAL_IPS = ["127.0.0.1", "10.0.2.2"]']),
    'EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"',
    'CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": ""}}',
    ...extraSettings(r, r.int(0, 5)),
  ].join('\n') + '\n';
}

/** A single settings.py as `django-admin startproject` writes it, lightly edited by its owner. */
export function singleSettings(r, project) {
  const apps = Array.from({ length: r.int(2, 6) }, () => r.word());
  return [
    `"""Django settings for ${project} project."""`,
    'import os',
    'from pathlib import Path',
    '',
    'BASE_DIR = Path(__file__).resolve().parent.parent',
    '',
    '# SECURITY WARNING: keep the secret key used in production secret!',
    `SECRET_KEY = os.environ.get("SECRET_KEY", "django-insecure-${r.token(40).replace(/"/g, "'").replace(/\\/g, '')}")`,
    '# SECURITY WARNING: don\'t run with debug turned on in production!',
    'DEBUG = os.environ.get("DEBUG", "1") == "1"',
    'ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "*").split(",")',
    '',
    'INSTALLED_APPS = [',
    ...['admin', 'auth', 'contenttypes', 'sessions', 'messages', 'staticfiles'].map((a) => `    "django.contrib.${a}",`),
    ...apps.map((a) => `    "${a}s",`),
    ']',
    '',
    'MIDDLEWARE = [',
    '    "django.middleware.security.SecurityMiddleware",',
    '    "django.contrib.sessions.middleware.SessionMiddleware",',
    '    "django.middleware.common.CommonMiddleware",',
    '    "django.middleware.csrf.CsrfViewMiddleware",',
    '    "django.contrib.auth.middleware.AuthenticationMiddleware",',
    '    "django.contrib.messages.middleware.MessageMiddleware",',
    '    "django.middleware.clickjacking.XFrameOptionsMiddleware",',
    ']',
    '',
    `ROOT_URLCONF = "${project}.urls"`,
    '',
    'TEMPLATES = [',
    '    {',
    '        "BACKEND": "django.template.backends.django.DjangoTemplates",',
    '        "DIRS": [],',
    '        "APP_DIRS": True,',
    '        "OPTIONS": {',
    '            "context_processors": [',
    '                "django.template.context_processors.debug",',
    '                "django.template.context_processors.request",',
    '                "django.contrib.auth.context_processors.auth",',
    '                "django.contrib.messages.context_processors.messages",',
    '            ],',
    '        },',
    '    },',
    ']',
    '',
    `WSGI_APPLICATION = "${project}.wsgi.application"`,
    '',
    'DATABASES = {',
    '    "default": {',
    '        "ENGINE": "django.db.backends.postgresql",',
    `        "NAME": os.environ.get("DB_NAME", "${project}"),`,
    '        "USER": os.environ.get("DB_USER", "postgres"),',
    '        "PASSWORD": os.environ.get("DB_PASSWORD", ""),',
    `        "HOST": os.environ.get("DB_HOST", "${r.chance(0.2) ? '52.14.' + r.int(1, 254) + '.' + r.int(1, 254) : 'localhost'}"),`,
    '        "PORT": os.environ.get("DB_PORT", "5432"),',
    '    }',
    '}',
    '',
    'AUTH_PASSWORD_VALIDATORS = [',
    '    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},',
    '    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},',
    '    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},',
    '    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},',
    ']',
    '',
    'LANGUAGE_CODE = "en-us"',
    'TIME_ZONE = "UTC"',
    'USE_I18N = True',
    'USE_TZ = True',
    '',
    'STATIC_URL = "static/"',
    'STATIC_ROOT = BASE_DIR / "staticfiles"',
    'DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"',
    '',
    'if not DEBUG:',
    '    SESSION_COOKIE_SECURE = True',
    '    CSRF_COOKIE_SECURE = True',
    '    SECURE_SSL_REDIRECT = True',
    '',
    'try:',
    '    from .local_settings import *  # noqa',
    'except ImportError:',
    '    pass',
    '',
    ...extraSettings(r, r.int(0, 15)),
  ].join('\n') + '\n';
}

/** Project-specific settings every real project grows: feature flags, API keys, limits. */
function extraSettings(r, n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const name = `${r.word().toUpperCase()}_${r.pick(['ENABLED', 'TIMEOUT', 'URL', 'LIMIT', 'PAGE_SIZE', 'BACKENDS', 'OPTIONS'])}_${i}`;
    switch (r.int(0, 4)) {
      case 0: out.push(`${name} = ${r.pick(['True', 'False'])}`); break;
      case 1: out.push(`${name} = ${r.int(1, 10000)}`); break;
      case 2: out.push(`${name} = "https://${r.word()}.example.com/api/v${r.int(1, 3)}/"`); break;
      case 3: out.push(`${name} = [${Array.from({ length: r.int(1, 5) }, () => `"${r.word()}"`).join(', ')}]`); break;
      default: out.push(`${name} = {"${r.word()}": ${r.int(0, 99)}, "${r.word()}": "${r.word()}"}`);
    }
  }
  return out;
}

/** How a project reads its environment: django-environ, python-decouple or os.environ. */
function envReader(style) {
  const q = (d) => (d === undefined ? '' : d);
  if (style === 'decouple') {
    return {
      imports: ['from decouple import Csv, config'],
      setup: [],
      bool: (k, d) => `config("${k}", default=${d}, cast=bool)`,
      int: (k, d) => `config("${k}", default=${d}, cast=int)`,
      str: (k, d) => (d === undefined ? `config("${k}")` : `config("${k}", default=${d})`),
      list: (k, d) => `config("${k}", default=${JSON.stringify(JSON.parse(d).join(','))}, cast=Csv())`,
      databases: (p) => ['import dj_database_url', `DATABASES = {"default": dj_database_url.parse(config("DATABASE_URL", default="postgres:///${p}"))}`],
    };
  }
  if (style === 'os') {
    return {
      imports: ['import os'],
      setup: [],
      bool: (k, d) => `os.environ.get("${k}", "${d}").lower() in ("true", "1", "yes")`,
      int: (k, d) => `int(os.environ.get("${k}", "${d}"))`,
      str: (k, d) => (d === undefined ? `os.environ["${k}"]` : d === 'None' ? `os.environ.get("${k}")` : `os.environ.get("${k}", ${d})`),
      list: (k, d) => `os.environ.get("${k}", ${JSON.stringify(JSON.parse(d).join(','))}).split(",")`,
      databases: (p) => [
        'DATABASES = {',
        '    "default": {',
        '        "ENGINE": "django.db.backends.postgresql",',
        `        "NAME": os.environ.get("POSTGRES_DB", "${p}"),`,
        '        "USER": os.environ.get("POSTGRES_USER", "postgres"),',
        '        "PASSWORD": os.environ.get("POSTGRES_PASSWORD", ""),',
        '        "HOST": os.environ.get("POSTGRES_HOST", "localhost"),',
        '    }',
        '}',
      ],
    };
  }
  return {
    imports: ['import environ'],
    setup: ['env = environ.Env()', 'READ_DOT_ENV_FILE = env.bool("DJANGO_READ_DOT_ENV_FILE", default=False)', 'if READ_DOT_ENV_FILE:', '    env.read_env(str(BASE_DIR / ".env"))'],
    bool: (k, d) => `env.bool("${k}", ${q(`default=${d}`)})`,
    int: (k, d) => `env.int("${k}", default=${d})`,
    str: (k, d) => (d === undefined ? `env("${k}")` : `env("${k}", default=${d})`),
    list: (k, d) => `env.list("${k}", default=${d})`,
    databases: (p) => [`DATABASES = {"default": env.db("DATABASE_URL", default="postgres:///${p}")}`],
  };
}

// ---------------------------------------------------------------------------------------------
// Application modules (what a scanner has to look at and throw away)

export function appModule(r, kind, app) {
  const Model = app[0].toUpperCase() + app.slice(1);
  const body = [];
  switch (kind) {
    case 'models':
      body.push('from django.conf import settings', 'from django.db import models', 'from django.utils.translation import gettext_lazy as _', '');
      for (let i = 0; i < r.int(2, 6); i++) body.push(...modelClass(r, `${Model}${i ? r.word()[0].toUpperCase() + r.word().slice(1) : ''}`));
      break;
    case 'views':
      body.push('from django.contrib.auth.mixins import LoginRequiredMixin', 'from django.shortcuts import get_object_or_404, render', 'from django.views.generic import DetailView, ListView', '', `from .models import ${Model}`, '');
      for (let i = 0; i < r.int(2, 6); i++) body.push(...viewFunction(r, Model, i));
      break;
    case 'tests':
      body.push('import pytest', '', `from ..models import ${Model}`, '', 'pytestmark = pytest.mark.django_db', '');
      for (let i = 0; i < r.int(3, 10); i++) body.push(...testFunction(r, Model, i));
      break;
    case 'tasks':
      body.push('import subprocess', 'import hashlib', '', 'from celery import shared_task', '');
      for (let i = 0; i < r.int(1, 4); i++) body.push(...taskFunction(r, i));
      break;
    case 'migration':
      body.push('from django.db import migrations, models', '', '', 'class Migration(migrations.Migration):', '    initial = True', '    dependencies = []', '    operations = [');
      for (let i = 0; i < r.int(1, 4); i++) {
        body.push('        migrations.CreateModel(', `            name="${Model}${i}",`, '            fields=[', '                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False)),');
        for (let f = 0; f < r.int(2, 8); f++) body.push(`                ("${r.word()}_${f}", models.CharField(max_length=${r.int(10, 255)})),`);
        body.push('            ],', '        ),');
      }
      body.push('    ]');
      break;
    default: // utils, forms, admin, serializers, urls, apps: generic helpers
      body.push('import json', 'import logging', 'import random', '', 'logger = logging.getLogger(__name__)', '');
      for (let i = 0; i < r.int(2, 8); i++) body.push(...helperFunction(r, i));
  }
  return body.join('\n') + '\n';
}

function modelClass(r, name) {
  const out = ['', `class ${name}(models.Model):`];
  for (let f = 0; f < r.int(3, 10); f++) {
    out.push(r.pick([
      `    ${r.word()}_${f} = models.CharField(_("${r.word()}"), max_length=${r.int(10, 255)}, blank=True)`,
      `    ${r.word()}_${f} = models.IntegerField(default=${r.int(0, 100)})`,
      `    ${r.word()}_${f} = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")`,
      `    ${r.word()}_${f} = models.DateTimeField(auto_now_add=True)`,
      `    ${r.word()}_${f} = models.BooleanField(default=${r.pick(['True', 'False'])})`,
    ]));
  }
  out.push('', '    class Meta:', `        ordering = ["-id"]`, '', '    def __str__(self):', `        return f"${name} {self.pk}"`, '');
  return out;
}

function viewFunction(r, Model, i) {
  if (r.chance(0.5)) {
    return ['', `class ${Model}View${i}(LoginRequiredMixin, ${r.pick(['DetailView', 'ListView'])}):`, `    model = ${Model}`, `    paginate_by = ${r.int(10, 50)}`, '', '    def get_queryset(self):', '        qs = super().get_queryset()', `        return qs.filter(${r.word()}_0__isnull=False).order_by("-id")`, ''];
  }
  return ['', `def ${r.word()}_view_${i}(request, pk):`, `    obj = get_object_or_404(${Model}, pk=pk)`, '    context = {"object": obj, "items": list(range(10))}', `    if request.GET.get("${r.word()}"):`, '        context["filtered"] = True', `    return render(request, "${r.word()}/detail.html", context)`, ''];
}

function testFunction(r, Model, i) {
  return ['', `def test_${r.word()}_${i}(client):`, `    obj = ${Model}.objects.create()`, `    response = client.get(f"/${r.word()}/{obj.pk}/")`, `    assert response.status_code == ${r.pick([200, 302, 404])}`, `    assert obj.pk is not None`, ''];
}

function taskFunction(r, i) {
  return ['', '@shared_task', `def ${r.word()}_task_${i}(path):`, `    digest = hashlib.${r.pick(['md5', 'sha256', 'sha1'])}(path.encode()).hexdigest()`, `    subprocess.run(["gzip", path], check=${r.pick(['True', 'False'])})`, '    return digest', ''];
}

function helperFunction(r, i) {
  const name = `${r.word()}_${r.word()}_${i}`;
  const out = ['', `def ${name}(data, limit=${r.int(1, 100)}):`, `    """Return the ${r.word()} of a ${r.word()}."""`, '    result = []', '    for index, item in enumerate(data):', '        if index >= limit:', '            break'];
  for (let k = 0; k < r.int(1, 6); k++) out.push(`        if item.get("${r.word()}") == ${r.int(0, 9)}:`, `            result.append({"${r.word()}": item, "score": random.random() * ${r.int(1, 9)}})`);
  out.push(`    logger.debug("${name}: %d", len(result))`, '    return json.dumps(result)', '');
  return out;
}

/** A module of an installed package (site-packages): large, unrelated, must be skipped unread. */
export function libraryModule(r) {
  const out = ['"""Vendored library module."""', 'import os', 'import sys', ''];
  for (let i = 0; i < r.int(3, 12); i++) out.push(...helperFunction(r, i));
  return out.join('\n') + '\n';
}
