export const MAX_STRING = 100_000;
export const MAX_ITEMS = 10_000;
export const MAX_INT_BITS = 4096n;
export const MAX_ONEOF = 32;
/** A value's total size (shared parts counted as often as they appear: what a walk over it costs). */
export const MAX_WEIGHT = 250_000;
/** How deeply containers may nest (`X = [X]` repeated) before the value is unknown. */
export const MAX_NESTING = 100;
const INT_LIMIT = 1n << MAX_INT_BITS;
const LEAF = { weight: 1, depth: 0 };
// Containers never change once built (updates make new ones), so their sizes can be memoized:
// those over SMALL_WEIGHT only. A smaller one costs less to size again than a WeakMap entry
// (every expression's result is checked, so most containers are small and checked once or twice).
const sizes = new WeakMap();
const SMALL_WEIGHT = 32;
function sizeOfValue(v) {
    if (v.kind === 'known' || v.kind === 'env')
        return sizeOfPy(v.py);
    if (v.kind !== 'oneOf')
        return LEAF;
    let weight = 0;
    let depth = 0;
    for (const option of v.options) {
        const s = sizeOfValue(option);
        weight += s.weight;
        if (s.depth > depth)
            depth = s.depth;
    }
    return { weight, depth };
}
function sizeOfPy(py) {
    if (typeof py === 'string')
        return py.length > 1 ? { weight: py.length, depth: 0 } : LEAF;
    if (typeof py !== 'object' || py === null)
        return LEAF;
    const cached = sizes.get(py);
    if (cached)
        return cached;
    // Plain loops, no closure or pair arrays: this runs for every container the evaluator builds.
    const size = { weight: 1, depth: 0 };
    if (py.t === 'list' || py.t === 'tuple' || py.t === 'set') {
        for (const item of py.items)
            addPart(size, sizeOfValue(item));
    }
    else if (py.t === 'dict') {
        for (const e of py.entries) {
            addPart(size, sizeOfValue(e.key));
            addPart(size, sizeOfValue(e.value));
        }
    }
    else if (py.t === 'bytes' || py.t === 'path')
        size.weight += py.v.length;
    else if (py.t === 'obj')
        for (const field of py.fields.values())
            addPart(size, sizeOfValue(field));
    else if (py.t === 'bound')
        addPart(size, sizeOfValue(py.self));
    if (size.weight > SMALL_WEIGHT)
        sizes.set(py, size);
    return size;
}
/** Adds a part's size to its container's (one level deeper). */
function addPart(size, part) {
    size.weight += part.weight;
    if (part.depth + 1 > size.depth)
        size.depth = part.depth + 1;
}
/** A value's total size: what walking it costs (oneOf options added up). */
export function weightOf(v) {
    return sizeOfValue(v).weight;
}
/** Why a Python value is over the caps (string, items, integer bits, total size, nesting), or undefined. */
export function tooLarge(py) {
    if (typeof py === 'bigint')
        return py >= INT_LIMIT || py <= -INT_LIMIT ? 'integer too large' : undefined;
    if (typeof py === 'string')
        return py.length > MAX_STRING ? 'string too large' : undefined;
    if (typeof py !== 'object' || py === null)
        return undefined;
    if ((py.t === 'list' || py.t === 'tuple' || py.t === 'set') && py.items.length > MAX_ITEMS)
        return 'sequence too large';
    if (py.t === 'dict' && py.entries.length > MAX_ITEMS)
        return 'dictionary too large';
    return sizeProblem(sizeOfPy(py));
}
function sizeProblem(size) {
    if (size.weight > MAX_WEIGHT)
        return 'value too large';
    return size.depth > MAX_NESTING ? 'value nested too deeply' : undefined;
}
/**
 * A value over the size caps becomes unknown, so no rule walks it. The evaluator checks each
 * expression's result and the walk each assignment: the caps hold for every construct.
 */
