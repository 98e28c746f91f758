import { MAX_ITEMS, capValue, derived, hashKey, isConcrete, known, oneOf, pyStr, pyTruthy, truthy, typeName, unknown } from './values.js';
import { decodeEscapes, parseFloatLiteral, parseIntLiteral } from './strings.js';
import { callBuiltin, callMethod } from './builtins.js';
import { DictBuilder, binaryOp, capString, compare, isDict, isSeq, unaryOp } from './operators.js';
import { envLookup, envPresence } from './scope.js';
import { getAttribute, iterate, lift, subscript, withEnvOf } from './lift.js';
import { callFunction } from './helper-calls.js';
import { namedChildren, originOf } from './syntax.js';
export const MAX_DEPTH = 150;
export function evaluate(node, scope, depth = 0) {
    const origin = originOf(node, scope.file);
    if (depth > MAX_DEPTH)
        return unknown('expression nested too deeply', origin);
    try {
        return capValue(evaluateNode(node, scope, depth, origin), origin);
    }
    catch (e) {
        if (e instanceof RangeError)
            return unknown('expression too large to evaluate', origin);
        throw e;
    }
}
function evaluateNode(node, scope, depth, origin) {
    const ev = (n) => (n ? evaluate(n, scope, depth + 1) : unknown('missing expression', origin));
    switch (node.type) {
        case 'true':
            return known(true, origin);
        case 'false':
            return known(false, origin);
        case 'none':
            return known(null, origin);
        case 'integer': {
            const v = parseIntLiteral(node.text);
            return v === undefined ? unknown('unsupported number literal', origin) : known(v, origin);
        }
        case 'float': {
            const v = parseFloatLiteral(node.text);
            return v === undefined ? unknown('unsupported number literal', origin) : known(v, origin);
        }
        case 'string':
            return evalString(node, scope, depth, origin);
        case 'concatenated_string': {
            const parts = namedChildren(node).map(ev);
            return lift(parts, origin, (...pys) => {
                if (pys.every((p) => typeof p === 'string'))
                    return capString(pys.join(''));
                if (pys.every((p) => typeof p === 'object' && p !== null && p.t === 'bytes')) {
                    return { t: 'bytes', v: pys.map((p) => p.v).join('') };
                }
                return undefined;
            });
        }
        case 'identifier':
            return lookupName(node.text, scope, origin);
        case 'parenthesized_expression': {
            const inner = namedChildren(node)[0];
            return inner ? ev(inner) : unknown('empty parentheses', origin);
        }
        case 'list':
        case 'tuple':
        case 'set':
        case 'expression_list':
            return evalSequence(node.type === 'expression_list' ? 'tuple' : node.type, node, scope, depth, origin);
        case 'dictionary':
            return evalDict(node, scope, depth, origin);
        case 'not_operator': {
            const arg = ev(node.childForFieldName('argument'));
            return lift([arg], origin, (a) => {
                const t = pyTruthy(a);
                return t === undefined ? undefined : !t;
            });
        }
        case 'boolean_operator':
            return evalBoolOp(node, ev, origin);
        case 'unary_operator': {
            const op = node.childForFieldName('operator')?.text ?? node.child(0)?.text;
            const arg = ev(node.childForFieldName('argument'));
            return lift([arg], origin, (a) => unaryOp(op ?? '', a));
        }
        case 'binary_operator': {
            const op = node.childForFieldName('operator')?.text ?? '';
            const left = ev(node.childForFieldName('left'));
            const right = ev(node.childForFieldName('right'));
            return lift([left, right], origin, (a, b) => binaryOp(op, a, b));
        }
        case 'comparison_operator':
            return evalComparison(node, ev, scope, origin);
        case 'conditional_expression': {
            // body if condition else alternative; the condition is judged as evaluated (env defaults
            // included): an expression computes one value from its lookups.
            const [body, condition, alternative] = namedChildren(node);
            const cond = ev(condition);
            return chooseByTruth(cond, () => ev(body), () => ev(alternative), origin);
        }
        case 'call':
            return evalCall(node, scope, depth, origin);
        case 'attribute': {
            const object = ev(node.childForFieldName('object'));
            const attr = node.childForFieldName('attribute')?.text ?? '';
            return lift([object], origin, (o) => getAttribute(o, attr, object));
        }
        case 'subscript':
            return evalSubscript(node, scope, depth, origin);
        case 'lambda':
            return unknown('lambda', origin);
        case 'list_comprehension':
        case 'dictionary_comprehension':
        case 'set_comprehension':
        case 'generator_expression':
            return evalComprehension(node, scope, depth, origin);
        case 'named_expression': {
            // `name := value` binds name where the expression runs (the module, or a helper's locals).
            const value = ev(node.childForFieldName('value'));
            const name = node.childForFieldName('name')?.text;
            if (name)
                scope.onBind?.(name, value);
            return value;
        }
        case 'await':
        case 'yield':
            return unknown(node.type, origin);
        default:
            return unknown(`unsupported expression (${node.type})`, origin);
    }
}
function chooseByTruth(cond, whenTrue, whenFalse, origin) {
    if (cond.kind === 'unknown' || cond.kind === 'unassigned')
        return oneOf([whenTrue(), whenFalse()], origin);
    if (cond.kind === 'oneOf') {
        const t = cond.options.map((o) => (isConcrete(o) ? pyTruthy(o.py) : undefined));
        if (t.every((x) => x === true))
            return withEnvOf(whenTrue(), cond);
        if (t.every((x) => x === false))
            return withEnvOf(whenFalse(), cond);
        return oneOf([whenTrue(), whenFalse()], origin);
    }
    const t = pyTruthy(cond.py);
    if (t === undefined)
        return oneOf([whenTrue(), whenFalse()], origin);
    return withEnvOf(t ? whenTrue() : whenFalse(), cond);
}
// ---- names ----
const BUILTINS = new Set([
    'int', 'str', 'bool', 'float', 'list', 'tuple', 'set', 'frozenset', 'dict', 'len', 'sorted', 'min', 'max', 'abs',
    'repr', 'print', 'open', 'globals', 'locals', 'vars', 'getattr', 'setattr', 'isinstance', 'range', 'any', 'all',
    'bytes', 'reversed', 'sum', 'round', 'type', 'hasattr', 'iter', 'next', 'map', 'filter', 'zip', 'enumerate',
    '__import__', 'exec', 'eval', 'compile', 'object', 'Exception', 'ImportError', 'KeyError', 'ValueError',
    'ModuleNotFoundError', 'AttributeError', 'TypeError', 'NameError', 'OSError', 'IOError',
]);
function lookupName(name, scope, origin) {
    const v = scope.lookup(name);
    if (v !== undefined)
        return v;
    if (scope.poisoned)
        return unknown(`${name} may have been set through globals()`, origin);
    if (BUILTINS.has(name))
        return known({ t: 'ref', qname: `builtins.${name}` }, origin);
    if (name === '__file__')
        return known(scope.file, origin);
    return unknown(`name ${name} is not defined in the scanned files`, origin);
}
// ---- strings ----
function evalString(node, scope, depth, origin) {
    // Most literals have no interpolation: read them from their text, one binding call instead of
    // one per child (start, content, end) and per child's type.
    const plain = plainStringLiteral(node.text);
    const children = plain ? [] : node.children;
    const start = children[0];
    const prefix = plain ? plain.prefix : (start?.type === 'string_start' ? start.text : '').replace(/['"]+$/, '').toLowerCase();
    const raw = prefix.includes('r');
    const bytes = prefix.includes('b');
    const fstring = prefix.includes('f');
    const pieces = [];
    const content = (text) => {
        if (fstring)
            text = text.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
        const decoded = raw ? text : decodeEscapes(text, bytes);
        if (decoded !== undefined)
            pieces.push(known(decoded));
        return decoded !== undefined;
    };
    if (plain && !content(plain.body))
        return unknown('unsupported string escape', origin);
    for (const child of children) {
        const type = child.type;
        if (type === 'string_content') {
            if (!content(child.text))
                return unknown('unsupported string escape', origin);
        }
        else if (type === 'interpolation') {
            pieces.push(evalInterpolation(child, scope, depth, origin));
        }
    }
    const value = lift(pieces, origin, (...pys) => capString(pys.join('')));
    if (bytes && isConcrete(value) && typeof value.py === 'string')
        return { ...value, py: { t: 'bytes', v: value.py } };
    return value;
}
/** The prefix and body of a string literal that is not an f-string, from its text; else undefined. */
function plainStringLiteral(text) {
    const match = /^([rRbBuU]{0,2})('''|"""|'|")/.exec(text);
    if (!match)
        return undefined; // an f-string (or a prefix Python does not have)
    const [, prefix, quote] = match;
    if (text.length < prefix.length + 2 * quote.length || !text.endsWith(quote))
        return undefined; // unterminated
    return { prefix: prefix.toLowerCase(), body: text.slice(prefix.length + quote.length, text.length - quote.length) };
}
function evalInterpolation(node, scope, depth, origin) {
    const expr = node.childForFieldName('expression');
    const conversion = node.childForFieldName('type_conversion')?.text;
    const spec = node.childForFieldName('format_specifier');
    if (!expr)
        return unknown('empty f-string interpolation', origin);
    const value = evaluate(expr, scope, depth + 1);
    return lift([value], origin, (py) => {
        if (conversion === '!r')
            return typeof py === 'string' ? pyStr({ t: 'list', items: [known(py)] })?.slice(1, -1) : pyStr(py);
        const text = pyStr(py);
        if (text === undefined)
            return undefined;
        if (!spec)
            return text;
        const specText = spec.text.replace(/^:/, '');
        return specText === '' || specText === 's' ? text : undefined;
    });
}
// ---- containers ----
function evalSequence(kind, node, scope, depth, origin) {
    const items = [];
    for (const child of namedChildren(node)) {
        if (child.type === 'list_splat' || child.type === 'parenthesized_list_splat') {
            const inner = namedChildren(child)[0];
            const spread = inner ? evaluate(inner, scope, depth + 1) : unknown('missing', origin);
            const expanded = iterate(spread);
            if (!expanded)
                return unknown('spread of an unknown iterable', origin);
            items.push(...expanded);
        }
        else {
            items.push(evaluate(child, scope, depth + 1));
        }
        if (items.length > MAX_ITEMS)
            return unknown('sequence too large', origin);
    }
    const finalItems = kind === 'set' ? dedupe(items) : items;
    if (!finalItems)
        return unknown('set of unknown items', origin);
    return known({ t: kind, items: finalItems }, origin);
}
function dedupe(items) {
    const seen = new Set();
    const out = [];
    for (const item of items) {
        if (!isConcrete(item)) {
            out.push(item);
            continue;
        }
        const k = hashKey(item.py);
        if (k === undefined)
            return undefined;
        if (!seen.has(k)) {
            seen.add(k);
            out.push(item);
        }
    }
    return out;
}
function evalDict(node, scope, depth, origin) {
    const dict = new DictBuilder();
    for (const child of namedChildren(node)) {
        if (child.type === 'pair') {
            const key = evaluate(child.childForFieldName('key'), scope, depth + 1);
            const value = evaluate(child.childForFieldName('value'), scope, depth + 1);
            if (!dict.set(key, value))
                return unknown('dictionary with an unknown key', origin);
        }
        else if (child.type === 'dictionary_splat') {
            const inner = namedChildren(child)[0];
            const spread = inner ? evaluate(inner, scope, depth + 1) : unknown('missing', origin);
            if (!isConcrete(spread) || typeof spread.py !== 'object' || spread.py === null || spread.py.t !== 'dict') {
                return unknown('spread of an unknown mapping', origin);
            }
            for (const e of spread.py.entries) {
                if (!dict.set(e.key, e.value))
                    return unknown('dictionary with an unknown key', origin);
            }
        }
        else {
            return unknown('dictionary comprehension', origin);
        }
        if (dict.entries.length > MAX_ITEMS)
            return unknown('dictionary too large', origin);
    }
    return known(dict.build(), origin);
}
// ---- operators ----
function evalBoolOp(node, ev, origin) {
    const op = node.childForFieldName('operator')?.text;
    const left = ev(node.childForFieldName('left'));
    const rightNode = node.childForFieldName('right');
    // Python returns an operand, not a bool: `os.environ.get("X") or "default"` is "default".
    return chooseByTruth(left, () => (op === 'or' ? left : ev(rightNode)), () => (op === 'or' ? ev(rightNode) : left), origin);
}
function evalComparison(node, ev, scope, origin) {
    const operatorNodes = node.childrenForFieldName('operators').filter((n) => n !== null);
    const operatorStarts = new Set(operatorNodes.map((n) => n.startIndex));
    const operands = [];
    for (let i = 0; i < node.childCount; i++) {
        const child = node.child(i);
        if (child.isNamed && child.type !== 'comment' && !operatorStarts.has(child.startIndex))
            operands.push(child);
    }
    const operators = operatorNodes.map((n) => n.text.replace(/\s+/g, ' '));
    if (operands.length !== operators.length + 1)
        return unknown('malformed comparison', origin);
    const values = operands.map(ev);
    const presence = operators.length === 1 && (operators[0] === 'in' || operators[0] === 'not in') ? environPresence(values[0], values[1], scope, origin) : undefined;
    if (presence)
        return operators[0] === 'in' ? presence : lift([presence], origin, (p) => !p);
    return lift(values, origin, (...pys) => {
        for (let i = 0; i < operators.length; i++) {
            const r = compare(operators[i], pys[i], pys[i + 1]);
            if (r === undefined)
                return undefined;
            if (!r)
                return false;
        }
        return true;
    });
}
/** `"K" in os.environ` (or `os.environ.keys()`): whether K is set, in the default world not. */
function environPresence(item, container, scope, origin) {
    if (!isConcrete(container) || typeof container.py !== 'object' || container.py === null || container.py.t !== 'ref' || container.py.qname !== 'os.environ')
        return undefined;
    if (!isConcrete(item) || typeof item.py !== 'string')
        return unknown('membership of a computed name in os.environ', origin);
    return envPresence(scope.session, item.py, origin);
}
/**
 * `[body for x in it if cond]` (and set, dict, generator forms): each `for` clause enumerates a
 * value the model knows, each `if` filter must be decidable (env defaults count, as in any
 * expression), else the whole comprehension is unknown. The result depends on every env value
 * it enumerated or filtered on. A generator becomes a list (what list(), join(), any() see).
 */
function evalComprehension(node, scope, depth, origin) {
    const body = node.childForFieldName('body');
    if (!body)
        return unknown('comprehension without a body', origin);
    const inner = (b) => ({ ...scope, lookup: (name) => b.get(name) ?? scope.lookup(name) });
    let rows = [new Map()];
    const deciding = [];
    for (const clause of namedChildren(node)) {
        if (clause.type === 'for_in_clause') {
            const left = clause.childForFieldName('left');
            const right = clause.childrenForFieldName('right').filter((n) => n !== null && n.type !== 'comment');
            if (!left || right.length !== 1)
                return unknown('comprehension clause not modelled', origin);
            const next = [];
            for (const row of rows) {
                const iterable = evaluate(right[0], inner(row), depth + 1);
                const items = iterate(iterable);
                if (!items)
                    return unknown(`comprehension over something the model cannot enumerate${iterable.kind === 'unknown' ? ` (${iterable.reason})` : ''}`, origin);
                if (iterable.kind === 'env')
                    deciding.push(iterable);
                for (const item of items) {
                    const bound = bindTarget(left, item, new Map(row));
                    if (!bound)
                        return unknown('comprehension target not modelled', origin);
                    next.push(bound);
                    if (next.length > MAX_ITEMS)
                        return unknown('comprehension too large to model', origin);
                }
            }
            rows = next;
        }
        else if (clause.type === 'if_clause') {
            const test = namedChildren(clause)[0];
            if (!test)
                continue;
            const kept = [];
            for (const row of rows) {
                const cond = evaluate(test, inner(row), depth + 1);
                const t = truthy(cond);
                if (t === undefined)
                    return unknown('comprehension filter the model cannot decide', origin);
                if (cond.kind === 'env')
                    deciding.push(cond);
                if (t)
                    kept.push(row);
            }
            rows = kept;
        }
    }
    let py;
    if (node.type === 'dictionary_comprehension') {
        const dict = new DictBuilder();
        for (const row of rows) {
            const key = evaluate(body.childForFieldName('key') ?? body, inner(row), depth + 1);
            const value = evaluate(body.childForFieldName('value') ?? body, inner(row), depth + 1);
            if (!dict.set(key, value))
                return unknown('dict comprehension with a key the model cannot hash', origin);
        }
        py = dict.build();
    }
    else {
        const items = rows.map((row) => evaluate(body, inner(row), depth + 1));
        if (node.type === 'set_comprehension') {
            const unique = dedupe(items);
            if (!unique)
                return unknown('set comprehension with items the model cannot hash', origin);
            py = { t: 'set', items: unique };
        }
        else {
            py = { t: 'list', items };
        }
    }
    return deciding.length > 0 ? derived(py, deciding, origin) : known(py, origin);
}
/** Binds a comprehension's loop target (a name, or a tuple of names) to an item. */
function bindTarget(target, item, row) {
    if (target.type === 'identifier')
        return row.set(target.text, item);
    if (target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'list_pattern' || target.type === 'tuple') {
        const names = namedChildren(target);
        const parts = iterate(item);
        if (!parts || parts.length !== names.length)
            return undefined;
        for (const [i, name] of names.entries())
            if (!bindTarget(name, parts[i], row))
                return undefined;
        return row;
    }
    return undefined;
}
// ---- attributes and subscripts ----
function evalSubscript(node, scope, depth, origin) {
    const target = evaluate(node.childForFieldName('value'), scope, depth + 1);
    const indexNodes = node.childrenForFieldName('subscript').filter((n) => n !== null && n.type !== 'comment');
    if (indexNodes.length !== 1)
        return unknown('multi-dimensional subscript', origin);
    const indexNode = indexNodes[0];
    if (indexNode.type === 'slice') {
        const parts = [undefined, undefined];
        let slot = 0;
        for (let i = 0; i < indexNode.childCount; i++) {
            const c = indexNode.child(i);
            if (c.type === ':')
                slot++;
            else if (c.isNamed && slot < 2)
                parts[slot] = evaluate(c, scope, depth + 1);
            else if (c.isNamed)
                return unknown('slice with a step', origin);
        }
        const bounds = parts.map((p) => p ?? known(null));
        return lift([target, ...bounds], origin, (t, lo, hi) => slice(t, lo, hi));
    }
    const index = evaluate(indexNode, scope, depth + 1);
    if (isConcrete(target) && typeof target.py === 'object' && target.py !== null && target.py.t === 'ref' && target.py.qname === 'os.environ') {
        return lift([index], origin, (name) => (typeof name === 'string' ? envLookup(scope.session, name, undefined, origin, true) : undefined));
    }
    return lift([target, index], origin, (t, i) => subscript(t, i));
}
function slice(t, lo, hi) {
    const len = typeof t === 'string' ? t.length : isSeq(t) ? t.items.length : undefined;
    if (len === undefined)
        return undefined;
    const norm = (x, dflt) => {
        if (x === null)
            return dflt;
        if (typeof x !== 'bigint')
            return undefined;
        const n = Number(x);
        return n < 0 ? Math.max(0, len + n) : Math.min(len, n);
    };
    const a = norm(lo, 0);
    const b = norm(hi, len);
    if (a === undefined || b === undefined)
        return undefined;
    if (typeof t === 'string')
        return t.slice(a, b);
    return isSeq(t) && t.t !== 'set' ? { t: t.t, items: t.items.slice(a, b) } : undefined;
}
// ---- calls ----
function evalArgs(node, scope, depth) {
    const args = { positional: [], keywords: new Map(), opaque: false };
    if (!node)
        return args;
    if (node.type === 'generator_expression') {
        // f(x for x in it): one argument, the generator (as a list of what it yields).
        args.positional.push(evaluate(node, scope, depth + 1));
        return args;
    }
    for (const child of namedChildren(node)) {
        if (child.type === 'keyword_argument') {
            const name = child.childForFieldName('name')?.text ?? '';
            args.keywords.set(name, evaluate(child.childForFieldName('value'), scope, depth + 1));
        }
        else if (child.type === 'list_splat') {
            const items = iterate(evaluate(namedChildren(child)[0], scope, depth + 1));
            if (items)
                args.positional.push(...items);
            else
                args.opaque = true;
        }
        else if (child.type === 'dictionary_splat') {
            const v = evaluate(namedChildren(child)[0], scope, depth + 1);
            if (isConcrete(v) && isDict(v.py)) {
                for (const e of v.py.entries) {
                    if (isConcrete(e.key) && typeof e.key.py === 'string')
                        args.keywords.set(e.key.py, e.value);
                    else
                        args.opaque = true;
                }
            }
            else {
                args.opaque = true;
            }
        }
        else {
            args.positional.push(evaluate(child, scope, depth + 1));
        }
    }
    return args;
}
function evalCall(node, scope, depth, origin) {
    const fn = evaluate(node.childForFieldName('function'), scope, depth + 1);
    const args = evalArgs(node.childForFieldName('arguments'), scope, depth);
    return callValue(fn, args, scope, depth, origin);
}
export function callValue(fn, args, scope, depth, origin) {
    if (fn.kind === 'unknown') {
        const result = unknown(`call to something unknown (${fn.reason})`, origin);
        // A method of an unmodelled library object (a boto3 client's .get_parameter) still comes from its call.
        return fn.call ? { ...result, call: fn.call } : result;
    }
    if (fn.kind === 'unassigned')
        return unknown('call to a name that may be unassigned', origin);
    if (fn.kind === 'oneOf')
        return oneOf(fn.options.map((o) => callValue(o, args, scope, depth, origin)), origin);
    if (args.opaque)
        return unknown('call with unexpanded *args/**kwargs', origin);
    const py = fn.py;
    if (typeof py !== 'object' || py === null)
        return unknown(`${typeName(py)} is not callable`, origin);
    switch (py.t) {
        case 'ref':
            return callBuiltin(py.qname, args, scope, origin);
        case 'bound':
            return callMethod(py.self, py.method, args, scope, origin);
        case 'obj':
            return callObject(py, args, scope, origin);
        case 'func':
            return callFunction(py, args, scope, depth, origin, evaluate);
        default:
            return unknown(`${typeName(py)} is not callable`, origin);
    }
}
function callObject(obj, args, scope, origin) {
    // env("KEY", ...) on a django-environ/environs Env, config("KEY") for decouple.
    const self = known(obj);
    return callMethod(self, '__call__', args, scope, origin);
}
