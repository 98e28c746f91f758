// Which settings modules are judged as production (entries), which only through their importers
// (bases), which only on what they assign (fragments), and which are skipped (development, test,
// CI, build-only, examples, environment switches). Evidence first, names second, structure last;
// every decision carries its reason.
import { basename, sep } from 'node:path';
import { classBaseModules, configurationClassesIn } from '../model/classes.js';
import { resolveEvidenceModule } from './evidence.js';
import { CORE_SETTINGS, isKnownSetting } from './setting-names.js';
const DEV_TOKENS = new Set([
    'dev', 'development', 'local', 'test', 'tests', 'testing', 'debug', 'develop', 'devel', 'devstack',
    'it', 'e2e', 'integration', 'ci', 'github', 'gitlab', 'travis', 'circleci', 'jenkins',
]);
/** Words that end in "test" and name no tests. */
const NOT_TESTS = new Set(['latest', 'greatest', 'fastest', 'shortest', 'smartest', 'contest', 'protest', 'attest']);
const PRODUCTION_TOKENS = new Set(['prod', 'production', 'live', 'deploy', 'release']);
const BUILD_TOKENS = new Set(['sphinx', 'docs', 'compress', 'collectstatic']);
const EXAMPLE_TOKENS = new Set(['example', 'examples', 'sample', 'template', 'dist']);
/** A module name's tokens: split on `_ . -` and camelCase (`settingsDev` → settings, dev). */
export function nameTokens(name) {
    return name
        .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
        .toLowerCase()
        .split(/[_.-]+/)
        .filter(Boolean);
}
/** Why a module is development/test, build-only or an example, judged by its path; undefined for production candidates. */
export function nonProductionByName(absPath) {
    const tokens = nameTokens(basename(absPath).replace(/\.py$/, ''));
    if (tokens.some((t) => DEV_TOKENS.has(t) || (/tests?$/.test(t) && !NOT_TESTS.has(t)) || /^test/.test(t)))
        return { kind: 'development', reason: 'development/test settings (by name)' };
    if (tokens.some((t) => BUILD_TOKENS.has(t)))
        return { kind: 'build', reason: 'build-only settings (docs, asset compression; by name)' };
    if (tokens.some((t) => EXAMPLE_TOKENS.has(t)))
        return { kind: 'example', reason: 'example/template settings (by name)' };
    const dirs = absPath.split(sep).slice(0, -1).map((d) => d.toLowerCase());
    if (dirs.some((d) => d === 'tests' || d === 'test'))
        return { kind: 'development', reason: 'lives under a tests/ directory' };
    return undefined;
}
/** Why a module is development/test/example, judged by its path; undefined for production candidates. */
export function nonProductionReason(absPath) {
    return nonProductionByName(absPath)?.reason;
}
export function roleFacts(evaluation) {
    if (!evaluation)
        return { definesSettings: true, whole: true, ownCore: 0, edges: [] };
    // django-configurations classes are settings (and a whole project's); the modules their classes derive from are bases.
    const classNames = configurationClassesIn(evaluation.ns).map(([name]) => name);
    const classBased = classNames.length > 0;
    let definesSettings = evaluation.poisoned || classBased;
    for (const name of evaluation.ns.keys()) {
        if (definesSettings)
            break;
        definesSettings = isKnownSetting(name);
    }
    const whole = classBased || CORE_SETTINGS.filter((n) => evaluation.ns.has(n)).length >= 2;
    const ownCore = CORE_SETTINGS.filter((n) => evaluation.assignedAt.get(n)?.file === evaluation.module.file).length;
    const classBases = classBaseModules(evaluation.ns, evaluation.module.absPath).map((to) => ({ from: evaluation.module.absPath, to, conditional: false }));
    const edges = [...evaluation.edges.filter((e) => e.kind !== 'names').map((e) => ({ from: e.from, to: e.to, conditional: e.conditional, ...(e.skipped ? { skipped: true } : {}), line: e.origin.line })), ...classBases];
    return { definesSettings, whole, ownCore, edges, ...(classBased ? { classes: classNames } : {}) };
}
const KIND_WORDS = {
    deploy: 'deploy configuration',
    wsgi: 'the WSGI/ASGI default',
    test: 'test settings',
    ci: 'CI settings',
    manage: "manage.py's default",
    dev: 'development settings',
    build: 'a build step only',
};
/** Test or CI evidence; CI that names a production module (a pipeline's migrate step) is none. */
function testEvidence(c, ev) {
    return ev.find((e) => e.kind === 'test' || (e.kind === 'ci' && !nameTokens(basename(c).replace(/\.py$/, '')).some((t) => PRODUCTION_TOKENS.has(t))));
}
/** One module's role by the evidence that names it, then its name: the table in docs/roles.md. */
function decideByEvidence(c, ev, named, cite) {
    const byName = nonProductionByName(c);
    const find = (...kinds) => ev.find((e) => kinds.includes(e.kind));
    const deploy = find('deploy');
    const wsgi = find('wsgi');
    const testish = testEvidence(c, ev);
    const manage = find('manage');
    const devish = find('dev', 'build');
    // A default that names a module whose name or other evidence says development is no production evidence.
    const defaultCounts = !byName && !devish;
    const sets = (e) => `${cite(e)} sets DJANGO_SETTINGS_MODULE to it (${KIND_WORDS[e.kind]})`;
    // A file named on the command line is always judged; through its importer when it has one.
    if (named)
        return { production: true, reason: 'named on the command line', strength: 'default' };
    if (deploy)
        return { production: true, reason: sets(deploy), strength: 'deploy' };
    if (wsgi && defaultCounts)
        return { production: true, reason: sets(wsgi), strength: 'default' };
    if (testish && manage && defaultCounts)
        return { production: true, reason: `${cite(manage)} and ${cite(testish)} both name it: it serves every environment`, strength: 'default' };
    if (testish)
        return { production: false, reason: `${cite(testish)} names it as ${KIND_WORDS[testish.kind]}`, development: true };
    if (manage && defaultCounts)
        return { production: true, reason: sets(manage), strength: 'default' };
    if (devish)
        return { production: false, reason: `${cite(devish)} names it for ${KIND_WORDS[devish.kind]}`, development: true };
    if (byName)
        return { production: false, reason: byName.reason, development: byName.kind === 'development' };
    return { production: true, reason: 'no evidence names it and its name does not say development', strength: 'weak' };
}
/**
 * Roles, strongest evidence first: explicit > deploy configuration > the wsgi.py/asgi.py default >
 * test/CI evidence > manage.py's default > names > structure (docs/roles.md).
 */
