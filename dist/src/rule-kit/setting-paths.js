// Reading inside a setting's value, as Python's `value[key]` / `value[i]` would, for rules that
// judge one entry of a nested setting (TEMPLATES[0]['OPTIONS']['debug'],
// CONTENT_SECURITY_POLICY['DIRECTIVES']['script-src']). Branches stay branches (oneOf), an entry
// of an env default stays env, and every entry keeps the origin that wrote it.
import { dictGet } from '../model/operators.js';
import { UNASSIGNED, derived, isConcrete, oneOf, unknown, withOrigin } from '../model/values.js';
/** `value[key]` for a dict: unassigned when the key is missing. */
export function member(value, key) {
    return step(value, (py) => (py.t === 'dict' ? dictGet(py, key) ?? 'unknown' : 'not-container'));
}
/** `value[index]` for a list or tuple: unassigned past the end. */
export function item(value, index) {
    return step(value, (py) => (py.t === 'list' || py.t === 'tuple' ? py.items[index] ?? 'missing' : 'not-container'));
}
/** The largest length of a list/tuple value across its branches (0 when not a sequence). */
export function maxLength(value) {
    if (value === undefined)
        return 0;
    if (value.kind === 'oneOf')
        return Math.max(0, ...value.options.map(maxLength));
    if (!isConcrete(value) || typeof value.py !== 'object' || value.py === null)
        return 0;
    return value.py.t === 'list' || value.py.t === 'tuple' ? value.py.items.length : 0;
}
function step(value, get) {
    if (value === undefined || value.kind === 'unassigned')
        return UNASSIGNED;
    if (value.kind === 'unknown')
        return value;
    if (value.kind === 'oneOf')
        return oneOf(value.options.map((o) => step(o, get)));
    if (typeof value.py !== 'object' || value.py === null)
        return unknown('not a container', value.origin);
    const found = get(value.py);
    if (found === 'not-container')
        return unknown('not a container', value.origin);
    if (found === 'unknown')
        return unknown('container with an unknown key', value.origin);
    if (found === 'missing' || found.kind === 'unassigned')
        return UNASSIGNED;
    const origin = found.origin ?? value.origin;
    return value.kind === 'env' && found.kind === 'known' ? derived(found.py, [value], origin) : withOrigin(found, origin);
}
