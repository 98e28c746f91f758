// The integrations, through the built binary as users run it: SARIF for code scanning, GitHub
// workflow commands, [tool.djsec] config, suppressions, baselines and --stdin. The full SARIF
// validators (SARIF multitool + upload-sarif's checks) run in .ci/run: ../shared/tools/check-sarif.sh.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { lineFingerprints } from '../src/report/fingerprint.js';
import { escapeData, escapeProperty } from '../src/report/github.js';
import { repoRoot } from './support/lint.js';

const bin = join(repoRoot, 'bin', 'djsec.js');

function djsec(args: string[], options: { cwd?: string; input?: string } = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? repoRoot,
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '0' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

/** A throwaway project: files by relative path; `.git` makes it a repository root. */
function project(files: Record<string, string>, options: { git?: boolean } = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'djsec-it-'));
  temps.push(root);
  if (options.git !== false) mkdirSync(join(root, '.git'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

const INSECURE = 'SECRET_KEY = "x"\nDEBUG = True\nALLOWED_HOSTS = ["*"]\n';

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; semanticVersion: string; rules: Record<string, unknown>[] } };
    automationDetails?: { id: string };
    originalUriBaseIds: Record<string, unknown>;
    invocations: { executionSuccessful: boolean }[];
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[];
      partialFingerprints: { primaryLocationLineHash: string };
      properties: Record<string, unknown>;
    }[];
  }[];
}

describe('--format sarif', () => {
  const sarifOf = (args: string[], cwd?: string) => {
    const r = djsec([...args, '-f', 'sarif'], { cwd });
    return { ...r, log: JSON.parse(r.stdout) as SarifLog };
  };

  it('describes every rule with the fields GitHub reads', () => {
    const { log } = sarifOf(['fixtures/example-project']);
    expect(log.$schema).toMatch(/sarif-2\.1\.0\.json$/);
    expect(log.version).toBe('2.1.0');
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('djsec');
    expect(driver.rules.map((r) => r.id)).toEqual(rules.map((r) => r.code));
    for (const r of driver.rules as { id: string; shortDescription: { text: string }; fullDescription: { text: string }; help: { text: string; markdown: string }; helpUri: string; properties: { tags: string[]; precision: string; 'security-severity': string } }[]) {
      expect(r.shortDescription.text.length, r.id).toBeGreaterThan(0);
      expect(r.fullDescription.text.length, r.id).toBeGreaterThan(0);
      expect(r.help.text, r.id).toContain(r.id);
      expect(r.help.markdown, r.id).toContain('## What it does');
      expect(r.helpUri, r.id).toMatch(new RegExp(`/docs/rules/${r.id}-[a-z0-9-]+\\.md$`));
      expect(r.properties.tags, r.id).toContain('security');
      expect(['very-high', 'high', 'medium', 'low'], r.id).toContain(r.properties.precision);
      expect(r.properties['security-severity'], r.id).toMatch(/^\d+(\.\d+)?$/);
    }
    const debug = driver.rules.find((r) => r.id === 'DJS101') as { properties: { tags: string[] } };
    expect(debug.properties.tags).toContain('external/cwe/cwe-489');
  });

  it('gives each result a repository-relative location, a region and the upload-sarif fingerprint', () => {
    const { log, code } = sarifOf(['fixtures/example-project']);
    expect(code).toBe(1);
    const run = log.runs[0];
    expect(run.originalUriBaseIds).toHaveProperty('%SRCROOT%');
    expect(run.invocations[0].executionSuccessful).toBe(true);
    expect(run.automationDetails).toBeUndefined();
    const debug = run.results.find((r) => r.ruleId === 'DJS101')!;
    expect(run.tool.driver.rules[debug.ruleIndex].id).toBe('DJS101');
    expect(debug.level).toBe('error');
    expect(debug.locations).toHaveLength(1);
    expect(debug.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'fixtures/example-project/mysite/settings.py', uriBaseId: '%SRCROOT%' },
      region: { startLine: 9, startColumn: 9, endLine: 9, endColumn: 13 },
    });
    const text = readFileSync(join(repoRoot, 'fixtures/example-project/mysite/settings.py'), 'utf8');
    expect(debug.partialFingerprints.primaryLocationLineHash).toBe(lineFingerprints(text)[8]);
    expect(debug.properties).toMatchObject({ djangoCheck: 'security.W018', confidence: 'high' });
    for (const r of run.results) expect(r.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]+:\d+$/);
  });

  it('uses paths relative to the repository root from a subfolder, percent-encoded', () => {
    const root = project({ 'my app/settings.py': INSECURE });
    const { log } = sarifOf(['settings.py'], join(root, 'my app'));
    const uris = new Set(log.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri));
    expect([...uris]).toEqual(['my%20app/settings.py']);
  });

  it('falls back to the working directory outside a repository', () => {
    const root = project({ 'mysite/settings.py': INSECURE }, { git: false });
    const { log } = sarifOf(['mysite/settings.py'], root);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('mysite/settings.py');
  });

  it('has an empty results array when clean, and a category only when asked', () => {
    const root = project({ 'settings.py': 'X = 1\n' });
    const { log } = sarifOf(['settings.py', '--select', 'DJS101', '--sarif-category', 'djsec-backend'], root);
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].automationDetails).toEqual({ id: 'djsec-backend/' });
  });

  it('keeps the fingerprint when unrelated lines are added above', () => {
    const before = project({ 'settings.py': INSECURE });
    const after = project({ 'settings.py': '"""Docs."""\nimport os\n\n' + INSECURE });
    const hash = (root: string) => sarifOf(['settings.py', '--select', 'DJS101'], root).log.runs[0].results[0];
    expect(hash(after).partialFingerprints).toEqual(hash(before).partialFingerprints);
    expect(hash(after).locations[0].physicalLocation.region.startLine).toBe(5);
  });

  it('writes to --output-file and nothing to stdout', () => {
    const root = project({ 'settings.py': INSECURE });
    const r = djsec(['settings.py', '-f', 'sarif', '-o', 'out.sarif'], { cwd: root });
    expect(r.stdout).toBe('');
    expect((JSON.parse(readFileSync(join(root, 'out.sarif'), 'utf8')) as SarifLog).runs[0].results.length).toBeGreaterThan(0);
  });
});

