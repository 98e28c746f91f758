import { isConcrete, maskSecret, pyRepr } from '../model/values.js';
// `value[key]` / `value[i]` inside nested settings: one implementation, in setting-paths.ts.
export { item, member } from './setting-paths.js';
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
    const sources = value.kind === 'env' ? value.env : value.kind === 'known' ? value.world : undefined;
    if (!sources)
        return '';
    const deployed = sources.filter((e) => e.deployed);
    if (deployed.length === sources.length) {
        // "DJANGO_DEBUG from --env", or from the ECS task definition whose environment set it.
        const froms = [...new Set(deployed.map((e) => e.from ?? '--env'))];
        const named = froms.map((from) => `${deployed.filter((e) => (e.from ?? '--env') === from).map((e) => e.name).join(', ')} from ${from}`);
        return ` as deployed (${named.join('; ')})`;
    }
    const unset = sources.filter((e) => !e.deployed);
    const where = unset.find((e) => e.defaultOrigin)?.defaultOrigin;
    const branch = unset.find((e) => e.branch)?.branch;
    const names = [...new Set(unset.map((e) => e.name))];
    const subject = names.length === 1 ? `${names[0]} is unset` : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} are unset`;
    const at = [where && `default in ${where.file}:${where.line}`, branch && `branch at ${branch.file}:${branch.line}`].filter(Boolean).join('; ');
    return ` when ${subject}${at ? ` (${at})` : ''}`;
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
// ---- reading inside nested settings ----
/** String keys of a dict value, across every branch (the aliases of DATABASES, CACHES ...). */
export function dictKeys(value) {
    if (value === undefined)
        return [];
    if (value.kind === 'oneOf')
        return [...new Set(value.options.flatMap(dictKeys))];
    if (!isConcrete(value) || typeof value.py !== 'object' || value.py === null || value.py.t !== 'dict')
        return [];
    return value.py.entries.flatMap((e) => (isConcrete(e.key) && typeof e.key.py === 'string' ? [e.key.py] : []));
}
/** The value unless it is unassigned (a missing dict key), in which case `fallback`. */
export function orElse(value, fallback) {
    return value.kind === 'unassigned' ? fallback : value;
}
/**
 * The items of a list/tuple/set setting that `test` flags (returns a detail for), on every
 * possible value of the setting: a oneOf yields hits only when every branch has at least one
 * (a branch that leaves the setting unassigned uses `fallback`). An item that is itself a oneOf
 * counts only when every option is flagged. A str setting has no items here.
 */
export function flaggedItems(value, test, fallback) {
    if (value === undefined)
        return [];
    const options = value.kind === 'oneOf' ? value.options : [value];
    const found = [];
    for (const raw of options) {
        const option = raw.kind === 'unassigned' ? fallback : raw;
        if (!option || !isConcrete(option))
            return [];
        const here = [];
        for (const item of seqItems(option.py) ?? []) {
            if (item.kind === 'unassigned')
                continue;
            let detail;
            const verdict = judge(item, (py) => {
                const d = test(py);
                detail ??= d;
                return d !== undefined;
            });
            if (!verdict || detail === undefined)
                continue;
            here.push({ option: verdict.option, detail, origin: item.origin ?? verdict.option.origin, value: value.kind === 'known' ? item : value });
        }
        if (here.length === 0)
            return [];
        found.push(...here);
    }
    return found;
}
// ---- hosts ----
/**
 * Hosts whose traffic stays on the machine: loopback, a Unix socket path, and single-label
 * names, which in practice are docker-compose / podman service names on the same host ("redis",
 * "db", "mail"). Anything with a dot, private IPs and private DNS included, crosses a network.
 */
export function isLocalHost(host) {
    const h = host.toLowerCase().replace(/^\[|\]$/g, '');
    if (h === '' || h.startsWith('/') || h === 'localhost' || h.endsWith('.localhost') || h === 'host.docker.internal')
        return true;
    if (h === '::1' || h === '0.0.0.0' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h))
        return true;
    return !h.includes('.') && !h.includes(':');
}
