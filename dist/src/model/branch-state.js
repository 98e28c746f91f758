import { MAX_ENV_SOURCES, UNASSIGNED, capEnv, isConcrete, oneOf, pyTruthy } from './values.js';
/**
 * A branch's namespace: reads fall through to the parent, writes stay in the layer. A branch then
 * costs what it changes, not the size of the namespace (copying it made many branches quadratic).
 * The parent must not change while the layer is in use.
 */
class Layer {
    parent;
    own = new Map();
    removed = new Set();
    constructor(parent) {
        this.parent = parent;
    }
    get(name) {
        if (this.own.has(name))
            return this.own.get(name);
        return this.removed.has(name) ? undefined : this.parent.get(name);
    }
    has(name) {
        return this.own.has(name) || (!this.removed.has(name) && this.parent.has(name));
    }
    set(name, value) {
        this.removed.delete(name);
        this.own.set(name, value);
        return this;
    }
    delete(name) {
        const had = this.has(name);
        this.own.delete(name);
        this.removed.add(name);
        return had;
    }
    /** Names this layer wrote or deleted. */
    changed() {
        return [...this.own.keys(), ...this.removed];
    }
    *[Symbol.iterator]() {
        for (const [name, value] of this.parent)
            if (!this.own.has(name) && !this.removed.has(name))
                yield [name, value];
        yield* this.own;
    }
}
export function changedNames(names) {
    return names instanceof Layer ? names.changed() : [...names].map(([name]) => name);
}
/** A branch of `s`: a layer over it (cheap; `s` must not change until the branch is merged or committed). */
export function cloneState(s) {
    return { ns: new Layer(s.ns), assignedAt: new Layer(s.assignedAt), poisoned: s.poisoned };
}
/** Writes a branch's changes into the state it was cloned from. */
export function commitState(target, branch) {
    for (const name of changedNames(branch.ns)) {
        const value = branch.ns.get(name);
        if (value === undefined)
            target.ns.delete(name);
        else
            target.ns.set(name, value);
    }
    for (const name of changedNames(branch.assignedAt)) {
        const where = branch.assignedAt.get(name);
        if (where === undefined)
            target.assignedAt.delete(name);
        else
            target.assignedAt.set(name, where);
    }
    target.poisoned = branch.poisoned;
}
/** Merges branches cloned from `target` back into it: names that differ become oneOf. */
export function mergeStates(target, branches) {
    // Compute everything first: the branches read through to target, which must not change yet.
    const values = [...new Set(branches.flatMap((b) => changedNames(b.ns)))].map((name) => {
        const options = branches.map((b) => b.ns.get(name));
        if (options.every((v) => v === undefined))
            return [name, undefined];
        const all = options.map((v) => v ?? UNASSIGNED);
        return [name, all.every((v) => v === all[0]) ? all[0] : oneOf(all)];
    });
    const places = [...new Set(branches.flatMap((b) => changedNames(b.assignedAt)))].map((name) => [name, branches.map((b) => b.assignedAt.get(name)).find((o) => o !== undefined)]);
    for (const [name, value] of values) {
        if (value === undefined)
            target.ns.delete(name);
        else
            target.ns.set(name, value);
    }
    for (const [name, where] of places) {
        if (where === undefined)
            target.assignedAt.delete(name);
        else
            target.assignedAt.set(name, where);
    }
    target.poisoned = branches.some((b) => b.poisoned);
}
export function decide(cond) {
    const options = cond.kind === 'oneOf' ? cond.options : [cond];
    const truths = options.map((o) => (isConcrete(o) ? pyTruthy(o.py) : undefined));
    const truth = truths[0];
    if (truth === undefined || truths.some((t) => t !== truth))
        return { truth: undefined, env: [] };
    const env = options.flatMap((o) => (o.kind === 'env' ? o.env.filter((e) => !e.deployed) : o.kind === 'known' ? o.world ?? [] : []));
    return { truth, env };
}
/**
 * A value the default world chose by a branch (or left in place by skipping one): it depends on
 * the variables the choice rests on, named with the branch for messages ("when K is unset
 * (branch at settings.py:95)"). Unknown stays unknown.
 */
export function chosenByBranch(v, env, branch, how = {}) {
    if (v.kind === 'oneOf')
        return { ...v, options: v.options.map((o) => chosenByBranch(o, env, branch, how)) };
    if (!isConcrete(v))
        return v;
    const present = v.kind === 'env' ? v.env : v.world ?? [];
    // Already at the cap with an unset variable: adding more changes nothing a rule or message uses.
    if (present.length >= MAX_ENV_SOURCES && present.some((e) => !e.deployed))
        return v;
    const names = new Set(present.map((e) => e.name));
    const added = [];
    for (const e of env) {
        if (names.has(e.name))
            continue;
        names.add(e.name);
        added.push({ name: e.name, deployed: false, branch, ...how });
    }
    if (added.length === 0)
        return v;
    // A literal stays a literal (rules tell literals from env defaults); it records the branch.
    if (v.kind === 'known')
        return { ...v, world: capEnv([...present, ...added]) };
    return { ...v, env: capEnv([...v.env, ...added]) };
}
