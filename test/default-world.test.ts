// Issue 14's policy points that fixtures cannot state (levels, confidence, folding, JSON fields):
// the default world decides statement-level branches with medium confidence and --env makes them
// high; a required SECRET_KEY fails closed (a note); an empty ALLOWED_HOSTS is a note; one root
// cause gives one finding that lists every Django check it covers.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import type { Finding } from '../src/finding.js';
import { foldRootCauses } from '../src/lint/fold.js';
import { evaluateModule, summarize } from './support/model.js';
import { lintSource, repoRoot } from './support/lint.js';

const only = (code: string, findings: Finding[]) => findings.filter((f) => f.code === code);

function djsecJson(source: string, args: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'djsec-world-'));
  writeFileSync(join(dir, 'settings.py'), source);
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'djsec.js'), 'settings.py', '--format', 'json', ...args], { cwd: dir, encoding: 'utf8' });
  return JSON.parse(r.stdout) as { findings: (Finding & { djangoChecks: string[]; folded: { code: string }[] })[] };
}

describe('statement-level branches in the default world', () => {
  const source = 'import os\nMIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]\nif os.getenv("LOCAL_DEV") is not None:\n    CSRF_COOKIE_SECURE = True\nelse:\n    CSRF_COOKIE_SECURE = False\n';

  it('takes the branch an empty environment takes, with medium confidence, naming the variable and the branch', async () => {
    const [f] = only('DJS403', (await lintSource(source, rules)).findings);
    expect(f.line).toBe(6);
    expect(f.confidence).toBe('medium');
    expect(f.message).toContain('when LOCAL_DEV is unset (branch at ');
  });

  it('re-decides with --env, and the chosen value is then certain', async () => {
    expect(only('DJS403', (await lintSource(source, rules, { env: new Map([['LOCAL_DEV', '1']]) })).findings)).toEqual([]);
    const off = 'import os\nMIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]\nif os.environ.get("HTTPS") == "on":\n    CSRF_COOKIE_SECURE = True\nelse:\n    CSRF_COOKIE_SECURE = False\n';
    const [f] = only('DJS403', (await lintSource(off, rules, { env: new Map([['HTTPS', 'off']]) })).findings);
    expect(f.confidence).toBe('high');
  });

  it('keeps oneOf, at low confidence, only for conditions that cannot be decided', async () => {
    const undecidable = 'import os\nMIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]\nif os.path.exists("/etc/x"):\n    CSRF_COOKIE_SECURE = False\nelse:\n    CSRF_COOKIE_SECURE = False\n';
    const [f] = only('DJS403', (await lintSource(undecidable, rules)).findings);
    expect(f.confidence).toBe('low');
  });

  it('narrows a guarded variable: inside `if os.environ.get("K"):` a lookup of K is not its default', async () => {
    const m = await evaluateModule('import os\nX = None\nif os.environ.get("K"):\n    X = os.environ.get("K")\n');
    const x = m.ns.get('X');
    expect(summarize(x)).toBe('known None [world K]');
    expect(x?.kind === 'known' && x.world?.[0].otherwise ? summarize(x.world[0].otherwise) : 'none').toBe('unknown');
    const deployed = await evaluateModule('import os\nX = None\nif "K" in os.environ:\n    X = os.environ.get("K")\n', { K: 'v' });
    expect(summarize(deployed.ns.get('X'))).toBe("env[K=] 'v'");
  });

  it('binds a walrus target in the module', async () => {
    const m = await evaluateModule('import os\nif (n := os.environ.get("N", "3")) == "3":\n    X = n\n');
    expect(summarize(m.ns.get('n'))).toBe("env[N] '3'");
    expect(summarize(m.ns.get('X'))).toBe("env[N] '3'");
  });
});

describe('--print-settings for a value the default world chose', () => {
  it('shows the condition, the branch and what the other branch would give', () => {
    const dir = mkdtempSync(join(tmpdir(), 'djsec-world-'));
    writeFileSync(join(dir, 'settings.py'), 'import os\nif os.getenv("LOCAL_DEV") is not None:\n    CSRF_COOKIE_SECURE = True\nelse:\n    CSRF_COOKIE_SECURE = False\n');
    const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'djsec.js'), 'settings.py', '--print-settings'], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout).toContain('CSRF_COOKIE_SECURE  False  literal  settings.py:5  (default world: LOCAL_DEV unset, by `if os.getenv("LOCAL_DEV") is not None` at settings.py:2; otherwise True)');
  });
});

describe('helpers with several returns', () => {
  it('give one of their returns when a branch cannot be decided, so a default in one is still modelled', async () => {
    const m = await evaluateModule(
      'import os\ndef get_secret(name, default=None):\n    if os.path.exists("/run/secrets/" + name):\n        return "from-file"\n    return os.environ.get(name, default)\nX = get_secret("K", "dev-key")\n',
    );
    expect(summarize(m.ns.get('X'))).toBe("oneOf(known 'from-file' | env[K] 'dev-key')");
  });
});

