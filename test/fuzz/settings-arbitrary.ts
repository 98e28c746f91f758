// fast-check arbitraries that write Django settings modules: assignments, env lookups (os.environ,
// django-environ, decouple, dj_database_url), branches, try/except, loops, helpers, star imports,
// split-settings includes, dynamic globals — plus the odd stray token, so some do not parse.
import fc from 'fast-check';

const SETTINGS = [
  'DEBUG', 'SECRET_KEY', 'SECRET_KEY_FALLBACKS', 'ALLOWED_HOSTS', 'DATABASES', 'MIDDLEWARE', 'INSTALLED_APPS', 'CACHES',
  'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD', 'SECURE_PROXY_SSL_HEADER',
  'SECURE_CONTENT_TYPE_NOSNIFF', 'SECURE_REFERRER_POLICY', 'SECURE_CROSS_ORIGIN_OPENER_POLICY', 'X_FRAME_OPTIONS',
  'SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'CSRF_COOKIE_SECURE', 'CSRF_TRUSTED_ORIGINS', 'SESSION_SERIALIZER',
  'CORS_ALLOW_ALL_ORIGINS', 'CORS_ALLOWED_ORIGINS', 'CORS_ALLOW_CREDENTIALS', 'PASSWORD_HASHERS', 'AUTH_PASSWORD_VALIDATORS',
  'EMAIL_HOST_PASSWORD', 'EMAIL_USE_TLS', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_DEFAULT_ACL', 'STORAGES',
  'DATABASE_URL', 'CELERY_BROKER_URL', 'TEMPLATES', 'LOGGING', 'REST_FRAMEWORK', 'SILENCED_SYSTEM_CHECKS', 'USE_X_FORWARDED_HOST',
];
const LOCALS = ['env', 'os', 'BASE_DIR', 'x', 'y', 'helper', 'config', 'Csv', 'Path', 'environ', '_private'];
const ENV_NAMES = ['DJANGO_DEBUG', 'SECRET_KEY', 'DATABASE_URL', 'ALLOWED_HOSTS', 'REDIS_URL', 'K', ''];
const STRAY = ['(', ')', ':', '{%', '}}', '"""', "'", '\\', '\t', '\r\n', 'lambda', '=', '**', '@', '[', 'if', 'else', '\u00a0', '\u0000', '\ufeff', '# -*- coding: latin-1 -*-'];

/** A Python string literal for any text (escaped, sometimes raw, bytes or an f-string). */
const pyString: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.string({ unit: 'grapheme', maxLength: 8 }),
      fc.constantFrom('*', '.example.com', 'postgres://user:pa55@db:5432/app', 'redis://cache:6379/0', 'django-insecure-abc', 'True', 'False', '1', '0', 'a,b', 'https://x.example', '{{ x }}', '%s', '{}'),
    ),
    fc.constantFrom('', '', '', 'r', 'b', 'f', 'u'),
  )
  .map(([text, prefix]) => {
    const body = text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
    return prefix === 'r' ? `r"${text.replace(/["\\\n\r]/g, '')}"` : `${prefix}"${prefix === 'f' ? body.replace(/[{}]/g, '') : body}"`;
  });

const literal: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('True', 'False', 'None', '0', '1', '-1', '3600', '31536000', '0.5', '1e308', '0x1F', '1_000', '...') },
  { weight: 4, arbitrary: pyString },
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => String(n).replace('e+', 'e')),
);

const envName = fc.constantFrom(...ENV_NAMES).map((n) => JSON.stringify(n));
const name = fc.oneof(fc.constantFrom(...SETTINGS), fc.constantFrom(...LOCALS));

export interface ModuleOptions {
  /** Names of sibling modules a star import or include may name. */
  siblings: string[];
}

