// The values each mirrored setting takes in generated modules: around every threshold of Django's
// checks (50 characters, 5 unique, 'django-insecure-'), Django's `is True` against truthiness, exact
// dotted paths against look-alikes, valid and invalid policies.
import type { Rng } from './rng.js';
import type { PyValue } from './py-values.js';
import { NONE, bool, float, int, list, str, tuple } from './py-values.js';

const SECURITY_MW = 'django.middleware.security.SecurityMiddleware';
const SESSION_MW = 'django.contrib.sessions.middleware.SessionMiddleware';
const CSRF_MW = 'django.middleware.csrf.CsrfViewMiddleware';
const XFRAME_MW = 'django.middleware.clickjacking.XFrameOptionsMiddleware';
export const STANDARD_MIDDLEWARE = [
  SECURITY_MW,
  SESSION_MW,
  'django.middleware.common.CommonMiddleware',
  CSRF_MW,
  'django.contrib.auth.middleware.AuthenticationMiddleware',
  'django.contrib.messages.middleware.MessageMiddleware',
  XFRAME_MW,
];
/** Look-alikes: Django compares exact dotted paths, so none of these counts as the real one. */
const OTHER_MIDDLEWARE = [
  'whitenoise.middleware.WhiteNoiseMiddleware',
  'corsheaders.middleware.CorsMiddleware',
  'myproject.middleware.SecurityMiddleware',
  'myproject.csrf.CsrfViewMiddleware',
  'django.contrib.sessions.middleware',
];
export const DEBUG_TOOLBAR_MW = 'debug_toolbar.middleware.DebugToolbarMiddleware';

const SESSIONS_APP = 'django.contrib.sessions';
const CONTRIB_APPS = ['django.contrib.admin', 'django.contrib.auth', 'django.contrib.contenttypes', SESSIONS_APP, 'django.contrib.messages', 'django.contrib.staticfiles'];
const OTHER_APPS = ['rest_framework', 'corsheaders', 'myproject.blog', 'django.contrib.sessions.apps.SessionsConfig'];

const KEY_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@%^&*(-_=+)';
/** Characters outside ASCII and outside the BMP: Django counts code points, not UTF-16 units. */
const WIDE_CHARS = ['é', 'ß', 'ø', '🔑', '𝒳'];

function randomKey(rng: Rng, length: number, alphabet = KEY_ALPHABET, wide = false): string {
  const chars: string[] = [];
  for (let i = 0; i < length; i++) chars.push(wide && rng.chance(0.2) ? rng.pick(WIDE_CHARS) : alphabet[rng.int(alphabet.length)]);
  return chars.join('');
}

/** SECRET_KEY-like strings around each of Django's thresholds (50 chars, 5 unique, prefix). */
function secretKey(rng: Rng, allowEmpty: boolean): PyValue {
  const wide = rng.chance(0.15);
  switch (rng.weighted([6, 3, 3, 3, 2, allowEmpty ? 1 : 0])) {
    case 0:
      return str(randomKey(rng, 50 + rng.int(30), KEY_ALPHABET, wide));
    case 1:
      return str(randomKey(rng, rng.pick([1, 10, 32, 48, 49]), KEY_ALPHABET, wide));
    case 2: {
      const unique = rng.pick([1, 4, 5, 6]);
      const alphabet = randomKey(rng, unique);
      // a short unit repeated ('ab' * 30), or random over a small alphabet
      if (rng.chance(0.3)) return str(randomKey(rng, rng.pick([2, 4, 5])).repeat(rng.pick([10, 13, 25])));
      return str(randomKey(rng, rng.pick([49, 50, 60]), alphabet));
    }
    case 3:
      return str('django-insecure-' + randomKey(rng, rng.pick([34, 50]), KEY_ALPHABET, wide));
    case 4:
      // exactly on the length boundary, possibly with characters that take two UTF-16 units
      return str(randomKey(rng, rng.pick([49, 50]), KEY_ALPHABET, true));
    default:
      return str('');
  }
}

/** Booleans Django compares with `is True`: 1, 'True' and None are not True. */
function boolish(rng: Rng): PyValue {
  return rng.weightedPick<PyValue>([
    [8, bool(true)],
    [7, bool(false)],
    [1, int(1)],
    [1, int(0)],
    [1, str('True')],
    [1, str('False')],
    [1, str('')],
    [1, NONE],
  ]);
}

function hstsSeconds(rng: Rng): PyValue {
  return rng.weightedPick<PyValue>([
    [4, int(0)],
    [2, int(3600)],
    [4, int(31536000)],
    [1, int(63072000)],
    [1, NONE],
    [1, str('0')],
    [1, bool(true)],
    [1, float(0)],
    [1, float(31536000)],
    [1, int(-1)],
    [1, str('')],
  ]);
}

function xFrameOptions(rng: Rng): PyValue {
  return rng.weightedPick<PyValue>([
    [6, str('DENY')],
    [4, str('SAMEORIGIN')],
    [1, str('deny')],
    [1, str('DENY ')],
    [1, str('')],
    [1, NONE],
  ]);
}

