// Which settings modules are judged as production (entries), which only through their importers
// (bases), and which are skipped (development, test, examples).
import { basename, sep } from 'node:path';
import { classBaseModules, configurationClassesIn } from '../model/classes.js';
const DEV_TOKENS = new Set(['dev', 'development', 'local', 'test', 'tests', 'testing', 'ci', 'debug', 'develop', 'devel']);
const EXAMPLE_TOKENS = new Set(['example', 'examples', 'sample', 'template', 'dist']);
/** Why a module is development/test/example, judged by its path; undefined for production candidates. */
export function nonProductionReason(absPath) {
    const name = basename(absPath).replace(/\.py$/, '');
    const tokens = name.toLowerCase().split(/[_.-]+/);
    if (tokens.some((t) => DEV_TOKENS.has(t) || /^test/.test(t)))
        return 'development/test settings (by name)';
    if (tokens.some((t) => EXAMPLE_TOKENS.has(t)))
        return 'example/template settings (by name)';
    const dirs = absPath.split(sep).slice(0, -1).map((d) => d.toLowerCase());
    if (dirs.some((d) => d === 'tests' || d === 'test'))
        return 'lives under a tests/ directory';
    return undefined;
}
const SETTING_NAME = /^[A-Z][A-Z0-9_]*$/;
export function roleFacts(evaluation) {
    if (!evaluation)
        return { definesSettings: true, edges: [] };
    // django-configurations classes are settings; the modules their classes derive from are bases.
    let definesSettings = evaluation.poisoned || configurationClassesIn(evaluation.ns).length > 0;
    for (const name of evaluation.ns.keys()) {
        if (definesSettings)
            break;
        definesSettings = SETTING_NAME.test(name);
    }
    const classBases = classBaseModules(evaluation.ns, evaluation.module.absPath).map((to) => ({ to, conditional: false }));
    return { definesSettings, edges: [...evaluation.edges.map((e) => ({ to: e.to, conditional: e.conditional })), ...classBases] };
}
/**
 * Entries are candidates that no production candidate imports unconditionally. A module imported
 * only by development/test modules is an entry itself (it is what deploys). Explicit --settings
 * entries override the guess.
 */
export function assignRoles(candidates, facts, options) {
    if (options.explicit && options.explicit.length > 0) {
        const entries = options.explicit;
        return { entries, bases: candidates.filter((c) => !entries.includes(c)), skipped: [] };
    }
    const skipped = [];
    const production = [];
    for (const c of candidates) {
        // A package __init__.py or helper module that assigns no setting is not a settings module.
        if (!(facts.get(c)?.definesSettings ?? true) && !options.namedOnCommandLine?.has(c))
            continue;
        const reason = nonProductionReason(c);
        if (reason && !options.includeDev && !options.namedOnCommandLine?.has(c))
            skipped.push({ absPath: c, reason });
        else
            production.push(c);
    }
    // A module is a base when another production module imports it unconditionally, unless the
    // two import each other (a cycle): then each is judged as an entry.
    const reach = new Map();
    for (const c of production) {
        reach.set(c, new Set((facts.get(c)?.edges ?? []).filter((e) => !e.conditional).map((e) => e.to)));
    }
    const importedByProduction = new Set();
    for (const importer of production) {
        for (const target of reach.get(importer) ?? []) {
            if (target !== importer && !reach.get(target)?.has(importer))
                importedByProduction.add(target);
        }
    }
    const entries = production.filter((c) => !importedByProduction.has(c));
    const bases = production.filter((c) => importedByProduction.has(c));
    return { entries, bases, skipped };
}