/** Expressions up to a small depth: literals, names, env lookups, operators, calls, containers. */
function expressions(): fc.Arbitrary<string> {
  const { expr } = fc.letrec<{ expr: string }>((tie) => {
    const e = tie('expr');
    const envLookup = fc.oneof(
      envName.map((k) => `os.environ[${k}]`),
      fc.tuple(envName, e).map(([k, d]) => `os.environ.get(${k}, ${d})`),
      envName.map((k) => `os.environ.get(${k})`),
      fc.tuple(envName, e).map(([k, d]) => `os.getenv(${k}, ${d})`),
      fc.tuple(fc.constantFrom('', '.bool', '.str', '.int', '.list', '.tuple', '.dict', '.url', '.db', '.cache', '.float'), envName, e).map(([m, k, d]) => `env${m}(${k}, default=${d})`),
      fc.tuple(fc.constantFrom('.bool', '.str', '.int', '.list'), envName, e).map(([m, k, d]) => `env${m}(${k}, ${d})`),
      fc.tuple(envName, e, fc.constantFrom('bool', 'int', 'str', 'Csv()', 'float', 'lambda v: v')).map(([k, d, c]) => `config(${k}, default=${d}, cast=${c})`),
      fc.tuple(e, fc.boolean()).map(([d, ssl]) => `dj_database_url.config(default=${d}${ssl ? ', ssl_require=True' : ''})`),
    );
    const call = fc.oneof(
      fc.tuple(fc.constantFrom('bool', 'int', 'str', 'list', 'tuple', 'set', 'dict', 'len', 'float', 'sorted', 'repr', 'strtobool', 'helper', 'Path', 'globals', 'undefined_fn'), fc.array(e, { maxLength: 2 }))
        .map(([f, args]) => `${f}(${args.join(', ')})`),
      fc.tuple(e, fc.constantFrom('.lower()', '.upper()', '.strip()', '.split(",")', '.split()', '.startswith("x")', '.replace("a", "b")', '.format(1)', '.get("k")', '.get("k", 1)', '.keys()', '.items()', '.copy()', '.encode()', '.resolve().parent', ' / "static"', '.join(["a", "b"])'))
        .map(([x, m]) => `(${x})${m}`),
    );
    const container = fc.oneof(
      fc.array(e, { maxLength: 4 }).map((xs) => `[${xs.join(', ')}]`),
      fc.array(e, { maxLength: 3 }).map((xs) => `(${xs.join(', ')}${xs.length === 1 ? ',' : ''})`),
      fc.array(e, { minLength: 1, maxLength: 3 }).map((xs) => `{${xs.join(', ')}}`),
      fc.array(fc.tuple(fc.oneof(pyString, e), e), { maxLength: 3 }).map((kv) => `{${kv.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
      fc.tuple(e, e).map(([a, b]) => `[*${a}, ${b}]`),
      fc.tuple(e, e).map(([a, b]) => `{**${a}, "k": ${b}}`),
    );
    const operator = fc.oneof(
      fc.tuple(e, fc.constantFrom('+', '-', '*', '/', '//', '%', '**', '<<', '>>', '&', '|', '^', 'and', 'or', '==', '!=', '<', '>=', 'in', 'not in', 'is', 'is not'), e).map(([a, op, b]) => `${a} ${op} ${b}`),
      fc.tuple(fc.constantFrom('not ', '-', '+', '~'), e).map(([op, a]) => `${op}${a}`),
      fc.tuple(e, e, e).map(([a, c, b]) => `${a} if ${c} else ${b}`),
      fc.tuple(e, e).map(([a, i]) => `${a}[${i}]`),
      fc.tuple(e, fc.constantFrom('[1:]', '[:-1]', '[::2]', '[0]', '[-1]', '["default"]', '["default"]["PASSWORD"]')).map(([a, s]) => `${a}${s}`),
      e.map((a) => `f"{${a}}-x"`),
      e.map((a) => `[v for v in ${a} if v]`),
      e.map((a) => `lambda: ${a}`),
      e.map((a) => `(${a})`),
    );
    return {
      expr: fc.oneof({ depthSize: 'small', withCrossShrink: true }, literal, name, envLookup, call, container, operator),
    };
  });
  return expr;
}

/** A module: imports, then statements, some nested in branches, loops, try and with blocks. */
export function settingsModule(options: ModuleOptions): fc.Arbitrary<string> {
  const expr = expressions();
  const sibling = fc.constantFrom(...options.siblings, 'missing');
  const simple = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(name, expr).map(([n, e]) => `${n} = ${e}`) },
    fc.tuple(name, fc.constantFrom('bool', 'int', 'list[str]', 'str | None'), expr).map(([n, t, e]) => `${n}: ${t} = ${e}`),
    fc.tuple(name, name, expr).map(([a, b, e]) => `${a} = ${b} = ${e}`),
    fc.tuple(name, name, expr).map(([a, b, e]) => `${a}, ${b} = ${e}`),
    fc.tuple(name, fc.constantFrom('+=', '-=', '|=', '*='), expr).map(([n, op, e]) => `${n} ${op} ${e}`),
    fc.tuple(name, pyString, expr).map(([n, k, e]) => `${n}[${k}] = ${e}`),
    fc.tuple(name, expr).map(([n, e]) => `${n}["default"]["OPTIONS"] = ${e}`),
    fc.tuple(name, fc.constantFrom('append', 'extend', 'insert', 'remove', 'update', 'add', 'setdefault', 'pop', 'clear'), expr).map(([n, m, e]) => (m === 'insert' ? `${n}.insert(0, ${e})` : `${n}.${m}(${e})`)),
    name.map((n) => `del ${n}`),
    fc.tuple(envName, expr).map(([k, e]) => `os.environ.setdefault(${k}, ${e})`),
    fc.tuple(envName, expr).map(([k, e]) => `os.environ[${k}] = ${e}`),
    sibling.map((m) => `from .${m} import *`),
    sibling.map((m) => `from .${m} import DEBUG, SECRET_KEY as KEY`),
    fc.constantFrom(
      'import os', 'import environ', 'env = environ.Env(DEBUG=(bool, False))', 'from decouple import config, Csv', 'import dj_database_url',
      'from pathlib import Path', 'BASE_DIR = Path(__file__).resolve().parent.parent', 'from split_settings.tools import include, optional',
      'include("components/*.py", optional("local.py"))', 'include("missing.py")', 'globals().update({"DEBUG": True})', 'globals()["DEBUG"] = True',
      'exec("DEBUG = True")', 'setattr(sys.modules[__name__], "DEBUG", True)', 'pass', '# a comment', '', 'from . import local', 'import settings.base',
      'from distutils.util import strtobool', 'from environs import Env', 'env = Env()', 'env.read_env()', 'environ.Env.read_env()',
    ),
    fc.constantFrom(...STRAY),
  );
  const { block } = fc.letrec<{ block: string[] }>((tie) => {
    const body = tie('block').map((lines) => (lines.length > 0 ? lines : ['pass']).map((l) => `    ${l}`));
    const compound = fc.oneof(
      fc.tuple(expr, body, fc.option(body, { nil: undefined })).map(([c, b, e]) => [`if ${c}:`, ...b, ...(e ? ['else:', ...e] : [])]),
      fc.tuple(expr, body, expr, body).map(([c1, b1, c2, b2]) => [`if ${c1}:`, ...b1, `elif ${c2}:`, ...b2]),
      fc.tuple(body, fc.constantFrom('ImportError', 'KeyError', 'Exception', '(ImportError, KeyError)', 'ModuleNotFoundError'), body).map(([b, exc, h]) => ['try:', ...b, `except ${exc}:`, ...h]),
      fc.tuple(body, body).map(([b, f]) => ['try:', ...b, 'finally:', ...f]),
      fc.tuple(expr, body).map(([e, b]) => [`for item in ${e}:`, ...b]),
      fc.tuple(expr, body).map(([e, b]) => [`while ${e}:`, ...b]),
      fc.tuple(expr, body).map(([e, b]) => [`with ${e} as f:`, ...b]),
      fc.tuple(expr, body).map(([e, b]) => [`def helper(name, default=${e}):`, ...b]),
      expr.map((e) => ['def helper(name, default=False):', `    return os.environ.get(name, str(default)).lower() in ("1", "true") or ${e}`]),
      body.map((b) => ['class Settings:', ...b]),
    );
    return {
      block: fc.array(fc.oneof({ depthSize: 'small' }, { weight: 4, arbitrary: simple.map((s) => [s]) }, compound), { maxLength: 6 }).map((parts) => parts.flat()),
    };
  });
  return fc
    .tuple(fc.array(block, { minLength: 1, maxLength: 4 }), fc.constantFrom('\n', '\n', '\r\n'))
    .map(([blocks, eol]) => ['import os', ...blocks.flat()].join(eol) + eol);
}
