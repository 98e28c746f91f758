// The expression evaluator: syntax node → abstract value. Never executes anything; what it does
// not model is unknown(reason). Depth and sizes are bounded so hostile input cannot hang it.
import type { SyntaxNode } from '../parse.js';
import type { Concrete, Origin, Py, PyDict, PyFunc, PyObj, PySeq, Value } from './values.js';
import { MAX_ITEMS, capValue, derived, hashKey, isConcrete, known, oneOf, pyStr, pyTruthy, typeName, unknown } from './values.js';
import { decodeEscapes, parseFloatLiteral, parseIntLiteral } from './strings.js';
import { callBuiltin, callMethod } from './builtins.js';
import type { LiftResult } from './operators.js';
import { binaryOp, capString, compare, dictGet, dictSet, isDict, isSeq, unaryOp } from './operators.js';

export const MAX_DEPTH = 150;
export const MAX_CALL_DEPTH = 8;

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
  /** os.environ.setdefault / os.environ[K] = v made so far in this import chain (ImportChain.env). */
  readonly envWrites: Map<string, Value>;
}

export function originOf(node: SyntaxNode, file: string): Origin {
  // Each position is a call into the parser binding: read each once.
  const start = node.startPosition;
  const end = node.endPosition;
  return { file, line: start.row + 1, column: start.column + 1, endLine: end.row + 1, endColumn: end.column + 1 };
}

/** Named children, skipping comments. */
export function namedChildren(node: SyntaxNode): SyntaxNode[] {
  // One binding call for the list: per-index access crosses into the parser twice per child.
  return node.namedChildren.filter((c) => c.type !== 'comment');
}

export function evaluate(node: SyntaxNode, scope: Scope, depth = 0): Value {
  const origin = originOf(node, scope.file);
  if (depth > MAX_DEPTH) return unknown('expression nested too deeply', origin);
  try {
    return capValue(evaluateNode(node, scope, depth, origin), origin);
  } catch (e) {
    if (e instanceof RangeError) return unknown('expression too large to evaluate', origin);
    throw e;
  }
}

function evaluateNode(node: SyntaxNode, scope: Scope, depth: number, origin: Origin): Value {
  const ev = (n: SyntaxNode | null): Value => (n ? evaluate(n, scope, depth + 1) : unknown('missing expression', origin));
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
        if (pys.every((p) => typeof p === 'string')) return capString((pys as string[]).join(''));
        if (pys.every((p) => typeof p === 'object' && p !== null && p.t === 'bytes')) {
          return { t: 'bytes', v: pys.map((p) => (p as { v: string }).v).join('') };
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
      return evalComparison(node, ev, origin);
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
      return unknown('comprehension', origin);
    case 'await':
    case 'yield':
      return unknown(node.type, origin);
    default:
      return unknown(`unsupported expression (${node.type})`, origin);
  }
}

// ---- lifting: apply a Python operation over abstract operands ----


function isValue(x: LiftResult): x is Value {
  return typeof x === 'object' && x !== null && 'kind' in x;
}

/**
 * Applies `fn` to the concrete Python values of `args`. Unknown operands give unknown; oneOf
 * operands are expanded (bounded) and give oneOf; env operands make the result env.
 */
export function lift(args: Value[], origin: Origin | undefined, fn: (...pys: Py[]) => LiftResult): Value {
  for (const a of args) {
    // An operation over a raw env string is no longer that raw string (`os.environ["X"] == "1"`).
    if (a.kind === 'unknown') return { ...a, origin: a.origin ?? origin, rawString: undefined };
    if (a.kind === 'unassigned') return unknown('name may be unassigned', origin);
  }
  const oneOfIndex = args.findIndex((a) => a.kind === 'oneOf');
  if (oneOfIndex >= 0) {
    const choice = args[oneOfIndex];
    if (choice.kind !== 'oneOf') throw new Error('unreachable');
    const results = choice.options.map((option) => {
      const next = args.slice();
      next[oneOfIndex] = option;
      return lift(next, origin, fn);
    });
    return oneOf(results, origin);
  }
  const concrete = args as Concrete[];
  let result: LiftResult;
  try {
    result = fn(...concrete.map((a) => a.py));
  } catch (e) {
    if (e instanceof RangeError) return unknown('value too large', origin);
    throw e;
  }
  if (result === undefined) return unknown('operation not modelled or would raise', origin);
  if (isValue(result)) {
    if (result.kind === 'known' && concrete.some((a) => a.kind === 'env')) return derived(result.py, [...concrete, result], result.origin ?? origin);
    return result.kind === 'unassigned' || result.origin ? result : { ...result, origin };
  }
  return derived(result, concrete, origin);
}