describe('--format github', () => {
  it('escapes data and properties by the runner rules', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a,b:c%\n')).toBe('a%2Cb%3Ac%25%0A');
  });

  it('prints one workflow command per finding with levels mapped', () => {
    const r = djsec(['fixtures/example-project', '-f', 'github']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      '::error file=fixtures/example-project/mysite/settings.py,line=9,col=9,endLine=9,endColumn=13,title=DJS101 debug-enabled::DEBUG is True',
    );
    expect(r.stdout.trim().split('\n').every((l) => /^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=DJS\d{3} [a-z0-9-]+::/.test(l))).toBe(true);
  });

  it('maps notes to ::notice and escapes a comma in the file name', () => {
    const root = project({ 'a,b/settings.py': 'DEBUG = False  # djsec: ignore[DJS101]\n' });
    const r = djsec(['a,b/settings.py', '-f', 'github', '--select', 'DJS101,DJS002'], { cwd: root });
    expect(r.stdout).toMatch(/^::notice file=a%2Cb\/settings\.py,line=1,col=16,endLine=1,endColumn=39,title=DJS002 unused-suppression::Unused suppression/);
  });
});

describe('[tool.djsec] config', () => {
  it('is found by walking up from the first path; flags override it', () => {
    const root = project({
      'pyproject.toml': '[tool.djsec]\nselect = ["DJS101"]\nfail-on = "never"\n',
      'mysite/settings.py': INSECURE,
    });
    const r = djsec(['settings.py', '-f', 'json'], { cwd: join(root, 'mysite') });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings.map((f: { code: string }) => f.code)).toEqual(['DJS101']);
    expect(djsec(['mysite/settings.py', '--fail-on', 'error'], { cwd: root }).code).toBe(1);
    const widened = JSON.parse(djsec(['mysite/settings.py', '-f', 'json', '--select', 'DJS5'], { cwd: root }).stdout);
    expect(widened.findings.map((f: { code: string }) => f.code)).toContain('DJS502');
  });

  it('skips a pyproject.toml without [tool.djsec] and uses the next one up', () => {
    const root = project({
      'pyproject.toml': '[tool.djsec]\nignore = ["debug-enabled"]\n',
      'app/pyproject.toml': '[project]\nname = "app"\n',
      'app/settings.py': INSECURE,
    });
    const r = djsec(['settings.py', '-f', 'json'], { cwd: join(root, 'app') });
    expect(JSON.parse(r.stdout).findings.map((f: { code: string }) => f.code)).not.toContain('DJS101');
  });

  it('reads exclude, per-file-ignores, settings, include-dev, env and max-file-size', () => {
    const root = project({
      'pyproject.toml': [
        '[tool.djsec]',
        'select = ["DJS101"]',
        'exclude = ["legacy"]',
        'include-dev = true',
        'max-file-size = "1MB"',
        'env = { DJANGO_DEBUG = "false" }',
        '[tool.djsec.per-file-ignores]',
        '"conf/settings_ci.py" = ["debug-enabled"]',
      ].join('\n'),
      'legacy/settings.py': 'DEBUG = True\n',
      'conf/settings_ci.py': 'DEBUG = True\n',
      'conf/settings_dev.py': 'DEBUG = True\n',
      'conf/settings_env.py': 'import os\nDEBUG = os.environ.get("DJANGO_DEBUG", "true") == "true"\n',
    });
    const r = djsec(['.', '-f', 'json'], { cwd: root });
    expect(JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file)).toEqual(['conf/settings_dev.py']);
  });

  it('--config FILE reads a djsec.toml with top-level keys', () => {
    const root = project({ 'djsec.toml': 'select = ["DJS101"]\n', 'settings.py': INSECURE });
    const r = djsec(['settings.py', '--config', 'djsec.toml', '-f', 'json'], { cwd: root });
    expect(JSON.parse(r.stdout).findings.map((f: { code: string }) => f.code)).toEqual(['DJS101']);
  });

  it.each([
    ['[tool.djsec]\nselct = ["DJS101"]\n', /pyproject\.toml: \[tool\.djsec\] selct: unknown key "selct"/],
    ['[tool.djsec]\nselect = "DJS101"\n', /pyproject\.toml: \[tool\.djsec\] select: expected an array of strings/],
    ['[tool.djsec]\nignore = ["DJS999"]\n', /pyproject\.toml: \[tool\.djsec\] ignore: unknown rule "DJS999"/],
    ['[tool.djsec]\nfail-on = "sometimes"\n', /fail-on: expected one of error, warning, note, never/],
    ['[tool.djsec]\ninclude-dev = "yes"\n', /include-dev: expected true or false/],
    ['[tool.djsec]\nenv = { DJANGO_DEBUG = false }\n', /env\.DJANGO_DEBUG: expected a string/],
    ['[tool.djsec]\nmax-file-size = -1\n', /max-file-size: expected a positive number/],
    ['[tool.djsec.per-file-ignores]\n"x.py" = ["nope"]\n', /per-file-ignores\."x\.py": unknown rule "nope"/],
    ['[tool.djsec\n', /pyproject\.toml:1:\d+: invalid TOML/],
  ])('bad config exits 2 naming the key and file: %j', (toml, message) => {
    const root = project({ 'pyproject.toml': toml, 'settings.py': INSECURE });
    const r = djsec(['settings.py'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('an unreadable --config exits 2', () => {
    const r = djsec(['fixtures/example-project', '--config', 'no/such.toml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--config: cannot read no/such.toml');
  });
});

describe('suppressions through the CLI', () => {
  it('a suppressed finding is gone, an unused one is a note that does not fail the run', () => {
    const root = project({ 'settings.py': 'SECRET_KEY = "x"\nDEBUG = True  # djsec: ignore[DJS101] -- staging\nALLOWED_HOSTS = []  # djsec: ignore[DJS502]\n' });
    const r = djsec(['settings.py', '-f', 'json', '--select', 'DJS101,DJS502,DJS002'], { cwd: root });
    expect(r.code).toBe(0);
    const findings = JSON.parse(r.stdout).findings;
    expect(findings.map((f: { code: string; line: number }) => `${f.code}:${f.line}`)).toEqual(['DJS002:3']);
  });

  it('an unknown code in a suppression is reported', () => {
    const root = project({ 'settings.py': 'DEBUG = True  # djsec: ignore[DJS101, DJS1O1]\n' });
    const r = djsec(['settings.py', '-f', 'json', '--select', 'DJS101,DJS002'], { cwd: root });
    expect(JSON.parse(r.stdout).findings).toMatchObject([{ code: 'DJS002', message: expect.stringContaining('DJS1O1, which is not a djsec rule') }]);
  });
});

describe('baseline', () => {
  it('records findings, then reports only new ones; entries survive line moves; secrets are hashed', () => {
    const root = project({ 'mysite/settings.py': INSECURE.replace('"x"', '"k3$9-very-secret-value-0123456789abcdef"') });
    const w = djsec(['mysite', '--write-baseline', 'djsec-baseline.json'], { cwd: root });
    expect(w.code).toBe(0);
    const text = readFileSync(join(root, 'djsec-baseline.json'), 'utf8');
    const baseline = JSON.parse(text);
    expect(baseline.djsecBaseline).toBe(1);
    expect(baseline.findings.length).toBeGreaterThan(1);
    expect(baseline.findings[0]).toEqual(expect.objectContaining({ code: expect.any(String), file: 'mysite/settings.py', fingerprint: expect.stringMatching(/^[0-9a-f]{20}$/) }));
    expect(text).not.toContain('very-secret-value');

    expect(djsec(['mysite', '--baseline', 'djsec-baseline.json'], { cwd: root }).code).toBe(0);
    writeFileSync(join(root, 'mysite/settings.py'), '"""Moved down."""\n\n' + readFileSync(join(root, 'mysite/settings.py'), 'utf8') + 'CSRF_TRUSTED_ORIGINS = []\n');
    expect(djsec(['mysite', '--baseline', 'djsec-baseline.json'], { cwd: root }).code).toBe(0);
    // From another working directory, too (paths are relative to the baseline file).
    expect(djsec(['.', '--baseline', '../djsec-baseline.json'], { cwd: join(root, 'mysite') }).code).toBe(0);

    writeFileSync(join(root, 'mysite/settings.py'), readFileSync(join(root, 'mysite/settings.py'), 'utf8').replace('ALLOWED_HOSTS = ["*"]', 'ALLOWED_HOSTS = ["*", "a.example"]'));
    const r = djsec(['mysite', '--baseline', 'djsec-baseline.json', '-f', 'json'], { cwd: root });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { code: string }) => f.code)).toEqual(['DJS502']);
    expect(r.stderr).toMatch(/1 baseline entry matches nothing any more/);
  });

  it('a missing or foreign baseline file exits 2', () => {
    const root = project({ 'settings.py': INSECURE, 'other.json': '{"findings": []}' });
    expect(djsec(['settings.py', '--baseline', 'nope.json'], { cwd: root }).stderr).toContain('--baseline: cannot read nope.json');
    const foreign = djsec(['settings.py', '--baseline', 'other.json'], { cwd: root });
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain('is not a djsec baseline');
  });
});