const REFERRER_POLICIES = ['no-referrer', 'no-referrer-when-downgrade', 'origin', 'origin-when-cross-origin', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin', 'unsafe-url'];
const BAD_POLICIES = ['Same-Origin', 'none', 'strict', 'unsafe_url', ''];

function referrerPolicy(rng: Rng): PyValue {
  const policy = () => (rng.chance(0.8) ? rng.pick(REFERRER_POLICIES) : rng.pick(BAD_POLICIES));
  const policies = () => Array.from({ length: 1 + rng.int(3) }, policy);
  switch (rng.weighted([5, 2, 3, 3, 1, 1])) {
    case 0:
      return str(policy());
    case 1:
      return NONE;
    case 2:
      // comma-separated string: Django strips each part
      // (a trailing comma leaves an empty part, which is not a policy)
      return str(policies().map((p) => (rng.chance(0.3) ? ` ${p} ` : p)).join(rng.pick([',', ', '])) + (rng.chance(0.1) ? ',' : ''));
    case 3:
      return (rng.chance(0.5) ? list : tuple)(policies().map((p) => str(p)));
    case 4:
      // list items are not stripped
      return list([str(' ' + rng.pick(REFERRER_POLICIES)), str(rng.pick(REFERRER_POLICIES))]);
    default:
      return rng.chance(0.5) ? list([]) : { k: 'set', items: policies().map((p) => str(p)) };
  }
}

function openerPolicy(rng: Rng): PyValue {
  return rng.weightedPick<PyValue>([
    [4, str('same-origin')],
    [2, str('same-origin-allow-popups')],
    [2, str('unsafe-none')],
    [2, NONE],
    [1, str('Same-Origin')],
    [1, str('')],
    [1, str('same-site')],
  ]);
}

function allowedHosts(rng: Rng): PyValue {
  const seq = rng.chance(0.8) ? list : tuple;
  return rng.weightedPick<PyValue>([
    [4, seq([])],
    [4, seq([str('example.com')])],
    [2, seq([str('.example.com'), str('localhost')])],
    [2, seq([str('*')])],
    [1, seq([str('')])],
    [1, seq([str('127.0.0.1'), str('[::1]')])],
  ]);
}

function middleware(rng: Rng): PyValue {
  const items = STANDARD_MIDDLEWARE.filter((m) => !([SECURITY_MW, SESSION_MW, CSRF_MW, XFRAME_MW].includes(m) ? rng.chance(0.3) : rng.chance(0.1)));
  for (let n = rng.int(3); n > 0; n--) items.splice(rng.int(items.length + 1), 0, rng.pick(OTHER_MIDDLEWARE));
  return (rng.chance(0.85) ? list : tuple)(items.map((m) => str(m)));
}

function installedApps(rng: Rng): PyValue {
  const items = CONTRIB_APPS.filter((a) => !(a === SESSIONS_APP ? rng.chance(0.35) : rng.chance(0.15)));
  for (let n = rng.int(3); n > 0; n--) items.push(rng.pick(OTHER_APPS));
  return (rng.chance(0.85) ? list : tuple)(items.map((a) => str(a)));
}

/** 4_0.E001: an entry without '://'; a str is iterated character by character. */
function trustedOrigins(rng: Rng): PyValue {
  const origin = () => str(rng.pick(['https://example.com', 'https://*.example.com', 'http://example.com', 'example.com', '.example.com', 'https://api.example.com:8443']));
  if (rng.chance(0.05)) return str(rng.pick(['https://example.com', '']));
  return (rng.chance(0.8) ? list : tuple)(Array.from({ length: rng.int(3) }, origin));
}

function fallbacks(rng: Rng): PyValue {
  const keys = Array.from({ length: rng.pick([0, 1, 1, 2, 3]) }, () => secretKey(rng, true));
  return (rng.chance(0.7) ? list : tuple)(keys);
}

export const BOOLISH = new Set([
  'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD', 'SECURE_CONTENT_TYPE_NOSNIFF', 'SECURE_SSL_REDIRECT',
  'SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'CSRF_COOKIE_SECURE', 'CSRF_USE_SESSIONS',
]);

/** The mirrored settings, each with its value generator. DEBUG comes first: others may read it. */
export const SETTINGS: readonly { name: string; value: (rng: Rng) => PyValue }[] = [
  { name: 'DEBUG', value: (rng) => (rng.chance(0.1) ? rng.pick([float(0), float(1), list([]), list([bool(false)]), str('0')]) : boolish(rng)) },
  { name: 'SECRET_KEY', value: (rng) => (rng.chance(0.05) ? NONE : secretKey(rng, true)) },
  { name: 'SECRET_KEY_FALLBACKS', value: fallbacks },
  { name: 'MIDDLEWARE', value: middleware },
  { name: 'INSTALLED_APPS', value: installedApps },
  { name: 'ALLOWED_HOSTS', value: allowedHosts },
  { name: 'SECURE_HSTS_SECONDS', value: hstsSeconds },
  { name: 'SECURE_HSTS_INCLUDE_SUBDOMAINS', value: boolish },
  { name: 'SECURE_HSTS_PRELOAD', value: boolish },
  { name: 'SECURE_CONTENT_TYPE_NOSNIFF', value: boolish },
  { name: 'SECURE_SSL_REDIRECT', value: boolish },
  { name: 'SESSION_COOKIE_SECURE', value: boolish },
  { name: 'SESSION_COOKIE_HTTPONLY', value: boolish },
  { name: 'CSRF_COOKIE_SECURE', value: boolish },
  { name: 'CSRF_USE_SESSIONS', value: boolish },
  { name: 'X_FRAME_OPTIONS', value: xFrameOptions },
  { name: 'SECURE_REFERRER_POLICY', value: referrerPolicy },
  { name: 'SECURE_CROSS_ORIGIN_OPENER_POLICY', value: openerPolicy },
  { name: 'CSRF_TRUSTED_ORIGINS', value: trustedOrigins },
];
