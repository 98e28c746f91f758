// The CLI on a repository whose infrastructure is a CloudFormation template: discovered by a sniff
// beside YAML that is not a template, findings in every output format, suppression comments in
// the template, a broken template a note (never a stack trace) and the run's exit code unchanged.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discover } from '../src/project/discover.js';
import { repoRoot } from './support/lint.js';

const bin = join(repoRoot, 'bin', 'djsec.js');
const project = mkdtempSync(join(tmpdir(), 'djsec-cli-cfn-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

const files: Record<string, string> = {
  'mysite/settings.py': 'import os\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nDEBUG = False\nALLOWED_HOSTS = ["app.example.com"]\n',
  'infra/template.yaml':
    'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Database:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      PubliclyAccessible: true\n      StorageEncrypted: true # djsec: ignore[DJS902] -- nothing to suppress here\n',
  'infra/broken.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Database: [\n',
  'infra/sam/template.yml': 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Web:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: mysite.wsgi.handler\n',
  // Build output and CI configuration: never read as templates.
  '.aws-sam/build/template.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Copy:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n',
  '.github/workflows/deploy.yml': 'on: push\njobs:\n  deploy:\n    steps:\n      - run: aws cloudformation deploy --template-file infra/template.yaml\n',
  'docker-compose.yml': 'services:\n  web:\n    build: .\n',
  'package.json': '{"name": "frontend", "Resources": {"Type": "AWS::RDS::DBInstance"}}\n',
  'ignored/stack.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Ignored:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n',
  '.gitignore': 'ignored/\n',
};
for (const [name, text] of Object.entries(files)) {
  mkdirSync(join(project, name, '..'), { recursive: true });
  writeFileSync(join(project, name), text);
}

function djsec(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '0' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('djsec on CloudFormation templates', () => {
  it('discovers templates by their text, with the same skips and .gitignore as other files', () => {
    const found = discover([project], project).infra.map((f) => f.slice(project.length + 1)).sort();
    expect(found).toEqual(['infra/broken.yaml', 'infra/sam/template.yml', 'infra/template.yaml']);
  });

  it('reports in text and JSON with the template line, notes the broken template, exit 1', () => {
    const text = djsec(['.']);
    expect(text.code).toBe(1);
    expect(text.stderr).not.toMatch(/at .*\.(js|cjs):\d+/);
    expect(text.stdout).toMatch(/infra\/template\.yaml\n\s+7:27\s+error .*Database \(AWS::RDS::DBInstance\) sets PubliclyAccessible: true.*DJS901/);
    // The suppression that hid nothing is reported like one in a settings module.
    expect(text.stdout).toMatch(/8:\d+\s+note .*DJS002/);
    const json = JSON.parse(djsec(['.', '--format', 'json']).stdout) as { findings: { code: string; file: string; line: number }[]; summary: { skipped: { file: string; reason: string }[] } };
    expect(json.findings.filter((f) => f.code.startsWith('DJS9')).map((f) => [f.code, f.file, f.line])).toEqual([['DJS901', 'infra/template.yaml', 7]]);
    const skipped = json.summary.skipped.find((s) => s.file === 'infra/broken.yaml');
    expect(skipped?.reason).toMatch(/^not a readable CloudFormation template: .*line \d+/);
  });

  it('writes SARIF and GitHub annotations for a template, and --select picks its rule', () => {
    const sarif = djsec(['.', '--format', 'sarif']).stdout;
    expect(sarif).toContain('"uri": "infra/template.yaml"');
    expect(djsec(['.', '--format', 'github']).stdout).toMatch(/::error file=infra\/template\.yaml,line=7/);
    const selected = JSON.parse(djsec(['.', '--format', 'json', '--select', 'DJS901']).stdout) as { findings: { code: string }[] };
    expect(selected.findings.map((f) => f.code)).toEqual(['DJS901']);
  });

  it('honours baselines: a template finding written to one is hidden the next run', () => {
    const baseline = join(project, 'baseline.json');
    expect(djsec(['infra', '--write-baseline', baseline]).code).toBe(0);
    expect(readFileSync(baseline, 'utf8')).toContain('infra/template.yaml');
    const r = djsec(['infra', '--baseline', baseline, '--format', 'json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { findings: unknown[] }).findings).toEqual([]);
  });

  it('loads the yaml package only when the run has a template', () => {
    const loads = (args: string[]) => {
      const r = spawnSync(process.execPath, [bin, ...args], { cwd: project, encoding: 'utf8', env: { ...process.env, NODE_DEBUG: 'module' } });
      return /Module\._load REQUEST yaml /.test(r.stderr);
    };
    expect(loads(['mysite/settings.py'])).toBe(false);
    expect(loads(['mysite/settings.py', 'infra/template.yaml'])).toBe(true);
  });

  it('a broken template alone is a note and exit 0', () => {
    const r = djsec(['infra/broken.yaml', '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { findings: unknown[]; summary: { skipped: { file: string }[] } };
    expect(json.findings).toEqual([]);
    expect(json.summary.skipped.map((s) => s.file)).toContain('infra/broken.yaml');
  });
});
