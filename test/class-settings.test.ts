// Class-based settings: django-configurations' Values as the library reads them, the class
// namespace through bases and mix-ins, the class that deploys, classes loaded into a module, and a
// hardened django-configurations project that must lint clean.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { discover } from '../src/project/discover.js';
import { lintFiles } from '../src/lint/lint.js';
import { printSettings } from '../src/report/print-settings.js';
import { getParser } from '../src/model/parse.js';
import { classEntrySettings } from '../src/model/class-settings.js';
import { asClass } from '../src/model/classes.js';
import { djangoDefault } from '../src/rule-kit/django-defaults.js';
import { chooseEntryClasses } from '../src/project/class-roles.js';
import { configurationDefaults } from '../src/project/configuration-evidence.js';
import { evaluateModule, summarize } from './support/model.js';
import { lintFolder, repoRoot } from './support/lint.js';

const HEADER = 'import os\nfrom configurations import Configuration, values\n';

/** The settings class `name` deploys, as a map of summarized values. */
async function classSettings(body: string, name = 'Prod', env: Record<string, string> = {}) {
  const module = await evaluateModule(HEADER + body, env);
  const cls = asClass(module.ns.get(name));
  if (!cls) throw new Error(`no class ${name}`);
  const { settings, entry } = classEntrySettings(module, name, cls, new Map(Object.entries(env)), (n) => djangoDefault(n) !== undefined);
  return { get: (setting: string) => summarize(settings.ns.get(setting)), settings, entry };
}

