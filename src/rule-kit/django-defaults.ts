// Django 4.2's global_settings values that rules judge when a setting is never assigned.
import type { Py, Value } from '../model/values.js';
import { known } from '../model/values.js';

const list = (...items: Py[]): Py => ({ t: 'list', items: items.map((i) => known(i)) });
const dict = (entries: Record<string, Py>): Py => ({ t: 'dict', entries: Object.entries(entries).map(([k, v]) => ({ key: known(k), value: known(v) as Value })) });

export const DJANGO_DEFAULTS: Readonly<Record<string, Py>> = {
  DEBUG: false,
  DEBUG_PROPAGATE_EXCEPTIONS: false,
  SECRET_KEY: '',
  SECRET_KEY_FALLBACKS: list(),
  ALLOWED_HOSTS: list(),
  INSTALLED_APPS: list(),
  MIDDLEWARE: list(),
  TEMPLATES: list(),
  DATABASES: dict({}),
  CACHES: dict({ default: dict({ BACKEND: 'django.core.cache.backends.locmem.LocMemCache' }) }),
  SECURE_SSL_REDIRECT: false,
  SECURE_SSL_HOST: null,
  SECURE_REDIRECT_EXEMPT: list(),
  SECURE_HSTS_SECONDS: 0n,
  SECURE_HSTS_INCLUDE_SUBDOMAINS: false,
  SECURE_HSTS_PRELOAD: false,
  SECURE_CONTENT_TYPE_NOSNIFF: true,
  SECURE_REFERRER_POLICY: 'same-origin',
  SECURE_CROSS_ORIGIN_OPENER_POLICY: 'same-origin',
  SECURE_PROXY_SSL_HEADER: null,
  X_FRAME_OPTIONS: 'DENY',
  SESSION_COOKIE_SECURE: false,
  SESSION_COOKIE_HTTPONLY: true,
  SESSION_COOKIE_SAMESITE: 'Lax',
  SESSION_COOKIE_DOMAIN: null,
  SESSION_ENGINE: 'django.contrib.sessions.backends.db',
  SESSION_SERIALIZER: 'django.contrib.sessions.serializers.JSONSerializer',
  CSRF_COOKIE_SECURE: false,
  CSRF_COOKIE_HTTPONLY: false,
  CSRF_COOKIE_SAMESITE: 'Lax',
  CSRF_COOKIE_DOMAIN: null,
  CSRF_TRUSTED_ORIGINS: list(),
  CSRF_USE_SESSIONS: false,
  LANGUAGE_COOKIE_SECURE: false,
  USE_X_FORWARDED_HOST: false,
  USE_X_FORWARDED_PORT: false,
  PASSWORD_HASHERS: list(
    'django.contrib.auth.hashers.PBKDF2PasswordHasher',
    'django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher',
    'django.contrib.auth.hashers.Argon2PasswordHasher',
    'django.contrib.auth.hashers.BCryptSHA256PasswordHasher',
    'django.contrib.auth.hashers.ScryptPasswordHasher',
  ),
  AUTH_PASSWORD_VALIDATORS: list(),
  DATA_UPLOAD_MAX_MEMORY_SIZE: 2621440n,
  DATA_UPLOAD_MAX_NUMBER_FIELDS: 1000n,
  DATA_UPLOAD_MAX_NUMBER_FILES: 100n,
  FILE_UPLOAD_PERMISSIONS: 0o644n,
  FILE_UPLOAD_DIRECTORY_PERMISSIONS: null,
  SILENCED_SYSTEM_CHECKS: list(),
  EMAIL_HOST: 'localhost',
  EMAIL_PORT: 25n,
  EMAIL_HOST_USER: '',
  EMAIL_HOST_PASSWORD: '',
  EMAIL_USE_TLS: false,
  EMAIL_USE_SSL: false,
};

/** Django's default for a setting as an abstract value (no origin: it is not in the source). */
export function djangoDefault(name: string): Value | undefined {
  return name in DJANGO_DEFAULTS ? known(DJANGO_DEFAULTS[name]) : undefined;
}