describe('helpers whose branch the default world skips', () => {
  // saleor's shape: `if name in os.environ: ... return default_value`.
  const helper = 'import ast\nimport os\ndef get_bool_from_env(name, default_value):\n    if name in os.environ:\n        return ast.literal_eval(os.environ[name])\n    return default_value\nDEBUG = get_bool_from_env("DEBUG", True)\n';

  it('return a value that depends on the variable: medium confidence, naming it', async () => {
    const [f] = only('DJS101', (await lintSource(helper, rules)).findings);
    expect(f.line).toBe(7);
    expect(f.confidence).toBe('medium');
    expect(f.message).toContain('DEBUG is unset');
  });

  it('are decided again with --env', async () => {
    expect(only('DJS101', (await lintSource(helper, rules, { env: new Map([['DEBUG', 'False']]) })).findings)).toEqual([]);
  });
});

describe('levels of failing closed', () => {
  it('reports a SECRET_KEY that is None when its variable is unset as a note (Django refuses to start)', async () => {
    const [f] = only('DJS202', (await lintSource('import os\nSECRET_KEY = os.environ.get("DJANGO_SECRET_KEY")\n', rules)).findings);
    expect(f.level).toBe('note');
    expect(f.djangoCheck).toBe('security.W009');
  });

  it('still reports an empty literal SECRET_KEY as an error', async () => {
    const [f] = only('DJS202', (await lintSource('SECRET_KEY = ""\n', rules)).findings);
    expect(f.level).toBe('error');
  });

  it('reports an empty ALLOWED_HOSTS as a note', async () => {
    const [f] = only('DJS501', (await lintSource('ALLOWED_HOSTS = []\n', rules)).findings);
    expect(f.level).toBe('note');
  });
});

describe('one finding per root cause', () => {
  it('folds DJS202 into DJS201 on a short literal key, listing both codes and the Django check', () => {
    const report = djsecJson('SECRET_KEY = "short"\n', ['--select', 'DJS201,DJS202']);
    expect(report.findings.map((f) => f.code)).toEqual(['DJS201']);
    const [f] = report.findings;
    expect(f.folded.map((o) => o.code)).toEqual(['DJS202']);
    expect(f.djangoChecks).toEqual(['security.W009']);
    expect(f.djangoCheck).toBe('security.W009');
    expect(f.message).toContain('Also DJS202 (secret-key-weak): SECRET_KEY ');
  });

  it('folds DJS202 into DJS203 on a weak env default, and DJS102/DJS104 into DJS101 on one DEBUG line', () => {
    const report = djsecJson(
      'import os\nDEBUG = os.environ.get("DJANGO_DEBUG", "False")\nTEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "OPTIONS": {"debug": DEBUG}}]\nSECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "changeme")\n',
      ['--select', 'DJS101,DJS102,DJS104,DJS202,DJS203'],
    );
    expect(report.findings.map((f) => [f.code, f.line, f.folded.map((o) => o.code)])).toEqual([
      ['DJS101', 2, ['DJS102', 'DJS104']],
      ['DJS203', 4, ['DJS202']],
    ]);
  });

  it('keeps a suppression of one folded code working: the other is reported alone', () => {
    const report = djsecJson('SECRET_KEY = "short"  # djsec: ignore[DJS202]\n', ['--select', 'DJS201,DJS202']);
    expect(report.findings.map((f) => [f.code, f.folded])).toEqual([['DJS201', []]]);
  });

  it('keeps baselines working per code: a recorded DJS202 stays hidden, the DJS201 beside it is reported alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'djsec-world-'));
    writeFileSync(join(dir, 'settings.py'), 'SECRET_KEY = "short"\n');
    const djsec = (args: string[]) => spawnSync(process.execPath, [join(repoRoot, 'bin', 'djsec.js'), 'settings.py', ...args], { cwd: dir, encoding: 'utf8' });
    const run = (args: string[]) => djsec(['--select', 'DJS201,DJS202', ...args]);
    djsec(['--select', 'DJS202', '--write-baseline', 'only-202.json']);
    const partial = JSON.parse(run(['--baseline', 'only-202.json', '--format', 'json']).stdout) as { findings: { code: string; folded: unknown[] }[] };
    expect(partial.findings.map((f) => [f.code, f.folded])).toEqual([['DJS201', []]]);
    run(['--write-baseline', 'both.json']);
    const none = JSON.parse(run(['--baseline', 'both.json', '--format', 'json']).stdout) as { findings: unknown[] };
    expect(none.findings).toEqual([]);
  });

  it('does not fold findings of unrelated rules or lines', () => {
    const a = { code: 'DJS201', name: 'x', level: 'error', message: 'a: b', file: 's.py', line: 1, column: 1, endLine: 1, endColumn: 2, cwe: [], confidence: 'high' } as Finding;
    const b = { ...a, code: 'DJS202', line: 2 };
    const c = { ...a, code: 'DJS301' };
    expect(foldRootCauses([a, b, c])).toEqual([a, b, c]);
  });
});