describe('django-configurations Values', () => {
  const table: [string, string, Record<string, string>, string][] = [
    // [attribute expression, setting name, deployed env, expected]
    ['values.BooleanValue(True)', 'DEBUG', {}, 'env[DJANGO_DEBUG] True'],
    ['values.BooleanValue(False)', 'DEBUG', { DJANGO_DEBUG: ' Yes ' }, 'env[DJANGO_DEBUG=] True'],
    ['values.BooleanValue(True)', 'DEBUG', { DJANGO_DEBUG: '' }, 'env[DJANGO_DEBUG=] False'],
    ['values.BooleanValue(False)', 'DEBUG', { DJANGO_DEBUG: 'on' }, 'unknown'], // not in its table: ValueError
    ['values.BooleanValue(None)', 'DEBUG', {}, 'unknown'], // the default must be a bool: ValueError
    ['values.BooleanValue(True, environ_prefix="MYAPP_")', 'DEBUG', { MYAPP_DEBUG: 'false' }, 'env[MYAPP_DEBUG=] False'],
    ['values.BooleanValue(True, environ_name="VERBOSE")', 'DEBUG', { DJANGO_VERBOSE: 'no' }, 'env[DJANGO_VERBOSE=] False'],
    ['values.BooleanValue(True, environ_prefix=None)', 'DEBUG', { DEBUG: '0' }, 'env[DEBUG=] False'],
    ['values.BooleanValue(True, environ=False)', 'DEBUG', { DJANGO_DEBUG: '0' }, 'known True'],
    ['values.IntegerValue(0)', 'SECURE_HSTS_SECONDS', { DJANGO_SECURE_HSTS_SECONDS: ' 3_600 ' }, 'env[DJANGO_SECURE_HSTS_SECONDS=] 3600'],
    ['values.IntegerValue(0)', 'SECURE_HSTS_SECONDS', { DJANGO_SECURE_HSTS_SECONDS: 'year' }, 'unknown'],
    ['values.ListValue(["a.example.com"])', 'ALLOWED_HOSTS', {}, "env[DJANGO_ALLOWED_HOSTS] ['a.example.com']"],
    ['values.ListValue()', 'ALLOWED_HOSTS', { DJANGO_ALLOWED_HOSTS: ' a.com, ,b.com ' }, "env[DJANGO_ALLOWED_HOSTS=] ['a.com', 'b.com']"],
    ['values.ListValue(separator=";")', 'ALLOWED_HOSTS', { DJANGO_ALLOWED_HOSTS: 'a.com;b.com' }, "env[DJANGO_ALLOWED_HOSTS=] ['a.com', 'b.com']"],
    ['values.TupleValue(["x"])', 'ADMINS', {}, "env[DJANGO_ADMINS] ('x',)"],
    ['values.DictValue()', 'LOGGING', {}, 'env[DJANGO_LOGGING] {}'],
    ['values.DictValue()', 'LOGGING', { DJANGO_LOGGING: "{'version': 1}" }, 'unknown'],
    ['values.SecretValue()', 'SECRET_KEY', {}, 'unknown'],
    ['values.SecretValue()', 'SECRET_KEY', { DJANGO_SECRET_KEY: 'k' }, "env[DJANGO_SECRET_KEY=] 'k'"],
    ['values.SecretValue()', 'SECRET_KEY', { DJANGO_SECRET_KEY: '' }, 'unknown'], // empty: ValueError
    ['values.SecretValue("literal")', 'SECRET_KEY', {}, 'unknown'], // a default: ValueError
    ['values.Value("dev-key")', 'SECRET_KEY', {}, "env[DJANGO_SECRET_KEY] 'dev-key'"],
    ['values.Value("x", environ_required=True)', 'SECRET_KEY', {}, 'unknown'],
    ['values.DatabaseURLValue()', 'DATABASES', {}, 'env[DATABASE_URL] {}'],
    [
      'values.DatabaseURLValue("postgres://u:p@db:5432/app")',
      'DATABASES',
      {},
      "env[DATABASE_URL] {'default': {'NAME': 'app', 'USER': 'u', 'PASSWORD': 'p', 'HOST': 'db', 'PORT': '5432', 'ENGINE': 'django.db.backends.postgresql'}}",
    ],
    ['values.DatabaseURLValue(alias="main")', 'DATABASES', { DATABASE_URL: 'sqlite:///db.sqlite3' }, "env[DATABASE_URL=] {'main': {'NAME': 'db.sqlite3', 'USER': '', 'PASSWORD': '', 'HOST': '', 'PORT': '', 'ENGINE': 'django.db.backends.sqlite3'}}"],
    ['values.CacheURLValue(environ_name="REDIS_URL")', 'CACHES', { REDIS_URL: 'rediss://cache:6379/0' }, "env[REDIS_URL=] {'default': {'BACKEND': 'django_redis.cache.RedisCache', 'LOCATION': 'rediss://cache:6379/0'}}"],
    ['values.CacheURLValue("redis://:pw@Cache")', 'CACHES', {}, "env[CACHE_URL] {'default': {'BACKEND': 'django_redis.cache.RedisCache', 'LOCATION': 'redis://cache:6379/0', 'OPTIONS': {'PASSWORD': 'pw'}}}"],
    ['values.CacheURLValue("redis://cache?lib=redis-cache")', 'CACHES', {}, 'unknown'],
    ['values.FooValue(1)', 'X', {}, 'unknown'],
  ];
  it.each(table)('%s as %s with %j → %s', async (expr, name, env, expected) => {
    const { get } = await classSettings(`class Prod(Configuration):\n    ${name} = ${expr}\n`, 'Prod', env);
    expect(get(name)).toBe(expected);
  });

  it('EmailURLValue also sets each parsed field as a setting', async () => {
    const { get } = await classSettings('class Prod(Configuration):\n    EMAIL = values.EmailURLValue("smtp://u:pw@mail.example.com:25")\n');
    expect(get('EMAIL_HOST')).toBe("env[EMAIL_URL] 'mail.example.com'");
    expect(get('EMAIL_HOST_PASSWORD')).toBe("env[EMAIL_URL] 'pw'");
    expect(get('EMAIL_USE_TLS')).toBe('env[EMAIL_URL] False');
    // dj-email-url: smtps and submission mean TLS; ?ssl=true means SSL instead.
    const submission = await classSettings('class Prod(Configuration):\n    EMAIL = values.EmailURLValue()\n', 'Prod', { EMAIL_URL: 'submission://u:pw@mail.example.com' });
    expect([submission.get('EMAIL_USE_TLS'), submission.get('EMAIL_PORT')]).toEqual(['env[EMAIL_URL=] True', 'env[EMAIL_URL=] 587']);
    const ssl = await classSettings('class Prod(Configuration):\n    EMAIL = values.EmailURLValue()\n', 'Prod', { EMAIL_URL: 'smtps://mail.example.com:465?ssl=True' });
    expect([ssl.get('EMAIL_USE_TLS'), ssl.get('EMAIL_USE_SSL')]).toEqual(['env[EMAIL_URL=] False', 'env[EMAIL_URL=] True']);
  });

  it('a Value that names its variable is read when the class body runs, with the prefix', async () => {
    const module = await evaluateModule(`${HEADER}HOSTS = values.ListValue(["a"], environ_name="HOSTS")\n`, { DJANGO_HOSTS: 'b,c' });
    expect(summarize(module.ns.get('HOSTS'))).toBe("env[DJANGO_HOSTS=] ['b', 'c']");
  });

  it('a Value reads the variable of the attribute it is bound to', async () => {
    const { get } = await classSettings('class Prod(Configuration):\n    DEBUG = values.BooleanValue(True)\n    TEMPLATE_DEBUG = DEBUG\n', 'Prod', { DJANGO_DEBUG: 'false' });
    expect(get('DEBUG')).toBe('env[DJANGO_DEBUG=] False');
    expect(get('TEMPLATE_DEBUG')).toBe('env[DJANGO_TEMPLATE_DEBUG] True');
  });
});

