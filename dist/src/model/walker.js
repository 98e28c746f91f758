import { changedNames, chosenByBranch, cloneState, commitState, decide, mergeStates } from './branch-state.js';
import { MAX_DEPTH, evaluate } from './evaluate.js';
import { iterate, lift } from './lift.js';
import { MUTATORS, OTHER_MUTATORS, deleteIn, getIn, isContainerish, mutate, setIn } from './mutations.js';
import { binaryOp } from './operators.js';
import { assignedNames, globalsDeclared, handlerBody, identifiersIn, ifBranches, namedChildren, originOf } from './syntax.js';
import { buildClass, classLoadedBy, classLoadedByLoop, loadedSettings } from './classes.js';
import { MAX_ITEMS, UNASSIGNED, isConcrete, known, oneOf, pyEquals, pyTruthy, unknown } from './values.js';
/** What a dynamic write did to the settings before it, for DJS005/DJS006 notes. */
export function describeTainted(affected) {
    const named = affected.slice(0, 5).join(', ') + (affected.length > 5 ? `, and ${affected.length - 5} more` : '');
    const before = affected.length === 0 ? 'no setting was set before it' : `the ${affected.length === 1 ? 'setting' : `${affected.length} settings`} set before it (${named}) may be replaced`;
    return `${before}, and every unset setting is unknown: none is judged as final`;
}
/** Nested statement blocks walked before the rest become unknown (CPython's own indentation limit). */
const MAX_BLOCK_DEPTH = 100;
export class StatementWalker {
    evaluator;
    module;
    state;
    result;
    /** Depth of undecidable branches / optional imports we are inside. */
    conditional = 0;
    /** Depth of branches the default world chose (their imports are conditional edges: a switch). */
    worldBranches = 0;
    /** The variable each `if` body is guarded by (see execBranch), and those guarding the code being run. */
    guards = new Map();
    narrowed = new Set();
    /** Depth of branches the default world skips that are being run (on discarded copies). */
    skipping = 0;
    /** The statement being run: where a name bound inside an expression (`n := ...`) was set. */
    statement;
    /** Depth of nested statement blocks (if/try/with bodies): bounded so the walk cannot overflow. */
    blockDepth = 0;
    /** In a class body: the enclosing module's names, read when the body has not set a name. */
    outerLookup;
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
            session: { deployed: this.evaluator.session.deployed, deployedFrom: this.evaluator.session.deployedFrom, envWrites: this.result.chain.env, narrowed: this.narrowed, touched: this.result.chain.touched },
            callDepth: 0,
            lookup: (name) => state.ns.get(name) ?? this.outerLookup?.(name),
            onEnvWrite: (write) => this.result.envWrites.push({ ...write, conditional: this.conditional > 0 }),
            // Not in a branch the default world skips: like its values, its calls are not what deploys.
            onLibraryCall: (call) => this.skipping === 0 && this.result.libraryCalls.push(call),
            onBind: (name, value) => {
                if (this.statement)
                    this.assign(name, value, this.statement);
            },
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
        this.statement = stmt;
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
            case 'for_statement': {
                const loaded = classLoadedByLoop(stmt, (n) => this.eval(n));
                if (loaded)
                    return this.loadClass(loaded, stmt);
                return this.markAssignedUnknown(stmt, 'assigned in a for loop');
            }
            case 'while_statement':
            case 'match_statement':
                return this.execMatch(stmt);
            case 'function_definition':
                return this.defineFunction(stmt);
            case 'decorated_definition': {
                const def = stmt.childForFieldName('definition');
                const name = def?.childForFieldName('name')?.text;
                if (name)
                    this.assign(name, unknown('decorated definition', originOf(stmt, this.file)), stmt);
                return;
            }
            case 'class_definition':
                return this.defineClass(stmt);
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
        // One origin for both (origins are never changed once made): each costs a call into the parser.
        const origin = originOf(stmt, this.file);
        this.state.ns.set(name, this.evaluator.admit(value, origin));
        this.state.assignedAt.set(name, origin);
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
                this.result.chain.touched.add(key.py);
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
        const loaded = classLoadedBy(call, (n) => this.eval(n));
        if (loaded)
            return this.loadClass(loaded, stmt);
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
    poison(stmt, why = 'settings are written through globals()/exec') {
        const origin = originOf(stmt, this.file);
        const affected = this.taint(origin, 'a write through globals()/exec');
        this.result.notes.push({ kind: 'dynamic-globals', message: `${why}: ${describeTainted(affected)}`, origin });
    }
    /**
     * A dynamic write may replace any setting: each setting set so far becomes oneOf(its value,
     * unknown) and every unset one unknown (poisoned), so no rule judges a value the write may
     * replace. Returns the settings set so far.
     */
    taint(origin, cause) {
        const affected = [];
        for (const [name, value] of this.state.ns) {
            if (!/^[A-Z][A-Z0-9_]*$/.test(name) || value.kind === 'unknown')
                continue;
            this.state.ns.set(name, oneOf([value, unknown(`${name} may be replaced by ${cause}`, origin)], value.kind === 'unassigned' ? origin : (value.origin ?? origin)));
            affected.push(name);
        }
        this.state.poisoned = true;
        return affected;
    }
    // ---- branches ----
    /**
     * if/elif/else. A condition the evaluator decides (known, or as deployed) picks its branch. A
     * condition on an unset variable's default is decided the same way, in the default world, as
     * Django itself sees an empty environment: the chosen branch runs, and every name that it or a
     * skipped branch assigns depends on those variables (chosenByBranch). The skipped branches
     * still run, on a discarded copy, so their imports stay visible as conditional edges (a settings
     * switch) and their assignments are known. Only conditions that cannot be decided even so
     * (required variables, calls not modelled) make each possible branch an option of a oneOf.
     */
    execIf(stmt) {
        const branches = ifBranches(stmt);
        const test = branches[0].condition?.text.replace(/\s+/g, ' ');
        const condition = test === undefined ? undefined : `if ${test.length > 77 ? `${test.slice(0, 74)}...` : test}`;
        this.execArms(branches.map((branch) => ({
            body: branch.body,
            test: branch.condition
                ? () => {
                    const cond = this.eval(branch.condition);
                    const guarded = guardedVariable(branch.condition, cond);
                    if (guarded)
                        this.guards.set(branch.body, guarded);
                    return cond;
                }
                : undefined,
        })), stmt, condition);
    }
    /**
     * `match subject:` with literal, value, `|` and wildcard patterns (and guards): each case is an
     * arm whose test is `subject == literal`, decided like an `if` (in the default world too).
     * Other patterns (captures, sequences, mappings, classes) make what the statement assigns unknown.
     */
    execMatch(stmt) {
        const subjectNode = stmt.childForFieldName('subject');
        const block = stmt.childForFieldName('body');
        const cases = block ? namedChildren(block).filter((c) => c.type === 'case_clause') : [];
        const patterns = cases.map((c) => namedChildren(c).find((n) => n.type === 'case_pattern'));
        if (!subjectNode || patterns.some((p) => !p || !isLiteralPattern(p)))
            return this.markAssignedUnknown(stmt, 'assigned in a match statement with patterns not modelled');
        const subject = this.eval(subjectNode);
        this.execArms(cases.map((clause, i) => {
            const pattern = patterns[i];
            const guard = namedChildren(clause).find((n) => n.type === 'if_clause');
            const body = namedChildren(clause.childForFieldName('consequence') ?? namedChildren(clause).filter((n) => n.type === 'block').pop());
            const wildcard = namedChildren(pattern).length === 0;
            if (wildcard && !guard)
                return { body, test: undefined };
            return {
                body,
                test: () => {
                    const alternatives = wildcard ? [] : namedChildren(pattern)[0].type === 'union_pattern' ? namedChildren(namedChildren(pattern)[0]) : namedChildren(pattern);
                    const values = alternatives.map((a) => this.eval(a));
                    const matched = wildcard ? known(true) : lift([subject, ...values], undefined, (s, ...literals) => {
                        const equal = literals.map((l) => (l === null || typeof l === 'boolean' ? s === l : pyEquals(s, l)));
                        return equal.some((e) => e === true) ? true : equal.every((e) => e === false) ? false : undefined;
                    });
                    const guardExpr = guard && namedChildren(guard)[0];
                    if (!guardExpr)
                        return matched;
                    return lift([matched, this.eval(guardExpr)], undefined, (m, g) => (m === false ? false : pyTruthy(g)));
                },
            };
        }), stmt, subjectNode.text.length > 70 ? `match ${subjectNode.text.slice(0, 67)}...` : `match ${subjectNode.text}`);
    }
    /**
     * The arms of an if/elif/else or a match, in order: an arm with no test always runs (else, a
     * wildcard case). Tests are evaluated in order and only until one is decided true.
     */
    execArms(arms, stmt, condition) {
        const possible = [];
        const skippedByWorld = [];
        const world = [];
        let exhaustive = false;
        const branches = arms;
        for (const [i, branch] of branches.entries()) {
            if (!branch.test) {
                possible.push(branch.body);
                exhaustive = true;
                break;
            }
            const cond = branch.test();
            const { truth, env } = decide(cond);
            world.push(...env);
            if (truth === false) {
                if (env.length > 0)
                    skippedByWorld.push(branch.body);
                continue;
            }
            possible.push(branch.body);
            if (truth === true) {
                exhaustive = true;
                if (env.length > 0)
                    skippedByWorld.push(...branches.slice(i + 1).map((b) => b.body));
                break;
            }
        }
        if (!exhaustive)
            possible.push([]);
        if (world.length === 0) {
            if (possible.length === 1)
                return this.execBranch(possible[0]);
            return this.runAlternatives(possible.map((body) => () => this.execBranch(body)));
        }
        this.runDefaultWorld(possible, skippedByWorld, world, originOf(stmt, this.file), condition);
    }
    /** Runs the branch(es) the default world takes, and the skipped ones on discarded copies (see execIf). */
    runDefaultWorld(possible, skipped, world, at, condition) {
        const before = this.state;
        const taken = cloneState(before);
        const others = [];
        // Imports here depend on the environment: their edges stay conditional (a settings switch),
        // but what the chosen branch does to os.environ happens in the default world.
        this.worldBranches++;
        try {
            this.state = taken;
            if (possible.length === 1)
                this.execBranch(possible[0]);
            else
                this.runAlternatives(possible.map((body) => () => this.execBranch(body)));
            const envAfterTaken = new Map(this.result.chain.env);
            this.skipping++;
            this.conditional++;
            try {
                for (const body of skipped) {
                    this.state = cloneState(before);
                    this.execBranch(body);
                    others.push(this.state);
                }
            }
            finally {
                this.conditional--;
                this.skipping--;
            }
            // os.environ writes of a skipped branch never happen in the default world.
            this.result.chain.env.clear();
            for (const [k, v] of envAfterTaken)
                this.result.chain.env.set(k, v);
        }
        finally {
            this.worldBranches--;
            this.state = before;
        }
        const changed = new Set([...changedNames(taken.ns), ...others.flatMap((o) => changedNames(o.ns))]);
        for (const name of changed) {
            const value = taken.ns.get(name);
            if (value === undefined)
                continue;
            // What another environment gets: a skipped branch's value, or (none skipped) the value before the if.
            const other = others.length > 0 ? others.map((o) => o.ns.get(name) ?? UNASSIGNED) : [before.ns.get(name) ?? UNASSIGNED];
            taken.ns.set(name, chosenByBranch(value, world, at, { condition, otherwise: other.length === 1 ? other[0] : oneOf(other) }));
        }
        commitState(before, taken);
    }
    /**
     * An `if` body. Inside `if os.environ.get("K"):` (or `"K" in os.environ`) K is set and not
     * empty, so a lookup of K there is not its default (`SECRET_KEY = os.environ.get("K")` is not
     * None): unknown, unless deployed.
     */
    execBranch(body) {
        const guarded = this.guards.get(body);
        if (!guarded || this.narrowed.has(guarded))
            return this.execBlock(body);
        this.narrowed.add(guarded);
        try {
            this.execBlock(body);
        }
        finally {
            this.narrowed.delete(guarded);
        }
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
        // A try whose body only imports is an optional import whatever it catches (`except:` too):
        // the module may be absent where it deploys (local settings deleted from the image).
        const optionalImport = (catchesImportError || handlers.length > 0) && body.every((s) => s.type === 'import_from_statement' || s.type === 'import_statement' || s.type === 'pass_statement');
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
        // The function's body is read when it is called, maybe after this walk: its tree must live.
        this.evaluator.loader.keepTree(this.module);
        this.assign(name, known(fn, originOf(stmt, this.file)), stmt);
        // A function that declares `global X` may change X whenever it is called.
        for (const g of globalsDeclared(stmt)) {
            if (this.state.ns.has(g))
                this.assign(g, unknown(`${g} may be changed by ${name}()`, originOf(stmt, this.file)), stmt);
        }
    }
    // ---- classes (classes.ts) ----
    /** A class statement: its body runs in a namespace of its own, then the name binds the class. */
    defineClass(stmt) {
        const name = stmt.childForFieldName('name')?.text;
        if (!name)
            return;
        const runBody = (statements) => {
            // The same kind of walker (imports in a class body work as at module level), on a fresh namespace.
            const Walker = this.constructor;
            const body = new Walker(this.evaluator, this.module, { ns: new Map(), assignedAt: new Map(), poisoned: false }, this.result);
            body.outerLookup = (n) => this.scope().lookup(n);
            body.conditional = this.conditional;
            body.skipping = this.skipping;
            body.blockDepth = this.blockDepth;
            body.execBlock(statements);
            return body.state;
        };
        this.assign(name, buildClass(stmt, { file: this.file, absPath: this.module.absPath, evaluate: (n) => this.eval(n), runBody }), stmt);
    }
    /** `Cls.load_settings(__name__)`, `globals().update(vars(Cls))`: the class's settings become the module's. */
    loadClass(loaded, stmt) {
        const found = loadedSettings(loaded);
        if (found.unknownBase)
            this.poison(stmt, `the settings of class ${loaded.cls.name} are loaded here, and ${found.unknownBase}`);
        for (const [name, attr] of found.attributes) {
            if (!/^[A-Z][A-Z0-9_]*$/.test(name))
                continue;
            this.state.ns.set(name, this.evaluator.admit(attr.value, attr.at ?? originOf(stmt, this.file)));
            this.state.assignedAt.set(name, attr.at ?? originOf(stmt, this.file));
        }
    }
}
/**
 * The variable an `if` condition tests for being set: `os.environ.get("K")`, `os.getenv("K")`,
 * `env("K", default="")` (a lookup whose default is falsy, tested for truth) or `"K" in os.environ`.
 */
