// Statement-level changes to a container setting, as functional updates of its abstract value:
// X.append/extend/insert/remove/update/add/setdefault/clear/discard, X[k] = v, del X[k]. A change
// that cannot be modelled makes the value unknown, never a guess.
import type { CallArgs } from './scope.js';
import { iterate, lift, subscript } from './lift.js';
import { dictSet, dictSetAll } from './operators.js';
import type { Origin, PyDict, Value } from './values.js';
import { MAX_ITEMS, isConcrete, known, pyEquals, unknown } from './values.js';

/** Methods whose effect on a list, set or dict is modelled. */
export const MUTATORS = new Set(['append', 'extend', 'insert', 'remove', 'update', 'add', 'setdefault', 'clear', 'discard']);
/** Methods that change a container in ways not modelled: the value becomes unknown. */
export const OTHER_MUTATORS = new Set(['pop', 'popitem', 'sort', 'reverse', '__setitem__', '__delitem__']);

export function isContainerish(v: Value): boolean {
  if (v.kind === 'unknown' || v.kind === 'unassigned') return true;
  if (v.kind === 'oneOf') return v.options.some(isContainerish);
  return typeof v.py === 'object' && v.py !== null && ['list', 'dict', 'set', 'tuple'].includes(v.py.t);
}

/** The value at a key path inside a container value. */
export function getIn(v: Value, keys: Value[]): Value {
  let current = v;
  for (const key of keys) current = lift([current, key], undefined, (c, k) => subscript(c, k));
  return current;
}

/** A copy of a container value with the value at a key path replaced. */
export function setIn(v: Value, keys: Value[], value: Value): Value {
  if (keys.length === 0) return value;
  const [key, ...rest] = keys;
  return lift([v, key], v.kind === 'unassigned' ? undefined : v.origin, (c, k) => {
    if (typeof c !== 'object' || c === null) return undefined;
    if (c.t === 'dict') {
      const inner = rest.length === 0 ? value : setIn(lift([known(c), known(k)], undefined, (cc, kk) => subscript(cc, kk)), rest, value);
      return dictSet(c, known(k), inner);
    }
    if (c.t === 'list' && typeof k === 'bigint') {
      const n = Number(k < 0n ? BigInt(c.items.length) + k : k);
      if (n < 0 || n >= c.items.length) return undefined;
      const items = c.items.slice();
      items[n] = rest.length === 0 ? value : setIn(items[n], rest, value);
      return { t: 'list', items };
    }
    return undefined;
  });
}

export function deleteIn(v: Value, keys: Value[]): Value {
  if (keys.length === 0) return v;
  const [key, ...rest] = keys;
  return lift([v, key], v.kind === 'unassigned' ? undefined : v.origin, (c, k) => {
    if (typeof c !== 'object' || c === null || c.t !== 'dict') return undefined;
    if (rest.length > 0) {
      const inner = subscript(c, k);
      if (inner === undefined || !('kind' in (inner as object))) return undefined;
      return dictSet(c, known(k), deleteIn(inner as Value, rest));
    }
    const entries = c.entries.filter((e) => !(isConcrete(e.key) && pyEquals(e.key.py, k) === true));
    return entries.length === c.entries.length ? undefined : { t: 'dict', entries };
  });
}

/** X.append/extend/insert/remove/update/add/setdefault/clear/discard on a container value. */
export function mutate(current: Value, method: string, args: CallArgs, origin: Origin): Value {
  if (args.opaque) return unknown(`.${method}() with *args`, origin);
  const [a0, a1] = args.positional;
  return lift([current], current.kind === 'unassigned' ? origin : current.origin ?? origin, (c) => {
    if (typeof c !== 'object' || c === null) return undefined;
    if (c.t === 'list') {
      switch (method) {
        case 'append':
          return a0 && c.items.length < MAX_ITEMS ? { t: 'list', items: [...c.items, a0] } : undefined;
        case 'extend': {
          const extra = a0 && iterate(a0);
          return extra && c.items.length + extra.length <= MAX_ITEMS ? { t: 'list', items: [...c.items, ...extra] } : undefined;
        }
        case 'insert': {
          if (!a0 || !a1 || !isConcrete(a0) || typeof a0.py !== 'bigint') return undefined;
          const len = BigInt(c.items.length);
          let i = a0.py < 0n ? len + a0.py : a0.py;
          if (i < 0n) i = 0n;
          if (i > len) i = len;
          const items = c.items.slice();
          items.splice(Number(i), 0, a1);
          return { t: 'list', items };
        }
        case 'remove': {
          if (!a0 || !isConcrete(a0)) return undefined;
          const index = c.items.findIndex((i) => isConcrete(i) && pyEquals(i.py, a0.py) === true);
          if (index < 0) return undefined;
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
      if (method === 'add' && a0) return c.items.some((i) => isConcrete(i) && isConcrete(a0) && pyEquals(i.py, a0.py) === true) ? c : { t: 'set', items: [...c.items, a0] };
      if ((method === 'discard' || method === 'remove') && a0 && isConcrete(a0)) return { t: 'set', items: c.items.filter((i) => !(isConcrete(i) && pyEquals(i.py, a0.py) === true)) };
      if (method === 'update' && a0) {
        const extra = iterate(a0);
        return extra ? { t: 'set', items: [...c.items, ...extra.filter((e) => !c.items.some((i) => isConcrete(i) && isConcrete(e) && pyEquals(i.py, e.py) === true))] } : undefined;
      }
      if (method === 'clear') return { t: 'set', items: [] };
      return undefined;
    }
    if (c.t === 'dict') {
      if (method === 'update') {
        if (a0 && (!isConcrete(a0) || typeof a0.py !== 'object' || a0.py === null || a0.py.t !== 'dict')) return undefined;
        const entries = [...(a0 ? (a0.py as PyDict).entries : []), ...[...args.keywords].map(([k, value]) => ({ key: known(k), value }))];
        return entries.length === 0 ? c : dictSetAll(c, entries);
      }
      if (method === 'setdefault' && a0) {
        return isConcrete(a0) && subscript(c, a0.py) !== undefined ? c : dictSet(c, a0, a1 ?? known(null));
      }
      if (method === 'clear') return { t: 'dict', entries: [] };
    }
    return undefined;
  });
}
