import { isConcrete, maskSecret, pyRepr } from './model/values.js';
/**
 * Applies an insecurity test to a value. Known and env values are judged directly; a oneOf is
 * insecure only when every option is; unknown is never judged. `fallback` replaces options
 * where the setting is unassigned on some path (usually Django's default).
 */
export function judge(value, isInsecure, fallback) {
    if (value === undefined)
        return undefined;
    if (isConcrete(value))
        return isInsecure(value.py, value) === true ? { option: value, value } : undefined;
    if (value.kind === 'oneOf') {
        let first;
        for (const raw of value.options) {
            const option = raw.kind === 'unassigned' ? fallback : raw;
            if (!option || !isConcrete(option) || isInsecure(option.py, option) !== true)
                return undefined;
            first ??= option;
        }
        return first ? { option: first, value } : undefined;
    }
    return undefined;
}
/** " when DJANGO_DEBUG is unset (default in base.py:7)", or "" for a literal. */
export function sourceClause(value) {
    if (value.kind === 'oneOf')
        return ' on every branch of the settings';
    if (value.kind !== 'env')
        return '';
    const deployed = value.env.filter((e) => e.deployed);
    if (deployed.length === value.env.length)
        return ` as deployed (${deployed.map((e) => e.name).join(', ')} from --env)`;
    const unset = value.env.filter((e) => !e.deployed);
    const where = unset.find((e) => e.defaultOrigin)?.defaultOrigin;
    const names = unset.map((e) => e.name);
    const subject = names.length === 1 ? `${names[0]} is unset` : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} are unset`;
    return ` when ${subject}${where ? ` (default in ${where.file}:${where.line})` : ''}`;
}
/** The env variable names a value depends on (not deployed), for messages. */
export function envNames(value) {
    if (value.kind === 'env')
        return value.env.filter((e) => !e.deployed).map((e) => e.name);
    return [];
}
/** Python repr for messages; strings that are secrets are masked. */
export function show(py, secret = false) {
    if (secret && typeof py === 'string')
        return maskSecret(py);
    return pyRepr(py);
}
export function isStr(py) {
    return typeof py === 'string';
}
/** Items of a list/tuple/set value (undefined when not a sequence). */
export function seqItems(py) {
    return typeof py === 'object' && py !== null && (py.t === 'list' || py.t === 'tuple' || py.t === 'set') ? py.items : undefined;
}
/** Strings among a sequence's items, or undefined if any item is not a known string. */
export function stringItems(py) {
    const items = seqItems(py);
    if (!items)
        return undefined;
    const out = [];
    for (const i of items) {
        if (!isConcrete(i) || typeof i.py !== 'string')
            return undefined;
        out.push(i.py);
    }
    return out;
}
