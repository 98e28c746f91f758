// Helpers for rules that mirror Django's system checks (check --deploy).
// - hasMiddleware / hasInstalledApp / settingContains: Django's preconditions, tested as Django
//   tests them, with Python's `in` (`"...SecurityMiddleware" in settings.MIDDLEWARE`): exact
//   string membership, no AppConfig or subclass matching, substring when the setting is a str.
// - judgeSetting / reportSetting: judge a setting with Django's default and report it at its
//   assignment, or at line 1 of the entry when it is unset.
// - pyHashable / pyStrip: the bits of Python semantics the checks depend on.
//
// Preconditions are three-valued: true or false only when every possible value of the setting
// agrees (the options of a oneOf, an env default, Django's default when unassigned), undefined
// when it depends on something unknown or the branches disagree. A rule that mirrors a check
// then stays silent, so it reports only when Django would fire on every combination of branches.
import { djangoDefault } from './django-defaults.js';
import { confidenceOf } from '../finding.js';
import { isConcrete, pyEquals, pyTruthy } from '../model/values.js';
import { judge, show, sourceClause } from './rule-helpers.js';
export const SECURITY_MIDDLEWARE = 'django.middleware.security.SecurityMiddleware';
export const XFRAME_MIDDLEWARE = 'django.middleware.clickjacking.XFrameOptionsMiddleware';
export const SESSION_MIDDLEWARE = 'django.contrib.sessions.middleware.SessionMiddleware';
export const CSRF_MIDDLEWARE = 'django.middleware.csrf.CsrfViewMiddleware';
/** `dotted in settings.MIDDLEWARE`: true/false when certain, undefined when not. */
export function hasMiddleware(ctx, dotted) {
    return settingContains(ctx, 'MIDDLEWARE', dotted);
}
/** `app in settings.INSTALLED_APPS` (exact entry, as Django's checks test it). */
export function hasInstalledApp(ctx, app) {
    return settingContains(ctx, 'INSTALLED_APPS', app);
}
/**
 * Python `item in settings.<setting>`, with the setting's Django default when unassigned.
 * A oneOf answers only when every option gives the same answer.
 */
export function settingContains(ctx, setting, item) {
    const value = ctx.getOrDefault(setting);
    const options = value.kind === 'oneOf' ? value.options : [value];
    let answer;
    for (const raw of options) {
        // An unassigned branch keeps Django's default.
        const option = raw.kind === 'unassigned' ? djangoDefault(setting) : raw;
        const here = option === undefined ? undefined : containsIn(option, item);
        if (here === undefined || (answer !== undefined && answer !== here))
            return undefined;
        answer = here;
    }
    return answer;
}
/**
 * judge() over a setting's effective value with Django's default (unassigned, or on the branches
 * that leave it unassigned): a verdict only when every possible value passes `test`.
 */
export function judgeSetting(ctx, setting, test) {
    return judge(ctx.getOrDefault(setting), test, djangoDefault(setting));
}
/**
 * Reports a verdict on one setting: at the assignment when the setting is assigned (data gets
 * `value` and `source`), at line 1 of the entry with `ids.unset` when it is not. Confidence is the
 * weakest of the judged value and the values the verdict depended on (e.g. MIDDLEWARE).
 */
