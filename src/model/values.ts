// Abstract values: what djsec knows about a setting without running Python.
// A value is known (computed statically), env (read from the environment: the value when the
// variable is unset, or as deployed with --env), oneOf (undecidable branches) or unknown.
// Every value keeps the source range that produced it.
import type { SyntaxNode } from './parse.js';

/** 1-based line and column; endColumn is the column after the last character. */
export interface Origin {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface PyBytes {
  t: 'bytes';
  v: string;
}
export interface PyPath {
  t: 'path';
  v: string;
}
export interface PySeq {
  t: 'list' | 'tuple' | 'set';
  items: Value[];
}
export interface PyDict {
  t: 'dict';
  entries: { key: Value; value: Value }[];
}
/** A name imported from a module we do not read (os, environ, decouple ...), by qualified name. */
export interface PyRef {
  t: 'ref';
  qname: string;
}
/** An instance of a modelled library class: django-environ's Env, environs' Env, decouple's Csv. */
export interface PyObj {
  t: 'obj';
  cls: 'django-environ.Env' | 'environs.Env' | 'decouple.Csv' | 'decouple.Config';
  /** django-environ's scheme: Env(DEBUG=(bool, False)); Csv's options. */
  fields: Map<string, Value>;
}
/** A function defined in the settings package; evaluated by substitution when small. */
export interface PyFunc {
  t: 'func';
  name: string;
  node: SyntaxNode;
  file: string;
  params: { name: string; default?: Value; star?: boolean }[];
  /** Reads the module's globals as they are when the function is called. */
  lookupGlobal(name: string): Value | undefined;
}
/** A method looked up on a value (`env.bool`, `"x".lower`). */
export interface PyBound {
  t: 'bound';
  self: Value;
  method: string;
}

/**
 * A class statement's namespace (src/model/classes.ts): settings classes of django-configurations,
 * and classes whose attributes are loaded into a module.
 */
export interface PyClass {
  t: 'class';
  name: string;
  /** Absolute path of the module that defines it. */
  module: string;
  origin: Origin;
  /** The base expressions' values, in order (a PyClass, a library ref, or unknown). */
  bases: Value[];
  /** What the class body assigned (its own attributes), and the statement that set each. */
  attrs: ReadonlyMap<string, Value>;
  assignedAt: ReadonlyMap<string, Origin>;
  /** Why attributes set outside the body (setup()/post_setup(), locals() writes) are unknown. */
  dynamic?: string;
  /** Python's method resolution order (this class first), or undefined when it cannot be built. */
  mro?: PyClass[];
  /** It derives from django-configurations' Configuration. */
  configuration: boolean;
  /** A base (or a base's base) that is neither a class read nor object/Configuration. */
  unknownBase?: string;
}
/** A django-configurations `values.*Value(...)`, read from the environment when its class is set up. */
export interface PyConfigValue {
  t: 'config-value';
  /** The Value class: 'BooleanValue', 'SecretValue', ... */
  cls: string;
  /** The default as the library keeps it (already converted: a list for ListValue, {alias: db} for DatabaseURLValue). */
  default: Value;
  environ: boolean;
  environName?: string;
  /** The variable's prefix ('DJANGO' unless given; None for the URL values). */
  prefix: string | null;
  required: boolean;
  /** Cast options: separator, alias, converter ... */
  options: ReadonlyMap<string, Value>;
}

export type PyScalar = null | boolean | bigint | number | string;
export type Py = PyScalar | PyBytes | PyPath | PySeq | PyDict | PyRef | PyObj | PyFunc | PyBound | PyClass | PyConfigValue;

export interface EnvSource {
  /** The environment variable's name. */
  name: string;
  /** True when the value came from --env / --env-file (as deployed), false when it is the default. */
  deployed: boolean;
  /** Where a deployed value came from when not --env/--dotenv (an ECS task definition's environment). */
  from?: string;
  /** Where the default was written, when the variable is unset. */
  defaultOrigin?: Origin;
  /** The `if` whose branch the default world chose by this variable (the value is that branch's). */
  branch?: Origin;
  /** That statement's head as written, shortened (`if os.getenv("K")`, `match ENV`), for --print-settings. */
  condition?: string;
  /** What the value would be had the other branch run (a oneOf for several, unassigned if none sets it). */
  otherwise?: Value;
}

export interface Known {
  kind: 'known';
  py: Py;
  origin?: Origin;
  /**
   * A literal the default world chose by an `if` on unset variables (or left in place by
   * skipping a branch): still a literal, but what deploys depends on those variables (each
   * source names the branch). Medium confidence, and messages say so.
   */
  world?: EnvSource[];
}
export interface EnvValue {
  kind: 'env';
  py: Py;
  env: EnvSource[];
  origin?: Origin;
  /** The raw string of an env lookup with no cast (`os.environ.get("DEBUG")`): "False" is truthy. */
  rawString?: boolean;
}
export interface OneOf {
  kind: 'oneOf';
  options: Value[];
  origin?: Origin;
}
export interface Unknown {
  kind: 'unknown';
  reason: string;
  origin?: Origin;
  /** Set when the value is an env lookup with no default: the variable must be set at deploy. */
  requiredEnv?: string;
  rawString?: boolean;
  /**
   * The unmodelled library call (boto3.*) this value comes from, with its arguments: never run,
   * but rules must see credentials written into it (DJS210). Kept through attributes, subscripts
   * and method calls on the result (`client.get_parameter(...)["Parameter"]`).
   */
  call?: LibraryCall;
}
/** A call into a library the model does not evaluate, with its evaluated arguments. */
export interface LibraryCall {
  /** Qualified name: 'boto3.client', 'boto3.session.Session'. */
  callee: string;
  positional: Value[];
  keywords: ReadonlyMap<string, Value>;
  origin: Origin;
}
/** Not assigned on some path: Django's default applies. Only appears inside oneOf. */
export interface Unassigned {
  kind: 'unassigned';
}

export type Value = Known | EnvValue | OneOf | Unknown | Unassigned;
/** A value with a concrete Python value: known, or env with its default/deployed value. */
export type Concrete = Known | EnvValue;

export const MAX_STRING = 100_000;
export const MAX_ITEMS = 10_000;
export const MAX_INT_BITS = 4096n;
export const MAX_ONEOF = 32;

/** A value's total size (shared parts counted as often as they appear: what a walk over it costs). */
export const MAX_WEIGHT = 250_000;
/** How deeply containers may nest (`X = [X]` repeated) before the value is unknown. */
export const MAX_NESTING = 100;
const INT_LIMIT = 1n << MAX_INT_BITS;

interface Size {
  weight: number;
  depth: number;
}
const LEAF: Size = { weight: 1, depth: 0 };
// Containers never change once built (updates make new ones), so their sizes can be memoized:
// those over SMALL_WEIGHT only. A smaller one costs less to size again than a WeakMap entry
// (every expression's result is checked, so most containers are small and checked once or twice).
const sizes = new WeakMap<object, Size>();
const SMALL_WEIGHT = 32;

function sizeOfValue(v: Value): Size {
  if (v.kind === 'known' || v.kind === 'env') return sizeOfPy(v.py);
  if (v.kind !== 'oneOf') return LEAF;
  let weight = 0;
  let depth = 0;
  for (const option of v.options) {
    const s = sizeOfValue(option);
    weight += s.weight;
    if (s.depth > depth) depth = s.depth;
  }
  return { weight, depth };
}

function sizeOfPy(py: Py): Size {
  if (typeof py === 'string') return py.length > 1 ? { weight: py.length, depth: 0 } : LEAF;
  if (typeof py !== 'object' || py === null) return LEAF;
  const cached = sizes.get(py);
  if (cached) return cached;
  // Plain loops, no closure or pair arrays: this runs for every container the evaluator builds.
  const size: Size = { weight: 1, depth: 0 };
  if (py.t === 'list' || py.t === 'tuple' || py.t === 'set') {
    for (const item of py.items) addPart(size, sizeOfValue(item));
  } else if (py.t === 'dict') {
    for (const e of py.entries) {
      addPart(size, sizeOfValue(e.key));
      addPart(size, sizeOfValue(e.value));
    }
  } else if (py.t === 'bytes' || py.t === 'path') size.weight += py.v.length;
  else if (py.t === 'obj') for (const field of py.fields.values()) addPart(size, sizeOfValue(field));
  else if (py.t === 'bound') addPart(size, sizeOfValue(py.self));
  if (size.weight > SMALL_WEIGHT) sizes.set(py, size);
  return size;
}

/** Adds a part's size to its container's (one level deeper). */
function addPart(size: Size, part: Size): void {
  size.weight += part.weight;
  if (part.depth + 1 > size.depth) size.depth = part.depth + 1;
}

/** A value's total size: what walking it costs (oneOf options added up). */
export function weightOf(v: Value): number {
  return sizeOfValue(v).weight;
}

/** Why a Python value is over the caps (string, items, integer bits, total size, nesting), or undefined. */
export function tooLarge(py: Py): string | undefined {
  if (typeof py === 'bigint') return py >= INT_LIMIT || py <= -INT_LIMIT ? 'integer too large' : undefined;
  if (typeof py === 'string') return py.length > MAX_STRING ? 'string too large' : undefined;
  if (typeof py !== 'object' || py === null) return undefined;
  if ((py.t === 'list' || py.t === 'tuple' || py.t === 'set') && py.items.length > MAX_ITEMS) return 'sequence too large';
  if (py.t === 'dict' && py.entries.length > MAX_ITEMS) return 'dictionary too large';
  return sizeProblem(sizeOfPy(py));
}

function sizeProblem(size: Size): string | undefined {
  if (size.weight > MAX_WEIGHT) return 'value too large';
  return size.depth > MAX_NESTING ? 'value nested too deeply' : undefined;
}

/**
 * A value over the size caps becomes unknown, so no rule walks it. The evaluator checks each
 * expression's result and the walk each assignment: the caps hold for every construct.
 */
export function capValue(v: Value, origin?: Origin): Value {
  if (v.kind === 'unknown' || v.kind === 'unassigned') return v;
  const why = v.kind === 'oneOf' ? sizeProblem(sizeOfValue(v)) : tooLarge(v.py);
  return why ? unknown(why, v.origin ?? origin) : v;
}

export function known(py: Py, origin?: Origin): Known {
  return { kind: 'known', py, origin };
}
export function unknown(reason: string, origin?: Origin): Unknown {
  return { kind: 'unknown', reason, origin };
}
export const UNASSIGNED: Unassigned = { kind: 'unassigned' };

export function isConcrete(v: Value): v is Concrete {
  return v.kind === 'known' || v.kind === 'env';
}

export function withOrigin<V extends Value>(v: V, origin: Origin | undefined): V {
  if (v.kind === 'unassigned' || origin === undefined) return v;
  return { ...v, origin };
}

/** Merges branch results into oneOf, flattening and de-duplicating identical options. */
export function oneOf(options: Value[], origin?: Origin): Value {
  const flat: Value[] = [];
  for (const option of options) {
    if (option.kind === 'oneOf') flat.push(...option.options);
    else flat.push(option);
  }
  const unique: Value[] = [];
  for (const option of flat) {
    if (!unique.some((u) => sameValue(u, option))) unique.push(option);
  }
  if (unique.length === 1) return unique[0];
  if (unique.length > MAX_ONEOF) return unknown('too many alternative values', origin);
  return { kind: 'oneOf', options: unique, origin };
}

function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  if (a.kind === 'unassigned') return true;
  if (a.kind === 'known' && b.kind === 'known') return sameOrigin(a.origin, b.origin) && pyEquals(a.py, b.py) === true;
  if (a.kind === 'env' && b.kind === 'env') return sameOrigin(a.origin, b.origin) && pyEquals(a.py, b.py) === true;
  return false;
}

