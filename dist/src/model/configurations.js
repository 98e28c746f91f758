import { envLookup } from './scope.js';
import { mapConcrete } from './lift.js';
import { dbUrlToDict, parseUrl, pythonFloat, pythonInt } from './env-casts.js';
import { derived, isConcrete, known, pyRepr, unknown } from './values.js';
const VALUES_MODULE = /^configurations\.values\.([A-Za-z]+)$/;
const BOOLEAN_TRUE = ['yes', 'y', 'true', '1'];
const BOOLEAN_FALSE = ['no', 'n', 'false', '0', ''];
const SEQUENCES = { ListValue: 'list', BackendsValue: 'list', TupleValue: 'tuple', SetValue: 'set' };
/** The URL values: their variable (no prefix) and parser; their result is {alias: parsed} except email's. */
const URL_VALUES = {
    DatabaseURLValue: { environName: 'DATABASE_URL', parse: dbUrlToDict, alias: true },
    CacheURLValue: { environName: 'CACHE_URL', parse: djangoCacheUrl, alias: true },
    EmailURLValue: { environName: 'EMAIL_URL', parse: djEmailUrl, alias: false },
};
const CACHE_BACKENDS = {
    db: 'django.core.cache.backends.db.DatabaseCache',
    dummy: 'django.core.cache.backends.dummy.DummyCache',
    file: 'django.core.cache.backends.filebased.FileBasedCache',
    locmem: 'django.core.cache.backends.locmem.LocMemCache',
    memcached: 'django.core.cache.backends.memcached.PyLibMCCache',
    pymemcached: 'django.core.cache.backends.memcached.MemcachedCache',
    redis: 'django_redis.cache.RedisCache',
    rediss: 'django_redis.cache.RedisCache',
    hiredis: 'django_redis.cache.RedisCache',
};
/**
 * django-cache-url's parse() (what CacheURLValue casts with), for its common backends: a Redis
 * URL becomes LOCATION scheme://host:port/db, its password OPTIONS.PASSWORD; query options
 * (lib=, ...) are not modelled.
 */
