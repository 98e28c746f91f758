// The CLI on a repository with infrastructure files: findings on .tf files and Dockerfiles in
// every output format, with --select, baselines and suppression comments, as for settings.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './support/lint.js';

const bin = join(repoRoot, 'bin', 'djsec.js');
const project = mkdtempSync(join(tmpdir(), 'djsec-cli-infra-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

mkdirSync(join(project, 'mysite'));
mkdirSync(join(project, 'infra'));
writeFileSync(join(project, 'mysite', 'settings.py'), 'import os\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nDEBUG = False\nALLOWED_HOSTS = ["app.example.com"]\n');
writeFileSync(
  join(project, 'infra', 'db.tf'),
  'resource "aws_db_instance" "app" {\n  engine              = "postgres"\n  publicly_accessible = true\n  storage_encrypted   = true # djsec: ignore[DJS902] -- nothing to suppress here\n}\n',
);
writeFileSync(join(project, 'Dockerfile'), 'FROM python:3.12-slim\nENV DJANGO_SECRET_KEY=abcdefghijklmnopqrstuvwxyz012345\n');

function djsec(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '0', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('djsec on infrastructure files', () => {
  it('reports them in text with file, line and a masked frame, exit 1', () => {
    const r = djsec(['.']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/infra\/db\.tf\n\s+3:\d+\s+error .*DJS901 rds-publicly-accessible/);
    expect(r.stdout).toMatch(/Dockerfile\n\s+2:1\s+error .*DJS906 docker-secret-in-env/);
    expect(r.stdout).not.toContain('abcdefghijklmnopqrstuvwxyz012345');
    // The suppression that hid nothing is reported like one in a settings module.
    expect(r.stdout).toMatch(/4:\d+\s+note .*DJS002/);
  });

  it('parses Terraform beside a WebAssembly Python parser (one web-tree-sitter for both)', () => {
    const codes = (env: Record<string, string>) => (JSON.parse(djsec(['.', '--format', 'json'], env).stdout) as { findings: { code: string; file: string }[] }).findings.map((f) => `${f.code} ${f.file}`).sort();
    const wasm = codes({ DJSEC_PARSER: 'wasm' });
    expect(wasm).toContain('DJS901 infra/db.tf');
    expect(wasm).toEqual(codes({}));
  });

  it('writes them to JSON, SARIF and GitHub annotations', () => {
    const json = JSON.parse(djsec(['.', '--format', 'json']).stdout) as { findings: { code: string; file: string; line: number }[] };
    expect(json.findings.map((f) => [f.code, f.file, f.line])).toContainEqual(['DJS901', 'infra/db.tf', 3]);
    const sarif = djsec(['.', '--format', 'sarif']).stdout;
    expect(sarif).toContain('"ruleId": "DJS901"');
    expect(sarif).toContain('"uri": "infra/db.tf"');
    expect(djsec(['.', '--format', 'github']).stdout).toMatch(/::error file=infra\/db\.tf,line=3/);
  });

  it('honours --select and baselines', () => {
    const selected = JSON.parse(djsec(['.', '--format', 'json', '--select', 'DJS906']).stdout) as { findings: { code: string }[] };
    expect(selected.findings.map((f) => f.code)).toEqual(['DJS906']);
    const baseline = join(project, 'baseline.json');
    expect(djsec(['.', '--write-baseline', baseline]).code).toBe(0);
    expect(readFileSync(baseline, 'utf8')).toContain('DJS901');
    const r = djsec(['.', '--baseline', baseline, '--format', 'json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { findings: unknown[] }).findings).toEqual([]);
  });
});
