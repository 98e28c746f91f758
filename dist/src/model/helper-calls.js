import { known, oneOf, truthy, unknown } from './values.js';
import { withEnvOf } from './lift.js';
import { chosenByBranch, decide } from './branch-state.js';
import { ifBranches, namedChildren, originOf } from './syntax.js';
export const MAX_CALL_DEPTH = 8;
/** Calls a small helper defined in the settings package, by substitution. */
export function callFunction(fn, args, scope, depth, origin, evaluate) {
    if (scope.callDepth >= MAX_CALL_DEPTH)
        return unknown(`call depth limit reached in ${fn.name}()`, origin);
    const locals = new Map();
    const frame = { locals, paths: 1, skipped: [] };
    let pos = 0;
    for (const param of fn.params) {
        if (param.star)
            return unknown(`${fn.name}() takes *args/**kwargs`, origin);
        const byKeyword = args.keywords.get(param.name);
        const value = pos < args.positional.length ? args.positional[pos++] : byKeyword ?? param.default;
        if (value === undefined)
            return unknown(`missing argument ${param.name} to ${fn.name}()`, origin);
        locals.set(param.name, value);
    }
    if (pos < args.positional.length)
        return unknown(`too many arguments to ${fn.name}()`, origin);
    const inner = {
        file: fn.file,
        poisoned: scope.poisoned,
        session: scope.session,
        callDepth: scope.callDepth + 1,
        lookup: (name) => frame.locals.get(name) ?? fn.lookupGlobal(name),
        onEnvWrite: scope.onEnvWrite,
        onBind: (name, value) => frame.locals.set(name, value),
        onLibraryCall: scope.onLibraryCall,
    };
    const body = fn.node.childForFieldName('body');
    if (!body)
        return unknown(`empty function ${fn.name}()`, origin);
    let result = runBody(namedChildren(body), inner, frame, depth, 0, evaluate) ?? known(null, origin);
    // `if name in os.environ:` skipped in the default world: what the helper returns depends on it.
    for (const s of frame.skipped)
        result = chosenByBranch(result, s.env, s.at);
    // Findings point at the call, where the arguments (often the insecure default) are written.
    return relocate(result, origin);
}
function relocate(v, origin) {
    if (v.kind === 'oneOf')
        return { ...v, options: v.options.map((o) => relocate(o, origin)), origin };
    return v.kind === 'unassigned' ? v : { ...v, origin };
}
const MAX_HELPER_STATEMENTS = 12;
/** Paths through one helper call before it is unknown (each undecidable `if` forks one). */
const MAX_HELPER_PATHS = 16;
function runBody(statements, scope, frame, depth, count, evaluate) {
    for (const [i, stmt] of statements.entries()) {
        if (count + i > MAX_HELPER_STATEMENTS)
            return unknown('helper function too long to evaluate');
        const origin = originOf(stmt, scope.file);
        if (stmt.type === 'return_statement') {
            const expr = namedChildren(stmt)[0];
            return expr ? evaluate(expr, scope, depth + 1) : known(null, origin);
        }
        if (stmt.type === 'pass_statement')
            continue;
        if (stmt.type === 'expression_statement') {
            const expr = namedChildren(stmt)[0];
            if (!expr || expr.type === 'string')
                continue;
            if (expr.type === 'assignment') {
                const left = expr.childForFieldName('left');
                const right = expr.childForFieldName('right');
                if (left?.type !== 'identifier' || !right)
                    return unknown('helper assigns something other than a local name', origin);
                frame.locals.set(left.text, evaluate(right, scope, depth + 1));
                continue;
            }
            return unknown('helper has side effects', origin);
        }
        if (stmt.type === 'if_statement') {
            const branches = ifBranches(stmt);
            let taken;
            const possible = [];
            const deciding = [];
            let exhaustive = false;
            for (const branch of branches) {
                const cond = branch.condition ? evaluate(branch.condition, scope, depth + 1) : known(true);
                const t = truthy(cond);
                deciding.push(cond);
                if (t === true && possible.length === 0) {
                    taken = branch.body;
                    break;
                }
                if (t === false)
                    continue;
                possible.push(branch.body);
                if (t === true) {
                    exhaustive = true;
                    break;
                }
            }
            if (taken) {
                const r = runBody(taken, scope, frame, depth, count + i, evaluate);
                // A return chosen by an env-dependent test depends on that variable too.
                if (r !== undefined)
                    return deciding.reduce((acc, c) => withEnvOf(acc, c), r);
                continue;
            }
            if (possible.length === 0) {
                const env = deciding.flatMap((c) => decide(c).env);
                if (env.length > 0)
                    frame.skipped.push({ env, at: origin });
                continue;
            }
            // Undecidable (a file that may exist, a call not modelled): each possible path runs on its
            // own locals and the helper returns one of their results, so a default in one is still seen.
            const alternatives = exhaustive ? possible : [...possible, []];
            if (frame.paths + alternatives.length - 1 > MAX_HELPER_PATHS)
                return unknown('helper has too many undecidable branches', origin);
            frame.paths += alternatives.length - 1;
            const rest = statements.slice(i + 1);
            const saved = frame.locals;
            const savedSkipped = frame.skipped;
            const results = [];
            try {
                for (const body of alternatives) {
                    frame.locals = new Map(saved);
                    frame.skipped = [];
                    let r = runBody([...body, ...rest], scope, frame, depth, count + i, evaluate) ?? known(null, origin);
                    // Each path's own skipped ifs; the ones before the fork stay in the frame for all.
                    for (const s of frame.skipped)
                        r = chosenByBranch(r, s.env, s.at);
                    results.push(r);
                }
            }
            finally {
                frame.locals = saved;
                frame.skipped = savedSkipped;
            }
            return oneOf(results, origin);
        }
        return unknown(`helper uses ${stmt.type.replace(/_/g, ' ')}`, origin);
    }
    return undefined;
}