function sameOrigin(a: Origin | undefined, b: Origin | undefined): boolean {
  if (!a || !b) return a === b;
  return a.file === b.file && a.line === b.line && a.column === b.column;
}

/** The env sources a value depends on, flattened (for messages). */
export function envSources(v: Value): EnvSource[] {
  if (v.kind === 'env') return v.env;
  if (v.kind === 'oneOf') return v.options.flatMap(envSources);
  return [];
}

/**
 * Variables a value records that it depends on, at most: enough to name them in a message and
 * to know whether any is unset (see capEnv), without growing with every branch a long module
 * takes (each `if` on a new variable would otherwise add one: quadratic).
 */
export const MAX_ENV_SOURCES = 8;

/** At most MAX_ENV_SOURCES sources, keeping an unset one if there is any (it decides confidence). */
export function capEnv(env: EnvSource[]): EnvSource[] {
  if (env.length <= MAX_ENV_SOURCES) return env;
  const kept = env.slice(0, MAX_ENV_SOURCES);
  if (kept.every((e) => e.deployed)) {
    const unset = env.find((e) => !e.deployed);
    if (unset) kept[kept.length - 1] = unset;
  }
  return kept;
}

export function mergeEnv(...values: Value[]): EnvSource[] {
  const out: EnvSource[] = [];
  const names = new Set<string>();
  for (const v of values) {
    if (v.kind !== 'env') continue;
    for (const e of v.env) {
      if (names.has(e.name)) continue;
      names.add(e.name);
      out.push(e);
    }
  }
  return capEnv(out);
}

