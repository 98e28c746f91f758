// Value helpers of src/model/values.ts that every evaluated expression goes through. A value's
// size decides which values become unknown ("value too large", "value nested too deeply"): the
// exact weights and depths, for every kind of container, whether or not a size was remembered
// from an earlier check. derived() decides what a result depends on (env, the default world).
import { describe, expect, it } from 'vitest';
import type { Py, Value } from '../src/model/values.js';
import { MAX_NESTING, MAX_WEIGHT, capValue, derived, known, oneOf, tooLarge, unknown, weightOf } from '../src/model/values.js';

const k = (py: Py): Value => known(py);
const list = (...items: Value[]): Value => k({ t: 'list', items });
const dict = (...pairs: [Value, Value][]): Value => k({ t: 'dict', entries: pairs.map(([key, value]) => ({ key, value })) });
const origin = (line: number) => ({ file: 'settings.py', line, column: 1, endLine: line, endColumn: 2 });

describe('value sizes', () => {
  it('weighs a leaf as 1, a string by its length, a container as 1 plus its parts', () => {
    expect(weightOf(k(1n))).toBe(1);
    expect(weightOf(k(''))).toBe(1);
    expect(weightOf(k('a'))).toBe(1);
    expect(weightOf(k('abcd'))).toBe(4);
    expect(weightOf(k(null))).toBe(1);
    expect(weightOf(unknown('env'))).toBe(1);
    expect(weightOf(k({ t: 'bytes', v: 'abc' }))).toBe(4);
    expect(weightOf(k({ t: 'path', v: '/srv/app' }))).toBe(9);
    expect(weightOf(list(k('abc'), k(2n), k({ t: 'tuple', items: [k('xy'), k(true)] })))).toBe(1 + 3 + 1 + (1 + 2 + 1));
    expect(weightOf(dict([k('NAME'), k('db')], [k('PORT'), k(5432n)]))).toBe(1 + (4 + 2) + (4 + 1));
    expect(weightOf(k({ t: 'obj', cls: 'decouple.Csv', fields: new Map([['cast', k('strip')]]) }))).toBe(1 + 5);
    expect(weightOf(k({ t: 'bound', self: k('text'), method: 'lower' }))).toBe(1 + 4);
    // The options of a oneOf add up (each is what a rule may walk).
    expect(weightOf(oneOf([known('abc', origin(1)), known('x', origin(2)), known('yz', origin(3))]))).toBe(3 + 1 + 2);
  });

  it('counts a shared part as often as it appears, and the same again when asked twice', () => {
    const shared = list(...Array.from({ length: 40 }, (_, i) => k(`item${i}`)));
    const twice = list(shared, shared);
    const once = weightOf(shared);
    expect(once).toBe(1 + 10 * 5 + 30 * 6);
    expect(weightOf(twice)).toBe(1 + 2 * once);
    expect(weightOf(twice)).toBe(1 + 2 * once);
    expect(weightOf(shared)).toBe(once);
  });

  it('finds the weight cap and the nesting cap, with small and large parts alike', () => {
    const big = 'x'.repeat(MAX_WEIGHT / 4);
    const four = list(k(big), k(big), k(big), k(big));
    expect(tooLarge((four as { py: Py }).py)).toBe('value too large');
    expect(tooLarge((list(k(big), k(big), k(big)) as { py: Py }).py)).toBeUndefined();
    let nested: Value = k('leaf');
    for (let i = 0; i < MAX_NESTING; i++) nested = list(nested);
    expect(capValue(nested).kind).toBe('known');
    expect(capValue(list(nested))).toMatchObject({ kind: 'unknown', reason: 'value nested too deeply' });
    let wide: Value = dict([k('a'), k('b')]);
    for (let i = 0; i < MAX_NESTING; i++) wide = dict([k('k'), wide], [k('small'), list(k(1n), k(2n))]);
    expect(capValue(wide)).toMatchObject({ kind: 'unknown', reason: 'value nested too deeply' });
  });
});

describe('derived values', () => {
  const at = origin(7);
  const env = { kind: 'env', py: 'x', env: [{ name: 'HOST', deployed: false }] } as unknown as Value;
  const decided = { kind: 'known', py: 'y', world: [{ name: 'STAGE', deployed: false }] } as unknown as Value;

  it('is plain known over plain operands, env over an env operand, and keeps the world an operand was decided in', () => {
    expect(derived('ab', [k('a'), k('b'), unknown('skipped')], at)).toEqual({ kind: 'known', py: 'ab', origin: at });
    expect(derived('xb', [env, k('b')], at)).toEqual({ kind: 'env', py: 'xb', env: [{ name: 'HOST', deployed: false }], origin: at });
    expect(derived('yb', [decided, k('b')], at)).toEqual({ kind: 'known', py: 'yb', origin: at, world: [{ name: 'STAGE', deployed: false }] });
    expect(derived('xy', [env, decided], at)).toEqual({ kind: 'env', py: 'xy', env: [{ name: 'HOST', deployed: false }, { name: 'STAGE', deployed: false }], origin: at });
    expect(derived('zb', [{ kind: 'known', py: 'z', world: [] } as unknown as Value, k('b')], at)).toEqual({ kind: 'known', py: 'zb', origin: at });
  });
});
