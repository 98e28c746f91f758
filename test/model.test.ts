// The settings model on real-world layouts: which modules are entries, what the effective values
// are, where they came from, and what --env changes.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import debugEnabled from '../rules/debug-enabled.js';
import { printSettings } from '../src/report/print-settings.js';
import { lintFolder, repoRoot } from './support/lint.js';
import { evaluateModule, summarize } from './support/model.js';

const layout = (name: string) => join(repoRoot, 'fixtures', 'rules', 'DJS101', name);
const rel = (name: string, file: string) => `fixtures/rules/DJS101/${name}/${file}`;

describe('roles on real-world layouts', () => {
  it('cookiecutter-django: production is the entry; local and test are skipped; base only through production', async () => {
    const r = await lintFolder(layout('cookiecutter'), rules);
    expect(r.entries).toEqual([rel('cookiecutter', 'config/settings/production.py')]);
    expect(r.skipped.map((s) => s.file).sort()).toEqual([rel('cookiecutter', 'config/settings/local.py'), rel('cookiecutter', 'config/settings/test.py')]);
    expect(r.skipped.every((s) => s.reason.includes('development/test'))).toBe(true);
  });

  it('cookiecutter-django: DEBUG is reported at base.py with medium confidence, naming the variable, once', async () => {
    const r = await lintFolder(layout('cookiecutter'), [debugEnabled]);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({
      code: 'DJS101',
      file: rel('cookiecutter', 'config/settings/base.py'),
      line: 15,
      confidence: 'medium',
      entry: rel('cookiecutter', 'config/settings/production.py'),
    });
    expect(r.findings[0].message).toContain('DEBUG is True when DJANGO_DEBUG is unset (default in');
  });

  it('cookiecutter-django: --env DJANGO_DEBUG=false clears DEBUG', async () => {
    const r = await lintFolder(layout('cookiecutter'), [debugEnabled], { env: new Map([['DJANGO_DEBUG', 'false']]) });
    expect(r.findings).toEqual([]);
  });

  it('--include-dev lints development modules too', async () => {
    const r = await lintFolder(layout('cookiecutter'), [debugEnabled], { includeDev: true });
    expect(r.findings.map((f) => `${f.file}:${f.line}`).sort()).toEqual([
      rel('cookiecutter', 'config/settings/base.py:15'),
      rel('cookiecutter', 'config/settings/local.py:4'),
      rel('cookiecutter', 'config/settings/test.py:5'),
    ]);
  });

  it('explicit --settings overrides the guess', async () => {
    const r = await lintFolder(layout('cookiecutter'), [debugEnabled], { settings: ['config/settings/local.py'] });
    expect(r.entries).toEqual([rel('cookiecutter', 'config/settings/local.py')]);
    expect(r.findings.map((f) => `${f.file}:${f.line}`)).toEqual([rel('cookiecutter', 'config/settings/local.py:4')]);
  });

  it('--print-settings shows each value with its kind and the chain of files', async () => {
    const r = await lintFolder(layout('cookiecutter'), rules);
    const text = printSettings(r);
    expect(text).toContain(`# ${rel('cookiecutter', 'config/settings/production.py')}`);
    expect(text).toMatch(/# {3}entry: /);
    expect(text).toMatch(/reads: .*production\.py → .*base\.py/);
    expect(text).toMatch(new RegExp(`DEBUG\\s+env DJANGO_DEBUG, default True  ${rel('cookiecutter', 'config/settings/base.py')}:15`));
    expect(text).toMatch(/SECRET_KEY\s+unknown: environment variable DJANGO_SECRET_KEY must be set/);
    expect(text).toMatch(/SESSION_COOKIE_SECURE\s+True {2}literal/);
  });

  it('classic settings/{base,dev,prod}.py with an absolute star import: prod is the entry', async () => {
    const r = await lintFolder(layout('classic'), rules);
    expect(r.entries).toEqual([rel('classic', 'mysite/settings/prod.py')]);
    expect(r.skipped.map((s) => s.file)).toEqual([rel('classic', 'mysite/settings/dev.py')]);
    const prod = [...r.evaluations.values()].find((e) => e.module.file.endsWith('prod.py'))!;
    expect(summarize(prod.ns.get('MIDDLEWARE'))).toBe("known ['django.middleware.security.SecurityMiddleware', 'django.middleware.clickjacking.XFrameOptionsMiddleware']");
    expect(summarize(prod.ns.get('ALLOWED_HOSTS'))).toBe("env[ALLOWED_HOSTS] ['']");
  });

  it('a package __init__ that picks its module by env var takes the default world\'s branch', async () => {
    const r = await lintFolder(layout('env-switch'), rules);
    const init = [...r.evaluations.values()].find((e) => e.module.file.endsWith('__init__.py'))!;
    // The default world (DJANGO_ENV unset) takes the else branch: staging's DEBUG, depending on DJANGO_ENV.
    expect(summarize(init.ns.get('DEBUG'))).toBe('known True [world DJANGO_ENV]');
    // Each module the switch picks is an entry of its own; the switch itself is not judged.
    expect(r.entries.map((e) => e.split('/').pop()).sort()).toEqual(['production.py', 'staging.py']);
    expect(r.skipped.find((s) => s.file.endsWith('__init__.py'))?.reason).toMatch(/^a switch: picks /);
  });

  it('django-split-settings: include() runs components in one namespace, in order, with globs', async () => {
    const r = await lintFolder(layout('split-settings'), rules);
    const init = [...r.evaluations.values()].find((e) => e.module.file.endsWith('settings/__init__.py'))!;
    expect(summarize(init.ns.get('DEBUG'))).toBe('known 1');
    expect(summarize(init.ns.get('DEBUG_LEVEL'))).toBe("known 'quiet'");
    expect(summarize(init.ns.get('SECURE_SSL_REDIRECT'))).toBe('oneOf(known True | unassigned)');
    expect(r.entries).toEqual([rel('split-settings', 'mysite/settings/__init__.py')]);
  });

  it('django-split-settings: include(*parts) runs the list built in the module, optional() items optionally', async () => {
    const dir = join(repoRoot, 'fixtures', 'roles', 'split-settings-list');
    const r = await lintFolder(dir, rules);
    const init = [...r.evaluations.values()].find((e) => e.module.file.endsWith('settings/__init__.py'))!;
    const includes = init.edges.filter((e) => e.kind === 'include').map((e) => `${e.to.split('/').slice(-2).join('/')}${e.conditional ? ' (conditional)' : ''}`);
    expect(includes).toContain('components/common.py');
    expect(includes).toContain('components/database.py');
    expect(summarize(init.ns.get('DATABASES'))).toMatch(/^known \{'default'/);
    // The missing optional("local_settings.py") is no unresolved include.
    expect(init.notes.filter((n) => n.kind === 'unresolved-import')).toEqual([]);
  });

  it('a single settings.py with a decidable if DEBUG: block takes one branch', async () => {
    const r = await lintFolder(layout('if-debug'), rules);
    const s = [...r.evaluations.values()][0];
    expect(summarize(s.ns.get('INSTALLED_APPS'))).toBe("known ['django.contrib.admin']");
    expect(summarize(s.ns.get('SESSION_COOKIE_SECURE'))).toBe('known True');
    expect(summarize(s.ns.get('DEBUG_PROPAGATE_EXCEPTIONS'))).toBe('known False');
  });

  it('an import cycle is detected and noted once', async () => {
    const r = await lintFolder(layout('cycle'), rules);
    const notes = [...r.evaluations.values()].flatMap((e) => e.notes).filter((n) => n.kind === 'import-cycle');
    expect(new Set(notes.map((n) => n.message)).size).toBe(1);
    expect(notes[0].message).toMatch(/import cycle: .*a\.py → .*b\.py → .*a\.py/);
  });

  it('decouple: config() defaults are cast', async () => {
    const r = await lintFolder(layout('decouple'), rules);
    const s = [...r.evaluations.values()][0];
    expect(summarize(s.ns.get('DEBUG'))).toBe('env[DEBUG] False');
    expect(summarize(s.ns.get('ALLOWED_HOSTS'))).toBe('env[ALLOWED_HOSTS] []');
    expect(summarize(s.ns.get('SECRET_KEY'))).toBe('unknown');
  });
});

describe('statements', () => {
  const cases: [string, string, string][] = [
    ['X: int = 1', 'X', 'known 1'],
    ['X = Y = [1]', 'Y', 'known [1]'],
    ['A, (B, C) = 1, (2, 3)', 'C', 'known 3'],
    ['A, *B = 1, 2, 3', 'B', 'unknown'],
    ['X = [1]\nX += (2,)', 'X', 'known [1, 2]'],
    ['X = "a"\nX += "b"', 'X', "known 'ab'"],
    ['X = ["a", "c"]\nX.append("d")\nX.insert(1, "b")\nX.remove("c")', 'X', "known ['a', 'b', 'd']"],
    ['X = ["a"]\nX.extend(["b"])', 'X', "known ['a', 'b']"],
    ['X = {"default": {"HOST": "a"}}\nX["default"]["HOST"] = "b"', 'X', "known {'default': {'HOST': 'b'}}"],
    ['X = {"a": 1}\nX.update({"b": 2}, )\nX.update(c=3)', 'X', "known {'a': 1, 'b': 2, 'c': 3}"],
    ['X = {"a": 1, "b": 2}\nX.update({"b": 3, "c": 4}, a=5)\nX.update()', 'X', "known {'a': 5, 'b': 3, 'c': 4}"],
    ['X = {"a": 1, "b": 2}\ndel X["a"]', 'X', "known {'b': 2}"],
    ['X = 1\ndel X', 'X', 'undefined'],
    ['X = [1]\nX.sort()', 'X', 'unknown'],
    ['X = 1\nfor i in range(3):\n    X = i', 'X', 'unknown'],
    ['X = []\nfor app in ["a"]:\n    X.append(app)', 'X', 'unknown'],
    ['X = 1\nwith open("f") as fh:\n    X = 2', 'X', 'known 2'],
    ['X = 1\ndef f():\n    global X\n    X = 2', 'X', 'unknown'],
    // A dynamic write may replace a value: it is no longer judged as final, nor forgotten.
    ['X = 1\nglobals().update({"X": 2})', 'X', 'oneOf(known 1 | unknown)'],
    ['X = 1\nglobals()["X"] = 2', 'X', 'oneOf(known 1 | unknown)'],
    // The default world: P and Q unset, neither branch runs.
    ['import os\nif os.environ.get("P"):\n    X = 1\nelif os.environ.get("Q"):\n    X = 2', 'X', 'undefined'],
    ['import os\nX = 0\nif os.environ.get("P"):\n    X = 1\nelif os.environ.get("Q"):\n    X = 2', 'X', 'known 0 [world P, Q]'],
    ['import os\nif os.environ.get("P", "yes"):\n    X = 1\nelse:\n    X = 2', 'X', 'known 1 [world P]'],
    ['import os\nif "P" in os.environ:\n    X = 1\nelse:\n    X = 2', 'X', 'known 2 [world P]'],
    ['import os\nif os.getenv("P") is not None:\n    X = 1\nelse:\n    X = 2', 'X', 'known 2 [world P]'],
    // Undecidable even so (a required variable, the file system): each branch is an option.
    ['import os\nif os.environ["P"] == "1":\n    X = 1\nelse:\n    X = 2', 'X', 'oneOf(known 1 | known 2)'],
    ['import os\nif os.path.exists("/etc/p"):\n    X = 1\nelif os.path.exists("/etc/q"):\n    X = 2', 'X', 'oneOf(known 1 | known 2 | unassigned)'],
    ['if True:\n    X = 1\nelse:\n    X = 2', 'X', 'known 1'],
    ['try:\n    X = 1\nexcept ImportError:\n    X = 2', 'X', 'known 1'],
    ['X = 0\ntry:\n    from .local import *\nexcept ImportError:\n    pass', 'X', 'known 0'],
    ['import os\nos.environ.setdefault("K", "v")\nX = os.environ.get("K")', 'X', "env[K] 'v'"],
    ['import os\nos.environ["K"] = "w"\nX = os.getenv("K", "z")', 'X', "env[K] 'w'"],
  ];
  it.each(cases)('%s → %s is %s', async (source, name, expected) => {
    const m = await evaluateModule(source + '\n');
    expect(summarize(m.ns.get(name))).toBe(expected);
  });

  it('records a note when globals() is written', async () => {
    const m = await evaluateModule('X = 1\nglobals().update({})\n');
    expect(m.notes.map((n) => n.kind)).toEqual(['dynamic-globals']);
    expect(m.poisoned).toBe(true);
  });

  it('an unresolved star import of settings makes unassigned settings unknown, not defaults', async () => {
    const { lintSource } = await import('./support/lint.js');
    const result = await lintSource('from .base import *  # base.py is not in the scanned files\nDEBUG = False\n', rules);
    expect(result.findings.map((f) => f.code)).toEqual(['DJS005']);
    const absolute = await lintSource('from mysite.settings.common import *\nDEBUG = False\n', rules);
    expect(absolute.findings.map((f) => f.code)).toEqual(['DJS005']);
    // A library star import says nothing about settings: missing-setting rules still judge.
    const library = await lintSource('from celery.schedules import *\nDEBUG = False\n', rules);
    expect(library.findings.map((f) => f.code)).toContain('DJS301');
  });

  it('never throws on any fixture', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const files = (readdirSync(join(repoRoot, 'fixtures'), { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.py'));
    for (const f of files) await evaluateModule(readFileSync(join(repoRoot, 'fixtures', f), 'utf8'), {}, join(repoRoot, 'fixtures', f));
  });
});