describe('settings classes', () => {
  it('inherits through bases and mix-ins; the first base that sets a name wins', async () => {
    const { get, entry } = await classSettings(
      `class Cookies:
    SESSION_COOKIE_SECURE = False
class Common(Configuration):
    SESSION_COOKIE_SECURE = True
    ALLOWED_HOSTS = ["a.com"]
class Prod(Cookies, Common):
    pass
class Live(Common, Cookies):
    pass
`,
    );
    expect(get('SESSION_COOKIE_SECURE')).toBe('known False');
    expect(get('ALLOWED_HOSTS')).toBe("known ['a.com']");
    expect(entry.chain).toEqual(['Prod', 'Cookies', 'Common', 'Configuration']);
    const live = await classSettings('class Cookies:\n    SESSION_COOKIE_SECURE = False\nclass Common(Configuration):\n    SESSION_COOKIE_SECURE = True\nclass Live(Common, Cookies):\n    pass\n', 'Live');
    expect(live.get('SESSION_COOKIE_SECURE')).toBe('known True');
  });

  it("a Configuration subclass listed first brings Django's defaults over later bases (ConfigurationBase copies global_settings)", async () => {
    const { get } = await classSettings(
      'class Extra(Configuration):\n    X_EXTRA = 1\nclass Common(Configuration):\n    SESSION_COOKIE_SECURE = True\n    CUSTOM = 2\nclass Prod(Extra, Common):\n    pass\n',
    );
    expect(get('SESSION_COOKIE_SECURE')).toBe('undefined'); // Django's default (False) applies
    expect(get('CUSTOM')).toBe('known 2'); // not a Django setting: Common's
  });

  it("the class's settings replace the module's; a Django setting it leaves alone is Django's default", async () => {
    const { get } = await classSettings('SECRET_KEY = "module-level"\nOTHER = 1\nclass Prod(Configuration):\n    DEBUG = False\n');
    expect(get('SECRET_KEY')).toBe('undefined');
    expect(get('OTHER')).toBe('known 1');
    expect(get('DEBUG')).toBe('known False');
  });

  it('@property, uppercase methods and what setup() assigns are unknown; Base.NAME reads the base', async () => {
    const { get, settings } = await classSettings(
      `class Common(Configuration):
    INSTALLED_APPS = ["a"]
class Prod(Common):
    INSTALLED_APPS = Common.INSTALLED_APPS + ["b"]
    @property
    def ALLOWED_HOSTS(self):
        return ["*"]
    def CACHES(self):
        return {}
    @classmethod
    def post_setup(cls):
        super().post_setup()
        cls.DEBUG = True
`,
    );
    expect(get('INSTALLED_APPS')).toBe("known ['a', 'b']");
    expect(get('ALLOWED_HOSTS')).toBe('unknown');
    expect(get('CACHES')).toBe('unknown');
    expect(get('DEBUG')).toBe('unknown');
    expect(settings.poisoned).toBe(false);
  });

  it('a class body in a branch the default world skips records no library call', async () => {
    const body = 'import boto3\nclass Prod(Configuration):\n    S3 = boto3.client("s3", aws_secret_access_key="k")\n';
    const skipped = await evaluateModule(`${HEADER}if os.environ.get("USE_S3"):\n${body.replace(/^/gm, '    ')}`);
    expect(skipped.libraryCalls).toEqual([]);
    const taken = await evaluateModule(HEADER + body);
    expect(taken.libraryCalls.map((c) => c.callee)).toEqual(['boto3.client']);
  });

  it('a base that is not read makes the settings the class does not set unknown', async () => {
    const { settings } = await classSettings('from somewhere import Shared\nclass Prod(Shared, Configuration):\n    DEBUG = False\n');
    expect(settings.poisoned).toBe(true);
  });

  it('classes loaded into the module: load_settings(__name__) through the bases, vars(Cls) its own attributes', async () => {
    const body = 'class Base:\n    DEBUG = False\nclass Prod(Base):\n    ALLOWED_HOSTS = ["*"]\n';
    const loaded = await evaluateModule(`${body}Prod.load_settings(__name__)\n`);
    expect(summarize(loaded.ns.get('DEBUG'))).toBe('known False');
    expect(summarize(loaded.ns.get('ALLOWED_HOSTS'))).toBe("known ['*']");
    expect(loaded.assignedAt.get('ALLOWED_HOSTS')?.line).toBe(4);
    const own = await evaluateModule(`${body}globals().update(vars(Prod))\n`);
    expect(summarize(own.ns.get('ALLOWED_HOSTS'))).toBe("known ['*']");
    expect(own.ns.has('DEBUG')).toBe(false);
    expect(own.poisoned).toBe(false);
    const loop = await evaluateModule(`${body}for name, value in vars(Prod).items():\n    if name.isupper():\n        globals()[name] = value\n`);
    expect(summarize(loop.ns.get('ALLOWED_HOSTS'))).toBe("known ['*']");
    const unread = await evaluateModule('from somewhere import Settings\nDEBUG = False\nclass Prod(Settings):\n    X = 1\nProd.load_settings(__name__)\n');
    // A dynamic write taints what came before (issue 13): the earlier value or whatever the class sets.
    expect(summarize(unread.ns.get('DEBUG'))).toBe('oneOf(known False | unknown)');
    expect(unread.notes.map((n) => n.message)).toEqual([
      'the settings of class Prod are loaded here, and Prod derives from somewhere.Settings, which is not read: the setting set before it (DEBUG) may be replaced, and every unset setting is unknown: none is judged as final',
    ]);
    const other = await evaluateModule(`${body}for name, value in vars(Prod).items():\n    print(name)\n    ALLOWED_HOSTS = value\n`);
    expect(summarize(other.ns.get('ALLOWED_HOSTS'))).toBe('unknown');
  });
});