export function assignRoles(candidates, facts, options) {
    const show = options.display ?? ((p) => p);
    const cite = (e) => `${show(e.file)}:${e.line}`;
    if (options.explicit && options.explicit.length > 0) {
        const entries = options.explicit;
        const bases = candidates.filter((c) => !entries.includes(c));
        const decisions = [
            ...entries.map((absPath) => ({ absPath, role: 'entry', reason: 'named by --settings' })),
            ...bases.map((absPath) => ({ absPath, role: 'base', reason: 'not named by --settings' })),
        ];
        return { entries, fragments: [], bases, skipped: [], decisions, notes: [], notePaths: new Map() };
    }
    const notes = [];
    const notePaths = new Map();
    const note = (kind, e, message, reason) => {
        notePaths.set(show(e.file), e.file);
        notes.push({ kind, file: show(e.file), line: e.line, module: e.module ?? '', ...(reason ? { reason } : {}), message });
    };
    const evidenceOf = new Map();
    for (const e of options.evidence ?? []) {
        if (!e.module)
            continue;
        const targets = resolveEvidenceModule(e, candidates);
        if (targets.length === 0)
            note('unresolved-evidence', e, `${cite(e)} names ${e.module}, which is not among the scanned settings modules`);
        for (const t of targets)
            evidenceOf.set(t, [...(evidenceOf.get(t) ?? []), e]);
    }
    const named = (c) => options.namedOnCommandLine?.has(c) ?? false;
    const skippedReason = new Map();
    const developmentModules = new Set();
    /** Modules skipped only because test or CI configuration names them, with that reason. */
    const testNamed = new Map();
    const production = [];
    /** Why each production module is production, and whether evidence (not only names) says so. */
    const why = new Map();
    for (const c of candidates) {
        const ev = evidenceOf.get(c) ?? [];
        // A package __init__.py or helper module that assigns no Django setting is not a settings module.
        if (!(facts.get(c)?.definesSettings ?? true) && !named(c) && ev.length === 0)
            continue;
        const decision = decideByEvidence(c, ev, named(c), cite);
        const wsgi = ev.find((e) => e.kind === 'wsgi');
        const testish = testEvidence(c, ev);
        // A wsgi.py/asgi.py default that names development settings is a fallback, not production
        // evidence: deploying without the variable runs them (manage.py is for developers).
        if (wsgi && !decision.production)
            note('development-default', wsgi, `${cite(wsgi)} defaults DJANGO_SETTINGS_MODULE to ${show(c)} (${decision.reason}): a deployment that does not set the variable runs non-production settings`, decision.reason);
        if (decision.production || options.includeDev) {
            production.push(c);
            why.set(c, decision.production ? { reason: decision.reason, strength: decision.strength } : { reason: `${decision.reason}, judged because of --include-dev`, strength: 'weak' });
        }
        else {
            skippedReason.set(c, decision.reason);
            if (decision.development)
                developmentModules.add(c);
            if (testish && decision.reason.startsWith(cite(testish)))
                testNamed.set(c, decision.reason);
        }
    }
    const unconditional = (c) => (facts.get(c)?.edges ?? []).filter((e) => !e.conditional).map((e) => e.to);
    // Test or CI configuration that names a module production builds on names the shared base, not
    // a test module: it is judged through its importer like any base.
    for (const c of [...testNamed.keys()]) {
        const importer = production.find((p) => p !== c && unconditional(p).includes(c));
        if (!importer)
            continue;
        skippedReason.delete(c);
        developmentModules.delete(c);
        production.push(c);
        why.set(c, { reason: testNamed.get(c), strength: 'weak' });
    }
    // An entry whose unconditional chain runs a development module is development itself.
    if (!options.includeDev) {
        for (const c of [...production]) {
            if (why.get(c).strength === 'deploy' || named(c))
                continue;
            const dev = unconditional(c).find((t) => developmentModules.has(t));
            if (!dev)
                continue;
            production.splice(production.indexOf(c), 1);
            skippedReason.set(c, `its settings star-import development module ${show(dev)}`);
        }
    }
    // A module that only picks another module's settings by a condition is a switch: each module
    // it picks is judged in its own role.
    const switches = new Set();
    for (const c of production) {
        const f = facts.get(c);
        // Even when deploy configuration names it: which module it picks is decided by a variable.
        if (!f || named(c))
            continue;
        const own = f.edges.filter((e) => e.from === c);
        if (own.length > 0 && own.every((e) => e.conditional) && f.ownCore < 2)
            switches.add(c);
    }
    for (const c of switches) {
        production.splice(production.indexOf(c), 1);
        const own = facts.get(c).edges.filter((e) => e.from === c);
        const picks = [...new Set(own.map((e) => show(e.to)))];
        skippedReason.set(c, `a switch: picks ${picks.join(' or ')} by condition; each is judged in its own role`);
        // The server runs the switch (wsgi.py's default or deploy configuration names it), and with
        // every variable unset it picks development settings: forgetting the variable deploys them.
        const deployed = (evidenceOf.get(c) ?? []).find((e) => e.kind === 'wsgi' || e.kind === 'deploy');
        if (!deployed || !own.some((e) => e.skipped))
            continue;
        for (const e of own) {
            if (e.skipped || !developmentModules.has(e.to) || e.line === undefined)
                continue;
            notePaths.set(show(c), c);
            const reason = skippedReason.get(e.to) ?? 'development settings';
            notes.push({ kind: 'development-switch', file: show(c), line: e.line, module: show(e.to), reason, message: `${show(c)}:${e.line} picks ${show(e.to)} (${reason}) when every environment variable is unset, and ${cite(deployed)} runs ${show(c)}: a deployment that does not set the variable runs development settings` });
        }
    }
    // A module is a base when another production module star-imports or includes it
    // unconditionally, unless the two import each other (a cycle): then each is judged as an entry.
    // Only deploy configuration makes an imported module an entry as well.
    const reach = new Map();
    for (const c of production)
        reach.set(c, new Set(unconditional(c)));
    const importedBy = new Map();
    for (const importer of production) {
        for (const target of reach.get(importer) ?? []) {
            if (target !== importer && !reach.get(target)?.has(importer) && !importedBy.has(target))
                importedBy.set(target, importer);
        }
    }
    // Which whole settings module (not a switch) star-imports each module under a condition: the
    // first in production order, as a search per module would find it (one pass, not one per module).
    const overlaidBy = new Map();
    for (const p of production) {
        const f = facts.get(p);
        if (switches.has(p) || (f?.ownCore ?? 0) < 2)
            continue;
        for (const e of f?.edges ?? [])
            if (e.from === p && e.to !== p && e.conditional && !overlaidBy.has(e.to))
                overlaidBy.set(e.to, p);
    }
    const decisions = [];
    const entries = [];
    const fragments = [];
    const bases = [];
    for (const c of production) {
        const { reason, strength } = why.get(c);
        const importer = importedBy.get(c);
        if (importer && strength !== 'deploy') {
            bases.push(c);
            const evidence = strength !== 'weak' || testNamed.has(c);
            decisions.push({ absPath: c, role: 'base', reason: `${show(importer)} builds on it${evidence ? ` (${reason})` : ''}` });
            continue;
        }
        entries.push(c);
        // An overlay: a whole settings module (not a switch) star-imports it under a condition, so it
        // only ever runs on top of that module and is judged on what it assigns.
        const overlaidOn = strength === 'deploy' ? undefined : overlaidBy.get(c);
        if (overlaidOn) {
            fragments.push(c);
            decisions.push({ absPath: c, role: 'fragment', reason: `an overlay: ${show(overlaidOn)} star-imports it under a condition; judged only on what it assigns` });
            continue;
        }
        const whole = (facts.get(c)?.whole ?? true) || strength !== 'weak';
        if (whole) {
            decisions.push({ absPath: c, role: 'entry', reason });
        }
        else {
            fragments.push(c);
            decisions.push({ absPath: c, role: 'fragment', reason: 'a fragment (not a whole project\'s settings, and no evidence names it): judged only on what it assigns' });
        }
    }
    const skipped = candidates.filter((c) => skippedReason.has(c)).map((absPath) => ({ absPath, reason: skippedReason.get(absPath) }));
    for (const s of skipped)
        decisions.push({ absPath: s.absPath, role: 'skipped', reason: s.reason });
    const order = new Map(candidates.map((c, i) => [c, i]));
    decisions.sort((a, b) => (order.get(a.absPath) ?? 0) - (order.get(b.absPath) ?? 0));
    return { entries, fragments, bases, skipped, decisions, notes, notePaths };
}
