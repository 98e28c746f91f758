// The string leaves the secret rules scan (src/rule-kit/credentials.ts): collected once per value
// and shared by the rules of an entry, then forgotten, so they do not live as long as the run's
// evaluations.
import { describe, expect, it } from 'vitest';
import { forgetStringLeaves, stringLeaves } from '../src/rule-kit/credentials.js';
import type { Value } from '../src/model/values.js';
import { known, oneOf } from '../src/model/values.js';

const at = { file: 'settings.py', line: 3, column: 13, endLine: 3, endColumn: 60 };
const databases: Value = known(
  { t: 'dict', entries: [{ key: known('default'), value: known({ t: 'dict', entries: [{ key: known('PASSWORD'), value: known('hunter2-but-longer', at) }] }, at) }] },
  at,
);
const every = () => true;

describe('stringLeaves', () => {
  it('shares the leaves of a value between calls until they are forgotten, then finds the same ones again', () => {
    const first = stringLeaves(databases, every);
    expect(first.map((l) => [l.steps, l.text])).toEqual([[['default', 'PASSWORD'], 'hunter2-but-longer']]);
    expect(stringLeaves(databases, every)[0]).toBe(first[0]); // the same leaf: collected once
    forgetStringLeaves();
    const again = stringLeaves(databases, every);
    expect(again[0]).not.toBe(first[0]); // walked again
    expect(again).toEqual(first);
    expect(stringLeaves(databases, (leaf) => leaf.text.startsWith('x'))).toEqual([]);
  });

  it('walks a value with a oneOf inside per call: which branches pair up depends on what the rule keeps', () => {
    const value = known({ t: 'list', items: [known('plain'), oneOf([known('x-first'), known('y-second')], at), known('after')] }, at);
    const all = stringLeaves(value, every);
    expect(all.map((l) => [l.steps, l.text, l.value.kind])).toEqual([
      [[0], 'plain', 'known'],
      [[1], 'x-first', 'oneOf'],
      [[2], 'after', 'known'],
    ]);
    expect(stringLeaves(value, every)[0]).not.toBe(all[0]); // not shared
    // A branch whose leaf is not kept leaves nothing to pair with the other branch's.
    expect(stringLeaves(value, (l) => !l.text.startsWith('x')).map((l) => l.text)).toEqual(['plain', 'after']);
  });

  it("names a leaf's path by string and integer keys, skips other keys, and carries an env default down to its leaves", () => {
    const env = [{ name: 'HOSTS', deployed: false }];
    const value = known(
      {
        t: 'dict',
        entries: [
          { key: known(3n), value: known('three') },
          { key: known(null), value: known('skipped') },
          { key: known('hosts'), value: { kind: 'env', py: { t: 'list', items: [known('a.example'), known(7n)] }, env, origin: at } },
        ],
      },
      at,
    );
    const leaves = stringLeaves(value, every);
    expect(leaves.map((l) => [l.steps, l.text, l.value.kind])).toEqual([
      [[3], 'three', 'known'],
      [['hosts', 0], 'a.example', 'env'],
    ]);
    expect(leaves[1].value).toMatchObject({ env, origin: at });
    expect(stringLeaves(value, every)[1]).toBe(leaves[1]); // no oneOf: shared
  });
});
