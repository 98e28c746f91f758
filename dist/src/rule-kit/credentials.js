import { isConcrete, maskSecret, strRepr, valueOrigin } from '../model/values.js';
const MAX_DEPTH = 12;
/**
 * Every string (or bytes) inside a setting's value that `keep` accepts, walking lists, tuples,
 * sets and dicts. Below a oneOf, a leaf is kept only when every branch has one at the same path
 * that `keep` accepts (the design's "insecure only if every option is"). Unknown parts are skipped.
 */
export function stringLeaves(value, keep) {
    if (!value)
        return [];
    // Several secret rules walk every setting of every entry; the leaves of a value without a oneOf
    // do not depend on `keep`, so they are collected once per value and filtered per rule. Below a
    // oneOf, `keep` decides which branches pair up, so those values are walked per call.
    let all = plainLeaves.get(value);
    if (all === undefined) {
        const leaves = [];
        all = collectPlain(value, [], undefined, undefined, 0, leaves) ? leaves : null;
        plainLeaves.set(value, all);
    }
    return all ? all.filter(keep) : walk(value, [], undefined, undefined, keep, 0);
}
/**
 * Leaves of values walked since the last forgetStringLeaves() (treat them as read-only); null when
 * a oneOf lies inside.
 */
let plainLeaves = new WeakMap();
/**
 * Drops the leaves collected so far. The pipeline calls it after each entry's rules: the secret
 * rules share an entry's leaves, but kept for the whole run they are a fifth of its heap (they
 * live as long as the evaluations), and hardly any other entry reads the same values.
 */
export function forgetStringLeaves() {
    plainLeaves = new WeakMap();
}
function walk(v, steps, inherited, parent, keep, depth) {
    if (depth > MAX_DEPTH)
        return [];
    if (v.kind === 'oneOf')
        return onEveryBranch(v, (option) => walk(option, steps, inherited, parent, keep, depth + 1));
    if (!isConcrete(v))
        return [];
    const env = envOf(v, inherited);
    const here = placed(v, env, parent);
    const py = v.py;
    if (typeof py === 'string' || isBytes(py)) {
        const leaf = leafOf(v, py, steps, here, parent);
        return keep(leaf) ? [leaf] : [];
    }
    if (typeof py !== 'object' || py === null)
        return [];
    if (py.t === 'list' || py.t === 'tuple' || py.t === 'set') {
        return py.items.flatMap((item, i) => walk(item, [...steps, i], env, here, keep, depth + 1));
    }
    if (py.t === 'dict') {
        return py.entries.flatMap((e) => {
            const key = stepOf(e.key);
            return key === undefined ? [] : walk(e.value, [...steps, key], env, here, keep, depth + 1);
        });
    }
    return [];
}
/**
 * walk() with every leaf kept, into `out`, for a value without a oneOf on the way to a leaf:
 * false (and `out` to be dropped) at the first oneOf, whose leaves walk() pairs up per call.
 * One pass and one array instead of a search for a oneOf and a walk of nested arrays.
 */
