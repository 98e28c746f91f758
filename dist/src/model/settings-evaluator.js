import { Walker } from './import-walker.js';
import { capValue, unknown, weightOf } from './values.js';
/** Total weight of the values one module assigns before large ones become unknown (see admit). */
const MAX_ASSIGNED_WEIGHT = 5_000_000;
export class SettingsEvaluator {
    loader;
    session;
    memo = new Map();
    stack = [];
    /** Total weight of the values assigned so far by the module being evaluated (see admit). */
    assignedWeight = 0;
    /** Import resolution's file probes, once per path in this run (src/model/resolve-imports.ts). */
    fileProbes = new Map();
    /** Folders include() globs listed in this run. */
    folderListings = new Map();
    /**
     * `session.deployed` is the run's --env; `session.envWrites` is not used: each import chain
     * reads and writes its own environment (ImportChain.env).
     */
    constructor(loader, session) {
        this.loader = loader;
        this.session = session;
    }
    /** Evaluates a module as an entry: from an empty namespace, in a chain of its own (memoized). */
    evaluate(absPath) {
        let memo = this.memo.get(absPath);
        if (!memo) {
            memo = this.run(absPath, { env: new Map(), ran: new Map(), touched: new Set() });
            this.memo.set(absPath, memo);
        }
        return memo;
    }
    /**
     * Forgets an entry evaluation (memory: a large run drops those it will not judge). Asked
     * again, the module is evaluated again, to the same result.
     */
    forget(absPath) {
        this.memo.delete(absPath);
    }
    /**
     * The module `target` as an import in `chain` gives it: the one the chain already ran, else
     * the entry evaluation when running it here would give the same (nothing set in the chain's
     * environment yet, and none of the modules it runs run already), else a run in the chain.
     */
    importInto(chain, target) {
        const already = chain.ran.get(target);
        if (already)
            return { module: already, ranNow: false };
        // Running it here gives what running it alone gave when the chain has set none of the
        // variables that run read or wrote, and has run none of the modules it runs. (Testing only
        // for an empty environment made every module that sets one before importing the next run the
        // whole chain again: quadratic in its depth.)
        const alone = this.evaluate(target);
        if (![...alone.chain.touched].some((name) => chain.env.has(name)) && ![...alone.chain.ran.keys()].some((p) => chain.ran.has(p))) {
            for (const [path, module] of alone.chain.ran)
                chain.ran.set(path, module);
            for (const [name, value] of alone.chain.env)
                chain.env.set(name, value);
            for (const name of alone.chain.touched)
                chain.touched.add(name);
            return { module: alone, ranNow: true };
        }
        return { module: this.run(target, chain), ranNow: true };
    }
    /** Module runs so far (an import reused from another chain is not one): for tests of linearity. */
    runs = 0;
    run(absPath, chain) {
        this.runs++;
        const module = this.loader.load(absPath);
        const ns = new Map();
        const assignedAt = new Map();
        // A template's or an unreadable module's settings are unknown (not Django's defaults), and so
        // are its importers' unassigned ones.
        const state = { ns, assignedAt, poisoned: module.template !== undefined || module.problem !== undefined };
        const result = { module, ns, assignedAt, poisoned: false, edges: [], notes: [], files: [absPath], envWrites: [], libraryCalls: [], chain };
        chain.ran.set(absPath, result);
        this.stack.push(absPath);
        // Each module has its own budget: a run's result must not depend on which modules it read
        // before (or on another thread).
        const importerWeight = this.assignedWeight;
        this.assignedWeight = 0;
        const tree = this.loader.acquireTree(module);
        try {
            if (tree)
                new Walker(this, module, state, result).run(tree.rootNode);
        }
        finally {
            if (tree)
                this.loader.releaseTree(module);
            this.stack.pop();
            this.assignedWeight = importerWeight;
        }
        // Branches merge into these maps in place, so they hold the module's final namespace.
        result.ns = ns;
        result.assignedAt = assignedAt;
        result.poisoned = state.poisoned;
        return result;
    }
    /**
     * Caps what rules will walk in total: each name is judged separately, so `B = A` repeated
     * would make every walk cost the number of aliases times A's size. Past the module's budget,
     * large values are unknown.
     */
    admit(value, origin) {
        const capped = capValue(value, origin);
        const weight = weightOf(capped);
        if (weight < 64)
            return capped;
        this.assignedWeight += weight;
        return this.assignedWeight > MAX_ASSIGNED_WEIGHT ? unknown("this module's settings are too large in total to model", origin) : capped;
    }
    /** True (and noted once) when importing `target` from the current stack would be a cycle. */
    isCycle(target) {
        return this.stack.includes(target);
    }
    /** The cycle importing `target` would close, rotated to start at its first path (one message per cycle). */
    cyclePath(target) {
        const cycle = this.stack.slice(this.stack.indexOf(target));
        const start = cycle.indexOf([...cycle].sort()[0]);
        const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
        return [...rotated, rotated[0]];
    }
    enter(absPath) {
        this.stack.push(absPath);
    }
    leave() {
        this.stack.pop();
    }
}