function chooseByTruth(cond: Value, whenTrue: () => Value, whenFalse: () => Value, origin: Origin): Value {
  if (cond.kind === 'unknown' || cond.kind === 'unassigned') return oneOf([whenTrue(), whenFalse()], origin);
  if (cond.kind === 'oneOf') {
    const t = cond.options.map((o) => (isConcrete(o) ? pyTruthy(o.py) : undefined));
    if (t.every((x) => x === true)) return withEnvOf(whenTrue(), cond);
    if (t.every((x) => x === false)) return withEnvOf(whenFalse(), cond);
    return oneOf([whenTrue(), whenFalse()], origin);
  }
  const t = pyTruthy(cond.py);
  if (t === undefined) return oneOf([whenTrue(), whenFalse()], origin);
  return withEnvOf(t ? whenTrue() : whenFalse(), cond);
}

/** A value chosen by an env-dependent test depends on that env too. */
function withEnvOf(v: Value, cond: Value): Value {
  if (cond.kind === 'known' || !isConcrete(v)) return v;
  const envs = cond.kind === 'env' ? [cond] : cond.kind === 'oneOf' ? cond.options.filter((o) => o.kind === 'env') : [];
  if (envs.length === 0) return v;
  return derived(v.py, [v, ...envs], v.origin);
}

// ---- names ----

const BUILTINS = new Set([
  'int', 'str', 'bool', 'float', 'list', 'tuple', 'set', 'frozenset', 'dict', 'len', 'sorted', 'min', 'max', 'abs',
  'repr', 'print', 'open', 'globals', 'locals', 'vars', 'getattr', 'setattr', 'isinstance', 'range', 'any', 'all',
  'bytes', 'reversed', 'sum', 'round', 'type', 'hasattr', 'iter', 'next', 'map', 'filter', 'zip', 'enumerate',
  '__import__', 'exec', 'eval', 'compile', 'object', 'Exception', 'ImportError', 'KeyError', 'ValueError',
  'ModuleNotFoundError', 'AttributeError', 'TypeError', 'NameError', 'OSError', 'IOError',
]);

function lookupName(name: string, scope: Scope, origin: Origin): Value {
  const v = scope.lookup(name);
  if (v !== undefined) return v;
  if (scope.poisoned) return unknown(`${name} may have been set through globals()`, origin);
  if (BUILTINS.has(name)) return known({ t: 'ref', qname: `builtins.${name}` }, origin);
  if (name === '__file__') return known(scope.file, origin);
  return unknown(`name ${name} is not defined in the scanned files`, origin);
}

// ---- strings ----

