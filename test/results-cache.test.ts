// The results cache (src/lint/results-cache.ts): a hit gives exactly what a fresh run gives, and
// each thing a finding depends on invalidates the entries it should; an untrusted cache is never read.
import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { rules } from '../rules/index.js';
import { loadInfra } from '../src/infra/load.js';
import type { LintOptions, LintResult } from '../src/lint/lint.js';
import { lintFiles } from '../src/lint/lint.js';
import { resultsCacheDir, untrustedReason, withResultsCache } from '../src/lint/results-cache.js';
import { getParser } from '../src/model/parse.js';
import { formatText } from '../src/report/text.js';
import type * as SourceModule from '../src/model/source.js';
import type { Rule } from '../src/rule-kit/rule.js';
import { repoRoot } from './support/lint.js';

// Every file read as source text, to tell a digest trusted by its stat from one read and hashed.
const sourceReads = vi.hoisted(() => [] as string[]);
vi.mock('../src/model/source.js', async (importOriginal) => {
  const original = await importOriginal<typeof SourceModule>();
  return {
    ...original,
    readSource: (path: string, maxBytes?: number) => {
      sourceReads.push(path);
      return original.readSource(path, maxBytes);
    },
  };
});

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

interface RunOptions {
  env?: Map<string, string>;
  selected?: readonly Rule[];
  build?: string;
  /** The run's wall clock (ns since the epoch): a later run is one with a clock moved on. */
  now?: bigint;
  /** Called after lint read the files, before the entry is written. */
  afterLint?: () => void;
  /** More candidates (project-relative), e.g. development settings that roles skip. */
  more?: string[];
  /** Lint with the options the cache gives (recording and reusing units), as the CLI does. */
  units?: boolean;
}

async function run(dir: string, cacheDir: string, { env = new Map<string, string>(), selected = rules as readonly Rule[], build = 'build-1', now, afterLint, more = [], units = false }: RunOptions = {}): Promise<Run> {
  const parser = await getParser();
  const candidates = ['config/settings/base.py', 'config/settings/production.py', ...more].map((p) => join(dir, p));
  const options: LintOptions = { cwd: dir, rules: selected, deployed: env, evidenceFiles: [join(dir, 'manage.py')] };
  let linted = false;
  const result = await withResultsCache({ dir: cacheDir, build, now: now === undefined ? undefined : () => now }, candidates, options, async (given) => {
    linted = true;
    const linting = await lintFiles(candidates, parser, units ? given : options);
    afterLint?.();
    return linting;
  });
  return { result, linted };
}

