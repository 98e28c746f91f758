import { firstSyntaxError } from '../parse.js';
import { findTemplateSyntax, readSource } from '../source.js';
import { MAX_DEPTH, evaluate, ifBranches, iterate, lift, namedChildren, originOf, subscript } from './evaluate.js';
import { binaryOp, dictSet } from './operators.js';
import { expandInclude, resolveModule, resolveSubmodule } from './resolve-imports.js';
import { MAX_ITEMS, UNASSIGNED, capValue, isConcrete, weightOf, isDecidable, known, oneOf, pyEquals, pyTruthy, unknown } from './values.js';
export class ModuleLoader {
    parser;
    display;
    maxBytes;
    cache = new Map();
    constructor(parser, display, maxBytes) {
        this.parser = parser;
        this.display = display;
        this.maxBytes = maxBytes;
    }
    /** Modules in the order they were first loaded. */
    inOrder = [];
    /** Every module loaded so far, in load order. */
    all() {
        return this.inOrder.values();
    }
    /** How many modules have been loaded; with loadedSince(), what a step of the walk loaded. */
    get size() {
        return this.inOrder.length;
    }
    loadedSince(count) {
        return this.inOrder.slice(count);
    }
    load(absPath, override) {
        const cached = this.cache.get(absPath);
        if (cached)
            return cached;
        const file = this.display(absPath);
        const source = override !== undefined ? { ok: true, text: override } : readSource(absPath, this.maxBytes);
        let loaded;
        if (!source.ok) {
            loaded = { absPath, file, problem: source };
        }
        else {
            const text = source.text;
            const template = findTemplateSyntax(text, absPath);
            if (template) {
                const { tag, ...at } = template;
                loaded = { absPath, file, text, decodedAs: source.decodedAs, template: { file, ...at, tag } };
                this.cache.set(absPath, loaded);
                this.inOrder.push(loaded);
                return loaded;
            }
            const tree = this.parser.parse(text);
            const error = firstSyntaxError(tree.rootNode);
            loaded = { absPath, file, text, tree, decodedAs: source.ok ? source.decodedAs : undefined, syntaxError: error ? originOf(error, file) : undefined };
        }
        this.cache.set(absPath, loaded);
        this.inOrder.push(loaded);
        return loaded;
    }
}
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
function changedNames(names) {
    return names instanceof Layer ? names.changed() : [...names].map(([name]) => name);
}
/** A branch of `s`: a layer over it (cheap; `s` must not change until the branch is merged or committed). */
function cloneState(s) {
    return { ns: new Layer(s.ns), assignedAt: new Layer(s.assignedAt), poisoned: s.poisoned };
}
/** Writes a branch's changes into the state it was cloned from. */
function commitState(target, branch) {
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
function mergeStates(target, branches) {
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
export class SettingsEvaluator {
    loader;
    session;
    memo = new Map();
    stack = [];
    /** Total weight of the values assigned so far by the module being evaluated (see admit). */
    assignedWeight = 0;
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
            memo = this.run(absPath, { env: new Map(), ran: new Map() });
            this.memo.set(absPath, memo);
        }
        return memo;
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
        if (chain.env.size === 0) {
            const alone = this.evaluate(target);
            if (![...alone.chain.ran.keys()].some((p) => chain.ran.has(p))) {
                for (const [path, module] of alone.chain.ran)
                    chain.ran.set(path, module);
                for (const [name, value] of alone.chain.env)
                    chain.env.set(name, value);
                return { module: alone, ranNow: true };
            }
        }
        return { module: this.run(target, chain), ranNow: true };
    }
    run(absPath, chain) {
        const module = this.loader.load(absPath);
        const ns = new Map();
        const assignedAt = new Map();
        // A template's or an unreadable module's settings are unknown (not Django's defaults), and so
        // are its importers' unassigned ones.
        const state = { ns, assignedAt, poisoned: module.template !== undefined || module.problem !== undefined };
        const result = { module, ns, assignedAt, poisoned: false, edges: [], notes: [], files: [absPath], envWrites: [], chain };
        chain.ran.set(absPath, result);
        this.stack.push(absPath);
        // Each module has its own budget: a run's result must not depend on which modules it read
        // before (or on another thread).
        const importerWeight = this.assignedWeight;
        this.assignedWeight = 0;
        try {
            if (module.tree)
                new Walker(this, module, state, result).run(module.tree.rootNode);
        }
        finally {
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
const PUBLIC = (name) => !name.startsWith('_');
/** Total weight of the values one module assigns before large ones become unknown (see admit). */
const MAX_ASSIGNED_WEIGHT = 5_000_000;
/** Nested statement blocks walked before the rest become unknown (CPython's own indentation limit). */
const MAX_BLOCK_DEPTH = 100;
const MUTATORS = new Set(['append', 'extend', 'insert', 'remove', 'update', 'add', 'setdefault', 'clear', 'discard']);
const OTHER_MUTATORS = new Set(['pop', 'popitem', 'sort', 'reverse', '__setitem__', '__delitem__']);
class Walker {
    evaluator;
    module;
    state;
    result;
    /** Depth of undecidable branches / optional imports we are inside. */
    conditional = 0;
    /** Depth of nested statement blocks (if/try/with bodies): bounded so the walk cannot overflow. */
    blockDepth = 0;
    constructor(evaluator, module, state, result) {
        this.evaluator = evaluator;
        this.module = module;
        this.state = state;
        this.result = result;
    }
    get file() {
        return this.module.file;
    }
    scope() {
        const state = this.state;
        return {
            file: this.file,
            poisoned: state.poisoned,
            session: { deployed: this.evaluator.session.deployed, envWrites: this.result.chain.env },
            callDepth: 0,
            lookup: (name) => state.ns.get(name),
            onEnvWrite: (write) => this.result.envWrites.push({ ...write, conditional: this.conditional > 0 }),
        };
    }
    eval(node) {
        return evaluate(node, this.scope());
    }
    run(root) {
        this.execBlock(namedChildren(root));
    }
    execBlock(statements) {
        if (this.blockDepth >= MAX_BLOCK_DEPTH) {
            // CPython itself refuses more than 100 indentation levels; past that, names are unknown.
            for (const stmt of statements)
                this.markAssignedUnknown(stmt, 'statements nested too deeply');
            return;
        }
        this.blockDepth++;
        try {
            for (const stmt of statements)
                this.exec(stmt);
        }
        finally {
            this.blockDepth--;
        }
    }
    exec(stmt) {
        switch (stmt.type) {
            case 'expression_statement':
                for (const expr of namedChildren(stmt))
                    this.execExpression(expr, stmt);
                return;
            case 'import_statement':
                return this.execImport(stmt);
            case 'import_from_statement':
                return this.execImportFrom(stmt);
            case 'if_statement':
                return this.execIf(stmt);
            case 'try_statement':
                return this.execTry(stmt);
            case 'with_statement': {
                const body = stmt.childForFieldName('body');
                if (body)
                    this.execBlock(namedChildren(body));
                return;
            }
            case 'for_statement':
            case 'while_statement':
            case 'match_statement':
                return this.markAssignedUnknown(stmt, `assigned in a ${stmt.type.replace('_statement', '')} loop`);
            case 'function_definition':
                return this.defineFunction(stmt);
            case 'decorated_definition': {
                const def = stmt.childForFieldName('definition');
                const name = def?.childForFieldName('name')?.text;
                if (name)
                    this.assign(name, unknown('decorated definition', originOf(stmt, this.file)), stmt);
                return;
            }
            case 'class_definition': {
                const name = stmt.childForFieldName('name')?.text;
                if (name)
                    this.assign(name, unknown('class', originOf(stmt, this.file)), stmt);
                return;
            }
            case 'delete_statement':
                for (const target of namedChildren(stmt))
                    this.execDelete(target);
                return;
            default:
                return; // pass, assert, global, future imports, comments: no effect on settings
        }
    }
    // ---- assignments ----
    execExpression(expr, stmt) {
        switch (expr.type) {
            case 'assignment':
                return this.execAssignment(expr, stmt);
            case 'augmented_assignment':
                return this.execAugmented(expr, stmt);
            case 'call':
                return this.execCallStatement(expr, stmt);
            default:
                return;
        }
    }
    execAssignment(node, stmt) {
        // X = Y = e parses as assignment(X, assignment(Y, e)): collect targets, evaluate e once.
        const targets = [];
        let current = node;
        while (current && current.type === 'assignment') {
            const left = current.childForFieldName('left');
            if (left)
                targets.push(left);
            const right = current.childForFieldName('right');
            if (!right)
                return; // annotation only: `X: int`
            if (right.type !== 'assignment') {
                const value = this.eval(right);
                for (const target of targets)
                    this.assignTarget(target, value, stmt);
                return;
            }
            current = right;
        }
    }
    assign(name, value, stmt) {
        // Statement-level updates (X.append(X), X[k] = X) build values outside the evaluator: cap them too.
        this.state.ns.set(name, this.evaluator.admit(value, originOf(stmt, this.file)));
        this.state.assignedAt.set(name, originOf(stmt, this.file));
    }
    assignTarget(target, value, stmt, depth = 0) {
        if (depth > MAX_DEPTH) {
            // A target pattern nested this deeply is not a real setting: its names become unknown.
            for (const name of identifiersIn(target))
                this.assign(name, unknown('assignment target nested too deeply', originOf(stmt, this.file)), stmt);
            return;
        }
        switch (target.type) {
            case 'identifier':
                return this.assign(target.text, value, stmt);
            case 'pattern_list':
            case 'tuple_pattern':
            case 'list_pattern':
            case 'tuple':
            case 'list': {
                const targets = namedChildren(target);
                const items = iterate(value);
                if (items && items.length === targets.length && !targets.some((t) => t.type === 'list_splat_pattern')) {
                    targets.forEach((t, i) => this.assignTarget(t, items[i], stmt, depth + 1));
                }
                else {
                    for (const name of identifiersIn(target))
                        this.assign(name, unknown('unpacking not modelled', originOf(stmt, this.file)), stmt);
                }
                return;
            }
            case 'parenthesized_expression': {
                const inner = namedChildren(target)[0];
                if (inner)
                    this.assignTarget(inner, value, stmt, depth + 1);
                return;
            }
            case 'subscript':
                return this.assignSubscript(target, value, stmt);
            default:
                return; // attribute targets (obj.x = ...) do not define settings
        }
    }
    /** X['a']['b'] = v: a functional update of X. os.environ['K'] = v sets the environment. */
    assignSubscript(target, value, stmt) {
        const path = this.targetPath(target);
        if (!path)
            return;
        const [root, ...keys] = path;
        if (root === 'os.environ') {
            const key = keys[0];
            if (keys.length === 1 && isConcrete(key) && typeof key.py === 'string') {
                this.result.chain.env.set(key.py, value);
                this.result.envWrites.push({ name: key.py, value, how: 'setitem', origin: originOf(stmt, this.file), conditional: this.conditional > 0 });
            }
            return;
        }
        if (root === '<globals>')
            return this.poison(stmt);
        const current = this.state.ns.get(root);
        if (current === undefined)
            return;
        this.assign(root, setIn(current, keys, value), stmt);
    }
    /** The root name and evaluated keys of a subscript chain, or undefined if not a plain chain. */
    targetPath(node) {
        const keys = [];
        let current = node;
        while (current.type === 'subscript') {
            const index = current.childrenForFieldName('subscript').filter((n) => n !== null);
            if (index.length !== 1 || index[0].type === 'slice')
                return undefined;
            keys.unshift(this.eval(index[0]));
            current = current.childForFieldName('value');
        }
        if (current.type === 'identifier')
            return [current.text, ...keys];
        const base = this.eval(current);
        if (isConcrete(base) && typeof base.py === 'object' && base.py !== null && base.py.t === 'ref') {
            if (base.py.qname === 'os.environ' || base.py.qname === '<globals>')
                return [base.py.qname, ...keys];
        }
        if (current.type === 'call' && this.isGlobalsCall(current))
            return ['<globals>', ...keys];
        return undefined;
    }
    execAugmented(node, stmt) {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        const op = node.childForFieldName('operator')?.text.replace('=', '') ?? '';
        if (!left || !right)
            return;
        const rhs = this.eval(right);
        const update = (current) => lift([current, rhs], current.kind === 'unassigned' ? undefined : current.origin, (a, b) => {
            // list += iterable extends in place, unlike list + iterable.
            if (op === '+' && typeof a === 'object' && a !== null && a.t === 'list') {
                const extra = iterate(rhs);
                if (!extra || a.items.length + extra.length > MAX_ITEMS)
                    return undefined;
                return { t: 'list', items: [...a.items, ...extra] };
            }
            return binaryOp(op, a, b);
        });
        if (left.type === 'identifier') {
            const current = this.state.ns.get(left.text);
            this.assign(left.text, current === undefined ? unknown(`${left.text} is not defined before +=`) : update(current), stmt);
            return;
        }
        if (left.type === 'subscript') {
            const path = this.targetPath(left);
            if (!path || path[0] === 'os.environ' || path[0] === '<globals>')
                return;
            const [root, ...keys] = path;
            const current = this.state.ns.get(root);
            if (current === undefined)
                return;
            const inner = getIn(current, keys);
            this.assign(root, setIn(current, keys, update(inner)), stmt);
        }
    }
    execDelete(target) {
        if (target.type === 'identifier') {
            this.state.ns.delete(target.text);
            this.state.assignedAt.delete(target.text);
        }
        else if (target.type === 'expression_list' || target.type === 'tuple') {
            for (const t of namedChildren(target))
                this.execDelete(t);
        }
        else if (target.type === 'subscript') {
            const path = this.targetPath(target);
            if (!path || path[0] === 'os.environ' || path[0] === '<globals>')
                return;
            const [root, ...keys] = path;
            const current = this.state.ns.get(root);
            if (current !== undefined)
                this.state.ns.set(root, deleteIn(current, keys));
        }
    }
    // ---- statement-level calls: mutations, include(), globals().update() ----
    isGlobalsCall(node) {
        if (node.type !== 'call')
            return false;
        const fn = node.childForFieldName('function');
        return fn?.type === 'identifier' && ['globals', 'locals', 'vars'].includes(fn.text) && !this.state.ns.has(fn.text);
    }
    execCallStatement(call, stmt) {
        const fn = call.childForFieldName('function');
        if (!fn)
            return;
        if (fn.type === 'attribute') {
            const object = fn.childForFieldName('object');
            const method = fn.childForFieldName('attribute')?.text ?? '';
            if (this.isGlobalsCall(object))
                return this.poison(stmt);
            if (object.type === 'identifier' || object.type === 'subscript') {
                const path = object.type === 'identifier' ? [object.text] : this.targetPath(object);
                if (path && path[0] !== 'os.environ' && path[0] !== '<globals>' && (MUTATORS.has(method) || OTHER_MUTATORS.has(method))) {
                    const [root, ...keys] = path;
                    const current = this.state.ns.get(root);
                    if (current === undefined || !isContainerish(current)) {
                        this.eval(call);
                        return;
                    }
                    const args = this.callArgs(call);
                    const origin = originOf(stmt, this.file);
                    const inner = getIn(current, keys);
                    const updated = MUTATORS.has(method) ? mutate(inner, method, args, origin) : unknown(`${root} changed by .${method}()`, origin);
                    this.assign(root, setIn(current, keys, updated), stmt);
                    return;
                }
            }
        }
        if (fn.type === 'identifier' && (fn.text === 'exec' || fn.text === 'setattr') && !this.state.ns.has(fn.text))
            return this.poison(stmt);
        const callee = this.eval(fn);
        if (isConcrete(callee) && typeof callee.py === 'object' && callee.py !== null && callee.py.t === 'ref' && callee.py.qname === 'split_settings.tools.include') {
            return this.execInclude(call);
        }
        // Any other call is evaluated for its effect on os.environ (setdefault) and then ignored.
        this.eval(call);
    }
    callArgs(call) {
        const args = { positional: [], keywords: new Map(), opaque: false };
        const list = call.childForFieldName('arguments');
        if (!list)
            return args;
        for (const child of namedChildren(list)) {
            if (child.type === 'keyword_argument')
                args.keywords.set(child.childForFieldName('name')?.text ?? '', this.eval(child.childForFieldName('value')));
            else if (child.type === 'list_splat' || child.type === 'dictionary_splat')
                args.opaque = true;
            else
                args.positional.push(this.eval(child));
        }
        return args;
    }
    poison(stmt) {
        const origin = originOf(stmt, this.file);
        for (const [name, value] of this.state.ns) {
            if (/^[A-Z][A-Z0-9_]*$/.test(name) && value.kind !== 'unknown')
                this.state.ns.set(name, unknown('settings may have been changed through globals()', origin));
        }
        this.state.poisoned = true;
        this.result.notes.push({ kind: 'dynamic-globals', message: 'settings are written through globals()/exec: every setting after this line is unknown', origin });
    }
    // ---- branches ----
    execIf(stmt) {
        const branches = ifBranches(stmt);
        const possible = [];
        let exhaustive = false;
        for (const branch of branches) {
            if (!branch.condition) {
                possible.push(branch.body);
                exhaustive = true;
                break;
            }
            const cond = this.eval(branch.condition);
            const decided = decide(cond);
            if (decided === false)
                continue;
            possible.push(branch.body);
            if (decided === true) {
                exhaustive = true;
                break;
            }
        }
        if (!exhaustive)
            possible.push([]);
        if (possible.length === 1)
            return this.execBlock(possible[0]);
        this.runAlternatives(possible.map((body) => () => this.execBlock(body)));
    }
    /** Runs each alternative on its own copy of the state, then merges them (oneOf). */
    runAlternatives(alternatives) {
        const before = this.state;
        const results = [];
        this.conditional++;
        try {
            for (const run of alternatives) {
                this.state = cloneState(before);
                run();
                results.push(this.state);
            }
        }
        finally {
            this.conditional--;
            this.state = before;
        }
        mergeStates(this.state, results);
    }
    execTry(stmt) {
        const body = namedChildren(stmt.childForFieldName('body'));
        const handlers = namedChildren(stmt).filter((c) => c.type === 'except_clause' || c.type === 'except_group_clause');
        const elseClause = namedChildren(stmt).find((c) => c.type === 'else_clause');
        const finallyClause = namedChildren(stmt).find((c) => c.type === 'finally_clause');
        const catchesImportError = handlers.some((h) => /\b(ImportError|ModuleNotFoundError)\b/.test(h.childForFieldName('value')?.text ?? h.text.split(':')[0]));
        const optionalImport = catchesImportError && body.every((s) => s.type === 'import_from_statement' || s.type === 'import_statement' || s.type === 'pass_statement');
        const runBody = () => {
            this.execBlock(body);
            if (elseClause)
                this.execBlock(namedChildren(elseClause.childForFieldName('body') ?? elseClause));
        };
        if (optionalImport) {
            // `try: from .local import * except ImportError: pass` — the import may be absent.
            this.runAlternatives([runBody, () => handlers.forEach((h) => this.execBlock(handlerBody(h)))]);
        }
        else if (handlers.length === 0) {
            runBody();
        }
        else {
            // The body is what runs; a handler that assigns is a fallback used when the body raises.
            const before = this.state;
            this.state = cloneState(before);
            runBody();
            const afterBody = this.state;
            const fallbacks = handlers.map((h) => {
                const s = cloneState(before);
                this.state = s;
                this.execBlock(handlerBody(h));
                return s;
            });
            this.applyFallbacks(afterBody, fallbacks);
            commitState(before, afterBody);
            this.state = before;
        }
        if (finallyClause)
            this.execBlock(handlerBody(finallyClause));
    }
    /**
     * A name whose body value is an env lookup with no default (raises when unset) and that a
     * handler assigns: the handler's value is that variable's default.
     */
    applyFallbacks(state, fallbacks) {
        for (const name of changedNames(state.ns)) {
            const value = state.ns.get(name);
            if (value?.kind !== 'unknown' || !value.requiredEnv)
                continue;
            for (const f of fallbacks) {
                const alt = f.ns.get(name);
                if (alt && isConcrete(alt)) {
                    const env = [{ name: value.requiredEnv, deployed: false, defaultOrigin: alt.origin }];
                    state.ns.set(name, { kind: 'env', py: alt.py, env, origin: alt.origin });
                    break;
                }
            }
        }
    }
    markAssignedUnknown(stmt, reason) {
        const origin = originOf(stmt, this.file);
        for (const name of assignedNames(stmt))
            this.assign(name, unknown(reason, origin), stmt);
    }
    // ---- functions ----
    defineFunction(stmt) {
        const name = stmt.childForFieldName('name')?.text;
        if (!name)
            return;
        const params = [];
        for (const p of namedChildren(stmt.childForFieldName('parameters'))) {
            if (p.type === 'identifier')
                params.push({ name: p.text });
            else if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') {
                params.push({ name: p.childForFieldName('name')?.text ?? '', default: this.eval(p.childForFieldName('value')) });
            }
            else if (p.type === 'typed_parameter') {
                const id = namedChildren(p).find((c) => c.type === 'identifier');
                params.push({ name: id?.text ?? '' });
            }
            else if (p.type === 'keyword_separator' || p.type === 'positional_separator') {
                continue;
            }
            else {
                params.push({ name: p.text, star: true });
            }
        }
        const fn = { t: 'func', name, node: stmt, file: this.file, params, lookupGlobal: (n) => this.state.ns.get(n) };
        this.assign(name, known(fn, originOf(stmt, this.file)), stmt);
        // A function that declares `global X` may change X whenever it is called.
        for (const g of globalsDeclared(stmt)) {
            if (this.state.ns.has(g))
                this.assign(g, unknown(`${g} may be changed by ${name}()`, originOf(stmt, this.file)), stmt);
        }
    }
    // ---- imports ----
    execImport(stmt) {
        for (const child of namedChildren(stmt)) {
            if (child.type === 'dotted_name') {
                const top = child.text.split('.')[0];
                this.assign(top, known({ t: 'ref', qname: top }, originOf(child, this.file)), stmt);
            }
            else if (child.type === 'aliased_import') {
                const name = child.childForFieldName('name')?.text ?? '';
                const alias = child.childForFieldName('alias')?.text;
                if (alias)
                    this.assign(alias, known({ t: 'ref', qname: name }, originOf(child, this.file)), stmt);
            }
        }
    }
    execImportFrom(stmt) {
        const moduleNode = stmt.childForFieldName('module_name');
        if (!moduleNode)
            return;
        let level = 0;
        let moduleName = moduleNode.text;
        if (moduleNode.type === 'relative_import') {
            const prefix = namedChildren(moduleNode).find((c) => c.type === 'import_prefix');
            level = prefix ? prefix.text.length : 0;
            moduleName = namedChildren(moduleNode).find((c) => c.type === 'dotted_name')?.text ?? '';
        }
        const origin = originOf(stmt, this.file);
        const target = resolveModule(this.module.absPath, moduleName, level);
        const wildcard = namedChildren(stmt).some((c) => c.type === 'wildcard_import');
        const names = stmt
            .childrenForFieldName('name')
            .filter((n) => n !== null)
            .map((n) => (n.type === 'aliased_import' ? { name: n.childForFieldName('name').text, alias: n.childForFieldName('alias').text } : { name: n.text, alias: n.text }));
        if (!target) {
            if (wildcard) {
                // A settings module we cannot read may define any setting: the ones left unassigned
                // are unknown rather than Django's defaults, so missing-setting rules stay silent.
                const looksLikeSettings = level > 0 || /(^|\.)(settings|conf|config)(\.|$)/.test(moduleName);
                if (looksLikeSettings && this.conditional === 0) {
                    this.state.poisoned = true;
                    this.result.notes.push({ kind: 'unresolved-import', message: `\`from ${'.'.repeat(level)}${moduleName} import *\` could not be resolved in the scanned files; settings it may define are treated as unknown`, origin });
                }
                return;
            }
            for (const { name, alias } of names) {
                const qname = level > 0 ? `local:${moduleName}.${name}` : `${moduleName}.${name}`;
                this.assign(alias, known({ t: 'ref', qname }, origin), stmt);
            }
            return;
        }
        const imported = this.importModule(target, wildcard ? 'star' : 'names', origin);
        if (!imported)
            return;
        if (wildcard) {
            const all = imported.ns.get('__all__');
            const exported = all && isConcrete(all) && typeof all.py === 'object' && all.py !== null && (all.py.t === 'list' || all.py.t === 'tuple')
                ? all.py.items.flatMap((i) => (isConcrete(i) && typeof i.py === 'string' ? [i.py] : []))
                : [...imported.ns.keys()].filter(PUBLIC);
            for (const name of exported) {
                const value = imported.ns.get(name);
                if (value === undefined)
                    continue;
                this.state.ns.set(name, value);
                const at = imported.assignedAt.get(name);
                if (at)
                    this.state.assignedAt.set(name, at);
            }
            if (imported.poisoned)
                this.state.poisoned = true;
            return;
        }
        for (const { name, alias } of names) {
            const value = imported.ns.get(name);
            if (value !== undefined) {
                this.assign(alias, value, stmt);
                continue;
            }
            const sub = resolveSubmodule(target, name);
            this.assign(alias, sub ? unknown(`module ${name}`, origin) : unknown(`${name} is not defined in ${imported.module.file}`, origin), stmt);
        }
    }
    /** Evaluates an imported module, recording the edge; undefined on a cycle. */
    importModule(target, kind, origin) {
        addEdges(this.result, [{ from: this.module.absPath, to: target, kind, conditional: this.conditional > 0, origin }]);
        if (this.evaluator.isCycle(target)) {
            // Noted by every evaluation that cuts it (as the same message): each chain is its own run.
            const chain = this.evaluator.cyclePath(target).map((p) => this.evaluator.loader.load(p).file);
            this.addNotes([{ kind: 'import-cycle', message: `import cycle: ${chain.join(' → ')}; the cyclic import is ignored`, origin }]);
            return undefined;
        }
        // Python runs a module once per process: imported again, it sets nothing again.
        const { module: imported, ranNow } = this.evaluator.importInto(this.result.chain, target);
        addEdges(this.result, imported.edges);
        this.addNotes(imported.notes);
        if (ranNow)
            this.result.envWrites.push(...imported.envWrites.map((w) => (this.conditional > 0 ? { ...w, conditional: true } : w)));
        for (const f of imported.files)
            if (!this.result.files.includes(f))
                this.result.files.push(f);
        return imported;
    }
    /** Notes, an import cycle once per module however many of its imports meet it. */
    addNotes(notes) {
        for (const note of notes) {
            if (note.kind === 'import-cycle' && this.result.notes.some((n) => n.kind === note.kind && n.message === note.message))
                continue;
            this.result.notes.push(note);
        }
    }
    /** django-split-settings include(): runs each matched file in this module's namespace. */
    execInclude(call) {
        const list = call.childForFieldName('arguments');
        if (!list)
            return;
        for (const argNode of namedChildren(list)) {
            if (argNode.type === 'keyword_argument')
                continue;
            let patternNode = argNode;
            let optional = false;
            if (argNode.type === 'call' && argNode.childForFieldName('function')?.text.endsWith('optional')) {
                optional = true;
                patternNode = namedChildren(argNode.childForFieldName('arguments'))[0];
                if (!patternNode)
                    continue;
            }
            const pattern = this.eval(patternNode);
            const origin = originOf(argNode, this.file);
            if (!isConcrete(pattern) || typeof pattern.py !== 'string') {
                this.result.notes.push({ kind: 'unresolved-import', message: 'include() with a computed pattern is not modelled', origin });
                continue;
            }
            const files = expandInclude(this.module.absPath, pattern.py);
            if (files.length === 0 && !optional) {
                this.result.notes.push({ kind: 'unresolved-import', message: `include(${JSON.stringify(pattern.py)}) matched no file in the scanned tree`, origin });
            }
            for (const file of files) {
                addEdges(this.result, [{ from: this.module.absPath, to: file, kind: 'include', conditional: this.conditional > 0 || optional, origin }]);
                if (this.evaluator.isCycle(file))
                    continue;
                const loaded = this.evaluator.loader.load(file);
                if (!loaded.tree)
                    continue;
                if (!this.result.files.includes(file))
                    this.result.files.push(file);
                this.evaluator.enter(file);
                try {
                    const walker = new Walker(this.evaluator, loaded, this.state, this.result);
                    walker.conditional = this.conditional + (optional ? 1 : 0);
                    if (optional) {
                        // An optional include may be absent at deploy time (local settings).
                        const before = this.state;
                        const withFile = cloneState(before);
                        walker.state = withFile;
                        walker.run(loaded.tree.rootNode);
                        mergeStates(before, [withFile, cloneState(before)]);
                    }
                    else {
                        walker.run(loaded.tree.rootNode);
                        this.state = walker.state;
                    }
                }
                finally {
                    this.evaluator.leave();
                }
            }
        }
    }
}
function handlerBody(clause) {
    const block = namedChildren(clause).filter((c) => c.type === 'block').pop();
    return block ? namedChildren(block) : [];
}
/** Decides a branch condition: known values (and env values as deployed) decide; env defaults do not. */
function decide(cond) {
    if (isDecidable(cond))
        return pyTruthy(cond.py);
    if (cond.kind === 'oneOf' && cond.options.every(isDecidable)) {
        const all = cond.options.map((o) => (isConcrete(o) ? pyTruthy(o.py) : undefined));
        if (all.every((x) => x === true))
            return true;
        if (all.every((x) => x === false))
            return false;
    }
    return undefined;
}
function isContainerish(v) {
    if (v.kind === 'unknown' || v.kind === 'unassigned')
        return true;
    if (v.kind === 'oneOf')
        return v.options.some(isContainerish);
    return typeof v.py === 'object' && v.py !== null && ['list', 'dict', 'set', 'tuple'].includes(v.py.t);
}
/** The value at a key path inside a container value. */
function getIn(v, keys) {
    let current = v;
    for (const key of keys)
        current = lift([current, key], undefined, (c, k) => subscript(c, k));
    return current;
}
/** A copy of a container value with the value at a key path replaced. */
function setIn(v, keys, value) {
    if (keys.length === 0)
        return value;
    const [key, ...rest] = keys;
    return lift([v, key], v.kind === 'unassigned' ? undefined : v.origin, (c, k) => {
        if (typeof c !== 'object' || c === null)
            return undefined;
        if (c.t === 'dict') {
            const inner = rest.length === 0 ? value : setIn(lift([known(c), known(k)], undefined, (cc, kk) => subscript(cc, kk)), rest, value);
            return dictSet(c, known(k), inner);
        }
        if (c.t === 'list' && typeof k === 'bigint') {
            const n = Number(k < 0n ? BigInt(c.items.length) + k : k);
            if (n < 0 || n >= c.items.length)
                return undefined;
            const items = c.items.slice();
            items[n] = rest.length === 0 ? value : setIn(items[n], rest, value);
            return { t: 'list', items };
        }
        return undefined;
    });
}
function deleteIn(v, keys) {
    if (keys.length === 0)
        return v;
    const [key, ...rest] = keys;
    return lift([v, key], v.kind === 'unassigned' ? undefined : v.origin, (c, k) => {
        if (typeof c !== 'object' || c === null || c.t !== 'dict')
            return undefined;
        if (rest.length > 0) {
            const inner = subscript(c, k);
            if (inner === undefined || !('kind' in inner))
                return undefined;
            return dictSet(c, known(k), deleteIn(inner, rest));
        }
        const entries = c.entries.filter((e) => !(isConcrete(e.key) && pyEquals(e.key.py, k) === true));
        return entries.length === c.entries.length ? undefined : { t: 'dict', entries };
    });
}
/** X.append/extend/insert/remove/update/add/setdefault/clear/discard on a container value. */
function mutate(current, method, args, origin) {
    if (args.opaque)
        return unknown(`.${method}() with *args`, origin);
    const [a0, a1] = args.positional;
    return lift([current], current.kind === 'unassigned' ? origin : current.origin ?? origin, (c) => {
        if (typeof c !== 'object' || c === null)
            return undefined;
        if (c.t === 'list') {
            switch (method) {
                case 'append':
                    return a0 && c.items.length < MAX_ITEMS ? { t: 'list', items: [...c.items, a0] } : undefined;
                case 'extend': {
                    const extra = a0 && iterate(a0);
                    return extra && c.items.length + extra.length <= MAX_ITEMS ? { t: 'list', items: [...c.items, ...extra] } : undefined;
                }
                case 'insert': {
                    if (!a0 || !a1 || !isConcrete(a0) || typeof a0.py !== 'bigint')
                        return undefined;
                    const len = BigInt(c.items.length);
                    let i = a0.py < 0n ? len + a0.py : a0.py;
                    if (i < 0n)
                        i = 0n;
                    if (i > len)
                        i = len;
                    const items = c.items.slice();
                    items.splice(Number(i), 0, a1);
                    return { t: 'list', items };
                }
                case 'remove': {
                    if (!a0 || !isConcrete(a0))
                        return undefined;
                    const index = c.items.findIndex((i) => isConcrete(i) && pyEquals(i.py, a0.py) === true);
                    if (index < 0)
                        return undefined;
                    const items = c.items.slice();
                    items.splice(index, 1);
                    return { t: 'list', items };
                }
                case 'clear':
                    return { t: 'list', items: [] };
                default:
                    return undefined;
            }
        }
        if (c.t === 'set') {
            if (method === 'add' && a0)
                return c.items.some((i) => isConcrete(i) && isConcrete(a0) && pyEquals(i.py, a0.py) === true) ? c : { t: 'set', items: [...c.items, a0] };
            if ((method === 'discard' || method === 'remove') && a0 && isConcrete(a0))
                return { t: 'set', items: c.items.filter((i) => !(isConcrete(i) && pyEquals(i.py, a0.py) === true)) };
            if (method === 'update' && a0) {
                const extra = iterate(a0);
                return extra ? { t: 'set', items: [...c.items, ...extra.filter((e) => !c.items.some((i) => isConcrete(i) && isConcrete(e) && pyEquals(i.py, e.py) === true))] } : undefined;
            }
            if (method === 'clear')
                return { t: 'set', items: [] };
            return undefined;
        }
        if (c.t === 'dict') {
            if (method === 'update') {
                let out = c;
                if (a0) {
                    if (!isConcrete(a0) || typeof a0.py !== 'object' || a0.py === null || a0.py.t !== 'dict')
                        return undefined;
                    for (const e of a0.py.entries)
                        out = out && dictSet(out, e.key, e.value);
                }
                for (const [k, v] of args.keywords)
                    out = out && dictSet(out, known(k), v);
                return out;
            }
            if (method === 'setdefault' && a0) {
                return isConcrete(a0) && subscript(c, a0.py) !== undefined ? c : dictSet(c, a0, a1 ?? known(null));
            }
            if (method === 'clear')
                return { t: 'dict', entries: [] };
        }
        return undefined;
    });
}
/** Identifiers bound by an assignment target pattern, in source order (iterative: targets can nest deeply). */
function identifiersIn(root) {
    const out = [];
    const stack = [root];
    while (stack.length > 0) {
        const node = stack.pop();
        if (node.type === 'identifier')
            out.push(node.text);
        else
            stack.push(...namedChildren(node).reverse());
    }
    return out;
}
/** Module-level names a compound statement may assign (loop bodies, match arms). */
function assignedNames(root) {
    const names = new Set();
    const stack = [root];
    while (stack.length > 0) {
        const node = stack.pop();
        if (node.type === 'function_definition' || node.type === 'class_definition' || node.type === 'lambda')
            continue;
        if (node.type === 'assignment' || node.type === 'augmented_assignment') {
            const left = node.childForFieldName('left');
            if (left)
                for (const name of rootNames(left))
                    names.add(name);
        }
        else if (node.type === 'for_statement') {
            const left = node.childForFieldName('left');
            if (left)
                for (const name of identifiersIn(left))
                    names.add(name);
        }
        else if (node.type === 'call') {
            const fn = node.childForFieldName('function');
            if (fn?.type === 'attribute') {
                const object = fn.childForFieldName('object');
                if (object)
                    for (const name of rootNames(object))
                        names.add(name);
            }
        }
        for (const child of namedChildren(node))
            stack.push(child);
    }
    return names;
}
function rootNames(target) {
    let node = target;
    while (node.type === 'subscript' || node.type === 'attribute')
        node = node.childForFieldName(node.type === 'subscript' ? 'value' : 'object');
    return identifiersIn(node);
}
function globalsDeclared(fn) {
    const out = [];
    const stack = [fn.childForFieldName('body')];
    while (stack.length > 0) {
        const node = stack.pop();
        if (!node)
            continue;
        if (node.type === 'global_statement')
            out.push(...namedChildren(node).map((n) => n.text));
        else if (node.type !== 'function_definition' && node.type !== 'class_definition')
            stack.push(...namedChildren(node));
    }
    return out;
}
/**
 * Adds an import's edges to its importer's, each once: through diamond-shaped imports the same
 * edges arrive by many paths, and copying them all grows exponentially with the depth.
 */
function addEdges(result, edges) {
    let keys = edgeKeys.get(result);
    if (!keys) {
        keys = new Set(result.edges.map(edgeKey));
        edgeKeys.set(result, keys);
    }
    for (const edge of edges) {
        const key = edgeKey(edge);
        if (keys.has(key))
            continue;
        keys.add(key);
        result.edges.push(edge);
    }
}
const edgeKeys = new WeakMap();
const edgeKey = (e) => `${e.from}\u0000${e.to}\u0000${e.kind}\u0000${e.conditional}\u0000${e.origin.line}:${e.origin.column}`;
