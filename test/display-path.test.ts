// displayPath cuts a normalized path under the cwd instead of calling path.relative (which
// resolves both paths on every call); it must show exactly what path.relative shows, and
// absolutePath must give back what resolve(cwd, display) gives.
import { relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { absolutePath, displayPath } from '../src/lint/lint.js';

/** What displayPath showed before the cut: path.relative, or the path itself outside the cwd. */
function slowDisplay(cwd: string, absPath: string): string {
  const rel = relative(cwd, absPath);
  return (rel.startsWith('..') || rel === '' ? absPath : rel).split(sep).join('/');
}

describe('displayPath', () => {
  it('shows what path.relative shows, for normalized and awkward paths alike', () => {
    const segments = ['a', 'settings', '..', '.', '', '..x', '.hidden', 'b.py', 'settings.py', 'x..', '...'];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const cwds = ['/work/repo', '/work/repo/', '/', '/work/./repo', '/work/repo/..'];
    let checked = 0;
    for (const cwd of cwds) {
      for (let i = 0; i < 4000; i++) {
        const parts = Array.from({ length: 1 + random(5) }, () => segments[random(segments.length)]);
        const prefix = [cwd, '/work/repo', '/work/repository', '/work', '/elsewhere'][random(5)];
        const absPath = `${prefix}/${parts.join('/')}${random(10) === 0 ? '/' : ''}`;
        expect(displayPath(cwd, absPath), `${cwd} ${absPath}`).toBe(slowDisplay(cwd, absPath));
        checked++;
      }
    }
    expect(checked).toBe(20000);
  });

  it('gives back the absolute path of what it showed', () => {
    const cwd = '/work/repo';
    for (const abs of ['/work/repo/config/settings/base.py', '/work/repo/..x/settings.py', '/work/other/settings.py', '/work/repo/a/../b.py']) {
      const shown = displayPath(cwd, abs);
      expect(absolutePath(cwd, shown)).toBe(resolve(cwd, shown));
    }
    expect(absolutePath('/elsewhere', 'config/settings.py')).toBe('/elsewhere/config/settings.py');
  });
});