/** What a report is made of (the model itself is never cached); a hit's sources are read on demand, so compared as plain pairs. */
const reported = ({ evaluations: _model, units: _units, probes: _probes, textFacts: _facts, sources, ...rest }: LintResult) => ({ ...rest, sources: new Map(sources) });
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

  it('prunes an entry together with its units file and units delta', async () => {
    const dir = project();
    for (let i = 0; i < 18; i++) await run(dir, cacheDir, { env: new Map([['N', String(i)]]), units: true });
    // A delta left beside an entry that is about to be pruned (the oldest, N=0) goes with it.
    const entries = () => readdirSync(cacheDir).filter((f) => /^[0-9a-f]{64}\.json$/.test(f));
    const units = () => readdirSync(cacheDir).filter((f) => f.endsWith('.units.json'));
    expect(entries()).toHaveLength(16);
    expect(units().map((f) => f.replace('.units.json', '.json')).sort()).toEqual(entries().sort());
    const oldest = entries().map((f) => ({ f, at: statSync(join(cacheDir, f)).mtimeMs })).sort((a, b) => a.at - b.at)[0].f;
    const delta = oldest.replace('.json', '.units-delta.json');
    writeFileSync(join(cacheDir, delta), 'planted');
    for (const f of [oldest, oldest.replace('.json', '.units.json'), delta]) utimesSync(join(cacheDir, f), 1000, 1000);
    await run(dir, cacheDir, { env: new Map([['N', '18']]), units: true });
    expect(entries()).toHaveLength(16);
    expect(readdirSync(cacheDir).filter((f) => f.startsWith(oldest.slice(0, 64)))).toEqual([]);
    expect(units().map((f) => f.replace('.units.json', '.json')).sort()).toEqual(entries().sort());
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

  it('writes its files as ASCII and gives back every character past it (a name, a value, an emoji)', async () => {
    const dir = project();
    const production = join(dir, 'config/settings/production.py');
    writeFileSync(production, `${readFileSync(production, 'utf8')}ALLOWED_HOSTS = ["*", "café.example.com", "😀.example.com"]\nSECRET_KEY = "clé-secrète-😀-${'x'.repeat(40)}"\n`);
    const first = await run(dir, cacheDir);
    expect(first.linted).toBe(true);
    expect(JSON.stringify(first.result.findings)).toMatch(/[\u0080-\uffff]/);
    for (const f of readdirSync(cacheDir)) expect(readFileSync(join(cacheDir, f)).every((b) => b < 0x80), f).toBe(true);
    const hit = await run(dir, cacheDir);
    expect(hit.linted).toBe(false);
    expect(reported(hit.result)).toEqual(reported(first.result));
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

describe('results cache: digests validated by stat', () => {
  const SECOND = 1_000_000_000n;
  let cacheDir: string;
  let clock: bigint;
  beforeEach(() => {
    cacheDir = join(work, `cache${counter++}`);
    clock = BigInt(Date.now()) * 1_000_000n;
  });
  /** A run `seconds` after the test began. */
  const later = (dir: string, seconds: number, options: RunOptions = {}) => run(dir, cacheDir, { now: clock + BigInt(seconds) * SECOND, ...options });
  /** The project files a run read as source text. */
  const readsDuring = async (dir: string, what: () => Promise<Run>) => {
    sourceReads.length = 0;
    const outcome = await what();
    return { ...outcome, read: sourceReads.filter((p) => p.startsWith(`${dir}/`)).map((p) => relative(dir, p)).sort() };
  };
  const statIndex = () => join(cacheDir, readdirSync(cacheDir).find((f) => f.endsWith('.stat-index'))!);

  /** A project whose digests the cache trusts by stat: hashed at +0 s (too fresh: racily clean), refreshed at +10 s. */
  async function settled(): Promise<{ dir: string; first: Run }> {
    const dir = project();
    const first = await later(dir, 0);
    expect(first.linted).toBe(true);
    const refreshed = await readsDuring(dir, () => later(dir, 10));
    expect(refreshed.linted).toBe(false);
    // Written less than 3 s before the first run: each file was read and hashed again.
    expect(refreshed.read).toEqual(['config/hosts.py', 'config/settings/base.py', 'config/settings/production.py', 'manage.py']);
    const trusted = await readsDuring(dir, () => later(dir, 20));
    expect(trusted.linted).toBe(false);
    expect(trusted.read).toEqual([]);
    return { dir, first };
  }

  it('trusts an unchanged file by its stat once it is older than the run that hashed it, and reads sources only when asked', async () => {
    const { dir, first } = await settled();
    const hit = await readsDuring(dir, () => later(dir, 30));
    expect(hit.read).toEqual([]);
    expect(hit.result.sources.get('config/hosts.py')).toBe(PROJECT['config/hosts.py']);
    expect(reported(hit.result)).toEqual(reported(first.result));
  });

  it('after an edit, reads the texts the report needs and not those of reused modules it skips', async () => {
    const dir = project();
    writeFileSync(join(dir, 'config/settings/local.py'), 'from .base import *  # noqa\n\nDEBUG = True\n');
    const options = { more: ['config/settings/local.py'], units: true };
    const first = await later(dir, 0, options);
    await later(dir, 10, options);
    expect((await readsDuring(dir, () => later(dir, 20, options))).read).toEqual([]);
    expect(first.result.roles.find((r) => r.file === 'config/settings/local.py')?.role).toBe('skipped');

    appendFileSync(join(dir, 'config/settings/production.py'), 'SECURE_SSL_REDIRECT = True\n');
    const edited = await readsDuring(dir, () => later(dir, 30, options));
    expect(edited.linted).toBe(true);
    // The edited entry, what it imports (evaluated again) and the deployment evidence; local.py's
    // unit is reused and it has no finding, so its text is never read.
    expect(edited.read).not.toContain('config/settings/local.py');
    expect(edited.read).toContain('config/settings/production.py');
    const fresh = await run(dir, join(work, `fresh${counter++}`), options);
    expect(reported(edited.result)).toEqual(reported(fresh.result));
    expect(edited.result.sources.get('config/settings/local.py')).toContain('DEBUG = True');
  });

  it('catches an edit that keeps size and mtime (set back with utimes): its ctime changed', async () => {
    const dir = project();
    const production = join(dir, 'config/settings/production.py');
    const anHourAgo = Math.floor(Date.now() / 1000) - 3600; // whole seconds: utimes sets them back exactly
    utimesSync(production, anHourAgo, anHourAgo);
    const first = await later(dir, 0);
    await later(dir, 10);
    expect((await readsDuring(dir, () => later(dir, 20))).read).toEqual([]);
    const stamp = lstatSync(production, { bigint: true });

    const edited = PROJECT['config/settings/production.py'].replace('"False") == "True"', '"True")  == "True"');
    expect(edited.length).toBe(PROJECT['config/settings/production.py'].length);
    writeFileSync(production, edited);
    utimesSync(production, anHourAgo, anHourAgo);
    const now = lstatSync(production, { bigint: true });
    expect([now.size, now.mtimeNs, now.ino]).toEqual([stamp.size, stamp.mtimeNs, stamp.ino]);
    expect(now.ctimeNs).not.toBe(stamp.ctimeNs);

    const after = await later(dir, 30);
    expect(after.linted).toBe(true);
    expect(codes(after.result)).not.toEqual(codes(first.result));
    expect(codes(after.result)).toContain('DJS101 config/settings/production.py:4');
  });

  it('hashes a file whose times are within the margin of the run that recorded it (a same-size edit in the same tick)', async () => {
    const dir = project();
    const hosts = join(dir, 'config/hosts.py');
    // Written after lint read it and before the entry (and the module's stat) were recorded: the
    // stat on record is the edited file's, the digest the text lint read.
    const sameSize = PROJECT['config/hosts.py'].replace('"shop.example.com"', '"*"'.padEnd('"shop.example.com"'.length, ' '));
    expect(sameSize.length).toBe(PROJECT['config/hosts.py'].length);
    const first = await later(dir, 0, { afterLint: () => writeFileSync(hosts, sameSize) });
    expect(first.linted).toBe(true);
    // However late the next run, the record's times are not older than its run's start minus the margin.
    const next = await readsDuring(dir, () => later(dir, 3600));
    expect(next.read).toContain('config/hosts.py');
    expect(next.linted).toBe(true);
    expect(codes(next.result)).not.toEqual(codes(first.result));
  });

  it('still hits on a touched but unchanged file (read and hashed), and trusts its refreshed stat on the next run', async () => {
    const { dir } = await settled();
    const touchedAt = new Date();
    utimesSync(join(dir, 'config/settings/base.py'), touchedAt, touchedAt);
    const touched = await readsDuring(dir, () => later(dir, 40));
    expect(touched.linted).toBe(false);
    expect(touched.read).toEqual(['config/settings/base.py']);
    const next = await readsDuring(dir, () => later(dir, 50));
    expect(next.linted).toBe(false);
    expect(next.read).toEqual([]);
  });

  it('ignores a forged, corrupt or shared stat index, and rewrites it', async () => {
    const { dir, first } = await settled();
    expect(codes(first.result)).toContain('DJS201 config/settings/base.py:4');
    const base = join(dir, 'config/settings/base.py');
    const index = statIndex();
    const good = readFileSync(index, 'utf8');
    const recorded = lstatSync(base, { bigint: true });
    // An edit, and an index forged to give the edited file's stat the old digest (the HMAC no longer matches).
    writeFileSync(base, PROJECT['config/settings/base.py'].replace(/SECRET_KEY = .*/, 'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]'));
    const edited = lstatSync(base, { bigint: true });
    const forged = good.replace(
      JSON.stringify([String(recorded.size), String(recorded.mtimeNs), String(recorded.ctimeNs)]).slice(0, -1),
      JSON.stringify([String(edited.size), String(edited.mtimeNs), String(edited.ctimeNs)]).slice(0, -1),
    );
    expect(forged).not.toBe(good);
    writeFileSync(index, forged);
    const afterForgery = await readsDuring(dir, () => later(dir, 30));
    expect(afterForgery.linted).toBe(true);
    expect(afterForgery.read).toContain('config/settings/base.py');
    expect(codes(afterForgery.result)).not.toContain('DJS201 config/settings/base.py:4');
    expect(readFileSync(index, 'utf8')).not.toBe(forged);

    for (const damage of ['not an index at all', '']) {
      writeFileSync(index, damage);
      const damaged = await readsDuring(dir, () => later(dir, 40));
      expect(damaged.linted).toBe(false); // hashed instead: the entry still answers
      expect(damaged.read).toContain('config/settings/base.py');
      expect(readFileSync(index, 'utf8')).not.toBe(damage);
    }
    // A stat index others can read is not the user's private file: not used.
    await later(dir, 50);
    expect((await readsDuring(dir, () => later(dir, 60))).read).toEqual([]);
    chmodSync(index, 0o644);
    expect((await readsDuring(dir, () => later(dir, 70))).read).toContain('config/settings/base.py');
  });

  /** The text report of a run, as the CLI prints it, and what the cache kept of it for the next run. */
  const textReport = (outcome: Run, dir: string) => {
    const text = formatText(outcome.result, { color: 0, cwd: dir });
    outcome.result.textFacts?.save();
    return text;
  };

  it('prints a hit\'s text report, code frames included, without reading a module: frames are kept masked as printed', async () => {
    const { dir } = await settled();
    const fresh = formatText((await run(dir, join(work, `fresh${counter++}`))).result, { color: 0, cwd: dir });
    // The first report of a trusted hit reads the texts with findings, and keeps their frames.
    const keeping = await readsDuring(dir, () => later(dir, 30));
    sourceReads.length = 0;
    expect(textReport(keeping, dir)).toBe(fresh);
    expect(sourceReads.filter((p) => p.startsWith(`${dir}/`)).map((p) => relative(dir, p)).sort()).toEqual(['config/settings/base.py', 'config/settings/production.py']);
    const hit = await readsDuring(dir, () => later(dir, 40));
    sourceReads.length = 0;
    expect(textReport(hit, dir)).toBe(fresh);
    expect(sourceReads.filter((p) => p.startsWith(`${dir}/`))).toEqual([]);
    // The secret's line is kept as the report printed it, never in full.
    expect(fresh).toContain('SECRET_KEY = "djan…"');
    expect(readFileSync(statIndex(), 'utf8')).not.toContain('8f3k2l1m0n9b8v7c6x5z4a3s2d1f0g9h8j7k6');
    expect(readFileSync(statIndex(), 'utf8')).toContain('SECRET_KEY = \\"djan\\u2026\\"'); // as printed (ASCII-escaped)
    // An edit to a file drops what was kept of its text: its frame shows the new line.
    writeFileSync(join(dir, 'config/settings/production.py'), PROJECT['config/settings/production.py'].replace('"False") == "True"', '"True") == "True"  '));
    const edited = await readsDuring(dir, () => later(dir, 50));
    const editedFresh = formatText((await run(dir, join(work, `fresh${counter++}`))).result, { color: 0, cwd: dir });
    expect(textReport(edited, dir)).toBe(editedFresh);
    expect(editedFresh).toContain('"True") == "True"  ');
  });

  it('after an edit, looks for suppression comments only in the texts that may hold one', async () => {
    const dir = project();
    // Two more deployable modules beside the project's, each with its own DEBUG finding; one silences it.
    writeFileSync(join(dir, 'config/settings/staging.py'), 'from .base import *  # noqa\n\nDEBUG = True\n');
    mkdirSync(join(dir, 'worker'));
    writeFileSync(join(dir, 'worker/settings.py'), 'SECRET_KEY = "x"\nALLOWED_HOSTS = ["worker.example.com"]\nDEBUG = True\n');
    writeFileSync(join(dir, 'worker/settings_quiet.py'), 'SECRET_KEY = "x"\nALLOWED_HOSTS = ["worker.example.com"]\nDEBUG = True  # djsec: ignore[DJS101] -- internal only\n');
    const options = { more: ['worker/settings.py', 'worker/settings_quiet.py'], units: true };
    await later(dir, 0, options);
    await later(dir, 10, options);
    const settledRun = await later(dir, 20, options);
    textReport(settledRun, dir);
    appendFileSync(join(dir, 'config/settings/production.py'), 'SECURE_SSL_REDIRECT = True\n');
    const edited = await readsDuring(dir, () => later(dir, 30, options));
    expect(edited.linted).toBe(true);
    // worker/settings.py has a finding but no "djs": neither the suppressions nor the report read it.
    sourceReads.length = 0;
    const report = textReport(edited, dir);
    const reads = [...edited.read, ...sourceReads.filter((p) => p.startsWith(`${dir}/`)).map((p) => relative(dir, p))];
    expect(reads).not.toContain('worker/settings.py');
    expect(reads).toContain('worker/settings_quiet.py');
    const fresh = await run(dir, join(work, `fresh${counter++}`), options);
    expect(reported(edited.result)).toEqual(reported(fresh.result));
    expect(report).toBe(formatText(fresh.result, { color: 0, cwd: dir }));
    expect(codes(edited.result)).toContain('DJS101 worker/settings.py:3');
    expect(codes(edited.result)).not.toContain('DJS101 worker/settings_quiet.py:3');
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