/** Builds the result of an operation over concrete operands: env if any operand was env. */
export function derived(py: Py, operands: Value[], origin?: Origin): Concrete {
  // Most operations are over plain known values: nothing to merge (and nothing to allocate for it).
  if (operands.every(isPlainKnown)) return { kind: 'known', py, origin };
  const env = mergeEnv(...operands);
  const world = operands.flatMap((o) => (o.kind === 'known' && o.world ? o.world : []));
  if (env.length > 0) return { kind: 'env', py, env: world.length > 0 ? capEnv([...env, ...world.filter((w) => !env.some((e) => e.name === w.name))]) : env, origin };
  return world.length > 0 ? { kind: 'known', py, origin, world: capEnv(world) } : { kind: 'known', py, origin };
}

/** Neither env nor a known value that records the world it was decided in. */
function isPlainKnown(v: Value): boolean {
  return v.kind !== 'env' && !(v.kind === 'known' && v.world);
}

/** True when the value can be used to decide a branch: known, or env as deployed. */
export function isDecidable(v: Value): v is Concrete {
  return v.kind === 'known' || (v.kind === 'env' && v.env.every((e) => e.deployed));
}

// ---- Python semantics over plain values ----

export function typeName(py: Py): string {
  if (py === null) return 'NoneType';
  switch (typeof py) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'str';
    default:
      return py.t === 'ref' ? py.qname : py.t;
  }
}