function guardedVariable(condition, value) {
    if (value.kind !== 'env' || value.env.length !== 1 || value.env[0].deployed)
        return undefined;
    const inner = condition.type === 'parenthesized_expression' ? namedChildren(condition)[0] : condition;
    if (inner?.type === 'call' && !value.py)
        return value.env[0].name;
    if (inner?.type === 'comparison_operator' && inner.text.includes(' in ') && !inner.text.includes(' not in ') && value.py === false)
        return value.env[0].name;
    return undefined;
}
/** A case pattern the model decides: `_`, literals (strings, numbers, None, True, False), dotted values, and `|` of them. */
function isLiteralPattern(pattern) {
    const children = namedChildren(pattern);
    if (children.length === 0)
        return pattern.text.trim() === '_';
    if (children.length !== 1)
        return false;
    const literal = (n) => ['string', 'concatenated_string', 'integer', 'float', 'none', 'true', 'false'].includes(n.type) ||
        // A dotted name is a value pattern; a bare name is a capture (always matches, binds): not modelled.
        (n.type === 'dotted_name' && n.text.includes('.')) ||
        (n.type === 'unary_operator' && namedChildren(n).every(literal));
    const only = children[0];
    return only.type === 'union_pattern' ? namedChildren(only).every(literal) : literal(only);
}