export function reportSetting(ctx, setting, verdict, ids, data = {}, dependsOn = [], level) {
    const assigned = ctx.get(setting);
    const confidence = weakestConfidence(verdict.value, ...dependsOn);
    const shown = { value: show(verdict.option.py), source: assigned ? sourceClause(assigned) : '', ...data };
    const lowered = level ? { level } : {};
    if (assigned === undefined && ids.unset !== undefined)
        ctx.report({ messageId: ids.unset, data: shown, confidence, ...lowered });
    else
        ctx.report({ messageId: ids.set, value: assigned, data: shown, confidence, ...lowered });
}
/** The weakest confidence among the values a verdict depended on (a default counts as high). */
export function weakestConfidence(...values) {
    const rank = { high: 2, medium: 1, low: 0 };
    let weakest = 'high';
    for (const v of values) {
        const c = confidenceOf(v);
        if (rank[c] < rank[weakest])
            weakest = c;
    }
    return weakest;
}
/** Python `item in container` for one possible value; undefined when it cannot be decided. */
function containsIn(container, item) {
    if (!isConcrete(container))
        return undefined;
    const py = container.py;
    if (typeof py === 'string')
        return py.includes(item); // substring, as Python's `in` on a str
    if (typeof py !== 'object' || py === null)
        return undefined; // None: Django's check would raise
    const members = py.t === 'dict' ? py.entries.map((e) => e.key) : py.t === 'list' || py.t === 'tuple' || py.t === 'set' ? py.items : undefined;
    if (!members)
        return undefined;
    let undecided = false;
    for (const member of members) {
        const eq = memberEquals(member, item);
        if (eq === true)
            return true;
        if (eq === undefined)
            undecided = true;
    }
    return undecided ? undefined : false;
}
/** Whether one element equals the item on every path (a oneOf element must agree throughout). */
function memberEquals(member, item) {
    if (isConcrete(member))
        return pyEquals(member.py, item);
    if (member.kind !== 'oneOf')
        return undefined;
    const all = member.options.map((o) => (isConcrete(o) ? pyEquals(o.py, item) : undefined));
    if (all.every((x) => x === true))
        return true;
    if (all.every((x) => x === false))
        return false;
    return undefined;
}
// ---- Python semantics that Django's checks rely on ----
/** Python hashability (can it go in a set?); undefined for values the model does not describe. */
export function pyHashable(py) {
    if (py === null || typeof py !== 'object')
        return true;
    switch (py.t) {
        case 'bytes':
        case 'path':
            return true;
        case 'tuple': {
            let all = true;
            for (const item of py.items) {
                const h = isConcrete(item) ? pyHashable(item.py) : undefined;
                if (h === false)
                    return false;
                if (h === undefined)
                    all = undefined;
            }
            return all;
        }
        case 'list':
        case 'set':
        case 'dict':
            return false;
        default:
            return undefined;
    }
}
/** Characters for which Python's str.isspace() is true (what str.strip() removes). */
const PY_WHITESPACE = new Set([
    '\t', '\n', '\v', '\f', '\r', '\x1c', '\x1d', '\x1e', '\x1f', ' ', '\x85', '\xa0', '\u1680',
    '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u2009', '\u200a',
    '\u2028', '\u2029', '\u202f', '\u205f', '\u3000',
]);
/** Python's str.strip() with no argument (Unicode whitespace, unlike JS trim() which also drops U+FEFF). */
export function pyStrip(s) {
    let start = 0;
    let end = s.length;
    while (start < end && PY_WHITESPACE.has(s[start]))
        start++;
    while (end > start && PY_WHITESPACE.has(s[end - 1]))
        end--;
    return s.slice(start, end);
}
/**
 * Django's check_*_middleware (W001, W002, W003): reports when `dotted` is certainly not in
 * MIDDLEWARE — at line 1 of the entry when MIDDLEWARE is never set, else at its assignment.
 */
export function reportMissingMiddleware(ctx, dotted) {
    if (hasMiddleware(ctx, dotted) !== false)
        return;
    const middleware = ctx.get('MIDDLEWARE');
    if (middleware === undefined) {
        ctx.report({ messageId: 'unset' });
        return;
    }
    ctx.report({ messageId: 'notListed', value: middleware, data: { source: sourceClause(middleware) }, confidence: weakestConfidence(middleware) });
}
/**
 * Django's check_sts_include_subdomains (W005) and check_sts_preload (W021): with SecurityMiddleware
 * and a truthy SECURE_HSTS_SECONDS, `flag` must be True. Passes when `not _security_middleware() or
 * not SECURE_HSTS_SECONDS or <flag> is True`.
 */
export function reportHstsFlagNotTrue(ctx, flag) {
    if (hasMiddleware(ctx, SECURITY_MIDDLEWARE) !== true)
        return;
    const hsts = judgeSetting(ctx, 'SECURE_HSTS_SECONDS', (py) => pyTruthy(py) === true);
    if (!hsts)
        return;
    const verdict = judgeSetting(ctx, flag, (py) => py !== true);
    if (!verdict)
        return;
    reportSetting(ctx, flag, verdict, { set: 'notTrue', unset: 'unset' }, { hsts: show(hsts.option.py) }, [hsts.value, ctx.get('MIDDLEWARE')]);
}