/** Python truthiness, or undefined when it depends on something unknown. */
export function pyTruthy(py: Py): boolean | undefined {
  if (py === null) return false;
  switch (typeof py) {
    case 'boolean':
      return py;
    case 'bigint':
      return py !== 0n;
    case 'number':
      return py !== 0;
    case 'string':
      return py.length > 0;
  }
  switch (py.t) {
    case 'bytes':
      return py.v.length > 0;
    case 'list':
    case 'tuple':
    case 'set':
      return py.items.length > 0;
    case 'dict':
      return py.entries.length > 0;
    case 'path':
      return true;
    case 'config-value':
      return undefined; // a django-configurations Value not set up: its truth is its value's
    default:
      return true;
  }
}

/** Truthiness of an abstract value: for oneOf, defined only when every option agrees. */
export function truthy(v: Value): boolean | undefined {
  if (isConcrete(v)) return pyTruthy(v.py);
  if (v.kind === 'oneOf') {
    const all = v.options.map(truthy);
    if (all.every((x) => x === true)) return true;
    if (all.every((x) => x === false)) return false;
  }
  return undefined;
}

function numeric(py: Py): bigint | number | undefined {
  if (typeof py === 'boolean') return py ? 1n : 0n;
  if (typeof py === 'bigint' || typeof py === 'number') return py;
  return undefined;
}

/** Python ==, or undefined when an element is not known. */
export function pyEquals(a: Py, b: Py): boolean | undefined {
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined && nb !== undefined) {
    if (typeof na === typeof nb) return na === nb;
    return Number(na) === Number(nb);
  }
  if (a === null || b === null) return a === b;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (a.t === 'bytes' && b.t === 'bytes') return a.v === b.v;
  if (a.t === 'path' && b.t === 'path') return a.v === b.v;
  if ((a.t === 'list' || a.t === 'tuple') && a.t === b.t) {
    if (a.items.length !== b.items.length) return false;
    let result: boolean | undefined = true;
    for (let i = 0; i < a.items.length; i++) {
      const x = a.items[i];
      const y = b.items[i];
      if (!isConcrete(x) || !isConcrete(y)) {
        result = undefined;
        continue;
      }
      const eq = pyEquals(x.py, y.py);
      if (eq === false) return false;
      if (eq === undefined) result = undefined;
    }
    return result;
  }
  if (a.t === 'set' && b.t === 'set') {
    const ka = setKeys(a.items);
    const kb = setKeys(b.items);
    if (!ka || !kb) return undefined;
    return ka.size === kb.size && [...ka].every((k) => kb.has(k));
  }
  if (a.t === 'dict' && b.t === 'dict') {
    if (a.entries.length !== b.entries.length) return undefined;
    return undefined;
  }
  if (a.t === 'ref' && b.t === 'ref') return a.qname === b.qname;
  return a.t === b.t ? undefined : false;
}

/** Hashable key of a scalar for sets and dicts; undefined when not representable. */
export function hashKey(py: Py): string | undefined {
  if (py === null) return 'None';
  switch (typeof py) {
    case 'boolean':
      return py ? 'n:1' : 'n:0';
    case 'bigint':
      return `n:${py}`;
    case 'number':
      return Number.isInteger(py) ? `n:${BigInt(py)}` : `f:${py}`;
    case 'string':
      return `s:${py}`;
  }
  if (py.t === 'bytes') return `b:${py.v}`;
  if (py.t === 'tuple') {
    const parts = py.items.map((i) => (isConcrete(i) ? hashKey(i.py) : undefined));
    return parts.every((p) => p !== undefined) ? `t:(${parts.join(',')})` : undefined;
  }
  return undefined;
}