describe('--stdin', () => {
  it('lints standard input as --stdin-filename, which names the file in the report', () => {
    const root = project({ 'mysite/base.py': 'DEBUG = True\n' });
    const r = djsec(['--stdin', '--stdin-filename', 'mysite/settings.py', '-f', 'json', '--select', 'DJS101'], { cwd: root, input: 'from .base import *\n' });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings).toMatchObject([{ code: 'DJS101', file: 'mysite/base.py', entry: 'mysite/settings.py' }]);
  });

  it('accepts "-" as the path, and reads the config next to the stdin file name', () => {
    const root = project({ 'app/pyproject.toml': '[tool.djsec]\nselect = ["DJS101"]\n' });
    const r = djsec(['-', '--stdin-filename', 'app/settings.py', '-f', 'github'], { cwd: root, input: 'DEBUG = True\n' });
    expect(r.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^::error file=app\/settings\.py,line=1,col=9,.*title=DJS101 debug-enabled::/)]);
  });

  it('refuses other paths alongside standard input', () => {
    const r = djsec(['-', 'fixtures'], { input: 'DEBUG = True\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('give no other paths');
  });
});

describe('pre-commit', () => {
  const manifest = readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8');
  const regex = (key: string) => new RegExp(new RegExp(`^\\s*${key}: '(.*)'$`, 'm').exec(manifest)![1]);

  it('declares the djsec hook as a node hook with the package bin as entry', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    expect(manifest).toMatch(/^- {3}id: djsec$/m);
    expect(manifest).toMatch(/^\s+language: node$/m);
    expect(manifest).toMatch(/^\s+types: \[python\]$/m);
    expect(Object.keys(pkg.bin)).toEqual([/^\s+entry: (\S+)$/m.exec(manifest)![1]]);
    expect(pkg.scripts.prepare).toBeUndefined();
    expect(pkg.scripts.prepack).toBeUndefined();
  });

  it.each([
    ['settings.py', true], ['mysite/settings.py', true], ['mysite/settings/production.py', true], ['config/settings/base.py', true],
    ['settings_prod.py', true], ['mysite/mysettings.py', true], ['project/settings/components/db.py', true],
    ['config/settings/local.py', false], ['settings/dev.py', false], ['mysite/settings_test.py', false], ['tests/settings.py', false],
    ['test_settings.py', false], ['mysite/settings/__init__.py', false], ['mysite/views.py', false],
  ])('files/exclude: %s → %s', (path, linted) => {
    expect(regex('files').test(path) && !regex('exclude').test(path)).toBe(linted);
  });

  it('--settings-package judges a named base.py through the production module that imports it', () => {
    const root = project({
      'mysite/settings/base.py': 'SECRET_KEY = "x"\nDEBUG = True\n',
      'mysite/settings/production.py': 'from .base import *\nDEBUG = False\n',
      'mysite/settings/dev.py': 'from .base import *\nDEBUG = True\n',
    });
    const alone = djsec(['mysite/settings/base.py', '-f', 'json', '--select', 'DJS101'], { cwd: root });
    expect(JSON.parse(alone.stdout).findings.map((f: { file: string }) => f.file)).toEqual(['mysite/settings/base.py']);
    const withPackage = djsec(['mysite/settings/base.py', '--settings-package', '-f', 'json', '--select', 'DJS101'], { cwd: root });
    expect(withPackage.code).toBe(0);
    expect(JSON.parse(withPackage.stdout).summary.entries).toEqual(['mysite/settings/production.py']);
  });
});