export function capValue(v, origin) {
    if (v.kind === 'unknown' || v.kind === 'unassigned')
        return v;
    const why = v.kind === 'oneOf' ? sizeProblem(sizeOfValue(v)) : tooLarge(v.py);
    return why ? unknown(why, v.origin ?? origin) : v;
}
export function known(py, origin) {
    return { kind: 'known', py, origin };
}
export function unknown(reason, origin) {
    return { kind: 'unknown', reason, origin };
}
export const UNASSIGNED = { kind: 'unassigned' };
export function isConcrete(v) {
    return v.kind === 'known' || v.kind === 'env';
}
export function withOrigin(v, origin) {
    if (v.kind === 'unassigned' || origin === undefined)
        return v;
    return { ...v, origin };
}
/** Merges branch results into oneOf, flattening and de-duplicating identical options. */
export function oneOf(options, origin) {
    const flat = [];
    for (const option of options) {
        if (option.kind === 'oneOf')
            flat.push(...option.options);
        else
            flat.push(option);
    }
    const unique = [];
    for (const option of flat) {
        if (!unique.some((u) => sameValue(u, option)))
            unique.push(option);
    }
    if (unique.length === 1)
        return unique[0];
    if (unique.length > MAX_ONEOF)
        return unknown('too many alternative values', origin);
    return { kind: 'oneOf', options: unique, origin };
}
function sameValue(a, b) {
    if (a === b)
        return true;
    if (a.kind !== b.kind)
        return false;
    if (a.kind === 'unassigned')
        return true;
    if (a.kind === 'known' && b.kind === 'known')
        return sameOrigin(a.origin, b.origin) && pyEquals(a.py, b.py) === true;
    if (a.kind === 'env' && b.kind === 'env')
        return sameOrigin(a.origin, b.origin) && pyEquals(a.py, b.py) === true;
    return false;
}
function sameOrigin(a, b) {
    if (!a || !b)
        return a === b;
    return a.file === b.file && a.line === b.line && a.column === b.column;
}
/** The env sources a value depends on, flattened (for messages). */
export function envSources(v) {
    if (v.kind === 'env')
        return v.env;
    if (v.kind === 'oneOf')
        return v.options.flatMap(envSources);
    return [];
}
/**
 * Variables a value records that it depends on, at most: enough to name them in a message and
 * to know whether any is unset (see capEnv), without growing with every branch a long module
 * takes (each `if` on a new variable would otherwise add one: quadratic).
 */