describe('hostile class hierarchies', () => {
  it('a lattice of 300 classes, each deriving from the two before it, is modelled in bounded time', async () => {
    const lines = ['class C0(Configuration):\n    DEBUG = True', 'class C1(C0):\n    X1 = 1'];
    for (let i = 2; i < 300; i++) lines.push(`class C${i}(C${i - 1}, C${i - 2}):\n    X${i} = ${i}`);
    const started = Date.now();
    const { settings } = await classSettings(`${lines.join('\n')}\n`, 'C299');
    expect(Date.now() - started).toBeLessThan(5000);
    // Past 200 classes in its order, a class's bases are not followed: what they set is unknown.
    expect(settings.poisoned).toBe(true);
    expect(summarize(settings.ns.get('X299'))).toBe('known 299');
    const shallow = await classSettings(`${lines.slice(0, 40).join('\n')}\n`, 'C39');
    expect(shallow.get('DEBUG')).toBe('known True');
    expect(shallow.entry.chain).toHaveLength(41);
  });

  it('classes nested 150 deep, and a class deriving from a non-class, are walked without crashing', async () => {
    let source = '';
    for (let i = 0; i < 150; i++) source += `${'    '.repeat(i)}class N${i}:\n`;
    source += `${'    '.repeat(150)}X = 1\nPLAIN = 1\nclass Odd(PLAIN, Configuration):\n    DEBUG = True\n`;
    const module = await evaluateModule(HEADER + source);
    expect(summarize(module.ns.get('PLAIN'))).toBe('known 1');
    const odd = asClass(module.ns.get('Odd'))!;
    expect(odd.unknownBase).toBe('a base of Odd is not known');
  });

  it('bases that cannot be ordered (TypeError in Python) leave the settings unknown', async () => {
    const { settings } = await classSettings('class A(Configuration):\n    pass\nclass B(A):\n    pass\nclass Prod(A, B):\n    DEBUG = True\n');
    expect(settings.poisoned).toBe(true);
  });
});

