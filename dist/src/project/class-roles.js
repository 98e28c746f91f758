// Which settings classes of a module deploy (django-configurations: the class DJANGO_CONFIGURATION
// names). Evidence first: the deployed variable, then the wsgi.py/asgi.py default, then
// manage.py's. Without evidence, by name and structure as modules are: classes named like
// production (Prod, Production, Live, Staging) are entries, dev/test-named ones (Dev, Local,
// Test, CI) are skipped, and of the rest those no other judged class derives from are entries.
import { nonProductionReason } from './roles.js';
const PRODUCTION_TOKENS = new Set(['prod', 'production', 'live', 'staging', 'stage']);
/** `CommunityDevSettings` → community_dev_settings, so the module vocabulary applies to class names. */
function tokensOf(name) {
    return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').toLowerCase().split(/[_.-]+/).filter((t) => t !== '');
}
/** Why a class is development/test by its name, or undefined. */
export function nonProductionClassReason(name) {
    const reason = nonProductionReason(`${tokensOf(name).join('_')}.py`);
    return reason?.replace('settings (by name)', 'class (by name)');
}
export function chooseEntryClasses(classes, evidence, includeDev = false) {
    const known = new Set(classes.map((c) => c.name));
    const devReason = (name) => (includeDev ? undefined : nonProductionClassReason(name));
    // The classes evidence names deploy; the others, but for the bases they are judged through, do not.
    const chosen = (names, source) => {
        const judged = new Set(classes.filter((c) => names.includes(c.name)).flatMap((c) => [c.name, ...c.ancestors]));
        return {
            entries: names.map((name) => ({ name, reason: `${source} ${name}` })),
            skipped: classes.filter((c) => !judged.has(c.name)).map((c) => ({ name: c.name, reason: `not the deployed class: ${source} ${names.join(', ')}` })),
        };
    };
    if (evidence.deployed !== undefined && known.has(evidence.deployed))
        return chosen([evidence.deployed], 'DJANGO_CONFIGURATION is deployed (--env) as');
    // Deploy configuration outranks the wsgi.py default, whatever the class is called (as for modules).
    const configured = [...new Set(evidence.config ?? [])].filter((n) => known.has(n));
    if (configured.length > 0)
        return chosen(configured, 'deploy configuration sets DJANGO_CONFIGURATION to');
    for (const [names, where] of [[evidence.server, 'wsgi.py/asgi.py'], [evidence.manage, 'manage.py']]) {
        const named = names.filter((n) => known.has(n) && devReason(n) === undefined);
        if (named.length > 0)
            return chosen(named, `${where} defaults DJANGO_CONFIGURATION to`);
    }
    const skipped = [];
    const candidates = [];
    for (const c of classes) {
        const reason = devReason(c.name);
        if (reason)
            skipped.push({ name: c.name, reason });
        else
            candidates.push(c);
    }
    const inherited = new Set(candidates.flatMap((c) => c.ancestors));
    const entries = candidates
        .filter((c) => tokensOf(c.name).some((t) => PRODUCTION_TOKENS.has(t)) || !inherited.has(c.name))
        .map((c) => ({ name: c.name, reason: tokensOf(c.name).some((t) => PRODUCTION_TOKENS.has(t)) ? 'production class (by name)' : 'no other class derives from it' }));
    return { entries, skipped };
}
