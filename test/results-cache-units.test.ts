// The results cache's units (src/lint/results-cache.ts, UnitRecord in src/lint/lint.ts): after an
// edit, candidates none of whose files changed are reused, not evaluated again, and the report is
// exactly what a fresh run gives: whatever changed (a base, an import probe, an include() folder,
// roles), and whatever the units file holds (forged, corrupt, not a file).
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import type { LintOptions, LintResult } from '../src/lint/lint.js';
import { lintFiles } from '../src/lint/lint.js';
import { withResultsCache } from '../src/lint/results-cache.js';
import { getParser } from '../src/model/parse.js';
import { discover } from '../src/project/discover.js';
import { repoRoot } from './support/lint.js';
// @ts-expect-error: a plain .mjs script without types
import { TINY, generateCorpus } from '../scripts/bench/generate.mjs';

const work = mkdtempSync(join(tmpdir(), 'djsec-cache-units-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let counter = 0;

function write(root: string, files: Record<string, string>): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** What a report is made of (the model and the cache's records aside). */
const reported = ({ evaluations: _model, units: _units, probes: _probes, textFacts: _facts, sources, ...rest }: LintResult) => ({ ...rest, sources: new Map(sources) });

interface CachedRun {
  result: LintResult;
  /** How many candidates the cache reused; undefined when it answered whole (nothing linted). */
  reused: number | undefined;
}

/** A run through the cache, and what a fresh run (no cache) gives for the same files. */
async function both(dir: string, cacheDir: string, candidates?: string[], evidence?: string[]): Promise<{ cached: CachedRun; fresh: LintResult }> {
  const parser = await getParser();
  const discovery = discover([dir], dir);
  const files = candidates ?? discovery.candidates;
  const options: LintOptions = { cwd: dir, rules, knownRules: rules, evidenceFiles: evidence ?? discovery.evidence, includeDev: true };
  let reused: number | undefined;
  const result = await withResultsCache({ dir: cacheDir, build: 'units-test' }, files, options, async (cached) => {
    reused = cached.reuse?.units.size ?? 0;
    return lintFiles(files, parser, cached);
  });
  return { cached: { result, reused }, fresh: lintFiles(files, parser, options) };
}

describe('results cache units', () => {
  it('reuses every package but the edited one, and reports what a fresh run reports', async () => {
    const dir = join(work, `corpus${counter++}`);
    const counts = generateCorpus(dir, TINY, 11) as { firstBaseModule: string };
    const cacheDir = join(work, `cache${counter++}`);
    const first = await both(dir, cacheDir);
    expect(first.cached.reused).toBe(0);
    expect(reported(first.cached.result)).toEqual(reported(first.fresh));
    expect((await both(dir, cacheDir)).cached.reused).toBeUndefined(); // unchanged: answered whole

    // A real change of a base: DEBUG on for everything that imports it.
    const base = counts.firstBaseModule;
    writeFileSync(base, readFileSync(base, 'utf8').replace(/^DEBUG = .*$/m, 'DEBUG = True'));
    const edited = await both(dir, cacheDir);
    const candidates = discover([dir], dir).candidates;
    const siblings = candidates.filter((c) => dirname(c) === dirname(base));
    // Only modules of the edited package can have read it.
    expect(edited.cached.reused).toBeGreaterThanOrEqual(candidates.length - siblings.length);
    expect(edited.cached.reused).toBeLessThan(candidates.length);
    expect(reported(edited.cached.result)).toEqual(reported(edited.fresh));
    expect(reported(edited.cached.result)).not.toEqual(reported(first.fresh));
  });

  it('after an edit writes only a delta over the units file; the next run that evaluates nothing writes both whole again', async () => {
    const dir = join(work, `corpus${counter++}`);
    const counts = generateCorpus(dir, TINY, 12) as { firstBaseModule: string };
    const cacheDir = join(work, `cache${counter++}`);
    await both(dir, cacheDir);
    const named = (suffix: string) => readdirSync(cacheDir).filter((f) => f.endsWith(suffix));
    const unitsFile = () => join(cacheDir, named('.units.json')[0]);
    const units = readFileSync(unitsFile());
    const base = counts.firstBaseModule;
    for (const value of ['True', 'False', 'True']) {
      writeFileSync(base, readFileSync(base, 'utf8').replace(/^DEBUG = .*$/m, `DEBUG = ${value}`));
      const edited = await both(dir, cacheDir);
      expect(edited.cached.reused).toBeGreaterThan(0);
      expect(reported(edited.cached.result)).toEqual(reported(edited.fresh));
      // The units file is as it was, a delta beside it; the stale entry is gone.
      expect(readFileSync(unitsFile()).equals(units)).toBe(true);
      expect(named('.units-delta.json')).toHaveLength(1);
      expect(readdirSync(cacheDir).filter((f) => /^[0-9a-f]{64}\.json$/.test(f))).toEqual([]);
    }
    // Nothing changed since: every unit is reused (base and delta), then everything is written whole.
    const settled = await both(dir, cacheDir);
    expect(settled.cached.reused).toBe(discover([dir], dir).candidates.length);
    expect(reported(settled.cached.result)).toEqual(reported(settled.fresh));
    expect(named('.units-delta.json')).toEqual([]);
    expect(readFileSync(unitsFile()).equals(units)).toBe(false);
    expect((await both(dir, cacheDir)).cached.reused).toBeUndefined(); // answered whole

    // A delta written over another units file is not laid over this one.
    writeFileSync(base, readFileSync(base, 'utf8').replace(/^DEBUG = .*$/m, 'DEBUG = False'));
    await both(dir, cacheDir);
    const stale = readFileSync(join(cacheDir, named('.units-delta.json')[0]));
    await both(dir, cacheDir); // compacts
    writeFileSync(join(cacheDir, named('.units.json')[0].replace('.units.json', '.units-delta.json')), stale, { mode: 0o600 });
    writeFileSync(base, readFileSync(base, 'utf8').replace(/^DEBUG = .*$/m, 'DEBUG = True'));
    const over = await both(dir, cacheDir);
    expect(over.cached.reused).toBeGreaterThan(0);
    expect(reported(over.cached.result)).toEqual(reported(over.fresh));
    expect(readFileSync(join(cacheDir, named('.units-delta.json')[0])).equals(stale)).toBe(false);

    // A delta whose body was changed after it was signed is not laid over the units file either:
    // its units (the edited package's) would be reused as forged when another package is edited.
    const deltaPath = join(cacheDir, named('.units-delta.json')[0]);
    const signedText = readFileSync(deltaPath, 'utf8');
    expect(signedText).toContain('"code":"DJS101"');
    writeFileSync(deltaPath, signedText.replaceAll('"code":"DJS101"', '"code":"DJS102"'), { mode: 0o600 });
    const packageRoot = dirname(dirname(dirname(base)));
    const elsewhere = discover([dir], dir).candidates.find((c) => !c.startsWith(`${packageRoot}/`))!;
    appendFileSync(elsewhere, 'ALLOWED_HOSTS = ["*"]\n');
    const forged = await both(dir, cacheDir);
    expect(forged.cached.reused).toBeGreaterThan(0);
    expect(reported(forged.cached.result)).toEqual(reported(forged.fresh));

    // A folder where the stale entry would be removed, and where the delta would be: left alone, the run goes on.
    await both(dir, cacheDir); // compacts: an entry again
    const entryName = readdirSync(cacheDir).find((f) => /^[0-9a-f]{64}\.json$/.test(f))!;
    rmSync(join(cacheDir, entryName));
    mkdirSync(join(cacheDir, entryName));
    writeFileSync(base, readFileSync(base, 'utf8').replace(/^DEBUG = .*$/m, 'DEBUG = True'));
    const blocked = await both(dir, cacheDir);
    expect(reported(blocked.cached.result)).toEqual(reported(blocked.fresh));
    expect(lstatSync(join(cacheDir, entryName)).isDirectory()).toBe(true);
    rmSync(join(cacheDir, entryName), { recursive: true });
    mkdirSync(join(cacheDir, entryName.replace('.json', '.units-delta.json')), { recursive: true });
    rmSync(join(cacheDir, named('.units.json')[0]));
    const rewritten = await both(dir, cacheDir); // no units file: written whole, and the delta's folder left
    expect(reported(rewritten.cached.result)).toEqual(reported(rewritten.fresh));
  });

  it('reports what a fresh run reports after any one module of the rule fixtures is edited', async () => {
    const dir = join(work, `fixtures${counter++}`);
    cpSync(join(repoRoot, 'fixtures', 'rules'), dir, { recursive: true });
    const cacheDir = join(work, `cache${counter++}`);
    const first = await both(dir, cacheDir);
    expect(reported(first.cached.result)).toEqual(reported(first.fresh));
    const candidates = discover([dir], dir).candidates;
    // Edits that change values, roles (a new star import makes a base) and findings, spread over the tree.
    const edits = ['\nDEBUG = True\n', '\nfrom .base import *  # noqa\nSECRET_KEY = "a-literal-secret-of-some-length-1234567890"\n', '\nALLOWED_HOSTS = ["*"]\n'];
    const picks = candidates.filter((_, i) => i % Math.ceil(candidates.length / 6) === 3);
    expect(picks.length).toBeGreaterThanOrEqual(5);
    for (const [i, file] of picks.entries()) {
      appendFileSync(file, edits[i % edits.length]);
      const run = await both(dir, cacheDir);
      expect(run.cached.reused).toBeGreaterThan(0);
      expect(reported(run.cached.result), file).toEqual(reported(run.fresh));
    }
  });

  const project = (files: Record<string, string> = {}) =>
    write(join(work, `p${counter++}`), {
      'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n',
      'config/__init__.py': '',
      'config/settings/__init__.py': '',
      'config/settings/base.py': 'SECRET_KEY = "django-insecure-8f3k2l1m0n9b8v7c6x5z4a3s2d1f0g9h8j7k6"\nALLOWED_HOSTS = ["shop.example.com"]\n',
      'config/settings/production.py': 'from .base import *  # noqa\nDEBUG = False\n',
      'other/settings.py': 'DEBUG = False\nSECRET_KEY = "another-literal-secret-that-is-long-enough-1"\nALLOWED_HOSTS = ["x.example.com"]\n',
      ...files,
    });

  it('does not reuse a unit when a module appears where its import looked', async () => {
    const dir = project({ 'config/settings/production.py': 'from .base import *  # noqa\nDEBUG = False\ntry:\n    from config.overrides import *  # noqa\nexcept ImportError:\n    pass\n' });
    const cacheDir = join(work, `cache${counter++}`);
    // config/overrides.py is no candidate: only the import probe knows it was missing.
    const candidates = ['config/settings/base.py', 'config/settings/production.py', 'other/settings.py'].map((p) => join(dir, p));
    const before = await both(dir, cacheDir, candidates);
    write(dir, { 'config/overrides.py': 'DEBUG = True\n' });
    const after = await both(dir, cacheDir, candidates);
    expect(after.cached.reused).toBe(0);
    expect(reported(after.cached.result)).toEqual(reported(after.fresh));
    expect(reported(after.fresh)).not.toEqual(reported(before.fresh));
  });

  it("does not reuse a unit when a folder an include() glob listed changes", async () => {
    const dir = project({
      'config/settings/production.py': 'from split_settings.tools import include\ninclude("components/*.py")\n',
      'config/settings/components/base.py': 'SECRET_KEY = "django-insecure-8f3k2l1m0n9b8v7c6x5z4a3s2d1f0g9h8j7k6"\nALLOWED_HOSTS = ["shop.example.com"]\nDEBUG = False\n',
    });
    const cacheDir = join(work, `cache${counter++}`);
    const candidates = ['config/settings/production.py', 'other/settings.py'].map((p) => join(dir, p));
    await both(dir, cacheDir, candidates);
    write(dir, { 'config/settings/components/zz_debug.py': 'DEBUG = True\n' });
    const after = await both(dir, cacheDir, candidates);
    expect(after.cached.reused).toBe(0);
    expect(reported(after.cached.result)).toEqual(reported(after.fresh));
    expect(after.fresh.findings.some((f) => f.code === 'DJS101')).toBe(true);
  });

  it('re-judges a reused module whose role changed (now a base, now a fragment)', async () => {
    const dir = project();
    const cacheDir = join(work, `cache${counter++}`);
    await both(dir, cacheDir);
    // other/settings.py becomes a base of a new module: its own file is unchanged, so it is reused.
    write(dir, { 'other/production_settings.py': 'from other.settings import *  # noqa\nSESSION_COOKIE_SECURE = True\n' });
    const based = await both(dir, cacheDir);
    expect(based.cached.reused).toBeGreaterThan(0);
    expect(reported(based.cached.result)).toEqual(reported(based.fresh));
    // A whole module that site/settings/main.py now star-imports under a condition is an overlay,
    // judged as a fragment: its file is unchanged, but its entry findings are not the last run's.
    write(dir, {
      'site/settings/__init__.py': '',
      'site/settings/overlay.py':
        'import os\nSECRET_KEY = os.environ["OVERLAY_KEY"]\nALLOWED_HOSTS = ["o.example.com"]\nDEBUG = False\nINSTALLED_APPS = ["django.contrib.sessions"]\nMIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]\n',
    });
    const whole = await both(dir, cacheDir);
    expect(reported(whole.cached.result)).toEqual(reported(whole.fresh));
    write(dir, {
      'site/settings/main.py':
        'import os\nif os.path.exists("/etc/site-overlay"):\n    from .overlay import *  # noqa\nSECRET_KEY = os.environ["MAIN_KEY"]\nALLOWED_HOSTS = ["m.example.com"]\nDEBUG = False\nDATABASES = {}\nINSTALLED_APPS = []\nROOT_URLCONF = "site.urls"\n',
    });
    const overlaid = await both(dir, cacheDir);
    expect(overlaid.fresh.roles.find((r) => r.file === 'site/settings/overlay.py')?.role).toBe('fragment');
    expect(overlaid.cached.reused).toBeGreaterThan(0);
    expect(reported(overlaid.cached.result)).toEqual(reported(overlaid.fresh));
    expect(overlaid.fresh.findings.filter((f) => f.file === 'site/settings/overlay.py')).not.toEqual(whole.fresh.findings.filter((f) => f.file === 'site/settings/overlay.py'));
    // manage.py is evidence: changing it is a new key, so a whole run.
    write(dir, { 'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "other.settings")\n' });
    const moved = await both(dir, cacheDir);
    expect(reported(moved.cached.result)).toEqual(reported(moved.fresh));
  });

  it('judges a django-configurations module anew when the wsgi.py above it names another class', async () => {
    const dir = join(work, `configurations${counter++}`);
    cpSync(join(repoRoot, 'fixtures', 'rules', 'DJS101', 'configurations-project'), dir, { recursive: true });
    const cacheDir = join(work, `cache${counter++}`);
    // wsgi.py as no evidence file (as when it lies outside the paths scanned): only the entry-point check sees it.
    const candidates = [join(dir, 'shop', 'settings.py')];
    const before = await both(dir, cacheDir, candidates, []);
    expect((await both(dir, cacheDir, candidates, [])).cached.reused).toBeUndefined();
    const wsgi = join(dir, 'shop', 'wsgi.py');
    writeFileSync(wsgi, readFileSync(wsgi, 'utf8').replace('"Prod"', '"Dev"'));
    const after = await both(dir, cacheDir, candidates, []);
    expect(after.cached.reused).toBe(0);
    expect(reported(after.cached.result)).toEqual(reported(after.fresh));
    expect(reported(after.fresh)).not.toEqual(reported(before.fresh));
  });

  it('lists a "decoded as" note where a fresh run lists it, reused or not', async () => {
    const dir = project();
    write(dir, { 'common/__init__.py': '', 'one/settings.py': 'from common.base_settings import *\nDEBUG = False\n', 'two/settings.py': 'from common.base_settings import *\nDEBUG = True\n' });
    writeFileSync(join(dir, 'common/base_settings.py'), Buffer.from('# caf\xe9\nSECRET_KEY = "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t-x"\n', 'latin1'));
    writeFileSync(join(dir, 'one/legacy_settings.py'), Buffer.from('# na\xefve\nDEBUG = False\n', 'latin1'));
    const cacheDir = join(work, `cache${counter++}`);
    const first = await both(dir, cacheDir);
    expect(first.fresh.notes.map((n) => n.file)).toEqual(['common/base_settings.py', 'one/legacy_settings.py']);
    // one/settings.py (which loaded the Latin-1 module first) is edited; two/settings.py is reused.
    appendFileSync(join(dir, 'one/settings.py'), 'ALLOWED_HOSTS = ["*"]\n');
    const edited = await both(dir, cacheDir);
    expect(edited.cached.reused).toBeGreaterThan(0);
    expect(reported(edited.cached.result)).toEqual(reported(edited.fresh));
    appendFileSync(join(dir, 'two/settings.py'), 'ALLOWED_HOSTS = ["*"]\n');
    const again = await both(dir, cacheDir);
    expect(again.cached.reused).toBeGreaterThan(0);
    expect(reported(again.cached.result)).toEqual(reported(again.fresh));
  });

  it('ignores a units file that is forged, corrupt, from another key or not a regular file', async () => {
    const dir = project();
    const cacheDir = join(work, `cache${counter++}`);
    await both(dir, cacheDir);
    const unitsFile = () => join(cacheDir, readdirSync(cacheDir).find((f) => f.endsWith('.units.json'))!);
    const entryFile = () => join(cacheDir, readdirSync(cacheDir).find((f) => /^[0-9a-f]{64}\.json$/.test(f))!);
    const base = join(dir, 'config/settings/base.py');
    let round = 0;
    const editAndCheck = async () => {
      appendFileSync(base, `DEBUG = ${round++ % 2 === 0 ? 'True' : 'False'}\n`);
      const run = await both(dir, cacheDir);
      expect(reported(run.cached.result)).toEqual(reported(run.fresh));
      return run.cached.reused;
    };
    expect(await editAndCheck()).toBeGreaterThan(0); // a sound file is used

    // Forged: a unit's findings emptied, the HMAC left as it was.
    const text = readFileSync(unitsFile(), 'utf8');
    writeFileSync(unitsFile(), text.replace(/"findings":\[[^\]]+\]/, '"findings":[]'), { mode: 0o600 });
    expect(await editAndCheck()).toBe(0);
    // Corrupt: cut short.
    writeFileSync(unitsFile(), readFileSync(unitsFile(), 'utf8').slice(0, 100), { mode: 0o600 });
    expect(await editAndCheck()).toBe(0);
    // A body naming another key (the HMAC covers the name and the body).
    const other = readFileSync(unitsFile(), 'utf8');
    writeFileSync(unitsFile(), other.replace(/"key":"[0-9a-f]{64}"/, `"key":"${'0'.repeat(64)}"`), { mode: 0o600 });
    expect(await editAndCheck()).toBe(0);
    // A symlink to a good copy, and a FIFO-like non-file (a folder): neither is read.
    const good = readFileSync(unitsFile());
    const copy = join(work, `copy${counter++}.json`);
    writeFileSync(copy, good, { mode: 0o600 });
    unlinkSync(unitsFile());
    const linked = entryFile().replace(/\.json$/, '.units.json');
    symlinkSync(copy, linked);
    expect(await editAndCheck()).toBe(0);
    expect(existsSync(linked)).toBe(true);
  });
});
