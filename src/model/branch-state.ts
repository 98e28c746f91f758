// Branch state of the statement walk: the namespace and where each name was set, layered per
// branch so a branch costs what it changes; commit (the branch ran) and merge (either may have
// run: differing names become oneOf); and how a branch condition is decided.
import type { EnvSource, Origin, Value } from './values.js';
import { MAX_ENV_SOURCES, UNASSIGNED, capEnv, isConcrete, oneOf, pyTruthy } from './values.js';

/** What the walk needs of a namespace: the module's Map, or a branch's layer over it. */
export interface Names<V> extends Iterable<[string, V]> {
  get(name: string): V | undefined;
  has(name: string): boolean;
  set(name: string, value: V): unknown;
  delete(name: string): boolean;
}

/**
 * A branch's namespace: reads fall through to the parent, writes stay in the layer. A branch then
 * costs what it changes, not the size of the namespace (copying it made many branches quadratic).
 * The parent must not change while the layer is in use.
 */
class Layer<V> implements Names<V> {
  private readonly own = new Map<string, V>();
  private readonly removed = new Set<string>();
  constructor(private readonly parent: Names<V>) {}

  get(name: string): V | undefined {
    if (this.own.has(name)) return this.own.get(name);
    return this.removed.has(name) ? undefined : this.parent.get(name);
  }
  has(name: string): boolean {
    return this.own.has(name) || (!this.removed.has(name) && this.parent.has(name));
  }
  set(name: string, value: V): this {
    this.removed.delete(name);
    this.own.set(name, value);
    return this;
  }
  delete(name: string): boolean {
    const had = this.has(name);
    this.own.delete(name);
    this.removed.add(name);
    return had;
  }
  /** Names this layer wrote or deleted. */
  changed(): string[] {
    return [...this.own.keys(), ...this.removed];
  }
  *[Symbol.iterator](): Iterator<[string, V]> {
    for (const [name, value] of this.parent) if (!this.own.has(name) && !this.removed.has(name)) yield [name, value];
    yield* this.own;
  }
}

export function changedNames<V>(names: Names<V>): string[] {
  return names instanceof Layer ? names.changed() : [...names].map(([name]) => name);
}

export interface State {
  ns: Names<Value>;
  assignedAt: Names<Origin>;
  poisoned: boolean;
}

/** A branch of `s`: a layer over it (cheap; `s` must not change until the branch is merged or committed). */
export function cloneState(s: State): State {
  return { ns: new Layer(s.ns), assignedAt: new Layer(s.assignedAt), poisoned: s.poisoned };
}

/** Writes a branch's changes into the state it was cloned from. */
export function commitState(target: State, branch: State): void {
  for (const name of changedNames(branch.ns)) {
    const value = branch.ns.get(name);
    if (value === undefined) target.ns.delete(name);
    else target.ns.set(name, value);
  }
  for (const name of changedNames(branch.assignedAt)) {
    const where = branch.assignedAt.get(name);
    if (where === undefined) target.assignedAt.delete(name);
    else target.assignedAt.set(name, where);
  }
  target.poisoned = branch.poisoned;
}

/** Merges branches cloned from `target` back into it: names that differ become oneOf. */
export function mergeStates(target: State, branches: State[]): void {
  // Compute everything first: the branches read through to target, which must not change yet.
  const values = [...new Set(branches.flatMap((b) => changedNames(b.ns)))].map((name) => {
    const options = branches.map((b) => b.ns.get(name));
    if (options.every((v) => v === undefined)) return [name, undefined] as const;
    const all = options.map((v) => v ?? UNASSIGNED);
    return [name, all.every((v) => v === all[0]) ? all[0] : oneOf(all)] as const;
  });
  const places = [...new Set(branches.flatMap((b) => changedNames(b.assignedAt)))].map(
    (name) => [name, branches.map((b) => b.assignedAt.get(name)).find((o) => o !== undefined)] as const,
  );
  for (const [name, value] of values) {
    if (value === undefined) target.ns.delete(name);
    else target.ns.set(name, value);
  }
  for (const [name, where] of places) {
    if (where === undefined) target.assignedAt.delete(name);
    else target.assignedAt.set(name, where);
  }
  target.poisoned = branches.some((b) => b.poisoned);
}

/**
 * How the default world decides a branch condition: known values and values as deployed decide
 * it outright (`env` empty); a value read from the environment with its default (the variable
 * unset, as when `manage.py check --deploy` runs in an empty environment) decides it too, and
 * `env` lists the unset variables the choice rests on. Unknown (a required variable, a call not
 * modelled) leaves it undecided, as does a oneOf whose options disagree.
 */
export interface Decision {
  truth: boolean | undefined;
  env: EnvSource[];
}

export function decide(cond: Value): Decision {
  const options = cond.kind === 'oneOf' ? cond.options : [cond];
  const truths = options.map((o) => (isConcrete(o) ? pyTruthy(o.py) : undefined));
  const truth = truths[0];
  if (truth === undefined || truths.some((t) => t !== truth)) return { truth: undefined, env: [] };
  const env = options.flatMap((o) => (o.kind === 'env' ? o.env.filter((e) => !e.deployed) : o.kind === 'known' ? o.world ?? [] : []));
  return { truth, env };
}

/**
 * A value the default world chose by a branch (or left in place by skipping one): it depends on
 * the variables the choice rests on, named with the branch for messages ("when K is unset
 * (branch at settings.py:95)"). Unknown stays unknown.
 */
export function chosenByBranch(v: Value, env: readonly EnvSource[], branch: Origin, how: { condition?: string; otherwise?: Value } = {}): Value {
  if (v.kind === 'oneOf') return { ...v, options: v.options.map((o) => chosenByBranch(o, env, branch, how)) };
  if (!isConcrete(v)) return v;
  const present = v.kind === 'env' ? v.env : v.world ?? [];
  // Already at the cap with an unset variable: adding more changes nothing a rule or message uses.
  if (present.length >= MAX_ENV_SOURCES && present.some((e) => !e.deployed)) return v;
  const names = new Set(present.map((e) => e.name));
  const added: EnvSource[] = [];
  for (const e of env) {
    if (names.has(e.name)) continue;
    names.add(e.name);
    added.push({ name: e.name, deployed: false, branch, ...how });
  }
  if (added.length === 0) return v;
  // A literal stays a literal (rules tell literals from env defaults); it records the branch.
  if (v.kind === 'known') return { ...v, world: capEnv([...present, ...added]) };
  return { ...v, env: capEnv([...v.env, ...added]) };
}