export const MAX_ENV_SOURCES = 8;
/** At most MAX_ENV_SOURCES sources, keeping an unset one if there is any (it decides confidence). */
export function capEnv(env) {
    if (env.length <= MAX_ENV_SOURCES)
        return env;
    const kept = env.slice(0, MAX_ENV_SOURCES);
    if (kept.every((e) => e.deployed)) {
        const unset = env.find((e) => !e.deployed);
        if (unset)
            kept[kept.length - 1] = unset;
    }
    return kept;
}
export function mergeEnv(...values) {
    const out = [];
    const names = new Set();
    for (const v of values) {
        if (v.kind !== 'env')
            continue;
        for (const e of v.env) {
            if (names.has(e.name))
                continue;
            names.add(e.name);
            out.push(e);
        }
    }
    return capEnv(out);
}
/** Builds the result of an operation over concrete operands: env if any operand was env. */
export function derived(py, operands, origin) {
    // Most operations are over plain known values: nothing to merge (and nothing to allocate for it).
    if (operands.every(isPlainKnown))
        return { kind: 'known', py, origin };
    const env = mergeEnv(...operands);
    const world = operands.flatMap((o) => (o.kind === 'known' && o.world ? o.world : []));
    if (env.length > 0)
        return { kind: 'env', py, env: world.length > 0 ? capEnv([...env, ...world.filter((w) => !env.some((e) => e.name === w.name))]) : env, origin };
    return world.length > 0 ? { kind: 'known', py, origin, world: capEnv(world) } : { kind: 'known', py, origin };
}
/** Neither env nor a known value that records the world it was decided in. */
function isPlainKnown(v) {
    return v.kind !== 'env' && !(v.kind === 'known' && v.world);
}
/** True when the value can be used to decide a branch: known, or env as deployed. */
export function isDecidable(v) {
    return v.kind === 'known' || (v.kind === 'env' && v.env.every((e) => e.deployed));
}
// ---- Python semantics over plain values ----
export function typeName(py) {
    if (py === null)
        return 'NoneType';
    switch (typeof py) {
        case 'boolean':
            return 'bool';
        case 'bigint':
            return 'int';
        case 'number':
            return 'float';
        case 'string':
            return 'str';
        default:
            return py.t === 'ref' ? py.qname : py.t;
    }
}
/** Python truthiness, or undefined when it depends on something unknown. */
export function pyTruthy(py) {
    if (py === null)
        return false;
    switch (typeof py) {
        case 'boolean':
            return py;
        case 'bigint':
            return py !== 0n;
        case 'number':
            return py !== 0;
        case 'string':
            return py.length > 0;
    }
    switch (py.t) {
        case 'bytes':
            return py.v.length > 0;
        case 'list':
        case 'tuple':
        case 'set':
            return py.items.length > 0;
        case 'dict':
            return py.entries.length > 0;
        case 'path':
            return true;
        case 'config-value':
            return undefined; // a django-configurations Value not set up: its truth is its value's
        default:
            return true;
    }
}
/** Truthiness of an abstract value: for oneOf, defined only when every option agrees. */
export function truthy(v) {
    if (isConcrete(v))
        return pyTruthy(v.py);
    if (v.kind === 'oneOf') {
        const all = v.options.map(truthy);
        if (all.every((x) => x === true))
            return true;
        if (all.every((x) => x === false))
            return false;
    }
    return undefined;
}
function numeric(py) {
    if (typeof py === 'boolean')
        return py ? 1n : 0n;
    if (typeof py === 'bigint' || typeof py === 'number')
        return py;
    return undefined;
}
/** Python ==, or undefined when an element is not known. */
export function pyEquals(a, b) {
    const na = numeric(a);
    const nb = numeric(b);
    if (na !== undefined && nb !== undefined) {
        if (typeof na === typeof nb)
            return na === nb;
        return Number(na) === Number(nb);
    }
    if (a === null || b === null)
        return a === b;
    if (typeof a === 'string' || typeof b === 'string')
        return a === b;
    if (typeof a !== 'object' || typeof b !== 'object')
        return false;
    if (a.t === 'bytes' && b.t === 'bytes')
        return a.v === b.v;
    if (a.t === 'path' && b.t === 'path')
        return a.v === b.v;
    if ((a.t === 'list' || a.t === 'tuple') && a.t === b.t) {
        if (a.items.length !== b.items.length)
            return false;
        let result = true;
        for (let i = 0; i < a.items.length; i++) {
            const x = a.items[i];
            const y = b.items[i];
            if (!isConcrete(x) || !isConcrete(y)) {
                result = undefined;
                continue;
            }
            const eq = pyEquals(x.py, y.py);
            if (eq === false)
                return false;
            if (eq === undefined)
                result = undefined;
        }
        return result;
    }
    if (a.t === 'set' && b.t === 'set') {
        const ka = setKeys(a.items);
        const kb = setKeys(b.items);
        if (!ka || !kb)
            return undefined;
        return ka.size === kb.size && [...ka].every((k) => kb.has(k));
    }
    if (a.t === 'dict' && b.t === 'dict') {
        if (a.entries.length !== b.entries.length)
            return undefined;
        return undefined;
    }
    if (a.t === 'ref' && b.t === 'ref')
        return a.qname === b.qname;
    return a.t === b.t ? undefined : false;
}
/** Hashable key of a scalar for sets and dicts; undefined when not representable. */
export function hashKey(py) {
    if (py === null)
        return 'None';
    switch (typeof py) {
        case 'boolean':
            return py ? 'n:1' : 'n:0';
        case 'bigint':
            return `n:${py}`;
        case 'number':
            return Number.isInteger(py) ? `n:${BigInt(py)}` : `f:${py}`;
        case 'string':
            return `s:${py}`;
    }
    if (py.t === 'bytes')
        return `b:${py.v}`;
    if (py.t === 'tuple') {
        const parts = py.items.map((i) => (isConcrete(i) ? hashKey(i.py) : undefined));
        return parts.every((p) => p !== undefined) ? `t:(${parts.join(',')})` : undefined;
    }
    return undefined;
}
function setKeys(items) {
    const keys = new Set();
    for (const item of items) {
        if (!isConcrete(item))
            return undefined;
        const k = hashKey(item.py);
        if (k === undefined)
            return undefined;
        keys.add(k);
    }
    return keys;
}
/** A string's Python repr, with single quotes preferred as CPython does. */
export function strRepr(s) {
    const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
    let out = quote;
    for (const ch of s) {
        if (ch === quote || ch === '\\')
            out += '\\' + ch;
        else if (ch === '\n')
            out += '\\n';
        else if (ch === '\r')
            out += '\\r';
        else if (ch === '\t')
            out += '\\t';
        else if (ch < ' ' || ch === '\x7f')
            out += '\\x' + ch.charCodeAt(0).toString(16).padStart(2, '0');
        else
            out += ch;
    }
    return out + quote;
}
/** Python repr of a value for messages, shortened to `limit` characters. */
export function pyRepr(py, limit = 80) {
    const text = reprInner(py, 0);
    return text.length > limit ? text.slice(0, limit - 1) + '…' : text;
}
function reprValue(v, depth) {
    if (isConcrete(v))
        return reprInner(v.py, depth);
    if (v.kind === 'oneOf')
        return v.options.map((o) => reprValue(o, depth)).join(' | ');
    return '<unknown>';
}
function reprInner(py, depth) {
    if (depth > 4)
        return '…';
    if (py === null)
        return 'None';
    switch (typeof py) {
        case 'boolean':
            return py ? 'True' : 'False';
        case 'bigint':
            return py.toString();
        case 'number':
            return floatRepr(py);
        case 'string':
            return strRepr(py.length > 200 ? py.slice(0, 200) : py);
    }
    switch (py.t) {
        case 'bytes':
            return 'b' + strRepr(py.v);
        case 'path':
            return `PosixPath(${strRepr(py.v)})`;
        case 'list':
            return `[${py.items.map((i) => reprValue(i, depth + 1)).join(', ')}]`;
        case 'tuple':
            return py.items.length === 1 ? `(${reprValue(py.items[0], depth + 1)},)` : `(${py.items.map((i) => reprValue(i, depth + 1)).join(', ')})`;
        case 'set':
            return py.items.length === 0 ? 'set()' : `{${py.items.map((i) => reprValue(i, depth + 1)).join(', ')}}`;
        case 'dict':
            return `{${py.entries.map((e) => `${reprValue(e.key, depth + 1)}: ${reprValue(e.value, depth + 1)}`).join(', ')}}`;
        case 'ref':
            return py.qname;
        case 'obj':
            return `${py.cls}(…)`;
        case 'func':
            return `<function ${py.name}>`;
        case 'bound':
            return `<method ${py.method}>`;
        case 'class':
            return `<class ${py.name}>`;
        case 'config-value':
            return `values.${py.cls}(…)`;
    }
}
export function floatRepr(n) {
    if (Number.isNaN(n))
        return 'nan';
    if (!Number.isFinite(n))
        return n > 0 ? 'inf' : '-inf';
    if (Number.isInteger(n) && Math.abs(n) < 1e16)
        return n.toFixed(1);
    return String(n);
}
/** Python str() of a scalar, or undefined when not modelled. */
export function pyStr(py) {
    if (typeof py === 'string')
        return py;
    if (py === null || typeof py === 'boolean' || typeof py === 'bigint' || typeof py === 'number')
        return reprInner(py, 0);
    if (py.t === 'path')
        return py.v;
    if (py.t === 'list' || py.t === 'tuple' || py.t === 'set' || py.t === 'dict' || py.t === 'bytes') {
        const everyKnown = (vs) => vs.every(isConcrete);
        if (py.t === 'dict' && !everyKnown(py.entries.flatMap((e) => [e.key, e.value])))
            return undefined;
        if ((py.t === 'list' || py.t === 'tuple' || py.t === 'set') && !everyKnown(py.items))
            return undefined;
        return reprInner(py, 0);
    }
    return undefined;
}
/**
 * Masks a secret for output: a few leading characters and the length, never the whole value.
 * 'k3$9…' (64 chars). Short values show fewer characters, so at most a quarter is revealed.
 */
export function maskSecret(secret) {
    const chars = [...secret];
    const shown = Math.min(4, Math.floor(chars.length / 4));
    const head = chars.slice(0, shown).join('');
    return `${strRepr(head).slice(0, -1)}…${strRepr(head).slice(-1)} (${chars.length} chars)`;
}
/** Where a value was written: its own origin, or for oneOf the first option that has one. */
export function valueOrigin(value) {
    if (value.kind === 'unassigned')
        return undefined;
    if (value.origin)
        return value.origin;
    if (value.kind === 'oneOf')
        for (const o of value.options) {
            const found = valueOrigin(o);
            if (found)
                return found;
        }
    return undefined;
}
