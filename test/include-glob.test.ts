// django-split-settings include() globs (src/model/resolve-imports.ts expandInclude): fnmatch's
// syntax, and a pattern from the source never makes a bad regular expression.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandInclude } from '../src/model/resolve-imports.js';

describe('include() globs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'djsec-glob-'));
  mkdirSync(join(dir, 'components'));
  for (const name of ['a.py', 'b.py', 'c.py', '[x.py', 'z-a.py']) writeFileSync(join(dir, 'components', name), '');
  const from = join(dir, '__init__.py');
  const names = (pattern: string) => expandInclude(from, pattern).map((f) => basename(f));

  it.each([
    ['components/*.py', ['[x.py', 'a.py', 'b.py', 'c.py', 'z-a.py']],
    ['components/[ab].py', ['a.py', 'b.py']],
    ['components/[!ab].py', ['c.py']],
    ['components/?.py', ['a.py', 'b.py', 'c.py']],
    ['components/[x.py', ['[x.py']],
    ['components[common.py', []],
    ['components/[z-a].py', []],
  ])('%s', (pattern, wanted) => {
    expect(names(pattern)).toEqual(wanted);
  });
});
