// The string leaves the secret rules scan (src/rule-kit/credentials.ts): collected once per value
// and shared by the rules of an entry, then forgotten, so they do not live as long as the run's
// evaluations.
import { describe, expect, it } from 'vitest';
import { forgetStringLeaves, stringLeaves } from '../src/rule-kit/credentials.js';
import type { Value } from '../src/model/values.js';
import { known } from '../src/model/values.js';

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
});
