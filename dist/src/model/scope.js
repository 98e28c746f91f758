import { known } from './values.js';
import { mapConcrete } from './lift.js';
// ---- environment lookups ----
function deployedSource(session, name) {
    const from = session.deployedFrom?.get(name);
    return { name, deployed: true, ...(from ? { from } : {}) };
}
/**
 * The value of environment variable `name`: as deployed (--env), as set earlier by
 * os.environ.setdefault, or else its default; unknown (must be set) when there is no default.
 */
export function envLookup(session, name, fallback, origin, rawString) {
    // The settings' own os.environ[K] = v replaces even a deployed value (os.environ.setdefault never
    // records a variable that is deployed, so a recorded write always wins).
    session.touched?.add(name);
    const written = session.envWrites.get(name);
    const deployed = session.deployed.get(name);
    if (deployed !== undefined && written === undefined) {
        return { kind: 'env', py: deployed, env: [deployedSource(session, name)], origin, rawString };
    }
    if (written === undefined && session.narrowed?.has(name)) {
        return { kind: 'unknown', reason: `${name} is set here (the code is guarded by a test of it)`, origin, rawString };
    }
    const dflt = written ?? fallback;
    if (dflt === undefined) {
        return { kind: 'unknown', reason: `environment variable ${name} must be set`, origin, requiredEnv: name, rawString };
    }
    return mapConcrete(dflt, (c) => ({
        kind: 'env',
        py: c.py,
        env: [{ name, deployed: false, defaultOrigin: c.origin }, ...(c.kind === 'env' ? c.env : [])],
        origin,
        rawString,
    }));
}
/**
 * Whether environment variable `name` is set (`"K" in os.environ`): as deployed, or set earlier
 * by the settings themselves; else, in the default world, it is not (an env value: it depends on
 * the variable).
 */
export function envPresence(session, name, origin) {
    session.touched?.add(name);
    if (session.envWrites.has(name))
        return known(true, origin);
    if (session.deployed.has(name))
        return { kind: 'env', py: true, env: [deployedSource(session, name)], origin };
    return { kind: 'env', py: false, env: [{ name, deployed: false }], origin };
}
