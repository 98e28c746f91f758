// Large runs lint on several threads (src/lint/parallel.ts); the report must be exactly the serial one.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { discover } from '../src/project/discover.js';
import { LintShare, lintFiles, planOf } from '../src/lint/lint.js';
import { lintFilesParallel, partition, threadsFor } from '../src/lint/parallel.js';
import { getParser } from '../src/model/parse.js';
import { repoRoot } from './support/lint.js';
// @ts-expect-error: a plain .mjs script without types
import { TINY, generateCorpus, generateRepo } from '../scripts/bench/generate.mjs';

const bin = join(repoRoot, 'bin', 'djsec.js');
const work = mkdtempSync(join(tmpdir(), 'djsec-parallel-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function djsec(args: string[], jobs: number) {
  const r = spawnSync(process.execPath, [bin, ...args, '--jobs', String(jobs)], {
    cwd: repoRoot,
    encoding: 'utf8',
    // Threads from the first module on, so small projects exercise the parallel path.
    env: { ...process.env, DJSEC_MODULES_PER_THREAD: '1', FORCE_COLOR: '0', DJSEC_CACHE_DIR: 'off' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('parallel lint', () => {
  const repo = join(work, 'repo');
  const corpus = join(work, 'corpus');
  generateRepo(repo, TINY, 7);
  generateCorpus(corpus, TINY, 8);

  // Cases where a threaded run once differed from a serial one (review of session 2).
  const write = (root: string, files: Record<string, string | Buffer>) => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  };
  const list = `[${Array.from({ length: 1000 }, (_, i) => i).join(', ')}]`;
  const hard = write(join(work, 'hard'), {
    // an import cycle across two folders (which module is entered first depends on read order)
    'pkg/__init__.py': '',
    'pkg/a/__init__.py': '',
    'pkg/a/settings.py': 'from ..b.settings import *\nDEBUG = True\nALLOWED_HOSTS = ["x.example.com"]\n',
    'pkg/b/__init__.py': '',
    'pkg/b/settings.py': 'from ..a.settings import *\nSECRET_KEY = "x"\nALLOWED_HOSTS = ["y.example.com"]\n',
    // one module's huge values must not use up a budget another module needs
    'big/settings.py': `L = ${list}\n${Array.from({ length: 30 }, (_, i) => `M${i} = [L] * 200`).join('\n')}\nDEBUG = False\n`,
    'db/settings.py': `DEBUG = False\nDATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "PASSWORD": "hunter2-very-secret", "OPTIONS": ${list}}}\n`,
    // a Latin-1 module imported from two folders: one "decoded as" note, where serial lists it
    'common/__init__.py': '',
    'common/base_settings.py': Buffer.from('# caf\xe9\nSECRET_KEY = "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t-x"\n', 'latin1'),
    'one/settings.py': 'from common.base_settings import *\nDEBUG = False\n',
    'two/settings.py': 'from common.base_settings import *\nDEBUG = True\n',
    // unreadable and template modules in between
    'tpl/settings.py': 'DEBUG = {{ cookiecutter.debug }}\n',
    'bin/settings.py': Buffer.from([0, 1, 2, 3, 0, 255]),
  });

  const projects: [string, string[]][] = [
    ['import cycles across folders, a size budget, a shared Latin-1 module, templates and binary files', [hard, '--include-dev']],
    ['every rule fixture at once (cross-folder imports, templates, syntax errors)', ['fixtures/rules', '--include-dev']],
    ['every rule fixture, production roles only', ['fixtures/rules']],
    ['the hardened project', ['fixtures/hardened']],
    ['a generated repository (split settings among apps, ignored folders)', [repo]],
    ['a generated settings corpus', [corpus, '--include-dev']],
  ];
  for (const [what, args] of projects) {
    it(`reports exactly what a serial run reports: ${what}`, () => {
      const serial = djsec([...args, '-f', 'json'], 1);
      expect(serial.stderr).toBe('');
      expect(JSON.parse(serial.stdout).findings.length).toBeGreaterThan(0);
      for (const jobs of [2, 3]) expect(djsec([...args, '-f', 'json'], jobs)).toEqual(serial);
      expect(djsec(args, 2)).toEqual(djsec(args, 1)); // text: same order, same code frames
    });
  }

  it('falls back to a serial run when a worker cannot start', async () => {
    // Run from the TypeScript sources, the worker script (src/lint/lint-worker.js) does not exist.
    const { candidates, named } = discover([join(repoRoot, 'fixtures/hardened'), join(repoRoot, 'fixtures/rules/DJS101')], repoRoot);
    const options = { cwd: repoRoot, rules, namedOnCommandLine: named };
    const parser = await getParser();
    process.env.DJSEC_MODULES_PER_THREAD = '1';
    try {
      const parallel = await lintFilesParallel(candidates, parser, options, 2);
      const serial = lintFiles(candidates, parser, options);
      expect(parallel.findings).toEqual(serial.findings);
      expect(parallel.files).toEqual(serial.files);
    } finally {
      delete process.env.DJSEC_MODULES_PER_THREAD;
    }
  });

  it('judges the same after forgetting the evaluations of modules roles skip', async () => {
    // A generated repository has development and test settings beside its production ones.
    const { candidates, named } = discover([repo], repoRoot);
    const options = { cwd: repoRoot, rules, namedOnCommandLine: named };
    const parser = await getParser();
    const judgeShare = (forget: boolean) => {
      const share = new LintShare(parser, options);
      share.evaluate(candidates);
      const roles = share.roles(options);
      const plan = planOf(roles, share.readable, share.templates);
      if (forget) share.forgetUnjudged(plan);
      share.judge(plan);
      return { share, plan, report: share.report() };
    };
    const kept = judgeShare(false);
    const forgotten = judgeShare(true);
    const judged = new Set([...forgotten.plan.entries, ...forgotten.plan.bases]);
    expect(kept.plan.readable.length).toBeGreaterThan(judged.size); // some modules were skipped
    expect([...forgotten.share.evaluations.keys()].every((p) => judged.has(p))).toBe(true);
    expect(forgotten.report.findings.length).toBeGreaterThan(0);
    expect(forgotten.report).toEqual(kept.report);
    // The serial pipeline with the option (the CLI's, but for --print-settings) reports the same.
    const serialKept = lintFiles(candidates, parser, options);
    const serialForgotten = lintFiles(candidates, parser, { ...options, forgetUnjudged: true });
    const { evaluations: all, ...keptResult } = serialKept;
    const { evaluations: some, ...forgottenResult } = serialForgotten;
    expect(forgottenResult).toEqual(keptResult);
    expect(some.size).toBe(judged.size);
    expect(all.size).toBe(kept.plan.readable.length);
  });

  it('keeps out of the results cache the units that read an import cycle, whether skipped modules were forgotten or not', async () => {
    // local.py (development settings, skipped by roles) and its helper import each other.
    const root = write(join(work, 'cycle-in-dev'), {
      'proj/__init__.py': '',
      'proj/settings/__init__.py': '',
      'proj/settings/base.py': 'DEBUG = False\nSECRET_KEY = "k3y-k3y-k3y-k3y-k3y-k3y-k3y-k3y-k3y-k3y-k3y-k3y-k3y"\n',
      'proj/settings/production.py': 'from .base import *\nALLOWED_HOSTS = ["example.com"]\n',
      'proj/settings/local.py': 'from .base import *\nfrom .local_extra import *\nDEBUG = True\n',
      'proj/settings/local_extra.py': 'from .local import *\nINTERNAL_IPS = ["127.0.0.1"]\n',
    });
    const { candidates, named } = discover([root], repoRoot);
    const options = { cwd: repoRoot, rules, namedOnCommandLine: named, recordUnits: true };
    const parser = await getParser();
    const kept = lintFiles(candidates, parser, options);
    const forgotten = lintFiles(candidates, parser, { ...options, forgetUnjudged: true });
    const cached = (r: typeof kept) => (r.units ?? []).map((u) => u.path).sort();
    expect(cached(kept).some((p) => p.endsWith('local.py'))).toBe(false);
    expect(cached(forgotten)).toEqual(cached(kept));
    expect(forgotten.findings).toEqual(kept.findings);
  });

  it('splits a large folder of unrelated modules, never a settings package', () => {
    const flat = Array.from({ length: 10 }, (_, i) => `flat/settings_${i}.py`);
    expect(partition(flat, 2).map((s) => s.length)).toEqual([5, 5]);
    const pkg = Array.from({ length: 10 }, (_, i) => `proj/settings/m${i}.py`);
    expect(partition([...pkg, 'other/settings.py'], 2).map((s) => s.length).sort()).toEqual([1, 10]);
  });

  it('keeps a settings package on one thread and balances the rest', () => {
    const files = ['a/config/settings/base.py', 'b/settings.py', 'a/config/settings/production.py', 'c/settings.py', 'a/config/settings/local.py', 'd/settings.py'];
    const shares = partition(files, 2);
    expect(shares.flat().sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(shares.find((s) => s.includes(0))).toEqual(expect.arrayContaining([0, 2, 4]));
    expect(shares.map((s) => s.length).sort()).toEqual([3, 3]);
    for (const s of shares) expect(s).toEqual([...s].sort((x, y) => x - y));
  });

  it('uses a thread only for enough modules, and never more than --jobs', () => {
    expect(threadsFor(40, 8)).toBe(1);
    expect(threadsFor(999, 8)).toBe(1);
    expect(threadsFor(1000, 8)).toBe(2);
    expect(threadsFor(100_000, 3)).toBe(3);
    expect(threadsFor(100_000, 1)).toBe(1);
  });
});