describe('discovery and roles', () => {
  it('finds settings classes in modules not named settings, and makes the modules their classes derive from bases', async () => {
    const root = join(repoRoot, 'fixtures', 'rules', 'DJS502', 'configurations-split');
    const rel = (p: string) => p.slice(root.length + 1).split('\\').join('/');
    expect(discover([root], repoRoot).candidates.map(rel).sort()).toEqual(['api/config/common.py', 'api/config/local.py', 'api/config/production.py']);
    const result = await lintFolder(root, rules);
    expect(result.entries).toEqual(['fixtures/rules/DJS502/configurations-split/api/config/production.py']);
    expect(result.skipped.map((s) => s.file)).toEqual(['fixtures/rules/DJS502/configurations-split/api/config/local.py']);
  });
});

describe('findings on settings classes', () => {
  it('a value is reported at the line of the class that wrote it, and a missing setting at the class the chain starts from, once for every deployed class', async () => {
    const result = await lintFolder(join(repoRoot, 'fixtures', 'rules', 'DJS201', 'configurations-base-class'), rules);
    const at = (code: string) => result.findings.filter((f) => f.code === code).map((f) => `${f.line}:${f.column}`);
    expect(at('DJS201')).toEqual(['14:18']); // Base's literal, inherited by Production and Staging
    expect(at('DJS404')).toEqual(['11:1']); // MIDDLEWARE is not set: `class Base(Configuration):`
  });
});