function evalString(node: SyntaxNode, scope: Scope, depth: number, origin: Origin): Value {
  // Most literals have no interpolation: read them from their text, one binding call instead of
  // one per child (start, content, end) and per child's type.
  const plain = plainStringLiteral(node.text);
  const children = plain ? [] : node.children;
  const start = children[0];
  const prefix = plain ? plain.prefix : (start?.type === 'string_start' ? start.text : '').replace(/['"]+$/, '').toLowerCase();
  const raw = prefix.includes('r');
  const bytes = prefix.includes('b');
  const fstring = prefix.includes('f');
  const pieces: Value[] = [];
  const content = (text: string) => {
    if (fstring) text = text.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
    const decoded = raw ? text : decodeEscapes(text, bytes);
    if (decoded !== undefined) pieces.push(known(decoded));
    return decoded !== undefined;
  };
  if (plain && !content(plain.body)) return unknown('unsupported string escape', origin);
  for (const child of children) {
    const type = child.type;
    if (type === 'string_content') {
      if (!content(child.text)) return unknown('unsupported string escape', origin);
    } else if (type === 'interpolation') {
      pieces.push(evalInterpolation(child, scope, depth, origin));
    }
  }
  const value = lift(pieces, origin, (...pys) => capString((pys as string[]).join('')));
  if (bytes && isConcrete(value) && typeof value.py === 'string') return { ...value, py: { t: 'bytes', v: value.py } };
  return value;
}

/** The prefix and body of a string literal that is not an f-string, from its text; else undefined. */
function plainStringLiteral(text: string): { prefix: string; body: string } | undefined {
  const match = /^([rRbBuU]{0,2})('''|"""|'|")/.exec(text);
  if (!match) return undefined; // an f-string (or a prefix Python does not have)
  const [, prefix, quote] = match;
  if (text.length < prefix.length + 2 * quote.length || !text.endsWith(quote)) return undefined; // unterminated
  return { prefix: prefix.toLowerCase(), body: text.slice(prefix.length + quote.length, text.length - quote.length) };
}

function evalInterpolation(node: SyntaxNode, scope: Scope, depth: number, origin: Origin): Value {
  const expr = node.childForFieldName('expression');
  const conversion = node.childForFieldName('type_conversion')?.text;
  const spec = node.childForFieldName('format_specifier');
  if (!expr) return unknown('empty f-string interpolation', origin);
  const value = evaluate(expr, scope, depth + 1);
  return lift([value], origin, (py) => {
    if (conversion === '!r') return typeof py === 'string' ? pyStr({ t: 'list', items: [known(py)] })?.slice(1, -1) : pyStr(py);
    const text = pyStr(py);
    if (text === undefined) return undefined;
    if (!spec) return text;
    const specText = spec.text.replace(/^:/, '');
    return specText === '' || specText === 's' ? text : undefined;
  });
}

// ---- containers ----

function evalSequence(kind: PySeq['t'], node: SyntaxNode, scope: Scope, depth: number, origin: Origin): Value {
  const items: Value[] = [];
  for (const child of namedChildren(node)) {
    if (child.type === 'list_splat' || child.type === 'parenthesized_list_splat') {
      const inner = namedChildren(child)[0];
      const spread = inner ? evaluate(inner, scope, depth + 1) : unknown('missing', origin);
      const expanded = iterate(spread);
      if (!expanded) return unknown('spread of an unknown iterable', origin);
      items.push(...expanded);
    } else {
      items.push(evaluate(child, scope, depth + 1));
    }
    if (items.length > MAX_ITEMS) return unknown('sequence too large', origin);
  }
  const finalItems = kind === 'set' ? dedupe(items) : items;
  if (!finalItems) return unknown('set of unknown items', origin);
  return known({ t: kind, items: finalItems }, origin);
}

function dedupe(items: Value[]): Value[] | undefined {
  const seen = new Set<string>();
  const out: Value[] = [];
  for (const item of items) {
    if (!isConcrete(item)) {
      out.push(item);
      continue;
    }
    const k = hashKey(item.py);
    if (k === undefined) return undefined;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(item);
    }
  }
  return out;
}

/** The items of an iterable value, when statically known (oneOf/unknown → undefined). */
export function iterate(v: Value): Value[] | undefined {
  if (!isConcrete(v)) return undefined;
  const py = v.py;
  if (typeof py === 'string') return [...py].map((ch) => derived(ch, [v], v.origin));
  if (typeof py !== 'object' || py === null) return undefined;
  if (py.t === 'list' || py.t === 'tuple' || py.t === 'set') {
    return v.kind === 'env' ? py.items.map((i) => (isConcrete(i) ? derived(i.py, [i, v], i.origin) : i)) : py.items;
  }
  if (py.t === 'dict') return py.entries.map((e) => e.key);
  return undefined;
}

function evalDict(node: SyntaxNode, scope: Scope, depth: number, origin: Origin): Value {
  let dict: PyDict = { t: 'dict', entries: [] };
  for (const child of namedChildren(node)) {
    if (child.type === 'pair') {
      const key = evaluate(child.childForFieldName('key')!, scope, depth + 1);
      const value = evaluate(child.childForFieldName('value')!, scope, depth + 1);
      const next = dictSet(dict, key, value);
      if (!next) return unknown('dictionary with an unknown key', origin);
      dict = next;
    } else if (child.type === 'dictionary_splat') {
      const inner = namedChildren(child)[0];
      const spread = inner ? evaluate(inner, scope, depth + 1) : unknown('missing', origin);
      if (!isConcrete(spread) || typeof spread.py !== 'object' || spread.py === null || spread.py.t !== 'dict') {
        return unknown('spread of an unknown mapping', origin);
      }
      for (const e of spread.py.entries) {
        const next = dictSet(dict, e.key, e.value);
        if (!next) return unknown('dictionary with an unknown key', origin);
        dict = next;
      }
    } else {
      return unknown('dictionary comprehension', origin);
    }
    if (dict.entries.length > MAX_ITEMS) return unknown('dictionary too large', origin);
  }
  return known(dict, origin);
}

// ---- operators ----

function evalBoolOp(node: SyntaxNode, ev: (n: SyntaxNode | null) => Value, origin: Origin): Value {
  const op = node.childForFieldName('operator')?.text;
  const left = ev(node.childForFieldName('left'));
  const rightNode = node.childForFieldName('right');
  // Python returns an operand, not a bool: `os.environ.get("X") or "default"` is "default".
  return chooseByTruth(
    left,
    () => (op === 'or' ? left : ev(rightNode)),
    () => (op === 'or' ? ev(rightNode) : left),
    origin,
  );
}

function evalComparison(node: SyntaxNode, ev: (n: SyntaxNode | null) => Value, origin: Origin): Value {
  const operatorNodes = node.childrenForFieldName('operators').filter((n): n is SyntaxNode => n !== null);
  const operatorStarts = new Set(operatorNodes.map((n) => n.startIndex));
  const operands: SyntaxNode[] = [];
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i)!;
    if (child.isNamed && child.type !== 'comment' && !operatorStarts.has(child.startIndex)) operands.push(child);
  }
  const operators = operatorNodes.map((n) => n.text.replace(/\s+/g, ' '));
  if (operands.length !== operators.length + 1) return unknown('malformed comparison', origin);
  const values = operands.map(ev);
  return lift(values, origin, (...pys) => {
    for (let i = 0; i < operators.length; i++) {
      const r = compare(operators[i], pys[i], pys[i + 1]);
      if (r === undefined) return undefined;
      if (!r) return false;
    }
    return true;
  });
}

// ---- attributes and subscripts ----

function getAttribute(object: Py, attr: string, self: Value): LiftResult {
  if (typeof object === 'object' && object !== null) {
    if (object.t === 'ref') return { t: 'ref', qname: `${object.qname}.${attr}` };
    if (object.t === 'path') {
      if (attr === 'parent') return { t: 'path', v: parentPath(object.v) };
      if (attr === 'name') return object.v.split('/').pop() ?? '';
      if (attr === 'stem') return (object.v.split('/').pop() ?? '').replace(/\.[^.]*$/, '');
    }
  }
  return known({ t: 'bound', self, method: attr });
}

export function parentPath(p: string): string {
  const trimmed = p.replace(/\/+$/, '');
  const i = trimmed.lastIndexOf('/');
  if (i < 0) return '.';
  return i === 0 ? '/' : trimmed.slice(0, i);
}

function evalSubscript(node: SyntaxNode, scope: Scope, depth: number, origin: Origin): Value {
  const target = evaluate(node.childForFieldName('value')!, scope, depth + 1);
  const indexNodes = node.childrenForFieldName('subscript').filter((n): n is SyntaxNode => n !== null && n.type !== 'comment');
  if (indexNodes.length !== 1) return unknown('multi-dimensional subscript', origin);
  const indexNode = indexNodes[0];
  if (indexNode.type === 'slice') {
    const parts: (Value | undefined)[] = [undefined, undefined];
    let slot = 0;
    for (let i = 0; i < indexNode.childCount; i++) {
      const c = indexNode.child(i)!;
      if (c.type === ':') slot++;
      else if (c.isNamed && slot < 2) parts[slot] = evaluate(c, scope, depth + 1);
      else if (c.isNamed) return unknown('slice with a step', origin);
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

function slice(t: Py, lo: Py, hi: Py): Py | undefined {
  const len = typeof t === 'string' ? t.length : isSeq(t) ? t.items.length : undefined;
  if (len === undefined) return undefined;
  const norm = (x: Py, dflt: number) => {
    if (x === null) return dflt;
    if (typeof x !== 'bigint') return undefined;
    const n = Number(x);
    return n < 0 ? Math.max(0, len + n) : Math.min(len, n);
  };
  const a = norm(lo, 0);
  const b = norm(hi, len);
  if (a === undefined || b === undefined) return undefined;
  if (typeof t === 'string') return t.slice(a, b);
  return isSeq(t) && t.t !== 'set' ? { t: t.t, items: t.items.slice(a, b) } : undefined;
}

export function subscript(t: Py, i: Py): LiftResult {
  if (isDict(t)) {
    const v = dictGet(t, i);
    return v === 'missing' ? undefined : v;
  }
  const idx = typeof i === 'boolean' ? BigInt(i) : i;
  if (typeof idx !== 'bigint') return undefined;
  const seq = typeof t === 'string' ? [...t] : isSeq(t) && t.t !== 'set' ? t.items : undefined;
  if (!seq) return undefined;
  const n = Number(idx < 0n ? BigInt(seq.length) + idx : idx);
  if (n < 0 || n >= seq.length) return undefined;
  return seq[n];
}

// ---- environment lookups ----

/**
 * The value of environment variable `name`: as deployed (--env), as set earlier by
 * os.environ.setdefault, or else its default; unknown (must be set) when there is no default.
 */
export function envLookup(session: Session, name: string, fallback: Value | undefined, origin: Origin, rawString: boolean): Value {
  // The settings' own os.environ[K] = v replaces even a deployed value (os.environ.setdefault never
  // records a variable that is deployed, so a recorded write always wins).
  const written = session.envWrites.get(name);
  const deployed = session.deployed.get(name);
  if (deployed !== undefined && written === undefined) {
    return { kind: 'env', py: deployed, env: [{ name, deployed: true }], origin, rawString };
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

/** Applies fn to each concrete option of a value; unknown stays unknown. */
export function mapConcrete(v: Value, fn: (c: Concrete) => Value): Value {
  if (isConcrete(v)) return fn(v);
  if (v.kind === 'oneOf') return oneOf(v.options.map((o) => mapConcrete(o, fn)), v.origin);
  return v;
}

// ---- calls ----

export interface CallArgs {
  positional: Value[];
  keywords: Map<string, Value>;
  /** A *args or **kwargs we could not expand. */
  opaque: boolean;
}

function evalArgs(node: SyntaxNode | null, scope: Scope, depth: number): CallArgs {
  const args: CallArgs = { positional: [], keywords: new Map(), opaque: false };
  if (!node) return args;
  if (node.type === 'generator_expression') {
    args.opaque = true;
    return args;
  }
  for (const child of namedChildren(node)) {
    if (child.type === 'keyword_argument') {
      const name = child.childForFieldName('name')?.text ?? '';
      args.keywords.set(name, evaluate(child.childForFieldName('value')!, scope, depth + 1));
    } else if (child.type === 'list_splat') {
      const items = iterate(evaluate(namedChildren(child)[0], scope, depth + 1));
      if (items) args.positional.push(...items);
      else args.opaque = true;
    } else if (child.type === 'dictionary_splat') {
      const v = evaluate(namedChildren(child)[0], scope, depth + 1);
      if (isConcrete(v) && isDict(v.py)) {
        for (const e of v.py.entries) {
          if (isConcrete(e.key) && typeof e.key.py === 'string') args.keywords.set(e.key.py, e.value);
          else args.opaque = true;
        }
      } else {
        args.opaque = true;
      }
    } else {
      args.positional.push(evaluate(child, scope, depth + 1));
    }
  }
  return args;
}

function evalCall(node: SyntaxNode, scope: Scope, depth: number, origin: Origin): Value {
  const fn = evaluate(node.childForFieldName('function')!, scope, depth + 1);
  const args = evalArgs(node.childForFieldName('arguments'), scope, depth);
  return callValue(fn, args, scope, depth, origin);
}

export function callValue(fn: Value, args: CallArgs, scope: Scope, depth: number, origin: Origin): Value {
  if (fn.kind === 'unknown') {
    const result = unknown(`call to something unknown (${fn.reason})`, origin);
    // A method of an unmodelled library object (a boto3 client's .get_parameter) still comes from its call.
    return fn.call ? { ...result, call: fn.call } : result;
  }
  if (fn.kind === 'unassigned') return unknown('call to a name that may be unassigned', origin);
  if (fn.kind === 'oneOf') return oneOf(fn.options.map((o) => callValue(o, args, scope, depth, origin)), origin);
  if (args.opaque) return unknown('call with unexpanded *args/**kwargs', origin);
  const py = fn.py;
  if (typeof py !== 'object' || py === null) return unknown(`${typeName(py)} is not callable`, origin);
  switch (py.t) {
    case 'ref':
      return callBuiltin(py.qname, args, scope, origin);
    case 'bound':
      return callMethod(py.self, py.method, args, scope, origin);
    case 'obj':
      return callObject(py, args, scope, origin);
    case 'func':
      return callFunction(py, args, scope, depth, origin);
    default:
      return unknown(`${typeName(py)} is not callable`, origin);
  }
}

function callObject(obj: PyObj, args: CallArgs, scope: Scope, origin: Origin): Value {
  // env("KEY", ...) on a django-environ/environs Env, config("KEY") for decouple.
  const self = known(obj);
  return callMethod(self, '__call__', args, scope, origin);
}

/** Calls a small helper defined in the settings package, by substitution. */
function callFunction(fn: PyFunc, args: CallArgs, scope: Scope, depth: number, origin: Origin): Value {
  if (scope.callDepth >= MAX_CALL_DEPTH) return unknown(`call depth limit reached in ${fn.name}()`, origin);
  const locals = new Map<string, Value>();
  let pos = 0;
  for (const param of fn.params) {
    if (param.star) return unknown(`${fn.name}() takes *args/**kwargs`, origin);
    const byKeyword = args.keywords.get(param.name);
    const value = pos < args.positional.length ? args.positional[pos++] : byKeyword ?? param.default;
    if (value === undefined) return unknown(`missing argument ${param.name} to ${fn.name}()`, origin);
    locals.set(param.name, value);
  }
  if (pos < args.positional.length) return unknown(`too many arguments to ${fn.name}()`, origin);
  const inner: Scope = {
    file: fn.file,
    poisoned: scope.poisoned,
    session: scope.session,
    callDepth: scope.callDepth + 1,
    lookup: (name) => locals.get(name) ?? fn.lookupGlobal(name),
    onEnvWrite: scope.onEnvWrite,
  };
  const body = fn.node.childForFieldName('body');
  if (!body) return unknown(`empty function ${fn.name}()`, origin);
  const result = runBody(namedChildren(body), inner, locals, depth, 0);
  // Findings point at the call, where the arguments (often the insecure default) are written.
  return result ? relocate(result, origin) : known(null, origin);
}

function relocate(v: Value, origin: Origin): Value {
  if (v.kind === 'oneOf') return { ...v, options: v.options.map((o) => relocate(o, origin)), origin };
  return v.kind === 'unassigned' ? v : { ...v, origin };
}

const MAX_HELPER_STATEMENTS = 12;

/**
 * Runs the statements of a helper body: assignments to local names, if/elif/else and return.
 * Returns the returned value, or undefined if the body falls off the end (None).
 */
function runBody(statements: SyntaxNode[], scope: Scope, locals: Map<string, Value>, depth: number, count: number): Value | undefined {
  for (const [i, stmt] of statements.entries()) {
    if (count + i > MAX_HELPER_STATEMENTS) return unknown('helper function too long to evaluate');
    const origin = originOf(stmt, scope.file);
    if (stmt.type === 'return_statement') {
      const expr = namedChildren(stmt)[0];
      return expr ? evaluate(expr, scope, depth + 1) : known(null, origin);
    }
    if (stmt.type === 'pass_statement') continue;
    if (stmt.type === 'expression_statement') {
      const expr = namedChildren(stmt)[0];
      if (!expr || expr.type === 'string') continue;
      if (expr.type === 'assignment') {
        const left = expr.childForFieldName('left');
        const right = expr.childForFieldName('right');
        if (left?.type !== 'identifier' || !right) return unknown('helper assigns something other than a local name', origin);
        locals.set(left.text, evaluate(right, scope, depth + 1));
        continue;
      }
      return unknown('helper has side effects', origin);
    }
    if (stmt.type === 'if_statement') {
      const branches = ifBranches(stmt);
      let taken: SyntaxNode[] | undefined;
      const possible: SyntaxNode[][] = [];
      const deciding: Value[] = [];
      for (const branch of branches) {
        const cond = branch.condition ? evaluate(branch.condition, scope, depth + 1) : known(true);
        const t = truthOf(cond);
        deciding.push(cond);
        if (t === true && possible.length === 0) {
          taken = branch.body;
          break;
        }
        if (t === false) continue;
        possible.push(branch.body);
        if (t === true) break;
      }
      if (taken) {
        const r = runBody(taken, scope, locals, depth, count + i);
        // A return chosen by an env-dependent test depends on that variable too.
        if (r !== undefined) return deciding.reduce((acc, c) => withEnvOf(acc, c), r);
        continue;
      }
      if (possible.length === 0) continue;
      return unknown('helper branches on an undecidable condition', origin);
    }
    return unknown(`helper uses ${stmt.type.replace(/_/g, ' ')}`, origin);
  }
  return undefined;
}

/** Truthiness used to pick a branch inside an expression or helper (env defaults count). */
function truthOf(v: Value): boolean | undefined {
  if (isConcrete(v)) return pyTruthy(v.py);
  if (v.kind === 'oneOf') {
    const all = v.options.map(truthOf);
    if (all.every((x) => x === true)) return true;
    if (all.every((x) => x === false)) return false;
  }
  return undefined;
}

export interface Branch {
  condition: SyntaxNode | null;
  body: SyntaxNode[];
}

/** The if / elif / else arms of an if_statement, in order. */
export function ifBranches(node: SyntaxNode): Branch[] {
  const branches: Branch[] = [];
  const blockOf = (n: SyntaxNode | null) => (n ? namedChildren(n) : []);
  branches.push({ condition: node.childForFieldName('condition'), body: blockOf(node.childForFieldName('consequence')) });
  for (const alt of node.childrenForFieldName('alternative')) {
    if (!alt) continue;
    if (alt.type === 'elif_clause') {
      branches.push({ condition: alt.childForFieldName('condition'), body: blockOf(alt.childForFieldName('consequence')) });
    } else if (alt.type === 'else_clause') {
      branches.push({ condition: null, body: blockOf(alt.childForFieldName('body')) });
    }
  }
  return branches;
}
