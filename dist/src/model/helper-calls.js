import { known, truthy, unknown } from './values.js';
import { withEnvOf } from './lift.js';
import { ifBranches, namedChildren, originOf } from './syntax.js';
export const MAX_CALL_DEPTH = 8;
/** Calls a small helper defined in the settings package, by substitution. */
export function callFunction(fn, args, scope, depth, origin, evaluate) {
    if (scope.callDepth >= MAX_CALL_DEPTH)
        return unknown(`call depth limit reached in ${fn.name}()`, origin);
    const locals = new Map();
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
        lookup: (name) => locals.get(name) ?? fn.lookupGlobal(name),
        onEnvWrite: scope.onEnvWrite,
        onBind: (name, value) => locals.set(name, value),
        onLibraryCall: scope.onLibraryCall,
    };
    const body = fn.node.childForFieldName('body');
    if (!body)
        return unknown(`empty function ${fn.name}()`, origin);
    const result = runBody(namedChildren(body), inner, locals, depth, 0, evaluate);
    // Findings point at the call, where the arguments (often the insecure default) are written.
    return result ? relocate(result, origin) : known(null, origin);
}
function relocate(v, origin) {
    if (v.kind === 'oneOf')
        return { ...v, options: v.options.map((o) => relocate(o, origin)), origin };
    return v.kind === 'unassigned' ? v : { ...v, origin };
}
const MAX_HELPER_STATEMENTS = 12;
/**
 * Runs the statements of a helper body: assignments to local names, if/elif/else and return.
 * Returns the returned value, or undefined if the body falls off the end (None).
 */
function runBody(statements, scope, locals, depth, count, evaluate) {
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
                locals.set(left.text, evaluate(right, scope, depth + 1));
                continue;
            }
            return unknown('helper has side effects', origin);
        }
        if (stmt.type === 'if_statement') {
            const branches = ifBranches(stmt);
            let taken;
            const possible = [];
            const deciding = [];
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
                if (t === true)
                    break;
            }
            if (taken) {
                const r = runBody(taken, scope, locals, depth, count + i, evaluate);
                // A return chosen by an env-dependent test depends on that variable too.
                if (r !== undefined)
                    return deciding.reduce((acc, c) => withEnvOf(acc, c), r);
                continue;
            }
            if (possible.length === 0)
                continue;
            return unknown('helper branches on an undecidable condition', origin);
        }
        return unknown(`helper uses ${stmt.type.replace(/_/g, ' ')}`, origin);
    }
    return undefined;
}
