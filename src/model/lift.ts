// Lifting: applying a Python operation over abstract operands (unknown stays unknown, oneOf
// expands, env taints the result), and the value-level helpers built on it that the evaluator,
// the builtins and the statement walker share (iteration, subscripts, truthiness).
import type { Concrete, Origin, Py, Value } from './values.js';
import { derived, isConcrete, known, oneOf, unknown } from './values.js';
import type { LiftResult } from './operators.js';
import { dictGet, isDict, isSeq, parentPath } from './operators.js';
import { classAttribute } from './classes.js';
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

/** A value chosen by an env-dependent test depends on that env too. */
export function withEnvOf(v: Value, cond: Value): Value {
  if (cond.kind === 'known' || !isConcrete(v)) return v;
  const envs = cond.kind === 'env' ? [cond] : cond.kind === 'oneOf' ? cond.options.filter((o) => o.kind === 'env') : [];
  if (envs.length === 0) return v;
  return derived(v.py, [v, ...envs], v.origin);
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

/** Applies fn to each concrete option of a value; unknown stays unknown. */
export function mapConcrete(v: Value, fn: (c: Concrete) => Value): Value {
  if (isConcrete(v)) return fn(v);
  if (v.kind === 'oneOf') return oneOf(v.options.map((o) => mapConcrete(o, fn)), v.origin);
  return v;
}

/** `object.attr`: a module's attribute (a ref), a path's parent/name/stem, else a bound method. */
export function getAttribute(object: Py, attr: string, self: Value): LiftResult {
  if (typeof object === 'object' && object !== null) {
    if (object.t === 'ref') return { t: 'ref', qname: `${object.qname}.${attr}` };
    if (object.t === 'class') return classAttribute(object, attr, self.kind === 'unassigned' ? undefined : self.origin);
    if (object.t === 'path') {
      if (attr === 'parent') return { t: 'path', v: parentPath(object.v) };
      if (attr === 'name') return object.v.split('/').pop() ?? '';
      if (attr === 'stem') return (object.v.split('/').pop() ?? '').replace(/\.[^.]*$/, '');
    }
  }
  return known({ t: 'bound', self, method: attr });
}