function setKeys(items: Value[]): Set<string> | undefined {
  const keys = new Set<string>();
  for (const item of items) {
    if (!isConcrete(item)) return undefined;
    const k = hashKey(item.py);
    if (k === undefined) return undefined;
    keys.add(k);
  }
  return keys;
}

/** A string's Python repr, with single quotes preferred as CPython does. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch < ' ' || ch === '\x7f') out += '\\x' + ch.charCodeAt(0).toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + quote;
}

/** Python repr of a value for messages, shortened to `limit` characters. */
export function pyRepr(py: Py, limit = 80): string {
  const text = reprInner(py, 0);
  return text.length > limit ? text.slice(0, limit - 1) + '…' : text;
}

function reprValue(v: Value, depth: number): string {
  if (isConcrete(v)) return reprInner(v.py, depth);
  if (v.kind === 'oneOf') return v.options.map((o) => reprValue(o, depth)).join(' | ');
  return '<unknown>';
}

function reprInner(py: Py, depth: number): string {
  if (depth > 4) return '…';
  if (py === null) return 'None';
  switch (typeof py) {
    case 'boolean':
      return py ? 'True' : 'False';
    case 'bigint':
      return py.toString();
    case 'number':
      return floatRepr(py);
    case 'string':
      return strRepr(py.length > 200 ? py.slice(0, 200) : py);
  }
  switch (py.t) {
    case 'bytes':
      return 'b' + strRepr(py.v);
    case 'path':
      return `PosixPath(${strRepr(py.v)})`;
    case 'list':
      return `[${py.items.map((i) => reprValue(i, depth + 1)).join(', ')}]`;
    case 'tuple':
      return py.items.length === 1 ? `(${reprValue(py.items[0], depth + 1)},)` : `(${py.items.map((i) => reprValue(i, depth + 1)).join(', ')})`;
    case 'set':
      return py.items.length === 0 ? 'set()' : `{${py.items.map((i) => reprValue(i, depth + 1)).join(', ')}}`;
    case 'dict':
      return `{${py.entries.map((e) => `${reprValue(e.key, depth + 1)}: ${reprValue(e.value, depth + 1)}`).join(', ')}}`;
    case 'ref':
      return py.qname;
    case 'obj':
      return `${py.cls}(…)`;
    case 'func':
      return `<function ${py.name}>`;
    case 'bound':
      return `<method ${py.method}>`;
    case 'class':
      return `<class ${py.name}>`;
    case 'config-value':
      return `values.${py.cls}(…)`;
  }
}

export function floatRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return n.toFixed(1);
  return String(n);
}

/** Python str() of a scalar, or undefined when not modelled. */
export function pyStr(py: Py): string | undefined {
  if (typeof py === 'string') return py;
  if (py === null || typeof py === 'boolean' || typeof py === 'bigint' || typeof py === 'number') return reprInner(py, 0);
  if (py.t === 'path') return py.v;
  if (py.t === 'list' || py.t === 'tuple' || py.t === 'set' || py.t === 'dict' || py.t === 'bytes') {
    const everyKnown = (vs: Value[]) => vs.every(isConcrete);
    if (py.t === 'dict' && !everyKnown(py.entries.flatMap((e) => [e.key, e.value]))) return undefined;
    if ((py.t === 'list' || py.t === 'tuple' || py.t === 'set') && !everyKnown(py.items)) return undefined;
    return reprInner(py, 0);
  }
  return undefined;
}

/**
 * Masks a secret for output: a few leading characters and the length, never the whole value.
 * 'k3$9…' (64 chars). Short values show fewer characters, so at most a quarter is revealed.
 */
export function maskSecret(secret: string): string {
  const chars = [...secret];
  const shown = Math.min(4, Math.floor(chars.length / 4));
  const head = chars.slice(0, shown).join('');
  return `${strRepr(head).slice(0, -1)}…${strRepr(head).slice(-1)} (${chars.length} chars)`;
}

/** Where a value was written: its own origin, or for oneOf the first option that has one. */
export function valueOrigin(value: Value): Origin | undefined {
  if (value.kind === 'unassigned') return undefined;
  if (value.origin) return value.origin;
  if (value.kind === 'oneOf') for (const o of value.options) {
    const found = valueOrigin(o);
    if (found) return found;
  }
  return undefined;
}
