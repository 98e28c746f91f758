import { envLookup, envPresence } from './scope.js';
import { getAttribute, iterate, lift, mapConcrete } from './lift.js';
import { capString, dictGet, joinPath, parentPath } from './operators.js';
import { cacheUrlToDict, dbUrlToDict, decoupleBool, decoupleCsv, djangoEnvironBool, djangoEnvironList, emailUrlToDict, marshmallowBool, pythonFloat, pythonInt, strtobool, } from './env-casts.js';
import { callConfigurationsValue, isConfigurationsValue } from './configurations.js';
import { MAX_ITEMS, derived, isConcrete, known, pyRepr, pyStr, pyTruthy, typeName, unknown } from './values.js';
const NOTSET = Symbol('NOTSET');
/** Positional-or-keyword argument `index`/`name`, or NOTSET. */
function arg(args, index, name) {
    if (index >= 0 && index < args.positional.length)
        return args.positional[index];
    return args.keywords.get(name) ?? NOTSET;
}
function str(v) {
    return v !== NOTSET && isConcrete(v) && typeof v.py === 'string' ? v.py : undefined;
}
export function callBuiltin(qname, args, scope, origin) {
    const name = normaliseQname(qname);
    const [a0] = args.positional;
    switch (name) {
        case 'builtins.bool':
            return a0 ? lift([a0], origin, (x) => pyTruthy(x)) : known(false, origin);
        case 'builtins.str':
            return a0 ? lift([a0], origin, (x) => pyStr(x)) : known('', origin);
        case 'builtins.int':
            return a0 ? lift([a0], origin, (x) => toInt(x)) : known(0n, origin);
        case 'builtins.float':
            return a0 ? lift([a0], origin, (x) => toFloat(x)) : known(0, origin);
        case 'builtins.list':
        case 'builtins.tuple':
        case 'builtins.set':
        case 'builtins.frozenset': {
            const t = name === 'builtins.list' ? 'list' : name === 'builtins.tuple' ? 'tuple' : 'set';
            if (!a0)
                return known({ t, items: [] }, origin);
            return lift([a0], origin, () => {
                const items = iterate(a0);
                return items ? { t, items } : undefined;
            });
        }
        case 'builtins.dict': {
            let out = { t: 'dict', entries: [] };
            if (a0) {
                if (!isConcrete(a0) || typeof a0.py !== 'object' || a0.py === null || a0.py.t !== 'dict')
                    return unknown('dict() of a non-dict', origin);
                out = a0.py;
            }
            for (const [k, v] of args.keywords)
                out = { t: 'dict', entries: [...out.entries.filter((e) => !(isConcrete(e.key) && e.key.py === k)), { key: known(k), value: v }] };
            return known(out, origin);
        }
        case 'builtins.len':
            return a0 ? lift([a0], origin, (x) => length(x)) : unknown('len()', origin);
        case 'builtins.globals':
        case 'builtins.locals':
        case 'builtins.vars':
            return known({ t: 'ref', qname: '<globals>' }, origin);
        case 'os.getenv':
        case 'os.environ.get':
        case 'os.environ.setdefault': {
            const key = str(arg(args, 0, 'key'));
            const dflt = arg(args, 1, 'default');
            if (key === undefined)
                return unknown('environment variable with a computed name', origin);
            if (name === 'os.environ.setdefault') {
                if (!scope.session.deployed.has(key) && !scope.session.envWrites.has(key) && dflt !== NOTSET)
                    scope.session.envWrites.set(key, dflt);
                const after = envLookup(scope.session, key, dflt === NOTSET ? undefined : dflt, origin, true);
                scope.onEnvWrite?.({ name: key, value: after, how: 'setdefault', origin });
                return after;
            }
            return envLookup(scope.session, key, dflt === NOTSET ? known(null, origin) : dflt, origin, true);
        }
        case 'os.environ.__contains__': {
            const key = str(arg(args, 0, 'key'));
            return key === undefined ? unknown('environment variable with a computed name', origin) : envPresence(scope.session, key, origin);
        }
        case 'os.environ.keys':
            // Only ever asked for membership (`K in os.environ.keys()`): the same as os.environ.
            return known({ t: 'ref', qname: 'os.environ' }, origin);
        case 'builtins.getattr': {
            // getattr(obj, "X"[, default]) is obj.X: a module's attribute, an object's method.
            const attr = str(arg(args, 1, 'name'));
            if (!a0 || attr === undefined)
                return unknown('getattr() with a computed name', origin);
            // With a default, a module the model has not read may lack the attribute: unknown.
            if (args.positional.length > 2 && isConcrete(a0) && typeof a0.py === 'object' && a0.py !== null && a0.py.t === 'ref') {
                return unknown(`getattr() on ${a0.py.qname}, which the model does not read`, origin);
            }
            return lift([a0], origin, (o) => getAttribute(o, attr, a0));
        }
        case 'copy.copy':
        case 'copy.deepcopy':
            // A copy has the copied value (the model's values are never changed in place).
            return a0 ?? unknown('copy()', origin);
        case 'builtins.any':
        case 'builtins.all': {
            if (!a0)
                return unknown(`${name}()`, origin);
            const items = iterate(a0);
            if (!items)
                return unknown(`${name}() of something not enumerable`, origin);
            return lift([a0, ...items], origin, (_it, ...pys) => {
                const truths = pys.map(pyTruthy);
                if (truths.some((t) => t === undefined))
                    return undefined;
                return name === 'builtins.any' ? truths.some(Boolean) : truths.every(Boolean);
            });
        }
        case 'os.path.join': {
            return lift(args.positional, origin, (...parts) => (parts.every((p) => typeof p === 'string' || isPath(p)) ? parts.map(pathText).reduce(joinPath) : undefined));
        }
        case 'os.path.dirname':
            return a0 ? lift([a0], origin, (p) => (typeof p === 'string' || isPath(p) ? parentPathStr(pathText(p)) : undefined)) : unknown('dirname()', origin);
        case 'os.path.basename':
            return a0 ? lift([a0], origin, (p) => (typeof p === 'string' ? p.split('/').pop() ?? '' : undefined)) : unknown('basename()', origin);
        case 'os.path.abspath':
        case 'os.path.realpath':
        case 'os.path.normpath':
        case 'os.path.expanduser':
            return a0 ? lift([a0], origin, (p) => (typeof p === 'string' || isPath(p) ? pathText(p) : undefined)) : unknown('path()', origin);
        case 'os.path.exists':
        case 'os.path.isfile':
        case 'os.path.isdir':
            return unknown('depends on the file system at run time', origin);
        case 'pathlib.Path':
        case 'pathlib.PurePath':
        case 'pathlib.PosixPath':
            return lift(args.positional, origin, (...parts) => parts.every((p) => typeof p === 'string' || isPath(p)) ? { t: 'path', v: parts.length ? parts.map(pathText).reduce(joinPath) : '.' } : undefined);
        case 'distutils.util.strtobool':
        case 'str2bool.str2bool':
            return a0 ? lift([a0], origin, (s) => (typeof s === 'string' ? strtobool(s) : undefined)) : unknown('strtobool()', origin);
        case 'environ.Env':
        case 'environ.FileAwareEnv':
            return known(makeObj('django-environ.Env', args), origin);
        case 'environs.Env':
            return known(makeObj('environs.Env', args), origin);
        case 'decouple.Csv':
            return known(makeObj('decouple.Csv', args), origin);
        case 'decouple.AutoConfig':
        case 'decouple.Config':
            return known(makeObj('decouple.Config', args), origin);
        case 'decouple.config':
            return decoupleConfig(args, scope, origin);
        case 'dj_database_url.config':
            return djDatabaseUrlConfig(args, scope, origin);
        case 'dj_database_url.parse':
            return a0 ? lift([a0], origin, (u) => (typeof u === 'string' ? dbUrlToDict(u) : undefined)) : unknown('parse()', origin);
        default: {
            if (isConfigurationsValue(name))
                return callConfigurationsValue(name, args, scope.session, origin);
            const result = unknown(`call to ${qname}()`, origin);
            // Not run, but AWS SDK calls keep their arguments for rules (DJS210 boto3-inline-credentials).
            if (!name.startsWith('boto3.'))
                return result;
            const call = { callee: name, positional: args.positional, keywords: args.keywords, origin };
            scope.onLibraryCall?.(call);
            return { ...result, call };
        }
    }
}
/** `from os import environ` binds os.environ; django-environ is imported as `environ`. */
function normaliseQname(qname) {
    return qname
        .replace(/^environ\.environ\./, 'environ.')
        .replace(/^decouple\.decouple\./, 'decouple.')
        .replace(/^setuptools\._distutils\.util\./, 'distutils.util.')
        .replace(/^os\.path\.os\./, 'os.');
}
function makeObj(cls, args) {
    return { t: 'obj', cls, fields: new Map(args.keywords) };
}
function isPath(p) {
    return typeof p === 'object' && p !== null && p.t === 'path';
}
function pathText(p) {
    return typeof p === 'string' ? p : isPath(p) ? p.v : '';
}
function parentPathStr(p) {
    const parent = parentPath(p);
    return parent === '.' ? '' : parent;
}
function toInt(x) {
    if (typeof x === 'boolean')
        return x ? 1n : 0n;
    if (typeof x === 'bigint')
        return x;
    if (typeof x === 'number')
        return Number.isFinite(x) ? BigInt(Math.trunc(x)) : undefined;
    if (typeof x === 'string')
        return pythonInt(x);
    return undefined;
}
function toFloat(x) {
    if (typeof x === 'boolean')
        return x ? 1 : 0;
    if (typeof x === 'bigint' || typeof x === 'number')
        return Number(x);
    if (typeof x === 'string')
        return pythonFloat(x);
    return undefined;
}
function length(x) {
    if (typeof x === 'string')
        return BigInt([...x].length);
    if (typeof x !== 'object' || x === null)
        return undefined;
    if (x.t === 'list' || x.t === 'tuple' || x.t === 'set')
        return BigInt(x.items.length);
    if (x.t === 'dict')
        return BigInt(x.entries.length);
    if (x.t === 'bytes')
        return BigInt(x.v.length);
    return undefined;
}
// ---- methods ----
export function callMethod(self, method, args, scope, origin) {
    if (isConcrete(self) && typeof self.py === 'object' && self.py !== null && self.py.t === 'obj') {
        return callLibraryMethod(self.py, method, args, scope, origin);
    }
    if (isConcrete(self) && typeof self.py === 'object' && self.py !== null && self.py.t === 'ref') {
        return callBuiltin(`${self.py.qname}.${method}`, args, scope, origin);
    }
    const all = [self, ...args.positional];
    if (args.keywords.size > 0 && !['split', 'rsplit', 'get', 'resolve', 'absolute'].includes(method)) {
        return unknown(`.${method}() with keyword arguments`, origin);
    }
    const sep = args.keywords.get('sep');
    const maxsplit = args.keywords.get('maxsplit');
    return lift([...all, ...(sep ? [sep] : []), ...(maxsplit ? [maxsplit] : [])], origin, (target, ...rest) => {
        const positional = rest.slice(0, args.positional.length);
        if (sep)
            positional[0] = rest[args.positional.length];
        if (maxsplit)
            positional[1] = rest[rest.length - 1];
        if (typeof target === 'string')
            return stringMethod(target, method, positional, self);
        if (typeof target === 'object' && target !== null) {
            if (target.t === 'dict' && method === 'get') {
                const found = dictGet(target, positional[0] ?? null);
                if (found === undefined)
                    return undefined;
                return found === 'missing' ? (args.positional[1] ?? args.keywords.get('default') ?? known(null)) : found;
            }
            if (target.t === 'dict' && method === 'copy')
                return target;
            if ((target.t === 'list' || target.t === 'set') && method === 'copy')
                return target;
            if (target.t === 'dict' && (method === 'keys' || method === 'values' || method === 'items')) {
                const items = method === 'keys' ? target.entries.map((e) => e.key) : method === 'values' ? target.entries.map((e) => e.value) : target.entries.map((e) => known({ t: 'tuple', items: [e.key, e.value] }));
                return { t: 'list', items };
            }
            if (target.t === 'path')
                return pathMethod(target.v, method, positional);
            if (target.t === 'bytes' && method === 'decode')
                return target.v;
        }
        return undefined;
    });
}
function stringMethod(s, method, args, self) {
    const a0 = args[0];
    switch (method) {
        case 'lower':
        case 'casefold':
            return s.toLowerCase();
        case 'upper':
            return s.toUpperCase();
        case 'strip':
        case 'lstrip':
        case 'rstrip': {
            const chars = a0 === undefined || a0 === null ? ' \t\n\r\x0b\x0c' : typeof a0 === 'string' ? a0 : undefined;
            if (chars === undefined)
                return undefined;
            let start = 0;
            let end = s.length;
            if (method !== 'rstrip')
                while (start < end && chars.includes(s[start]))
                    start++;
            if (method !== 'lstrip')
                while (end > start && chars.includes(s[end - 1]))
                    end--;
            return s.slice(start, end);
        }
        case 'split':
        case 'rsplit': {
            const limit = args[1] === undefined ? -1 : typeof args[1] === 'bigint' ? Number(args[1]) : undefined;
            if (limit === undefined || (limit !== -1 && method === 'rsplit'))
                return undefined;
            let parts;
            if (a0 === undefined || a0 === null) {
                parts = s.split(/[ \t\n\r\v\f]+/).filter((p) => p.length > 0);
                if (limit >= 0 && parts.length > limit + 1)
                    return undefined;
            }
            else if (typeof a0 === 'string' && a0.length > 0) {
                parts = s.split(a0);
                if (limit >= 0 && parts.length > limit + 1)
                    parts = [...parts.slice(0, limit), parts.slice(limit).join(a0)];
            }
            else {
                return undefined;
            }
            if (parts.length > MAX_ITEMS)
                return unknown('sequence too large');
            return { t: 'list', items: parts.map((p) => (isConcrete(self) ? derived(p, [self], self.origin) : known(p))) };
        }
        case 'startswith':
        case 'endswith': {
            const test = (p) => (method === 'startswith' ? s.startsWith(p) : s.endsWith(p));
            if (typeof a0 === 'string')
                return test(a0);
            if (typeof a0 === 'object' && a0 !== null && a0.t === 'tuple') {
                const options = a0.items.map((i) => (isConcrete(i) && typeof i.py === 'string' ? i.py : undefined));
                if (options.some((o) => o === undefined))
                    return undefined;
                return options.some((o) => test(o));
            }
            return undefined;
        }
        case 'replace':
            return typeof a0 === 'string' && typeof args[1] === 'string' && a0.length > 0 ? capString(s.split(a0).join(args[1])) : undefined;
        case 'join': {
            if (typeof a0 !== 'object' || a0 === null || !(a0.t === 'list' || a0.t === 'tuple'))
                return undefined;
            const parts = a0.items.map((i) => (isConcrete(i) && typeof i.py === 'string' ? i.py : undefined));
            return parts.some((p) => p === undefined) ? undefined : capString(parts.join(s));
        }
        case 'format': {
            let i = 0;
            let failed = false;
            const out = s.replace(/\{\{|\}\}|\{(\d*)\}/g, (m, index) => {
                if (m === '{{')
                    return '{';
                if (m === '}}')
                    return '}';
                const value = args[index === '' ? i++ : Number(index)];
                const text = value === undefined ? undefined : pyStr(value);
                if (text === undefined)
                    failed = true;
                return text ?? '';
            });
            return failed || /\{[^}]*\}/.test(out.replace(/\{\{|\}\}/g, '')) && /\{[^0-9}]/.test(s) ? undefined : capString(out);
        }
        case 'title':
            return s.replace(/\w\S*/g, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase());
        case 'capitalize':
            return s.length ? s[0].toUpperCase() + s.slice(1).toLowerCase() : s;
        case 'isdigit':
        case 'isnumeric':
        case 'isdecimal':
            return s.length > 0 && /^[0-9]+$/.test(s);
        case 'encode':
            return { t: 'bytes', v: s };
        default:
            return undefined;
    }
}
function pathMethod(p, method, args) {
    switch (method) {
        case 'resolve':
        case 'absolute':
        case 'expanduser':
            return { t: 'path', v: p };
        case 'joinpath':
            return args.every((a) => typeof a === 'string') ? { t: 'path', v: args.reduce(joinPath, p) } : undefined;
        case 'as_posix':
        case '__str__':
            return p;
        default:
            return undefined;
    }
}
// ---- environment libraries ----
function callLibraryMethod(obj, method, args, scope, origin) {
    switch (obj.cls) {
        case 'django-environ.Env':
            return djangoEnviron(obj, method, args, scope, origin);
        case 'environs.Env':
            return environs(method, args, scope, origin);
        case 'decouple.Config':
            return method === '__call__' ? decoupleConfig(args, scope, origin) : unknown(`decouple config.${method}()`, origin);
        case 'decouple.Csv':
            if (method !== '__call__')
                return unknown(`Csv.${method}()`, origin);
            return args.positional[0] ? applyCsv(obj, args.positional[0], scope, origin) : unknown('Csv()', origin);
    }
}
const DJANGO_ENVIRON_METHODS = {
    __call__: { cast: 'none', castArg: true },
    str: { cast: 'str' },
    bool: { cast: 'bool' },
    int: { cast: 'int' },
    float: { cast: 'float' },
    json: { cast: 'json' },
    list: { cast: 'list', castArg: true },
    tuple: { cast: 'tuple', castArg: true },
    dict: { cast: 'dict', castArg: true },
    url: { cast: 'url' },
    path: { cast: 'path' },
    db_url: { cast: 'db', defaultVar: 'DATABASE_URL' },
    db: { cast: 'db', defaultVar: 'DATABASE_URL' },
    cache_url: { cast: 'cache', defaultVar: 'CACHE_URL' },
    cache: { cast: 'cache', defaultVar: 'CACHE_URL' },
    email_url: { cast: 'email', defaultVar: 'EMAIL_URL' },
    email: { cast: 'email', defaultVar: 'EMAIL_URL' },
    search_url: { cast: 'url', defaultVar: 'SEARCH_URL' },
};
/** django-environ: Env.get_value — the default is returned as written (not cast) unless parse_default. */
function djangoEnviron(obj, method, args, scope, origin) {
    if (method === 'read_env' || method === 'read_env_file')
        return known(null, origin);
    const spec = DJANGO_ENVIRON_METHODS[method];
    if (!spec)
        return unknown(`env.${method}()`, origin);
    const varArg = arg(args, 0, 'var');
    const name = varArg === NOTSET ? spec.defaultVar : str(varArg);
    if (name === undefined)
        return unknown('environment variable with a computed name', origin);
    let cast = spec.cast;
    let dflt;
    if (spec.castArg && method === '__call__') {
        const castArg = arg(args, 1, 'cast');
        if (castArg !== NOTSET)
            cast = castFromValue(castArg) ?? 'json';
        dflt = arg(args, 2, 'default');
    }
    else if (spec.castArg) {
        dflt = arg(args, 2, 'default');
    }
    else {
        dflt = arg(args, 1, 'default');
    }
    const scheme = obj.fields.get(name);
    if (scheme && isConcrete(scheme) && typeof scheme.py === 'object' && scheme.py !== null && scheme.py.t === 'tuple') {
        const [schemeCast, schemeDefault] = scheme.py.items;
        if (cast === 'none' && schemeCast)
            cast = castFromValue(schemeCast) ?? 'json';
        if (dflt === NOTSET && schemeDefault)
            dflt = schemeDefault;
    }
    else if (scheme && cast === 'none') {
        cast = castFromValue(scheme) ?? 'json';
    }
    const parseDefault = args.keywords.get('parse_default');
    const urlCast = cast === 'db' || cast === 'cache' || cast === 'email';
    // Set as deployed (--env) or by the settings themselves (os.environ.setdefault, os.environ[K] = ...):
    // django-environ then parses the string with the cast.
    scope.session.touched?.add(name);
    const written = scope.session.envWrites.get(name);
    const writtenText = written !== undefined && isConcrete(written) && typeof written.py === 'string' ? written.py : undefined;
    if (written !== undefined && writtenText === undefined)
        return unknown(`${name} is set by the settings to a value not modelled as a string`, origin);
    const deployed = writtenText ?? scope.session.deployed.get(name);
    if (deployed !== undefined) {
        let effectiveCast = cast;
        if (effectiveCast === 'none' && dflt !== NOTSET && isConcrete(dflt) && dflt.py !== null)
            effectiveCast = smartCast(dflt.py);
        const rawEqualsDefault = dflt !== NOTSET && isConcrete(dflt) && dflt.py === deployed;
        const looked = envLookup(scope.session, name, undefined, origin, effectiveCast === 'none' || effectiveCast === 'str');
        // get_value: an empty variable whose default is None reads as None (and is not parsed).
        if (deployed === '' && dflt !== NOTSET && isConcrete(dflt) && dflt.py === null)
            return mapConcrete(looked, (c) => ({ ...c, py: null, rawString: undefined }));
        return rawEqualsDefault && !urlCast ? looked : castValue(looked, effectiveCast, 'django-environ', origin);
    }
    // smart_cast: with no cast, a non-None default's type casts the variable (default=False → bool).
    const castByDefault = cast === 'none' && dflt !== NOTSET && isConcrete(dflt) && dflt.py !== null && typeof dflt.py !== 'string';
    const looked = envLookup(scope.session, name, dflt === NOTSET ? undefined : dflt, origin, (cast === 'none' && !castByDefault) || cast === 'str');
    const parse = urlCast || (parseDefault !== undefined && isConcrete(parseDefault) && pyTruthy(parseDefault.py) === true);
    return parse ? castValue(looked, cast, 'django-environ', origin) : looked;
}
function castFromValue(v) {
    if (!isConcrete(v) || typeof v.py !== 'object' || v.py === null || v.py.t !== 'ref')
        return undefined;
    const map = { 'builtins.bool': 'bool', 'builtins.int': 'int', 'builtins.float': 'float', 'builtins.str': 'str', 'builtins.list': 'list', 'builtins.tuple': 'tuple', 'builtins.dict': 'dict' };
    return map[v.py.qname];
}
function smartCast(py) {
    if (typeof py === 'boolean')
        return 'bool';
    if (typeof py === 'bigint')
        return 'int';
    if (typeof py === 'number')
        return 'float';
    if (typeof py === 'object' && py !== null && (py.t === 'list' || py.t === 'tuple' || py.t === 'dict'))
        return py.t;
    return 'str';
}
const ENVIRONS_METHODS = {
    __call__: 'str', str: 'str', bool: 'bool', int: 'int', float: 'float', list: 'list', tuple: 'tuple', dict: 'dict', json: 'json',
    url: 'url', path: 'path', dj_db_url: 'db', dj_cache_url: 'cache', dj_email_url: 'email',
};
/** environs: env("K", default) — here the second positional argument is the default. */
function environs(method, args, scope, origin) {
    if (method === 'read_env')
        return known(null, origin);
    const cast = ENVIRONS_METHODS[method];
    if (!cast)
        return unknown(`env.${method}()`, origin);
    const name = str(arg(args, 0, 'name'));
    if (name === undefined)
        return unknown('environment variable with a computed name', origin);
    const dflt = arg(args, 1, 'default');
    const looked = envLookup(scope.session, name, dflt === NOTSET ? undefined : dflt, origin, cast === 'str');
    const urlCast = cast === 'db' || cast === 'cache' || cast === 'email';
    if (!scope.session.deployed.has(name) && !scope.session.envWrites.has(name) && !urlCast)
        return looked;
    return castValue(looked, cast, 'environs', origin);
}
/** python-decouple: config(option, default=, cast=) — the default is cast too. */
function decoupleConfig(args, scope, origin) {
    const name = str(arg(args, 0, 'option'));
    if (name === undefined)
        return unknown('environment variable with a computed name', origin);
    const dflt = arg(args, 1, 'default');
    const cast = arg(args, 2, 'cast');
    const looked = envLookup(scope.session, name, dflt === NOTSET ? undefined : dflt, origin, cast === NOTSET);
    if (cast === NOTSET)
        return looked;
    if (isConcrete(cast) && typeof cast.py === 'object' && cast.py !== null) {
        if (cast.py.t === 'ref' && cast.py.qname === 'builtins.bool') {
            return mapConcrete(looked, (c) => {
                const b = decoupleBool(c.py);
                return b === undefined ? unknown(`decouple cast=bool raises ValueError for ${pyRepr(c.py)}`, origin) : { ...c, py: b, rawString: undefined };
            });
        }
        if (cast.py.t === 'obj' && cast.py.cls === 'decouple.Csv')
            return applyCsv(cast.py, looked, scope, origin);
    }
    return castViaCall(cast, looked, scope, origin);
}
function castViaCall(cast, value, scope, origin) {
    return mapConcrete(value, (c) => {
        const result = callAny(cast, c, scope, origin);
        return isConcrete(result) ? derived(result.py, [c, result], origin) : result;
    });
}
function callAny(fn, value, scope, origin) {
    if (!isConcrete(fn) || typeof fn.py !== 'object' || fn.py === null)
        return unknown('cast is not callable', origin);
    if (fn.py.t === 'ref')
        return callBuiltin(fn.py.qname, { positional: [value], keywords: new Map(), opaque: false }, scope, origin);
    if (fn.py.t === 'obj')
        return callLibraryMethod(fn.py, '__call__', { positional: [value], keywords: new Map(), opaque: false }, scope, origin);
    return unknown(`cast ${typeName(fn.py)} not modelled`, origin);
}
function applyCsv(csv, value, scope, origin) {
    const delimiterValue = csv.fields.get('delimiter');
    const delimiter = delimiterValue && isConcrete(delimiterValue) && typeof delimiterValue.py === 'string' ? delimiterValue.py : ',';
    const itemCast = csv.fields.get('cast');
    return mapConcrete(value, (c) => {
        if (c.py === null)
            return unknown('Csv() of None', origin);
        const text = typeof c.py === 'string' ? c.py : pyStr(c.py);
        if (text === undefined)
            return unknown('Csv() of a non-string', origin);
        const parts = decoupleCsv(text, delimiter);
        if (parts === undefined)
            return unknown('Csv() of a value with shlex quotes or comments', origin);
        let items = parts.map((s) => derived(s, [c], origin));
        if (itemCast)
            items = items.map((i) => castViaCall(itemCast, i, scope, origin));
        return derived({ t: 'list', items }, [c], origin);
    });
}
function castValue(v, cast, lib, origin) {
    return mapConcrete(v, (c) => {
        const out = castPy(c.py, cast, lib);
        if (out === undefined)
            return unknown(`${lib} cannot cast ${pyRepr(c.py)} to ${cast}`, origin);
        return derived(locateEntries(out, c), [c], c.origin ?? origin);
    });
}
function castPy(py, cast, lib) {
    if (typeof py !== 'string') {
        // A default that is already the right type passes through (e.g. default=False).
        if (cast === 'db' || cast === 'cache' || cast === 'email')
            return typeof py === 'object' && py !== null && py.t === 'dict' ? py : undefined;
        return py;
    }
    switch (cast) {
        case 'none':
        case 'str':
        case 'url':
            return py;
        case 'bool':
            return lib === 'django-environ' ? djangoEnvironBool(py) : marshmallowBool(py);
        case 'int':
            return pythonInt(py);
        case 'float':
            return pythonFloat(py);
        case 'list':
        case 'tuple': {
            const raw = lib === 'django-environ' && cast === 'tuple' ? py.replace(/^\(|\)$/g, '') : py;
            const parts = lib === 'django-environ' ? djangoEnvironList(raw) : raw.split(',').map((s) => s.trim()).filter((s) => s);
            return { t: cast, items: parts.map((p) => known(p)) };
        }
        case 'path':
            return { t: 'path', v: py };
        case 'db':
            return dbUrlToDict(py);
        case 'cache':
            return cacheUrlToDict(py);
        case 'email':
            return emailUrlToDict(py);
        default:
            return undefined;
    }
}
/** dj_database_url.config(env='DATABASE_URL', default=None, ssl_require=False, ...). */
function djDatabaseUrlConfig(args, scope, origin) {
    const envName = str(arg(args, -1, 'env')) ?? 'DATABASE_URL';
    const dflt = arg(args, 0, 'default');
    const looked = envLookup(scope.session, envName, dflt === NOTSET ? known(null, origin) : dflt, origin, false);
    const sslRequire = args.keywords.get('ssl_require');
    return mapConcrete(looked, (c) => {
        if (c.py === null)
            return derived({ t: 'dict', entries: [] }, [c], origin);
        if (typeof c.py !== 'string')
            return unknown('dj_database_url of a non-string', origin);
        const parsed = dbUrlToDict(c.py);
        if (!parsed || typeof parsed !== 'object' || parsed.t !== 'dict')
            return unknown('unparsable database URL', origin);
        if (sslRequire && isConcrete(sslRequire) && sslRequire.py === true) {
            parsed.entries.push({ key: known('OPTIONS'), value: known({ t: 'dict', entries: [{ key: known('sslmode'), value: known('require') }] }) });
        }
        return derived(locateEntries(parsed, c), [c], origin);
    });
}
/** Gives each field parsed out of a URL the URL's origin and env, so findings point at the default. */
function locateEntries(py, source) {
    if (typeof py !== 'object' || py === null || py.t !== 'dict')
        return py;
    return {
        t: 'dict',
        entries: py.entries.map((e) => ({ key: e.key, value: isConcrete(e.value) ? derived(locateEntries(e.value.py, source), [source], source.origin) : e.value })),
    };
}
