// The tree snapshot as the results cache keeps it (src/lint/tree-snapshot-file.ts): signed with the
// user's key, so a tampered or foreign file is ignored and rewritten; and the recorded import
// probes it answers from its listings (src/lint/results-cache.ts), which must still see a module
// created where an import looked.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { rules } from '../rules/index.js';
import type { LintOptions } from '../src/lint/lint.js';
import { lintFiles } from '../src/lint/lint.js';
import { openResultsCache, withResultsCache } from '../src/lint/results-cache.js';
import { TreeSnapshotFile } from '../src/lint/tree-snapshot-file.js';
import type * as ResolveImports from '../src/model/resolve-imports.js';
import { getParser } from '../src/model/parse.js';
import { discover, type Discovery } from '../src/project/discover.js';
import { repoRoot } from './support/lint.js';

// Every recorded probe the cache asks the filesystem about (the others were answered from a listing).
const probed = vi.hoisted(() => [] as string[]);
vi.mock('../src/model/resolve-imports.js', async (importOriginal) => {
  const original = await importOriginal<typeof ResolveImports>();
  return {
    ...original,
    probeFile: (path: string) => {
      probed.push(path);
      return original.probeFile(path);
    },
  };
});

const work = mkdtempSync(join(tmpdir(), 'djsec-tree-snapshot-file-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const SECOND = 1_000_000_000n;

// Production looks for an optional overrides module, as many real projects do.
const PROJECT: Record<string, string> = {
  'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n',
  'config/__init__.py': '',
  'config/settings/__init__.py': '',
  'config/settings/base.py': 'import os\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nALLOWED_HOSTS = ["shop.example.com"]\n',
  'config/settings/production.py': 'from .base import *  # noqa\nDEBUG = False\ntry:\n    from .overrides import *  # noqa\nexcept ImportError:\n    pass\n',
  'shop/conf.py': 'PAGE_SIZE = 25\n',
};

let counter = 0;
function project(): string {
  const dir = join(work, `p${counter++}`);
  for (const [path, text] of Object.entries(PROJECT)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

interface Run {
  discovery: Discovery;
  /** Whether discovery walked the tree (a snapshot was recorded or forgotten) rather than recalling it. */
  walked: boolean;
  linted: boolean;
  codes: string[];
}

/** One run as the CLI makes it: the cache opened, discovery through the snapshot file, lint through the results cache; its clock 10 s after the files were written. */
async function run(dir: string, cacheDir: string): Promise<Run> {
  const cache = openResultsCache({ dir: cacheDir, build: 'build-1', now: () => BigInt(Date.now()) * 1_000_000n + 10n * SECOND })!;
  const file = TreeSnapshotFile.open(cache, dir);
  const discovery = discover([dir], dir, [], file.snapshots);
  const walked = file.snapshots.changed;
  file.save();
  const parser = await getParser();
  const options: LintOptions = { cwd: dir, rules, deployed: new Map(), evidenceFiles: discovery.evidence };
  let linted = false;
  const snapshots = file.snapshots;
  const result = await withResultsCache({ ...cache, isFile: (path) => snapshots.isFile(path) }, discovery.candidates, options, async (given) => {
    linted = true;
    return lintFiles(discovery.candidates, parser, given);
  });
  return { discovery, walked, linted, codes: result.findings.map((f) => `${f.code} ${f.file}:${f.line}`).sort() };
}

const snapshotFile = (cacheDir: string) => join(cacheDir, readdirSync(cacheDir).find((f) => f.endsWith('.tree-snapshot'))!);

describe('tree snapshot file', () => {
  let cacheDir: string;
  beforeEach(() => {
    cacheDir = join(work, `cache${counter++}`);
    probed.length = 0;
  });

  it('answers an unchanged re-run from the snapshot, its probes from the listings', async () => {
    const dir = project();
    const first = await run(dir, cacheDir);
    expect(first.walked).toBe(true);
    probed.length = 0;
    const second = await run(dir, cacheDir);
    expect(second).toEqual({ ...first, walked: false, linted: false });
    // config/settings/overrides.py and config/settings/overrides/__init__.py: both answered absent from the listing.
    expect(probed.filter((p) => p.startsWith(dir))).toEqual([]);
  });

  it('sees a module created where an import looked', async () => {
    const dir = project();
    const first = await run(dir, cacheDir);
    expect(first.codes).not.toContain('DJS101 config/settings/overrides.py:1');
    await run(dir, cacheDir);
    writeFileSync(join(dir, 'config/settings/overrides.py'), 'DEBUG = True\n');
    const next = await run(dir, cacheDir);
    expect(next.walked).toBe(true);
    expect(next.linted).toBe(true);
    expect(next.codes).toContain('DJS101 config/settings/overrides.py:1');
  });

  it('ignores and rewrites a tampered or foreign snapshot', async () => {
    const dir = project();
    const first = await run(dir, cacheDir);
    // Tampered: one candidate's name changed in the signed header (same length, HMAC kept).
    const file = snapshotFile(cacheDir);
    const text = readFileSync(file, 'latin1');
    expect(text).toContain('"config/settings/base.py"');
    writeFileSync(file, text.replace('"config/settings/base.py"', '"config/settings/bass.py"'), { encoding: 'latin1', mode: 0o600 });
    chmodSync(file, 0o600);
    const tampered = await run(dir, cacheDir);
    expect(tampered.walked).toBe(true);
    expect(tampered.discovery).toEqual(first.discovery);
    expect((await run(dir, cacheDir)).walked).toBe(false);

    // Foreign: signed with another user's key (a new key file) is not recalled.
    rmSync(join(cacheDir, 'key'));
    const foreign = await run(dir, cacheDir);
    expect(foreign.walked).toBe(true);
    expect(foreign.discovery).toEqual(first.discovery);
    expect((await run(dir, cacheDir)).walked).toBe(false);

    // Corrupt: not a signed file at all.
    writeFileSync(file, 'not a snapshot\n', { mode: 0o600 });
    const corrupt = await run(dir, cacheDir);
    expect(corrupt.walked).toBe(true);
    expect(corrupt.discovery).toEqual(first.discovery);
  });
});

describe('tree snapshot through the CLI', () => {
  const bin = join(repoRoot, 'bin', 'djsec.js');
  const djsec = (args: string[], env: Record<string, string>, input?: string) =>
    spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: 'utf8', input, env: { ...process.env, FORCE_COLOR: '0', CI: '', DJSEC_CACHE_DIR: '', XDG_CACHE_HOME: '', ...env } });
  const snapshots = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.tree-snapshot')) : []);

  it.skipIf(!existsSync(join(repoRoot, 'dist', 'djsec.cjs')))('is kept where the results cache is, and off wherever it is off', () => {
    // The repository's fixtures were checked out more than the racy margin ago: their walk is recorded.
    const args = ['fixtures/rules/DJS101', '-f', 'json'];
    const on = join(work, `cli-on-${counter++}`);
    djsec(args, { DJSEC_CACHE_DIR: on });
    expect(snapshots(join(on, 'results'))).toHaveLength(1);
    const off = join(work, `cli-off-${counter++}`);
    djsec([...args, '--no-cache'], { DJSEC_CACHE_DIR: off });
    djsec(args, { DJSEC_CACHE_DIR: 'off', XDG_CACHE_HOME: off });
    djsec(args, { CI: 'true', XDG_CACHE_HOME: off });
    djsec(['--stdin', '--stdin-filename', 'mysite/settings.py'], { XDG_CACHE_HOME: off }, 'DEBUG = True\n');
    expect(snapshots(join(off, 'djsec', 'results'))).toEqual([]);
    expect(snapshots(join(off, 'results'))).toEqual([]);
    // The control: the same XDG folder is used when nothing turns the cache off.
    djsec(args, { XDG_CACHE_HOME: off });
    expect(snapshots(join(off, 'djsec', 'results'))).toHaveLength(1);
  });
});