function djangoCacheUrl(url) {
    const p = parseUrl(url);
    const backend = p && CACHE_BACKENDS[p.scheme];
    if (!p || !backend || p.query.size > 0)
        return undefined;
    const fields = [{ key: known('BACKEND'), value: known(backend) }];
    if (!['redis', 'rediss', 'hiredis'].includes(p.scheme)) {
        if (p.host === '')
            return undefined; // socket paths: not modelled
        fields.push({ key: known('LOCATION'), value: known(`${p.host}${p.port ? `:${p.port}` : ''}`) });
        return { t: 'dict', entries: fields };
    }
    if (p.host === '')
        return undefined;
    const scheme = p.scheme === 'rediss' ? 'rediss' : 'redis';
    fields.push({ key: known('LOCATION'), value: known(`${scheme}://${p.host.toLowerCase()}:${p.port || '6379'}/${p.path.slice(1) || '0'}`) });
    if (p.password !== '')
        fields.push({ key: known('OPTIONS'), value: known({ t: 'dict', entries: [{ key: known('PASSWORD'), value: known(p.password) }] }) });
    return { t: 'dict', entries: fields };
}
const EMAIL_SCHEMES = ['smtp', 'submission', 'submit', 'smtps'];
const EMAIL_BACKENDS = { console: 'console', file: 'filebased', memory: 'locmem', dummy: 'dummy' };
const TRUTHY = new Set(['1', 'y', 'Y', 'yes', 'Yes', 'YES', 't', 'T', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
/** dj-email-url's parse() (what EmailURLValue casts with): smtps and submission use TLS, ?ssl=/?tls= override. */
function djEmailUrl(url) {
    const p = parseUrl(url);
    if (!p)
        return undefined;
    const port = p.port === '' ? null : BigInt(p.port);
    let tls = p.scheme === 'smtps' || p.scheme === 'submission' || p.scheme === 'submit';
    let ssl = false;
    const flag = (name) => p.query.get(name);
    if (flag('ssl')) {
        if (TRUTHY.has(flag('ssl')))
            [ssl, tls] = [true, false];
    }
    else if (flag('tls') && TRUTHY.has(flag('tls'))) {
        [ssl, tls] = [false, true];
    }
    const fields = [
        ['EMAIL_FILE_PATH', p.path.slice(1)],
        ['EMAIL_HOST_USER', p.user === '' ? null : p.user],
        ['EMAIL_HOST_PASSWORD', p.password === '' ? null : p.password],
        ['EMAIL_HOST', p.host === '' ? (p.scheme === 'smtp' ? 'localhost' : null) : p.host.toLowerCase()],
        ['EMAIL_PORT', port ?? (p.scheme === 'smtp' ? 25n : p.scheme === 'submission' || p.scheme === 'submit' ? 587n : null)],
        ['EMAIL_USE_SSL', ssl],
        ['EMAIL_USE_TLS', tls],
    ];
    const backend = EMAIL_SCHEMES.includes(p.scheme) ? 'smtp' : EMAIL_BACKENDS[p.scheme];
    if (backend)
        fields.push(['EMAIL_BACKEND', `django.core.mail.backends.${backend}.EmailBackend`]);
    return { t: 'dict', entries: fields.map(([k, v]) => ({ key: known(k), value: known(v) })) };
}
/** Values whose to_python returns the string itself (validators aside). */
const PLAIN = new Set(['Value', 'EmailValue', 'URLValue', 'IPValue', 'RegexValue']);
const MODELLED = new Set([...PLAIN, 'BooleanValue', 'IntegerValue', 'PositiveIntegerValue', 'FloatValue', 'DictValue', 'SecretValue', ...Object.keys(SEQUENCES), ...Object.keys(URL_VALUES)]);
/** True for a qualified name inside `configurations.values`. */
export function isConfigurationsValue(qname) {
    return VALUES_MODULE.test(qname);
}
/**
 * `values.XValue(default, environ=, environ_name=, environ_prefix=, environ_required=)`: the Value
 * object, or (as Value.__new__ does) its result right away when it names its variable and is not
 * late-binding (the URL values are).
 */
export function callConfigurationsValue(qname, args, session, origin) {
    const cls = VALUES_MODULE.exec(qname)?.[1] ?? '';
    if (!MODELLED.has(cls))
        return unknown(`values.${cls}() is not modelled`, origin);
    if (args.opaque)
        return unknown(`values.${cls}() with unexpanded *args/**kwargs`, origin);
    const get = (index, name) => args.positional[index] ?? args.keywords.get(name);
    const text = (v) => (v && isConcrete(v) && (typeof v.py === 'string' || v.py === null) ? v.py : undefined);
    const flag = (v, dflt) => (v === undefined ? dflt : isConcrete(v) && typeof v.py === 'boolean' ? v.py : undefined);
    const url = URL_VALUES[cls];
    const environ = cls === 'SecretValue' ? true : flag(get(1, 'environ'), true);
    const required = cls === 'SecretValue' ? true : flag(get(4, 'environ_required'), false);
    const nameArg = get(2, 'environ_name');
    const prefixArg = get(3, 'environ_prefix');
    const environName = nameArg === undefined ? (url?.environName ?? null) : text(nameArg);
    const prefixRaw = prefixArg === undefined ? (url ? null : 'DJANGO') : text(prefixArg);
    if (environ === undefined || required === undefined || environName === undefined || prefixRaw === undefined) {
        return unknown(`values.${cls}() with arguments not modelled`, origin);
    }
    const prefix = prefixRaw && prefixRaw.endsWith('_') ? prefixRaw.slice(0, -1) : prefixRaw;
    const options = new Map(args.keywords);
    const dflt = initialDefault(cls, get(0, 'default') ?? known(null, origin), options, origin);
    if (dflt.kind === 'unknown')
        return dflt;
    const value = { t: 'config-value', cls, default: dflt, environ, environName: environName ?? undefined, prefix: prefix || null, required, options };
    const lateArg = options.get('late_binding');
    const late = url !== undefined || (lateArg !== undefined && isConcrete(lateArg) && lateArg.py === true);
    if (!late && ((environ && environName) || (!environ && isConcrete(dflt) && dflt.py !== null && dflt.py !== false && dflt.py !== ''))) {
        return setUpValue(value, environName ?? '', session, origin).value;
    }
    return known(value, origin);
}
/** What each Value's __init__ makes of its default (and refuses: BooleanValue(None), SecretValue("x")). */
function initialDefault(cls, dflt, options, origin) {
    if (!isConcrete(dflt))
        return dflt.kind === 'unknown' ? dflt : unknown(`values.${cls}() default not modelled`, origin);
    const py = dflt.py;
    if (cls === 'BooleanValue' && typeof py !== 'boolean')
        return unknown(`values.BooleanValue(${pyRepr(py)}) raises ValueError: the default must be True or False`, origin);
    if (cls === 'SecretValue' && py !== null)
        return unknown('values.SecretValue() with a default raises ValueError: secrets are only read from the environment', origin);
    const sequence = SEQUENCES[cls];
    if (sequence) {
        if (options.has('converter'))
            return unknown(`values.${cls}() with a converter is not modelled`, origin);
        if (py === null)
            return known({ t: sequence, items: [] }, dflt.origin ?? origin);
        if (typeof py === 'object' && (py.t === 'list' || py.t === 'tuple' || py.t === 'set'))
            return { ...dflt, py: { t: sequence, items: py.items } };
        return unknown(`values.${cls}() default not modelled`, origin);
    }
    if (cls === 'DictValue') {
        if (py === null)
            return known({ t: 'dict', entries: [] }, dflt.origin ?? origin);
        return typeof py === 'object' && py.t === 'dict' ? dflt : unknown('values.DictValue() default not modelled', origin);
    }
    const url = URL_VALUES[cls];
    if (url) {
        if (py === null)
            return known({ t: 'dict', entries: [] }, dflt.origin ?? origin);
        return mapConcrete(dflt, (c) => parseUrlValue(cls, c, options, origin));
    }
    return dflt;
}
/** The URL values' to_python: the parsed URL, as {alias: parsed} for the database and cache. */
function parseUrlValue(cls, c, options, origin) {
    const url = URL_VALUES[cls];
    if (typeof c.py !== 'string')
        return unknown(`values.${cls}() of a non-string`, origin);
    const parsed = url.parse(c.py);
    if (parsed === undefined || typeof parsed !== 'object' || parsed === null || parsed.t !== 'dict')
        return unknown(`values.${cls}() cannot parse this URL`, origin);
    const sslRequire = options.get('ssl_require');
    if (cls === 'DatabaseURLValue' && sslRequire && isConcrete(sslRequire) && sslRequire.py === true) {
        parsed.entries.push({ key: known('OPTIONS'), value: known({ t: 'dict', entries: [{ key: known('sslmode'), value: known('require') }] }) });
    }
    // Each parsed field points at the URL, and depends on its variable as the URL does.
    const located = { t: 'dict', entries: parsed.entries.map((e) => ({ key: e.key, value: isConcrete(e.value) ? derived(e.value.py, [c], c.origin ?? origin) : e.value })) };
    if (!url.alias)
        return derived(located, [c], c.origin ?? origin);
    const aliasValue = options.get('alias');
    const alias = aliasValue && isConcrete(aliasValue) && typeof aliasValue.py === 'string' ? aliasValue.py : 'default';
    return derived({ t: 'dict', entries: [{ key: known(alias), value: derived(located, [c], c.origin ?? origin) }] }, [c], c.origin ?? origin);
}
/** The variable a Value reads for the attribute `name` (Value.full_environ_name). */
export function environName(value, name) {
    const base = value.environName ?? name.toUpperCase();
    return value.prefix ? `${value.prefix}_${base}` : base;
}
/**
 * Value.setup(name): the variable's string cast by to_python when it is set (as deployed, or by
 * the settings' own os.environ writes), else the default; a required variable with no value is
 * unknown (it must be set), and a cast that raises is unknown.
 */
export function setUpValue(value, name, session, origin) {
    const extra = new Map();
    let result;
    if (!value.environ) {
        result = value.default;
    }
    else {
        const variable = environName(value, name);
        const set = session.deployed.has(variable) || session.envWrites.has(variable);
        if (set) {
            const raw = envLookup(session, variable, undefined, origin, true);
            result = mapConcrete(raw, (c) => (typeof c.py === 'string' ? toPython(value, c, variable, origin) : unknown(`${variable} is set to a value not modelled as a string`, origin)));
        }
        else if (value.required) {
            result = { kind: 'unknown', reason: `environment variable ${variable} must be set (values.${value.cls})`, origin, requiredEnv: variable };
        }
        else {
            result = envLookup(session, variable, value.default, origin, false);
        }
    }
    if (value.cls === 'EmailURLValue' && isConcrete(result) && typeof result.py === 'object' && result.py !== null && result.py.t === 'dict') {
        // Each field depends on EMAIL_URL as the whole does.
        for (const e of result.py.entries) {
            if (isConcrete(e.key) && typeof e.key.py === 'string')
                extra.set(e.key.py, isConcrete(e.value) ? derived(e.value.py, [e.value, result], e.value.origin ?? origin) : e.value);
        }
    }
    return { value: result, extra };
}
/** The Value's to_python of the variable's string. */
function toPython(value, c, variable, origin) {
    const s = c.py;
    const fail = (why) => unknown(`values.${value.cls} raises ValueError for ${variable}: ${why}`, origin);
    const out = (py) => derived(py, [c], origin);
    const sequence = SEQUENCES[value.cls];
    if (sequence) {
        const sepValue = value.options.get('separator');
        const separator = sepValue === undefined ? ',' : isConcrete(sepValue) && typeof sepValue.py === 'string' && sepValue.py !== '' ? sepValue.py : undefined;
        if (separator === undefined)
            return unknown('values sequence with a separator not modelled', origin);
        const items = s.trim().split(separator).map((p) => p.trim()).filter((p) => p !== '');
        return out({ t: sequence, items: items.map((p) => derived(p, [c], origin)) });
    }
    if (URL_VALUES[value.cls])
        return parseUrlValue(value.cls, c, value.options, origin);
    switch (value.cls) {
        case 'BooleanValue': {
            const t = s.trim().toLowerCase();
            if (BOOLEAN_TRUE.includes(t))
                return out(true);
            return BOOLEAN_FALSE.includes(t) ? out(false) : fail(`cannot interpret ${pyRepr(s)} as a boolean`);
        }
        case 'IntegerValue':
        case 'PositiveIntegerValue': {
            const n = pythonInt(s);
            if (n === undefined || (value.cls === 'PositiveIntegerValue' && n < 0n))
                return fail(`cannot interpret ${pyRepr(s)}`);
            return out(n);
        }
        case 'FloatValue': {
            const f = pythonFloat(s);
            return f === undefined ? fail(`cannot interpret ${pyRepr(s)}`) : out(f);
        }
        case 'DictValue':
            // to_python runs ast.literal_eval: only the empty string (→ {}) is modelled.
            return s === '' ? out({ t: 'dict', entries: [] }) : unknown(`values.DictValue parses ${variable} with ast.literal_eval (not modelled)`, origin);
        case 'SecretValue':
            return s === '' ? fail('the secret is empty') : out(s);
        default:
            return PLAIN.has(value.cls) ? { ...c, origin } : unknown(`values.${value.cls} not modelled`, origin);
    }
}
