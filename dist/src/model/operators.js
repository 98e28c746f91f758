import { MAX_INT_BITS, MAX_ITEMS, MAX_STRING, hashKey, isConcrete, pyEquals, pyStr, unknown } from './values.js';
/** A string result, or unknown when it would exceed the size cap. */
export function capString(s) {
    return s.length > MAX_STRING ? unknown('string too large') : s;
}
/** A copy of `dict` with key set to value; undefined when the key is not known. */
export function dictSet(dict, key, value) {
    return dictSetAll(dict, [{ key, value }]);
}
/** A copy of `dict` with each entry set in turn (`a | b`, `a.update(b)`); undefined at a key that is not known. */
export function dictSetAll(dict, entries) {
    const out = new DictBuilder(dict);
    for (const { key, value } of entries)
        if (!out.set(key, value))
            return undefined;
    return out.build();
}
/**
 * A dict built key by key, as a `{...}` literal or `dict[key] = value` builds it (a repeated key
 * keeps its first key and place, with the last value), each key found by its hash instead of a
 * search through the entries. From an existing dict, a copy: the dict itself is never changed.
 */
export class DictBuilder {
    entries;
    at = new Map();
    constructor(from) {
        this.entries = from ? from.entries.slice() : [];
        this.entries.forEach((e, i) => {
            const k = isConcrete(e.key) ? hashKey(e.key.py) : undefined;
            if (k !== undefined && !this.at.has(k))
                this.at.set(k, i);
        });
    }
    /** False, setting nothing, for an unknown or unhashable key (the dict is then unknown). */
    set(key, value) {
        if (!isConcrete(key))
            return false;
        const k = hashKey(key.py);
        if (k === undefined)
            return false;
        const index = this.at.get(k);
        if (index !== undefined)
            this.entries[index] = { key: this.entries[index].key, value };
        else {
            this.at.set(k, this.entries.length);
            this.entries.push({ key, value });
        }
        return true;
    }
    build() {
        return { t: 'dict', entries: this.entries };
    }
}
/** The value at `key` of a dict: the entry's value, 'missing', or undefined if undecidable. */
export function dictGet(dict, key) {
    const k = hashKey(key);
    if (k === undefined)
        return undefined;
    let sawUnknownKey = false;
    for (const e of dict.entries) {
        if (!isConcrete(e.key)) {
            sawUnknownKey = true;
            continue;
        }
        if (hashKey(e.key.py) === k)
            return e.value;
    }
    return sawUnknownKey ? undefined : 'missing';
}
export function compare(op, a, b) {
    switch (op) {
        case '==':
            return pyEquals(a, b);
        case '!=': {
            const eq = pyEquals(a, b);
            return eq === undefined ? undefined : !eq;
        }
        case 'is':
            return isSame(a, b);
        case 'is not': {
            const same = isSame(a, b);
            return same === undefined ? undefined : !same;
        }
        case 'in':
            return contains(b, a);
        case 'not in': {
            const c = contains(b, a);
            return c === undefined ? undefined : !c;
        }
        case '<':
        case '>':
        case '<=':
        case '>=': {
            const c = order(a, b);
            if (c === undefined)
                return undefined;
            return op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
        }
        default:
            return undefined;
    }
}
function isSame(a, b) {
    const singleton = (x) => x === null || typeof x === 'boolean';
    if (singleton(a) || singleton(b))
        return a === b;
    return undefined;
}
export function contains(container, item) {
    if (typeof container === 'string')
        return typeof item === 'string' ? container.includes(item) : undefined;
    if (typeof container !== 'object' || container === null)
        return undefined;
    const members = container.t === 'dict' ? container.entries.map((e) => e.key) : container.t === 'list' || container.t === 'tuple' || container.t === 'set' ? container.items : undefined;
    if (!members)
        return undefined;
    let undecided = false;
    for (const m of members) {
        if (!isConcrete(m)) {
            undecided = true;
            continue;
        }
        const eq = pyEquals(m.py, item);
        if (eq === true)
            return true;
        if (eq === undefined)
            undecided = true;
    }
    return undecided ? undefined : false;
}
function order(a, b) {
    const na = typeof a === 'boolean' ? BigInt(a) : a;
    const nb = typeof b === 'boolean' ? BigInt(b) : b;
    if ((typeof na === 'bigint' || typeof na === 'number') && (typeof nb === 'bigint' || typeof nb === 'number')) {
        if (typeof na === typeof nb)
            return na < nb ? -1 : na > nb ? 1 : 0;
        return Number(na) < Number(nb) ? -1 : Number(na) > Number(nb) ? 1 : 0;
    }
    if (typeof a === 'string' && typeof b === 'string')
        return a < b ? -1 : a > b ? 1 : 0;
    return undefined;
}
function toNumber(py) {
    if (typeof py === 'boolean')
        return py ? 1n : 0n;
    if (typeof py === 'bigint' || typeof py === 'number')
        return py;
    return undefined;
}
function intTooBig(n) {
    const abs = n < 0n ? -n : n;
    return abs.toString(16).length * 4 > Number(MAX_INT_BITS);
}
function checkInt(n) {
    return intTooBig(n) ? undefined : n;
}
export function unaryOp(op, a) {
    const n = toNumber(a);
    if (n === undefined)
        return undefined;
    if (op === '-')
        return -n;
    if (op === '+')
        return n;
    if (op === '~' && typeof n === 'bigint')
        return ~n;
    return undefined;
}
export function binaryOp(op, a, b) {
    const na = toNumber(a);
    const nb = toNumber(b);
    if (na !== undefined && nb !== undefined)
        return numericOp(op, na, nb);
    if (op === '+') {
        if (typeof a === 'string' && typeof b === 'string')
            return capString(a + b);
        if (isSeq(a) && isSeq(b) && a.t === b.t && a.t !== 'set') {
            if (a.items.length + b.items.length > MAX_ITEMS)
                return unknown('sequence too large');
            return { t: a.t, items: [...a.items, ...b.items] };
        }
        if (isBytes(a) && isBytes(b))
            return { t: 'bytes', v: a.v + b.v };
        return undefined;
    }
    if (op === '*') {
        const [seq, count] = typeof nb === 'bigint' ? [a, nb] : typeof na === 'bigint' ? [b, na] : [undefined, undefined];
        if (seq === undefined || count === undefined)
            return undefined;
        const times = count < 0n ? 0 : count;
        if (typeof seq === 'string') {
            if (BigInt(seq.length) * BigInt(times) > BigInt(MAX_STRING))
                return unknown('string too large');
            return seq.repeat(Number(times));
        }
        if (isSeq(seq) && seq.t !== 'set') {
            if (BigInt(seq.items.length) * BigInt(times) > BigInt(MAX_ITEMS))
                return unknown('sequence too large');
            if (seq.items.length === 0)
                return { t: seq.t, items: [] }; // [] * 10**20: no 10**20 empty iterations
            const items = [];
            for (let i = 0n; i < BigInt(times); i++)
                items.push(...seq.items);
            return { t: seq.t, items };
        }
        return undefined;
    }
    if (op === '%' && typeof a === 'string')
        return percentFormat(a, b);
    if (op === '/' && typeof a === 'object' && a !== null && a.t === 'path' && typeof b === 'string')
        return { t: 'path', v: joinPath(a.v, b) };
    if (op === '|' && isDict(a) && isDict(b))
        return b.entries.length === 0 ? a : dictSetAll(a, b.entries);
    if ((op === '|' || op === '&' || op === '-') && isSeq(a) && isSeq(b) && a.t === 'set' && b.t === 'set')
        return setOp(op, a, b);
    return undefined;
}
function setOp(op, a, b) {
    const key = (v) => (isConcrete(v) ? hashKey(v.py) : undefined);
    if ([...a.items, ...b.items].some((v) => key(v) === undefined))
        return undefined;
    const inB = new Set(b.items.map(key));
    const inA = new Set(a.items.map(key));
    if (op === '|')
        return { t: 'set', items: [...a.items, ...b.items.filter((v) => !inA.has(key(v)))] };
    if (op === '&')
        return { t: 'set', items: a.items.filter((v) => inB.has(key(v))) };
    return { t: 'set', items: a.items.filter((v) => !inB.has(key(v))) };
}
function numericOp(op, a, b) {
    if (typeof a === 'bigint' && typeof b === 'bigint') {
        switch (op) {
            case '+':
                return checkInt(a + b);
            case '-':
                return checkInt(a - b);
            case '*':
                if (intTooBig(a) || intTooBig(b) || (bitLength(a) + bitLength(b) > Number(MAX_INT_BITS)))
                    return undefined;
                return checkInt(a * b);
            case '//':
                return b === 0n ? undefined : floorDiv(a, b);
            case '%':
                return b === 0n ? undefined : a - floorDiv(a, b) * b;
            case '/':
                return b === 0n ? undefined : Number(a) / Number(b);
            case '**':
                if (b < 0n)
                    return a === 0n ? undefined : Number(a) ** Number(b);
                if (a === 0n || a === 1n)
                    return a;
                if (a === -1n)
                    return b % 2n === 0n ? 1n : -1n;
                if (BigInt(bitLength(a)) * b > MAX_INT_BITS)
                    return undefined;
                return a ** b;
            case '<<':
                if (b < 0n || b > MAX_INT_BITS)
                    return undefined;
                return checkInt(a << b);
            case '>>':
                return b < 0n ? undefined : a >> b;
            case '&':
                return a & b;
            case '|':
                return a | b;
            case '^':
                return a ^ b;
            default:
                return undefined;
        }
    }
    const x = Number(a);
    const y = Number(b);
    switch (op) {
        case '+':
            return x + y;
        case '-':
            return x - y;
        case '*':
            return x * y;
        case '/':
            return y === 0 ? undefined : x / y;
        case '//':
            return y === 0 ? undefined : Math.floor(x / y);
        case '%':
            return y === 0 ? undefined : x - Math.floor(x / y) * y;
        case '**': {
            const r = x ** y;
            return Number.isFinite(r) ? r : undefined;
        }
        default:
            return undefined;
    }
}
function bitLength(n) {
    return (n < 0n ? -n : n).toString(2).length;
}
function floorDiv(a, b) {
    const q = a / b;
    return (a % b !== 0n) && ((a < 0n) !== (b < 0n)) ? q - 1n : q;
}
/** printf-style `%` formatting for %s, %d, %r and %%. */
function percentFormat(fmt, arg) {
    const args = [];
    if (typeof arg === 'object' && arg !== null && arg.t === 'tuple') {
        for (const item of arg.items) {
            if (!isConcrete(item))
                return undefined;
            args.push(item.py);
        }
    }
    else {
        args.push(arg);
    }
    let i = 0;
    let failed = false;
    const out = fmt.replace(/%([sdri%])/g, (_m, spec) => {
        if (spec === '%')
            return '%';
        if (i >= args.length) {
            failed = true;
            return '';
        }
        const value = args[i++];
        if (spec === 'd' || spec === 'i') {
            const n = toNumber(value);
            if (n === undefined)
                failed = true;
            return n === undefined ? '' : typeof n === 'number' ? String(Math.trunc(n)) : n.toString();
        }
        const s = spec === 'r' && typeof value === 'string' ? `'${value}'` : pyStr(value);
        if (s === undefined)
            failed = true;
        return s ?? '';
    });
    if (failed || i !== args.length || /%[^sdri%]/.test(fmt))
        return undefined;
    return capString(out);
}
export function joinPath(base, part) {
    if (part.startsWith('/'))
        return part;
    if (base === '' || base.endsWith('/'))
        return base + part;
    return `${base}/${part}`;
}
export function isSeq(py) {
    return typeof py === 'object' && py !== null && (py.t === 'list' || py.t === 'tuple' || py.t === 'set');
}
export function isDict(py) {
    return typeof py === 'object' && py !== null && py.t === 'dict';
}
function isBytes(py) {
    return typeof py === 'object' && py !== null && py.t === 'bytes';
}
export function parentPath(p) {
    const trimmed = p.replace(/\/+$/, '');
    const i = trimmed.lastIndexOf('/');
    if (i < 0)
        return '.';
    return i === 0 ? '/' : trimmed.slice(0, i);
}