function collectPlain(v, steps, inherited, parent, depth, out) {
    if (depth > MAX_DEPTH)
        return true;
    if (v.kind === 'oneOf')
        return false;
    if (!isConcrete(v))
        return true;
    const env = envOf(v, inherited);
    const here = placed(v, env, parent);
    const py = v.py;
    if (typeof py === 'string' || isBytes(py)) {
        out.push(leafOf(v, py, steps, here, parent));
        return true;
    }
    if (typeof py !== 'object' || py === null)
        return true;
    if (py.t === 'list' || py.t === 'tuple' || py.t === 'set') {
        for (let i = 0; i < py.items.length; i++)
            if (!collectPlain(py.items[i], [...steps, i], env, here, depth + 1, out))
                return false;
    }
    else if (py.t === 'dict') {
        for (const e of py.entries) {
            const key = stepOf(e.key);
            if (key !== undefined && !collectPlain(e.value, [...steps, key], env, here, depth + 1, out))
                return false;
        }
    }
    return true;
}
/** A literal inside an env default (env.list("K", default=["a"])) is that default, not a literal. */
function envOf(v, inherited) {
    return v.kind === 'env' ? v.env : inherited;
}
/** The value as a leaf reports it: with its container's env and origin (v itself when nothing changes). */
function placed(v, env, parent) {
    const origin = v.origin ?? parent?.origin;
    return v.kind === 'known' && env ? { kind: 'env', py: v.py, env, origin } : v.origin === origin ? v : { ...v, origin };
}
function leafOf(v, py, steps, here, parent) {
    return {
        steps,
        text: typeof py === 'string' ? py : py.v,
        bytes: typeof py !== 'string',
        value: here,
        fromUrl: parent !== undefined && isDict(parent.py) && parent.origin !== undefined && (v.origin === undefined || sameOrigin(v.origin, parent.origin)),
    };
}
/** A dict key as a step of a leaf's path (strings and integers), or undefined: not walked. */
function stepOf(key) {
    if (!isConcrete(key))
        return undefined;
    return typeof key.py === 'string' ? key.py : typeof key.py === 'bigint' ? Number(key.py) : undefined;
}
/** Leaves found on every branch of a oneOf (an unassigned branch has none), reported as oneOf. */
function onEveryBranch(v, walkOption) {
    const [first, ...rest] = v.options.map((option) => (option.kind === 'unassigned' ? [] : walkOption(option)));
    const out = [];
    for (const leaf of first) {
        const alternatives = rest.map((leaves) => leaves.find((l) => sameSteps(l.steps, leaf.steps)));
        if (alternatives.some((a) => a === undefined))
            continue;
        const all = [leaf, ...alternatives];
        out.push({ ...leaf, fromUrl: all.every((l) => l.fromUrl), value: { kind: 'oneOf', options: all.map((l) => l.value) } });
    }
    return out;
}
/** True when a reportable value is written in the source: a literal, or a default the env falls back to. */
export function isHardcoded(v) {
    if (v.kind === 'known')
        return true;
    if (v.kind === 'env')
        return v.env.some((e) => !e.deployed);
    if (v.kind === 'oneOf')
        return v.options.every(isHardcoded);
    return false;
}
/** True when the string came from the environment's default rather than a plain literal. */
export function isEnvDefault(v) {
    if (v.kind === 'env')
        return v.env.some((e) => !e.deployed);
    if (v.kind === 'oneOf')
        return v.options.some(isEnvDefault);
    return false;
}
/** `DATABASES['default']['PASSWORD']`, `SECRET_KEY_FALLBACKS[0]`. */
export function settingPath(setting, steps) {
    return setting + steps.map((s) => `[${typeof s === 'number' ? s : strRepr(s)}]`).join('');
}
/** A leaf's string, masked: 'k3$9…' (64 chars), b'k3$9…' (64 chars) for bytes. */
export function maskedLeaf(leaf) {
    return (leaf.bytes ? 'b' : '') + maskSecret(leaf.text);
}
/** Identifies one written secret: where it is written and what it is. */
export function sightingKey(leaf) {
    const o = valueOrigin(leaf.value);
    return `${o ? `${o.file}:${o.line}:${o.column}` : '-'}\u0000${leaf.text}`;
}
/** A filter that passes each (origin, text) once: one secret reused under several names is one finding. */
export function firstSighting() {
    const seen = new Set();
    return (leaf) => {
        const key = sightingKey(leaf);
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    };
}
/** A password field of a dict parsed out of a URL: DATABASES[alias]['PASSWORD'], env.email_url()'s. */
export function isParsedPassword(leaf) {
    const key = leaf.steps[leaf.steps.length - 1];
    return leaf.fromUrl && (key === 'PASSWORD' || key === 'EMAIL_HOST_PASSWORD') && leaf.text !== '';
}
/** sightingKey()s of every password parsed out of a URL in any setting (DJS206 reports those). */
export function urlParsedPasswords(ns) {
    const keys = new Set();
    for (const name of settingNames(ns))
        for (const leaf of stringLeaves(ns.get(name), isParsedPassword))
            keys.add(sightingKey(leaf));
    return keys;
}
/** The uppercase names of a module's namespace: the ones Django reads as settings. */
export function settingNames(ns) {
    // Asked by several rules per entry; a namespace no longer changes once rules run (the size
    // check guards against one that still does).
    const cached = namesOf.get(ns);
    if (cached && cached.size === ns.size)
        return cached.names;
    const names = [...ns.keys()].filter((n) => /^[A-Z][A-Z0-9_]*$/.test(n)).sort();
    namesOf.set(ns, { size: ns.size, names });
    return names;
}
const namesOf = new WeakMap();
// ---- Django's SECRET_KEY strength test (django/core/checks/security/base.py, 4.2) ----
export const SECRET_KEY_MIN_LENGTH = 50;
export const SECRET_KEY_MIN_UNIQUE_CHARACTERS = 5;
export const SECRET_KEY_INSECURE_PREFIX = 'django-insecure-';
/**
 * Why `_check_secret_key(key)` fails: [] when the key passes, reasons when it fails, undefined
 * when Django's check would raise instead (a non-string, or bytes past the length tests, where
 * `bytes.startswith(str)` is a TypeError).
 */
export function secretKeyWeakness(py) {
    const text = typeof py === 'string' ? [...py] : isBytes(py) ? [...py.v] : undefined;
    if (text === undefined)
        return undefined;
    const reasons = [];
    if (new Set(text).size < SECRET_KEY_MIN_UNIQUE_CHARACTERS)
        reasons.push(`has fewer than ${SECRET_KEY_MIN_UNIQUE_CHARACTERS} distinct characters`);
    if (text.length < SECRET_KEY_MIN_LENGTH)
        reasons.push(`is shorter than ${SECRET_KEY_MIN_LENGTH} characters`);
    if (typeof py !== 'string')
        return reasons.length > 0 ? reasons : undefined;
    if (py.startsWith(SECRET_KEY_INSECURE_PREFIX))
        reasons.push(`starts with '${SECRET_KEY_INSECURE_PREFIX}', the throwaway key startproject generates`);
    return reasons;
}
/** "a, b and c". */
export function joinReasons(reasons) {
    return reasons.length <= 1 ? reasons.join('') : `${reasons.slice(0, -1).join(', ')} and ${reasons[reasons.length - 1]}`;
}
function isBytes(py) {
    return typeof py === 'object' && py !== null && py.t === 'bytes';
}
function isDict(py) {
    return typeof py === 'object' && py !== null && py.t === 'dict';
}
function sameSteps(a, b) {
    return a.length === b.length && a.every((s, i) => s === b[i]);
}
function sameOrigin(a, b) {
    return a.file === b.file && a.line === b.line && a.column === b.column && a.endLine === b.endLine && a.endColumn === b.endColumn;
}
