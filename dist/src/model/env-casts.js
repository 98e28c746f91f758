import { known } from './values.js';
const DJANGO_ENVIRON_TRUE = new Set(['true', 'on', 'ok', 'y', 'yes', '1']);
const DECOUPLE_BOOLEANS = {
    '1': true, yes: true, true: true, on: true, y: true, t: true,
    '0': false, no: false, false: false, off: false, n: false, f: false, '': false,
};
const MARSHMALLOW_TRUE = new Set(['t', 'true', 'on', 'y', 'yes', '1']);
const MARSHMALLOW_FALSE = new Set(['f', 'false', 'off', 'n', 'no', '0']);
const STRTOBOOL_TRUE = new Set(['y', 'yes', 't', 'true', 'on', '1']);
const STRTOBOOL_FALSE = new Set(['n', 'no', 'f', 'false', 'off', '0']);
export function pythonInt(s) {
    const t = s.trim().replace(/_/g, '');
    if (!/^[+-]?\d+$/.test(t))
        return undefined;
    if (t.length > 4301)
        return undefined; // Python's int() refuses more than 4300 digits
    return BigInt(t);
}
export function pythonFloat(s) {
    const t = s.trim().toLowerCase();
    if (/^[+-]?(inf|infinity)$/.test(t))
        return t.startsWith('-') ? -Infinity : Infinity;
    if (/^[+-]?nan$/.test(t))
        return NaN;
    if (!/^[+-]?(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(e[+-]?\d+)?$/.test(t))
        return undefined;
    return Number(t.replace(/_/g, ''));
}
/** django-environ's Env.parse_value(value, bool). */
export function djangoEnvironBool(s) {
    const asInt = pythonInt(s);
    if (asInt !== undefined)
        return asInt !== 0n;
    return DJANGO_ENVIRON_TRUE.has(s.toLowerCase().trim());
}
/** python-decouple's cast=bool: raises ValueError on anything outside its table. */
export function decoupleBool(py) {
    if (typeof py === 'boolean')
        return py;
    const text = typeof py === 'string' ? py : typeof py === 'bigint' ? py.toString() : py === null ? 'None' : undefined;
    if (text === undefined)
        return undefined;
    return DECOUPLE_BOOLEANS[text.toLowerCase()];
}
/** environs/marshmallow Boolean field. */
export function marshmallowBool(s) {
    const t = s.toLowerCase();
    if (MARSHMALLOW_TRUE.has(t))
        return true;
    if (MARSHMALLOW_FALSE.has(t))
        return false;
    return undefined;
}
/** distutils.util.strtobool: 1 or 0, ValueError otherwise. */
export function strtobool(s) {
    const t = s.toLowerCase();
    if (STRTOBOOL_TRUE.has(t))
        return 1n;
    if (STRTOBOOL_FALSE.has(t))
        return 0n;
    return undefined;
}
/**
 * decouple's Csv(): shlex splits on any of the delimiter characters (a run of them separates once),
 * then each item is stripped, so a blank item stays as '' (' ' is ['']). shlex's quotes, escapes and
 * '#' comments are not modelled: undefined.
 */
export function decoupleCsv(s, delimiter = ',') {
    if (/['"\\#]/.test(s))
        return undefined;
    const items = [];
    let current = '';
    for (const ch of s) {
        if (!delimiter.includes(ch))
            current += ch;
        else if (current !== '') {
            items.push(current);
            current = '';
        }
    }
    if (current !== '')
        items.push(current);
    return items.map((x) => x.replace(/^[ \t\n\r\v\f]+|[ \t\n\r\v\f]+$/g, ''));
}
/** django-environ's list cast: split on ',' and drop empty items. */
export function djangoEnvironList(s) {
    return s.split(',').filter((x) => x.length > 0);
}
const DB_ENGINES = {
    postgres: 'django.db.backends.postgresql',
    postgresql: 'django.db.backends.postgresql',
    pgsql: 'django.db.backends.postgresql',
    psql: 'django.db.backends.postgresql',
    postgis: 'django.contrib.gis.db.backends.postgis',
    mysql: 'django.db.backends.mysql',
    mysql2: 'django.db.backends.mysql',
    mysqlgis: 'django.contrib.gis.db.backends.mysql',
    oracle: 'django.db.backends.oracle',
    sqlite: 'django.db.backends.sqlite3',
    spatialite: 'django.contrib.gis.db.backends.spatialite',
};
/** Parses scheme://user:pass@host:port/path?query without the WHATWG quirks of `new URL`. */
export function parseUrl(url) {
    const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?/.exec(url);
    if (!m)
        return undefined;
    const [, scheme, authority, path, query] = m;
    const at = authority.lastIndexOf('@');
    const userinfo = at >= 0 ? authority.slice(0, at) : '';
    const hostport = at >= 0 ? authority.slice(at + 1) : authority;
    const colon = userinfo.indexOf(':');
    const user = colon >= 0 ? userinfo.slice(0, colon) : userinfo;
    const password = colon >= 0 ? userinfo.slice(colon + 1) : '';
    const hp = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(hostport);
    const params = new Map();
    for (const part of (query ?? '').split('&')) {
        if (!part)
            continue;
        const eq = part.indexOf('=');
        params.set(safeDecode(eq >= 0 ? part.slice(0, eq) : part), safeDecode(eq >= 0 ? part.slice(eq + 1) : ''));
    }
    return {
        scheme: scheme.toLowerCase(),
        user: safeDecode(user),
        password: safeDecode(password),
        host: safeDecode(hp ? hp[1] : hostport),
        port: hp?.[2] ?? '',
        path: safeDecode(path),
        query: params,
    };
}
function safeDecode(s) {
    try {
        return decodeURIComponent(s);
    }
    catch {
        return s;
    }
}
/** A database URL as Django's DATABASES entry (dj-database-url / django-environ db_url). */
export function dbUrlToDict(url) {
    const p = parseUrl(url);
    if (!p)
        return url === 'sqlite://:memory:' ? dict({ ENGINE: DB_ENGINES.sqlite, NAME: ':memory:' }) : undefined;
    const engine = DB_ENGINES[p.scheme];
    if (!engine)
        return undefined;
    const name = p.scheme.startsWith('sqlite') || p.scheme === 'spatialite' ? p.path.replace(/^\//, '') || ':memory:' : p.path.replace(/^\//, '');
    const options = {};
    for (const [k, v] of p.query)
        options[k] = v;
    const fields = {
        NAME: name,
        USER: p.user,
        PASSWORD: p.password,
        HOST: p.host,
        PORT: p.port,
        ENGINE: engine,
    };
    if (Object.keys(options).length > 0)
        fields.OPTIONS = dict(options);
    return dict(fields);
}
/** A cache URL as a CACHES entry (django-environ cache_url): keeps LOCATION as written. */
export function cacheUrlToDict(url) {
    const p = parseUrl(url);
    if (!p)
        return undefined;
    const backends = {
        redis: 'django_redis.cache.RedisCache',
        rediss: 'django_redis.cache.RedisCache',
        memcache: 'django.core.cache.backends.memcached.PyMemcacheCache',
        pymemcache: 'django.core.cache.backends.memcached.PyMemcacheCache',
        locmem: 'django.core.cache.backends.locmem.LocMemCache',
        dummy: 'django.core.cache.backends.dummy.DummyCache',
        filecache: 'django.core.cache.backends.filebased.FileBasedCache',
        dbcache: 'django.core.cache.backends.db.DatabaseCache',
    };
    const backend = backends[p.scheme];
    if (!backend)
        return undefined;
    return dict({ BACKEND: backend, LOCATION: p.scheme.startsWith('redis') ? url : `${p.host}${p.port ? ':' + p.port : ''}` });
}
/** An email URL (smtp://user:pass@host:port) as EMAIL_* settings. */
export function emailUrlToDict(url) {
    const p = parseUrl(url);
    if (!p)
        return undefined;
    return dict({
        EMAIL_HOST: p.host,
        EMAIL_HOST_USER: p.user,
        EMAIL_HOST_PASSWORD: p.password,
        EMAIL_PORT: p.port ? BigInt(p.port) : null,
        EMAIL_USE_TLS: p.scheme === 'smtp+tls' || p.query.get('tls') === 'True',
        EMAIL_USE_SSL: p.scheme === 'smtps' || p.scheme === 'smtp+ssl' || p.query.get('ssl') === 'True',
    });
}
function dict(fields) {
    return {
        t: 'dict',
        entries: Object.entries(fields).map(([k, v]) => ({ key: known(k), value: known(v) })),
    };
}
