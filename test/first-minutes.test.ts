// What a newcomer meets first (issue 16): the concise format, JSON for --list-rules and
// --print-settings, every caveat said, no silent green, the usual short flags, `djsec:` prefixes,
// the whole --explain page, and code frames that mask secrets but nothing else.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstSentence } from '../src/report/concise.js';
import { maskSecretsInLine } from '../src/report/text.js';
import { repoRoot } from './support/lint.js';
import { project as makeProject } from './support/project.js';

const bin = join(repoRoot, 'bin', 'djsec.js');

const project = (files: Record<string, string | Buffer>) => makeProject(files, 'djsec-first-');

function djsec(args: string[], cwd = repoRoot) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', DJSEC_DEBUG: '' } });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

const PROD = 'DEBUG = True\nALLOWED_HOSTS = ["example.com"]\nBOT_NAME = "mybot"\nSECRET_KEY = "k3$9-this-is-a-long-hardcoded-secret-key-of-many-chars"\n';

describe('--format concise', () => {
  it('prints one line a finding, path:line:col: CODE first sentence, then the summary', () => {
    const dir = project({ 'mysite/settings.py': PROD });
    const r = djsec(['mysite/settings.py', '-f', 'concise', '--select', 'DJS101,DJS201'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      'mysite/settings.py:1:9: DJS101 DEBUG is True: error pages expose tracebacks, settings and SQL.\n' +
        "mysite/settings.py:4:14: DJS201 SECRET_KEY is hardcoded as 'k3$9…' (54 chars): anyone with the source can forge sessions, password-reset tokens and signed data.\n" +
        '2 problems (2 errors) in 1 file\n',
    );
  });

  it('names the findings folded into a line (the message tail that holds them is cut)', () => {
    const dir = project({ 'mysite/settings.py': 'SECRET_KEY = "changeme"\n' });
    const r = djsec(['mysite/settings.py', '-f', 'concise', '--select', 'DJS201,DJS202'], dir);
    expect(r.stdout.split('\n')[0]).toMatch(/^mysite\/settings\.py:1:14: DJS201 .*\. \(also DJS202\)$/);
  });

  it('keeps only the first sentence of a message', () => {
    expect(firstSentence('DEBUG is True: pages leak. Set DEBUG = False.')).toBe('DEBUG is True: pages leak.');
    expect(firstSentence("'settings.py' is e.g. fine")).toBe("'settings.py' is e.g. fine");
  });

  it('is the pre-commit hook format, with --require-entry', async () => {
    const { readFileSync } = await import('node:fs');
    const hook = readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8');
    expect(hook).toMatch(/args: \[--settings-package, --require-entry, --format, concise\]/);
  });
});

describe('JSON for --list-rules and --print-settings', () => {
  it('--list-rules -f json lists every rule with its docs link', () => {
    const r = djsec(['--list-rules', '-f', 'json']);
    const json = JSON.parse(r.stdout);
    expect(json.rules.find((x: { code: string }) => x.code === 'DJS101')).toMatchObject({ name: 'debug-enabled', level: 'error', djangoCheck: 'security.W018' });
    expect(json.rules.length).toBeGreaterThan(50);
  });

  it('--print-settings -f json gives each setting kind, masked value and origin', () => {
    const dir = project({ 'mysite/settings.py': PROD });
    const r = djsec(['mysite/settings.py', '--print-settings', '-f', 'json'], dir);
    const [entry] = JSON.parse(r.stdout).entries;
    expect(entry.entry).toBe('mysite/settings.py');
    expect(entry.settings.find((s: { name: string }) => s.name === 'DEBUG')).toMatchObject({ kind: 'known', value: 'True', origin: { file: 'mysite/settings.py', line: 1 } });
    expect(r.stdout).not.toContain('this-is-a-long-hardcoded');
  });
});

describe('every caveat is said', () => {
  it('a Latin-1 file is noted in text, concise and JSON', () => {
    const dir = project({ 'settings.py': Buffer.from('# caf\xe9\nDEBUG = False\nALLOWED_HOSTS = ["a.example"]\n', 'latin1') });
    expect(djsec(['settings.py', '--select', 'DJS101'], dir).stdout).toContain('note settings.py: decoded as latin-1 (not valid UTF-8)');
    expect(djsec(['settings.py', '--select', 'DJS101', '-f', 'concise'], dir).stdout).toContain('note settings.py: decoded as latin-1');
    expect(JSON.parse(djsec(['settings.py', '-f', 'json'], dir).stdout).summary.caveats).toEqual([{ file: 'settings.py', message: 'decoded as latin-1 (not valid UTF-8)' }]);
  });

  it('a settings module excluded by [tool.djsec] is listed as skipped', () => {
    const dir = project({ 'pyproject.toml': '[tool.djsec]\nexclude = ["legacy"]\n', 'legacy/settings.py': 'DEBUG = True\n', 'app/settings.py': 'DEBUG = False\n' });
    const r = djsec(['.', '--select', 'DJS101'], dir);
    expect(r.stdout).toContain('skipped legacy/settings.py: excluded by [tool.djsec] exclude in pyproject.toml');
  });

  it('the number of findings the baseline hides is in the summary', () => {
    const dir = project({ 'settings.py': PROD });
    djsec(['settings.py', '--write-baseline', 'baseline.json'], dir);
    writeFileSync(join(dir, 'settings.py'), PROD + 'DEBUG_PROPAGATE_EXCEPTIONS = True\n');
    const r = djsec(['settings.py', '--baseline', 'baseline.json', '-f', 'concise'], dir);
    expect(r.stdout).toMatch(/^settings\.py:5:\d+: DJS103 .*\n1 problem \(1 warning\) in 1 file · \d+ known findings hidden by the baseline\n$/);
    expect(JSON.parse(djsec(['settings.py', '--baseline', 'baseline.json', '-f', 'json'], dir).stdout).summary.hiddenByBaseline).toBeGreaterThan(1);
  });
});

describe('no silent green', () => {
  it('an empty settings.py is not "1 settings module": stderr says nothing was judged', () => {
    const dir = project({ 'mysite/settings.py': '# settings to come\n' });
    const r = djsec(['.'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^No settings module judged/);
    expect(r.stderr).toBe('djsec: no settings module judged in .: nothing was checked (the modules found hold no settings)\n');
    expect(djsec(['.', '--require-entry'], dir).code).toBe(2);
  });

  it('a folder with no settings module says so; --require-entry makes it exit 2', () => {
    const dir = project({ 'app/views.py': 'def index(request):\n    return None\n' });
    expect(djsec(['.'], dir).stderr).toBe('djsec: no settings module judged in .: nothing was checked\n');
    expect(djsec(['.', '--require-entry', '-f', 'concise'], dir).code).toBe(2);
  });

  it('only development settings: no production entry is said', () => {
    const dir = project({ 'mysite/settings/dev.py': 'DEBUG = True\n' });
    const r = djsec(['.'], dir);
    expect(r.stderr).toMatch(/^djsec: no (production )?settings module judged in \./);
    expect(djsec(['.', '--require-entry'], dir).code).toBe(2);
  });

  it('the Action fails on it unless allow-empty is set', async () => {
    const { readFileSync } = await import('node:fs');
    const action = readFileSync(join(repoRoot, 'action.yml'), 'utf8');
    expect(action).toMatch(/allow-empty:/);
    expect(action).toMatch(/--require-entry/);
  });
});

describe('habits users bring', () => {
  it('-V, -v and --version print the version; -q is --quiet', () => {
    for (const flag of ['-V', '-v', '--version']) expect(djsec([flag]).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const dir = project({ 'settings.py': 'DEBUG = False\nALLOWED_HOSTS = ["a.example"]\n' });
    expect(djsec(['settings.py', '-q', '--select', 'DJS101'], dir)).toMatchObject({ code: 0, stdout: '' });
  });

  it('every error line starts with djsec:, commander\'s too', () => {
    expect(djsec(['--bogus']).stderr).toBe("djsec: unknown option '--bogus'\ndjsec: run djsec --help for usage\n");
    expect(djsec(['-f', 'xml']).stderr).toMatch(/^djsec: option '-f, --format <format>' argument 'xml' is invalid/);
  });

  it('--explain prints the whole page, "How to suppress" included', () => {
    const r = djsec(['--explain', 'DJS101']);
    expect(r.stdout).toMatch(/^# DJS101 debug-enabled\n/);
    expect(r.stdout).toContain('## How to suppress');
    expect(r.stdout).toContain('Security severity');
  });
});

describe('code frames mask secrets and nothing else', () => {
  it('a missing-setting finding on line 1 leaves line 1 readable', () => {
    const dir = project({ 'settings.py': 'BOT_NAME = "mybot"\nDEBUG = False\nALLOWED_HOSTS = ["a.example"]\n' });
    const r = djsec(['settings.py', '--select', 'DJS202'], dir);
    expect(r.stdout).toContain('1 | BOT_NAME = "mybot"');
  });

  it('masks strings a secret finding points at, and secret-named values whatever rule the frame is for', () => {
    expect(maskSecretsInLine('BOT_NAME = "mybot"')).toBe('BOT_NAME = "mybot"');
    expect(maskSecretsInLine('SECRET_KEY = "abcdefghijklmnop"')).toBe('SECRET_KEY = "abcd…"');
    expect(maskSecretsInLine('SECRET_KEY = env("DJANGO_SECRET_KEY", default="abcdefghijklmnop")')).toBe('SECRET_KEY = env("DJANGO_SECRET_KEY", default="abcd…")');
    expect(maskSecretsInLine('DATABASES = {"default": {"NAME": "mydb", "PASSWORD": "hunter2hunter2"}}')).toBe('DATABASES = {"default": {"NAME": "mydb", "PASSWORD": "hun…"}}');
    expect(maskSecretsInLine('STRIPE = "sk_live_abcdefghijkl"', [[9, 31]])).toBe('STRIPE = "sk_l…"');
    expect(maskSecretsInLine('X = "postgres://u:pass1234@db/app"')).toBe('X = "postgres://u:pa…@db/app"');
  });
});

describe('the Action', () => {
  const action = () => import('node:fs').then((fs) => fs.readFileSync(join(repoRoot, 'action.yml'), 'utf8'));

  it('leaves the runner\'s Node alone: setup-node only when none is usable', async () => {
    const text = await action();
    const setup = text.split('\n    - ').find((step) => step.includes('actions/setup-node'))!;
    expect(setup).toContain("if: ${{ steps.node.outputs.usable != 'true' }}");
    expect(text).toContain('actions/cache@v4');
  });

  it('runs its lint step with quoted arguments kept whole, and fails on nothing judged unless allowed', async () => {
    const text = await action();
    const step = text.split('\n    - ').find((s) => s.startsWith('name: Run djsec'))!;
    const script = step.split('run: |\n')[1].split('\n').map((l) => l.replace(/^ {8}/, '')).join('\n');
    const run = (dir: string, env: Record<string, string>) => {
      const out = join(dir, 'github-output');
      writeFileSync(out, '');
      const r = spawnSync('bash', ['-e', '-c', script], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, GITHUB_OUTPUT: out, DJSEC_PATHS: '.', DJSEC_FAIL_ON: 'never', DJSEC_CATEGORY: 'djsec', DJSEC_SARIF: 'out.sarif', DJSEC_BIN: bin, DJSEC_ALLOW_EMPTY: 'false', DJSEC_ARGS: '', ...env },
      });
      return { ...r, output: readFileSync(out, 'utf8') };
    };
    const { readFileSync } = await import('node:fs');
    const dir = project({ 'mysite/settings.py': 'import os\nALLOWED_HOSTS = os.environ["HOSTS"].split(" ")\nDEBUG = False\n' });
    // One argument with a space: HOSTS="a.example *" makes ALLOWED_HOSTS include '*' (DJS502).
    const quoted = run(dir, { DJSEC_ARGS: `--env "HOSTS=a.example *" --select 'DJS502'` });
    expect(quoted.output).toBe('exit-code=0\n');
    expect(JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')).runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['DJS502']);
    const empty = project({ 'app/views.py': 'x = 1\n' });
    expect(run(empty, {}).output).toBe('exit-code=2\n');
    expect(run(empty, { DJSEC_ALLOW_EMPTY: 'true' }).output).toBe('exit-code=0\n');
  });
});

describe('--dotenv, and --env-file refused', () => {
  it('--env-file, which Node itself reads (exit 9 when missing, NODE_OPTIONS applied), is refused with exit 2 and the way out', () => {
    const dir = project({ 'settings.py': 'DEBUG = True\n', 'prod.env': 'DJANGO_DEBUG=0\n' });
    const r = djsec(['settings.py', '--env-file', 'prod.env'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^djsec: --env-file is read by Node\.js itself .*use --dotenv FILE\n$/);
    expect(djsec(['settings.py', '--dotenv', 'prod.env', '--select', 'DJS101'], dir).code).toBe(1);
    const missing = djsec(['settings.py', '--dotenv', 'missing.env'], dir);
    expect(missing).toMatchObject({ code: 2, stderr: 'djsec: --dotenv: cannot read missing.env: no such file or folder\n' });
  });
});
