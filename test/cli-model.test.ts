// The model through the CLI: --env, --dotenv, --settings, --include-dev, --print-settings.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/lint.js';

const bin = join(repoRoot, 'bin', 'djsec.js');
const cookiecutter = 'fixtures/rules/DJS101/cookiecutter';

function djsec(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function debugFindings(args: string[]) {
  const r = djsec([cookiecutter, '--select', 'DJS101', '-f', 'json', ...args]);
  return { code: r.code, findings: JSON.parse(r.stdout).findings as { file: string; line: number; confidence: string; message: string }[], stderr: r.stderr };
}

describe('model through the CLI', () => {
  it('reports the insecure env default at base.py, medium confidence, not at local.py', () => {
    const r = debugFindings([]);
    expect(r.code).toBe(1);
    expect(r.findings.map((f) => `${f.file}:${f.line} ${f.confidence}`)).toEqual([`${cookiecutter}/config/settings/base.py:15 medium`]);
    expect(r.findings[0].message).toMatch(/DEBUG is True when DJANGO_DEBUG is unset \(default in .*base\.py:15\)/);
  });

  it('--env DJANGO_DEBUG=false evaluates as deployed: nothing to report', () => {
    const r = debugFindings(['--env', 'DJANGO_DEBUG=false']);
    expect(r.code).toBe(0);
    expect(r.findings).toEqual([]);
  });

  it('--dotenv reads dotenv syntax', () => {
    const dir = mkdtempSync(join(tmpdir(), 'djsec-env-'));
    const file = join(dir, 'prod.env');
    writeFileSync(file, '# production\nexport DJANGO_DEBUG="off"\nOTHER=1 # comment\n');
    expect(debugFindings(['--dotenv', file]).findings).toEqual([]);
    writeFileSync(file, 'DJANGO_DEBUG=yes\n');
    const r = debugFindings(['--dotenv', file]);
    expect(r.findings.map((f) => f.confidence)).toEqual(['high']);
    expect(r.findings[0].message).toContain('as deployed');
  });

  it('--env without = is a usage error', () => {
    const r = djsec([cookiecutter, '--env', 'DJANGO_DEBUG']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--env expects KEY=VALUE');
  });

  it('--settings takes a dotted module name', () => {
    const r = debugFindings(['--settings', 'config.settings.local']);
    expect(r.findings.map((f) => `${f.file}:${f.line}`)).toEqual([`${cookiecutter}/config/settings/local.py:4`]);
  });

  it('--include-dev lints development modules; the default run lists them as skipped', () => {
    expect(debugFindings(['--include-dev']).findings).toHaveLength(3);
    const text = djsec([cookiecutter, '--select', 'DJS101']).stdout;
    expect(text).toContain('2 modules skipped (development/test settings)');
    expect(text).toContain(`skipped ${cookiecutter}/config/settings/local.py: development/test settings (by name)`);
  });

  it('--print-settings shows the chain and masks secrets', () => {
    const dir = mkdtempSync(join(tmpdir(), 'djsec-print-'));
    writeFileSync(join(dir, 'settings.py'), 'SECRET_KEY = "k3$9abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"\nDATABASES = {"default": {"PASSWORD": "hunter2hunter2"}}\nBROKER = "redis://:s3cretpassw0rd@cache.example.com:6379/0"\n');
    const r = djsec([dir, '--print-settings']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("SECRET_KEY  'k3$9…' (66 chars)  literal");
    expect(r.stdout).not.toContain('hunter2hunter2');
    expect(r.stdout).not.toContain('s3cretpassw0rd');
    const chain = djsec([cookiecutter, '--print-settings']).stdout;
    expect(chain).toMatch(/reads: .*production\.py → .*base\.py/);
    expect(chain).toMatch(/DEBUG\s+env DJANGO_DEBUG, default True/);
  });

  it('an environment write in one project does not leak into another project of the same run', () => {
    // split-dev-only/settings/local.py sets DJANGO_ALLOW_ASYNC_UNSAFE itself; it is linted before
    // split/, whose base.py setdefault must still be judged as its own default.
    const r = djsec(['fixtures/rules/DJS802', '--select', 'DJS802', '--include-dev', '-f', 'json', '--jobs', '1']);
    const findings = JSON.parse(r.stdout).findings as { file: string; line: number; message: string }[];
    const base = findings.find((f) => f.file === 'fixtures/rules/DJS802/split/settings/base.py');
    expect(base?.message).toContain('(default in fixtures/rules/DJS802/split/settings/base.py:7)');
    expect(findings.map((f) => f.message).join('\n')).not.toMatch(/split\/settings\/base\.py.*default in .*split-dev-only/);
  });
});

