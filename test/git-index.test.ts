// The results cache asks git's index, read without running git, whether a folder is tracked
// (src/lint/git-index.ts); here git itself says what the index lists.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { indexPaths, trackedByGit } from '../src/lint/git-index.js';

const work = mkdtempSync(join(tmpdir(), 'djsec-git-index-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function repository(name: string, init: string[] = []): { dir: string; git: (...args: string[]) => string } {
  const dir = join(work, name);
  mkdirSync(dir);
  const git = (...args: string[]) => {
    const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return r.stdout;
  };
  git('init', '-q', ...init);
  const files = ['manage.py', 'config/settings/base.py', 'config/settings/production.py', `apps/${'very_long_name_'.repeat(12)}/models.py`, 'cache/entry.json', 'cachet/x.py', 'é/ü.py'];
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), f);
  }
  git('add', '.');
  return { dir, git };
}

describe('git index', () => {
  const { dir, git } = repository('plain');
  for (const version of ['2', '3', '4']) {
    it(`lists what git ls-files lists (index version ${version})`, () => {
      git('update-index', '--index-version', version);
      // An intent-to-add entry carries extended flags (version 3+).
      if (version !== '2') {
        writeFileSync(join(dir, 'later.py'), '');
        git('add', '-N', 'later.py');
      }
      const listed = git('ls-files', '-z').split('\0').filter(Boolean);
      expect(indexPaths(readFileSync(join(dir, '.git', 'index')), 20)).toEqual(listed);
      expect(trackedByGit(join(dir, 'cache'))).toBe(true);
      expect(trackedByGit(join(dir, 'config', 'settings'))).toBe(true);
      expect(trackedByGit(join(dir, 'cach'))).toBe(false); // a prefix of a name is not a folder
      expect(trackedByGit(join(dir, '.djsec-cache'))).toBe(false);
      expect(trackedByGit(dir)).toBe(true);
    });
  }

  it('reads a SHA-256 repository', () => {
    const sha256 = repository('sha256', ['--object-format=sha256']);
    expect(trackedByGit(join(sha256.dir, 'cache'))).toBe(true);
    expect(trackedByGit(join(sha256.dir, 'elsewhere'))).toBe(false);
  });

  it('counts an index it cannot read as tracked, and a folder outside any repository as not', () => {
    expect(indexPaths(Buffer.from('DIRC\0\0\0\x09\0\0\0\0'), 20)).toBeUndefined();
    expect(indexPaths(Buffer.from('not an index'), 20)).toBeUndefined();
    const { dir: split, git: gitSplit } = repository('split');
    gitSplit('update-index', '--split-index');
    expect(trackedByGit(join(split, 'nothing-here'))).toBe(true);
    expect(trackedByGit(work)).toBe(false);
  });
});
