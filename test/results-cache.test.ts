// The results cache (src/lint/results-cache.ts): a hit gives exactly what a fresh run gives, and
// each thing a finding depends on invalidates the entries it should; an untrusted cache is never read.
import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { loadInfra } from '../src/infra/load.js';
import type { LintOptions, LintResult } from '../src/lint/lint.js';
import { lintFiles } from '../src/lint/lint.js';
import { resultsCacheDir, untrustedReason, withResultsCache } from '../src/lint/results-cache.js';
import { getParser } from '../src/model/parse.js';
import type { Rule } from '../src/rule-kit/rule.js';
import { repoRoot } from './support/lint.js';

const work = mkdtempSync(join(tmpdir(), 'djsec-results-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// A cookiecutter-django shape: production imports base, which imports a helper module that is no
// candidate of the run (only reached through the import chain).
const PROJECT: Record<string, string> = {
  'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n',
  'config/__init__.py': '',
  'config/hosts.py': 'PRODUCTION_HOSTS = ["shop.example.com"]\n',
  'config/settings/__init__.py': '',
  'config/settings/base.py':
    'import os\nfrom config.hosts import PRODUCTION_HOSTS\n\nSECRET_KEY = "django-insecure-8f3k2l1m0n9b8v7c6x5z4a3s2d1f0g9h8j7k6"\nALLOWED_HOSTS = PRODUCTION_HOSTS\nSESSION_COOKIE_SECURE = True\n',
  'config/settings/production.py': 'import os\nfrom .base import *  # noqa\n\nDEBUG = os.environ.get("DJANGO_DEBUG", "False") == "True"\n',
};

let counter = 0;
function project(): string {
  const dir = join(work, `p${counter++}`);
  for (const [path, text] of Object.entries(PROJECT)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

interface Run {
  result: LintResult;
  linted: boolean;
}

async function run(dir: string, cacheDir: string, { env = new Map<string, string>(), selected = rules as readonly Rule[], build = 'build-1' } = {}): Promise<Run> {
  const parser = await getParser();
  const candidates = ['config/settings/base.py', 'config/settings/production.py'].map((p) => join(dir, p));
  const options: LintOptions = { cwd: dir, rules: selected, deployed: env, evidenceFiles: [join(dir, 'manage.py')] };
  let linted = false;
  const result = await withResultsCache({ dir: cacheDir, build }, candidates, options, async () => {
    linted = true;
    return lintFiles(candidates, parser, options);
  });
  return { result, linted };
}

/** What a report is made of (the model itself is never cached). */
const reported = ({ evaluations: _model, ...rest }: LintResult) => rest;
const codes = (r: LintResult) => r.findings.map((f) => `${f.code} ${f.file}:${f.line}`).sort();

describe('results cache', () => {
  let cacheDir: string;
  beforeEach(() => {
    cacheDir = join(work, `cache${counter++}`);
  });

  it('answers an unchanged re-run from the cache, exactly as a fresh run', async () => {
    const dir = project();
    const first = await run(dir, cacheDir);
    expect(first.linted).toBe(true);
    expect(codes(first.result).length).toBeGreaterThan(0);
    const second = await run(dir, cacheDir);
    expect(second.linted).toBe(false);
    expect(reported(second.result)).toEqual(reported(first.result));
    expect(second.result.sources.get('config/hosts.py')).toBe(PROJECT['config/hosts.py']);
  });

  it('misses when a base module or a module only imported changes', async () => {
    const dir = project();
    expect(codes((await run(dir, cacheDir)).result)).toContain('DJS201 config/settings/base.py:4');
    writeFileSync(join(dir, 'config/settings/base.py'), PROJECT['config/settings/base.py'].replace(/SECRET_KEY = .*/, 'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]'));
    const edited = await run(dir, cacheDir);
    expect(edited.linted).toBe(true);
    expect(codes(edited.result)).not.toContain('DJS201 config/settings/base.py:4');

    const before = codes(edited.result);
    writeFileSync(join(dir, 'config/hosts.py'), 'PRODUCTION_HOSTS = ["*"]\n');
    const imported = await run(dir, cacheDir);
    expect(imported.linted).toBe(true);
    expect(codes(imported.result)).not.toEqual(before);
    expect((await run(dir, cacheDir)).linted).toBe(false);
  });

  it('keeps one entry per --env value, option and djsec build', async () => {
    const dir = project();
    const plain = await run(dir, cacheDir);
    const debug = await run(dir, cacheDir, { env: new Map([['DJANGO_DEBUG', 'True']]) });
    expect(debug.linted).toBe(true);
    expect(codes(debug.result)).toContain('DJS101 config/settings/production.py:4');
    expect(codes(plain.result)).not.toContain('DJS101 config/settings/production.py:4');

    const only = await run(dir, cacheDir, { selected: rules.filter((r) => r.code === 'DJS101') });
    expect(only.linted).toBe(true);
    expect(new Set(only.result.findings.map((f) => f.code))).toEqual(new Set());

    const rebuilt = await run(dir, cacheDir, { build: 'build-2' });
    expect(rebuilt.linted).toBe(true);

    // Each earlier entry still answers its own run.
    expect((await run(dir, cacheDir)).linted).toBe(false);
    expect((await run(dir, cacheDir, { env: new Map([['DJANGO_DEBUG', 'True']]) })).linted).toBe(false);
  });

  it('keeps the newest 16 entries', async () => {
    const dir = project();
    for (let i = 0; i < 18; i++) await run(dir, cacheDir, { env: new Map([['N', String(i)]]) });
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.json')).length).toBe(16);
    expect((await run(dir, cacheDir, { env: new Map([['N', '17']]) })).linted).toBe(false);
  });

  it('misses when an infrastructure file (Dockerfile, Terraform) is added or changed', async () => {
    const dir = project();
    const parser = await getParser();
    const candidates = ['config/settings/base.py', 'config/settings/production.py'].map((p) => join(dir, p));
    const runWith = async (files: string[]) => {
      const options: LintOptions = { cwd: dir, rules, infra: await loadInfra(files, (p) => relative(dir, p)) };
      let linted = false;
      const result = await withResultsCache({ dir: cacheDir, build: 'b' }, candidates, options, async () => {
        linted = true;
        return lintFiles(candidates, parser, options);
      });
      return { linted, result };
    };
    writeFileSync(join(dir, 'Dockerfile'), 'FROM python:3.12\nCOPY . /app\n');
    await runWith([join(dir, 'Dockerfile')]);
    expect((await runWith([join(dir, 'Dockerfile')])).linted).toBe(false);
    writeFileSync(join(dir, 'Dockerfile'), 'FROM python:3.12\nENV DJANGO_DEBUG=True\nCOPY . /app\n');
    expect((await runWith([join(dir, 'Dockerfile')])).linted).toBe(true);
    writeFileSync(join(dir, 'Dockerfile.prod'), 'FROM python:3.12\nCOPY .env /app/.env\n');
    expect((await runWith([join(dir, 'Dockerfile'), join(dir, 'Dockerfile.prod')])).linted).toBe(true);
  });

  it('misses when deployment evidence changes', async () => {
    const dir = project();
    await run(dir, cacheDir);
    writeFileSync(join(dir, 'manage.py'), PROJECT['manage.py'].replace('production', 'base'));
    expect((await run(dir, cacheDir)).linted).toBe(true);
  });

  it('ignores and rewrites a corrupt, tampered or foreign entry', async () => {
    const dir = project();
    const first = await run(dir, cacheDir);
    const [entry] = readdirSync(cacheDir).filter((f) => f.endsWith('.json'));
    const path = join(cacheDir, entry);
    const good = readFileSync(path, 'utf8');
    // A finding removed from the body: the checksum no longer matches.
    writeFileSync(path, good.replace(/"code":"DJS\d+"/, '"code":"DJS999"'));
    const tampered = await run(dir, cacheDir);
    expect(tampered.linted).toBe(true);
    expect(reported(tampered.result)).toEqual(reported(first.result));
    expect(readFileSync(path, 'utf8')).not.toContain('DJS999');
    expect((await run(dir, cacheDir)).linted).toBe(false);

    writeFileSync(path, 'not json at all');
    expect((await run(dir, cacheDir)).linted).toBe(true);
    expect((await run(dir, cacheDir)).linted).toBe(false);

    // An entry made with another key (another user's cache copied in) fails the checksum.
    const other = join(work, `other${counter++}`);
    await run(dir, other);
    writeFileSync(path, readFileSync(join(other, entry)));
    expect(readFileSync(join(other, 'key'), 'utf8')).not.toBe(readFileSync(join(cacheDir, 'key'), 'utf8'));
    expect((await run(dir, cacheDir)).linted).toBe(true);
  });

  it('never follows a symlink planted as an entry, and replaces it', async () => {
    const dir = project();
    await run(dir, cacheDir);
    const [entry] = readdirSync(cacheDir).filter((f) => f.endsWith('.json'));
    const path = join(cacheDir, entry);
    const target = join(work, `target${counter++}.json`);
    writeFileSync(target, readFileSync(path));
    rmSync(path);
    symlinkSync(target, path);
    expect((await run(dir, cacheDir)).linted).toBe(true);
    expect(lstatSync(path).isSymbolicLink()).toBe(false);
    expect(readFileSync(target, 'utf8')).toBe(readFileSync(path, 'utf8')); // same entry, written beside, not through
  });

  it('never reads a folder others can write, a symlinked folder or a key that is not private', async () => {
    const dir = project();
    mkdirSync(cacheDir, { mode: 0o700 });
    chmodSync(cacheDir, 0o777);
    expect(untrustedReason(cacheDir)).toBe('writable by others');
    await run(dir, cacheDir);
    expect(readdirSync(cacheDir)).toEqual([]);

    const real = join(work, `real${counter++}`);
    mkdirSync(real, { mode: 0o700 });
    const link = join(work, `link${counter++}`);
    symlinkSync(real, link);
    expect(untrustedReason(link)).toBe('not a folder (or a symlink)');

    const keyed = join(work, `keyed${counter++}`);
    await run(dir, keyed);
    chmodSync(join(keyed, 'key'), 0o644);
    expect((await run(dir, keyed)).linted).toBe(true);
  });

  it.runIf(process.getuid?.() === 0)("as root: never creates a folder inside another user's, nor trusts a path they can change", () => {
    const nobody = 65534;
    const theirs = join(work, `theirs${counter++}`);
    mkdirSync(theirs);
    chownSync(theirs, nobody, nobody);
    expect(untrustedReason(join(theirs, '.cache', 'djsec'))).toBe('would be created inside a folder of another user');
    expect(readdirSync(theirs)).toEqual([]);
    // Their link to a private folder of root's: the path goes through a folder they own.
    const target = join(work, `target${counter++}`);
    mkdirSync(target, { mode: 0o700 });
    symlinkSync(target, join(theirs, 'cache'));
    expect(untrustedReason(join(theirs, 'cache', 'results'))).toBe('on a path another user can change');
  });

  it('never reads a cache folder the repository carries (tracked by git)', async () => {
    const dir = project();
    const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    const carried = join(dir, '.djsec-cache');
    await run(dir, carried);
    expect(untrustedReason(carried)).toBeUndefined(); // untracked: the user's own
    expect((await run(dir, carried)).linted).toBe(false);
    expect(git('add', '-f', '.djsec-cache').status).toBe(0);
    expect(untrustedReason(carried)).toBe('carried by the repository (tracked by git)');
    expect((await run(dir, carried)).linted).toBe(true);
  });

  it('is off under CI unless a folder is named, and with --no-cache', () => {
    expect(resultsCacheDir({ cache: true }, '/w', { CI: 'true' })).toBeUndefined();
    expect(resultsCacheDir({ cache: true, cacheDir: '.cache/djsec' }, '/w', { CI: 'true' })).toBe('/w/.cache/djsec');
    expect(resultsCacheDir({ cache: false, cacheDir: 'x' }, '/w', {})).toBeUndefined();
    expect(resultsCacheDir({ cache: true }, '/w', { DJSEC_CACHE_DIR: 'off' })).toBeUndefined();
    expect(resultsCacheDir({ cache: true }, '/w', { XDG_CACHE_HOME: '/home/u/.cache' })).toBe('/home/u/.cache/djsec/results');
  });
});

describe('results cache through the CLI', () => {
  const bin = join(repoRoot, 'bin', 'djsec.js');
  const djsec = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, FORCE_COLOR: '0', DJSEC_CACHE_DIR: 'off', ...env } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it.skipIf(!existsSync(join(repoRoot, 'dist', 'djsec.cjs')))('reports the same with and without the cache, serial and threaded', () => {
    const cache = join(work, `cli${counter++}`);
    for (const format of ['json', 'text']) {
      const args = ['fixtures/rules', '--include-dev', '-f', format];
      const fresh = djsec([...args, '--no-cache', '--jobs', '1']);
      expect(fresh.stderr).toBe('');
      for (const jobs of ['1', '2']) {
        const threads = { DJSEC_MODULES_PER_THREAD: '1' };
        // A folder per thread count, so each writes its own entry and reads it back.
        const dir = `${cache}-${format}-${jobs}`;
        expect(djsec([...args, '--cache-dir', dir, '--jobs', jobs], threads)).toEqual(fresh); // written
        expect(readdirSync(dir).filter((f) => /^[0-9a-f]{64}\.json$/.test(f)).length).toBe(1);
        expect(readdirSync(dir).filter((f) => f.endsWith('.units.json')).length).toBe(1);
        expect(djsec([...args, '--cache-dir', dir, '--jobs', jobs], threads)).toEqual(fresh); // read
      }
    }
  });

  it.skipIf(!existsSync(join(repoRoot, 'dist', 'djsec.cjs')))('after an edit, reuses units recorded serially or on threads and reports what a fresh run reports', () => {
    for (const jobs of ['1', '2']) {
      const tree = join(work, `edited-fixtures-${jobs}-${counter++}`);
      cpSync(join(repoRoot, 'fixtures', 'rules'), tree, { recursive: true });
      const dir = join(work, `cli-units-${jobs}-${counter++}`);
      const args = [tree, '--include-dev', '-f', 'json', '--jobs', jobs];
      const threads = { DJSEC_MODULES_PER_THREAD: '1', DJSEC_DEBUG: '1' };
      expect(djsec([...args, '--cache-dir', dir], threads).code).toBe(1); // written
      appendFileSync(join(tree, 'DJS101', 'classic', 'mysite', 'settings', 'base.py'), '\nALLOWED_HOSTS = ["*"]\n');
      const reused = djsec([...args, '--cache-dir', dir], threads);
      expect(reused.stderr).toMatch(/results cache: reused \d+ of \d+ candidates/);
      const { stderr: _debug, ...report } = reused;
      const { stderr: _none, ...fresh } = djsec([...args, '--no-cache'], threads);
      expect(report).toEqual(fresh);
    }
  });
});
