// The .gitignore matcher discovery uses: anchors, directory-only patterns, negation and nested
// .gitignore files, matched against the absolute paths the walk produces.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discover } from '../src/project/discover.js';

const root = mkdtempSync(join(tmpdir(), 'djsec-gitignore-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(rel: string, text: string): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
}

describe('gitignore in discovery', () => {
  it('honours root and nested .gitignore files', () => {
    write('.gitignore', ['/build2/', 'secret*.py', '!secret_ok.py', 'b/c/', '**/gen/*.py', ''].join('\n'));
    write('a/.gitignore', 'x_settings.py\n');
    const settings = "SECRET_KEY = 'x'\n";
    for (const f of ['a/settings.py', 'a/x_settings.py', 'a/b/settings.py', 'a/b/c/settings.py', 'b/c/settings.py', 'secret_settings.py', 'secret_ok.py', 'build2/settings.py', 'gen/settings.py', 'a/gen/settings.py', 'z/build2/settings.py']) {
      write(f, settings);
    }
    const found = discover(['.'], root).candidates.map((c) => c.slice(root.length + 1).split('\\').join('/'));
    // b/c/ is anchored at the root (it contains a slash), so a/b/c/ is kept; /build2/ only at the root.
    expect(found).toEqual(['a/b/c/settings.py', 'a/b/settings.py', 'a/settings.py', 'secret_ok.py', 'z/build2/settings.py']);
  });
});
