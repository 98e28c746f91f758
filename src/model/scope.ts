// What an evaluation sees of the run and of the module being walked: the Scope (names, the
// environment session), call arguments, and environment lookups (deployed, written by the
// settings themselves, or the default).
import type { EnvSource, LibraryCall, Origin, Value } from './values.js';
import { known } from './values.js';
import { mapConcrete } from './lift.js';

/** What an evaluation needs from the module being walked and the run. */
export interface Scope {
  /** Display path of the file (relative, `/`), used in origins. */
  readonly file: string;
  lookup(name: string): Value | undefined;
  /** True once globals() was written: names not found are unknown, not undefined. */
  readonly poisoned: boolean;
  readonly session: Session;
  readonly callDepth: number;
  /** Told of each os.environ write an expression makes (setdefault); the statement walk records them. */
  readonly onEnvWrite?: (write: Omit<EnvWrite, 'conditional'>) => void;
  /** Told of a name an expression binds (`n := ...`): the statement walk or a helper stores it. */
  readonly onBind?: (name: string, value: Value) => void;
  /** Told of each call into a library the model does not run (boto3), wherever it is made. */
  readonly onLibraryCall?: (call: LibraryCall) => void;
}

/** A write to os.environ made by the settings: `os.environ[K] = v` or `os.environ.setdefault(K, v)`. */
export interface EnvWrite {
  name: string;
  /** The variable after the write: v, or for setdefault its lookup (as deployed, else the default). */
  value: Value;
  how: 'setitem' | 'setdefault';
  origin: Origin;
  /** Made inside an undecidable branch or an optional import: it may not happen. */
  conditional: boolean;
}

/** The environment an evaluation sees. */
export interface Session {
  /** --env / --env-file values (the whole run): evaluate as deployed. */
  readonly deployed: ReadonlyMap<string, string>;
  /** Where deployed values that are not --env came from, by variable (an ECS task definition). */
  readonly deployedFrom?: ReadonlyMap<string, string>;
  /** os.environ.setdefault / os.environ[K] = v made so far in this import chain (ImportChain.env). */
  readonly envWrites: Map<string, Value>;
  /** Variables the code being evaluated is guarded by (`if os.environ.get("K"):`): set, not empty. */
  readonly narrowed?: ReadonlySet<string>;
  /** Told of every variable read or written (ImportChain.touched). */
  readonly touched?: Set<string>;
}

// ---- environment lookups ----

function deployedSource(session: Session, name: string): EnvSource {
  const from = session.deployedFrom?.get(name);
  return { name, deployed: true, ...(from ? { from } : {}) };
}

/**
 * The value of environment variable `name`: as deployed (--env), as set earlier by
 * os.environ.setdefault, or else its default; unknown (must be set) when there is no default.
 */
export function envLookup(session: Session, name: string, fallback: Value | undefined, origin: Origin, rawString: boolean): Value {
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

export interface CallArgs {
  positional: Value[];
  keywords: Map<string, Value>;
  /** A *args or **kwargs we could not expand. */
  opaque: boolean;
}

/**
 * Whether environment variable `name` is set (`"K" in os.environ`): as deployed, or set earlier
 * by the settings themselves; else, in the default world, it is not (an env value: it depends on
 * the variable).
 */
export function envPresence(session: Session, name: string, origin: Origin): Value {
  session.touched?.add(name);
  if (session.envWrites.has(name)) return known(true, origin);
  if (session.deployed.has(name)) return { kind: 'env', py: true, env: [deployedSource(session, name)], origin };
  return { kind: 'env', py: false, env: [{ name, deployed: false }], origin };
}