describe('which class deploys', () => {
  const classes = [
    { name: 'Common', ancestors: [] },
    { name: 'Dev', ancestors: ['Common'] },
    { name: 'Test', ancestors: ['Common'] },
    { name: 'Staging', ancestors: ['Common'] },
    { name: 'Prod', ancestors: ['Staging', 'Common'] },
  ];
  const names = (roles: { entries: { name: string }[] }) => roles.entries.map((e) => e.name);
  it('without evidence: production names and leaves that are not development', () => {
    const roles = chooseEntryClasses(classes, { server: [], manage: [] });
    expect(names(roles)).toEqual(['Staging', 'Prod']);
    expect(roles.skipped.map((s) => s.name)).toEqual(['Dev', 'Test']);
    expect(names(chooseEntryClasses([{ name: 'Base', ancestors: [] }, { name: 'LocalSettings', ancestors: ['Base'] }], { server: [], manage: [] }))).toEqual(['Base']);
  });
  it('evidence first: --env, then wsgi.py/asgi.py, then manage.py; a development class named by evidence is not taken', () => {
    expect(names(chooseEntryClasses(classes, { deployed: 'Staging', server: ['Prod'], manage: [] }))).toEqual(['Staging']);
    expect(names(chooseEntryClasses(classes, { server: ['Prod'], manage: ['Dev'] }))).toEqual(['Prod']);
    expect(names(chooseEntryClasses(classes, { server: ['Dev'], manage: ['Staging'] }))).toEqual(['Staging']);
    expect(names(chooseEntryClasses(classes, { server: ['Dev'], manage: ['Dev'] }))).toEqual(['Staging', 'Prod']);
  });
  it('reads DJANGO_CONFIGURATION defaults as text', () => {
    const wsgi = join(repoRoot, 'fixtures', 'hardened-configurations', 'newsroom', 'wsgi.py');
    expect(configurationDefaults(wsgi)).toEqual(['Production']);
    expect(configurationDefaults(join(repoRoot, 'fixtures', 'hardened-configurations', 'manage.py'))).toEqual(['Development']);
    expect(configurationDefaults(join(repoRoot, 'fixtures', 'no-such-file.py'))).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'djsec-wsgi-'));
    try {
      writeFileSync(join(dir, 'wsgi.py'), 'import os\n# os.environ.setdefault("DJANGO_CONFIGURATION", "Dev")\nif os.name:\n    os.environ.setdefault(\'DJANGO_CONFIGURATION\', \'Live\')  # live\n');
      expect(configurationDefaults(join(dir, 'wsgi.py'))).toEqual(['Live']);
      mkdirSync(join(dir, 'folder.py'));
      expect(configurationDefaults(join(dir, 'folder.py'))).toEqual([]); // a folder, not a file
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('hardened django-configurations project', () => {
  const root = join(repoRoot, 'fixtures', 'hardened-configurations');
  const settingsFile = join(root, 'newsroom', 'settings.py');
  const loud = (findings: { level: string; code: string; file: string; line: number; message: string }[]) =>
    findings.filter((f) => f.level !== 'note').map((f) => `${f.code} ${f.file}:${f.line} ${f.message}`);

  async function lintEdited(search: string, replacement: string, env?: Map<string, string>) {
    const text = readFileSync(settingsFile, 'utf8');
    expect(text).toContain(search);
    const parser = await getParser();
    return lintFiles(discover([root], repoRoot).candidates, parser, { cwd: repoRoot, rules, deployed: env, overrides: new Map([[settingsFile, text.replace(search, replacement)]]) });
  }

  it('is judged as its Production class, with no error or warning and nothing "not set"', async () => {
    const result = await lintFolder(root, rules);
    expect(result.errors).toEqual([]);
    expect(result.entries).toEqual(['fixtures/hardened-configurations/newsroom/settings.py']);
    expect(result.skipped.map((s) => s.file)).toEqual(['fixtures/hardened-configurations/newsroom/settings.py (class Development)']);
    expect(loud(result.findings)).toEqual([]);
    expect(result.findings.filter((f) => /not set/.test(f.message))).toEqual([]);
  });

  it('canaries: weakening a mix-in line or a Value default makes its rule fire at that line', async () => {
    const redirect = await lintEdited('SECURE_SSL_REDIRECT = True', 'SECURE_SSL_REDIRECT = False');
    expect(redirect.findings.filter((f) => f.code === 'DJS302').map((f) => f.line)).toEqual([91]);
    const debug = await lintEdited('DEBUG = values.BooleanValue(False)', 'DEBUG = values.BooleanValue(True)');
    const found = debug.findings.filter((f) => f.code === 'DJS101');
    expect(found.map((f) => f.line)).toEqual([13]);
    expect(found[0].message).toContain('DJANGO_DEBUG');
  });

  it('--print-settings shows the class chain and the variable each Value reads', async () => {
    const text = printSettings(await lintFolder(root, rules));
    expect(text).toContain('# fixtures/hardened-configurations/newsroom/settings.py (class Production → HttpsOnlyMixin → Common → Configuration)');
    expect(text).toMatch(/^DEBUG +env DJANGO_DEBUG, default False {2}fixtures\/hardened-configurations\/newsroom\/settings.py:13$/m);
    expect(text).toMatch(/^SECRET_KEY +unknown: environment variable DJANGO_SECRET_KEY must be set/m);
  });

  it('as deployed: DJANGO_DEBUG is cast as BooleanValue does; DJANGO_CONFIGURATION picks the class', async () => {
    const deployedDebug = await lintEdited('STATIC_URL', 'STATIC_URL', new Map([['DJANGO_DEBUG', 'yes']]));
    expect(deployedDebug.findings.filter((f) => f.code === 'DJS101').map((f) => f.line)).toEqual([13]);
    const development = await lintEdited('STATIC_URL', 'STATIC_URL', new Map([['DJANGO_CONFIGURATION', 'Development']]));
    expect(development.findings.filter((f) => f.code === 'DJS101').map((f) => f.line)).toEqual([81]);
  });
});
