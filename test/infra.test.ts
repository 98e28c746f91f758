// The infrastructure model: Terraform values as far as they are literal (variables' defaults,
// locals, references kept, everything else unknown), Dockerfile instructions with continuations,
// discovery of infrastructure files, and a run that has none behaving exactly as before.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keyValues, readDockerfile } from '../src/infra/dockerfile.js';
import type { InfraValue } from '../src/infra/infra-model.js';
import { loadInfra } from '../src/infra/load.js';
import { taskEnvironment, withTaskEnvironment } from '../src/infra/ecs-env.js';
import { discover } from '../src/project/discover.js';
import { rules } from '../rules/index.js';
import { lintFolder, repoRoot } from './support/lint.js';
import sslRedirectOff from '../rules/ssl-redirect-off.js';

const tmp = mkdtempSync(join(tmpdir(), 'djsec-infra-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function resourcesOf(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmp, 'tf-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const load = await loadInfra(Object.keys(files).map((f) => join(dir, f)), (p) => p.slice(dir.length + 1));
  return load.model.resources;
}

const plain = (v: InfraValue | undefined): unknown => {
  if (!v) return undefined;
  if (v.kind === 'literal') return v.value;
  if (v.kind === 'list') return v.items.map(plain);
  if (v.kind === 'object') return Object.fromEntries([...v.entries].map(([k, x]) => [k, plain(x)]));
  if (v.kind === 'reference') return `ref:${v.resourceType}.${v.resourceName}.${v.path.join('.')}`;
  return `unknown:${v.reason}`;
};

describe('Terraform', () => {
  it('reads literals, lists, objects and nested blocks with positions', async () => {
    const [r] = await resourcesOf({
      'main.tf': 'resource "aws_security_group" "db" {\n  name = "db"\n  port = 5432\n  on = true\n  tags = { Name = "x", "k-2" = "y" }\n  cidrs = ["0.0.0.0/0", "::/0"]\n  ingress {\n    from_port = 1\n  }\n}\n',
    });
    expect(r.resourceType).toBe('aws_security_group');
    expect(r.name).toBe('db');
    expect(plain(r.attributes.get('name'))).toBe('db');
    expect(plain(r.attributes.get('port'))).toBe(5432);
    expect(plain(r.attributes.get('on'))).toBe(true);
    expect(plain(r.attributes.get('tags'))).toEqual({ Name: 'x', 'k-2': 'y' });
    expect(plain(r.attributes.get('cidrs'))).toEqual(['0.0.0.0/0', '::/0']);
    expect(r.blocks[0].type).toBe('ingress');
    expect(plain(r.blocks[0].attributes.get('from_port'))).toBe(1);
    expect(r.attributes.get('port')!.origin).toMatchObject({ file: 'main.tf', line: 3, column: 10 });
    expect(r.origin).toMatchObject({ line: 1, column: 1 });
  });

  it('follows variables to their defaults and locals across the files of one folder, not another', async () => {
    const resources = await resourcesOf({
      'app/variables.tf': 'variable "public" {\n  type = bool\n  default = true\n}\nvariable "later" {}\n',
      'app/locals.tf': 'locals {\n  a = local.b\n  b = "deep"\n  loop = local.loop\n}\n',
      'app/main.tf': 'resource "x" "y" {\n  p = var.public\n  l = local.a\n  n = var.later\n  c = local.loop\n  m = var.missing\n}\n',
      'other/main.tf': 'resource "x" "z" {\n  p = var.public\n}\n',
    });
    const y = resources.find((r) => r.name === 'y')!;
    expect(plain(y.attributes.get('p'))).toBe(true);
    // The origin stays where the attribute is written, so a finding points at the resource.
    expect(y.attributes.get('p')!.origin).toMatchObject({ file: 'app/main.tf', line: 2 });
    expect(plain(y.attributes.get('l'))).toBe('deep');
    expect(plain(y.attributes.get('n'))).toMatch(/^unknown:variable later has no default/);
    expect(plain(y.attributes.get('c'))).toMatch(/^unknown:.*refers to itself/);
    expect(plain(y.attributes.get('m'))).toMatch(/^unknown:/);
    const z = resources.find((r) => r.name === 'z')!;
    expect(plain(z.attributes.get('p'))).toMatch(/^unknown:variable public has no default/);
  });

  it('keeps references to other resources and leaves everything else unknown', async () => {
    const [r] = await resourcesOf({
      'main.tf': 'resource "aws_lb_listener" "l" {\n  arn = aws_lb.app.arn\n  f = lower("X")\n  c = var.x ? 1 : 2\n  s = "a-${var.y}"\n  m = module.db.endpoint\n  d = data.aws_vpc.main.id\n}\n',
    });
    expect(plain(r.attributes.get('arn'))).toBe('ref:aws_lb.app.arn');
    for (const name of ['f', 'c', 's', 'm', 'd']) expect(plain(r.attributes.get(name)), name).toMatch(/^unknown:/);
  });

  it('reads jsonencode(x) as x, and a JSON policy string (quoted or heredoc) as the same object, pointing at the attribute', async () => {
    const [r] = await resourcesOf({
      'iam.tf': [
        'resource "aws_iam_policy" "p" {',
        '  policy = jsonencode({',
        '    Version   = "2012-10-17"',
        '    Statement = [{ Effect = "Allow", Action = ["s3:*"], Resource = "*" }]',
        '  })',
        '  assume_role_policy = <<-EOF',
        '    {"Statement": [{"Action": "sts:AssumeRole",',
        '      "Principal": {"Service": "ecs-tasks.amazonaws.com"}}]}',
        '  EOF',
        '  description = <<EOT',
        'plain text',
        'EOT',
        '  other = jsonencode(var.x)',
        '}',
        '',
      ].join('\n'),
    });
    expect(plain(r.attributes.get('policy'))).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: '*' }] });
    expect(r.attributes.get('policy')!.origin).toMatchObject({ line: 2, column: 12 });
    expect(plain(r.attributes.get('assume_role_policy'))).toEqual({ Statement: [{ Action: 'sts:AssumeRole', Principal: { Service: 'ecs-tasks.amazonaws.com' } }] });
    const inner = r.attributes.get('assume_role_policy');
    expect(inner?.kind === 'object' && inner.entries.get('Statement')!.origin).toMatchObject({ line: 6 });
    // A heredoc that is not a policy is its text; jsonencode of something unknown is unknown.
    expect(plain(r.attributes.get('description'))).toBe('plain text\n');
    expect(plain(r.attributes.get('other'))).toMatch(/^unknown:/);
    const rest = await resourcesOf({
      'iam.tf': 'resource "aws_iam_role_policy" "q" {\n  policy = "{\\"Statement\\": [{\\"Action\\": \\"*\\", \\"Resource\\": \\"*\\"}]}"\n}\nresource "aws_iam_role_policy" "bad" {\n  policy = "{not json"\n}\nresource "aws_iam_role_policy" "i" {\n  policy = <<EOF\n{"Statement": [{"Resource": "${aws_s3_bucket.b.arn}"}]}\nEOF\n}\n',
    });
    expect(plain(rest[0].attributes.get('policy'))).toEqual({ Statement: [{ Action: '*', Resource: '*' }] });
    expect(plain(rest[1].attributes.get('policy'))).toMatch(/^unknown:.*JSON/);
    expect(plain(rest[2].attributes.get('policy'))).toMatch(/^unknown:/);
  });

  it('reads data sources beside resources (aws_iam_policy_document statements), not mixed with them', async () => {
    const dir = mkdtempSync(join(tmp, 'tf-'));
    writeFileSync(join(dir, 'iam.tf'), 'data "aws_iam_policy_document" "app" {\n  statement {\n    actions   = ["s3:*"]\n    resources = ["*"]\n  }\n}\nresource "aws_iam_policy" "app" {\n  policy = data.aws_iam_policy_document.app.json\n}\n');
    const load = await loadInfra([join(dir, 'iam.tf')], (p) => p.slice(dir.length + 1));
    expect(load.model.resources.map((r) => r.resourceType)).toEqual(['aws_iam_policy']);
    const [doc] = load.model.data ?? [];
    expect(doc).toMatchObject({ resourceType: 'aws_iam_policy_document', name: 'app' });
    expect(plain(doc.blocks[0].attributes.get('actions'))).toEqual(['s3:*']);
    expect(plain(load.model.resources[0].attributes.get('policy'))).toMatch(/^unknown:/);
  });

  it('reads a file with a syntax error as far as it parses, without throwing', async () => {
    const resources = await resourcesOf({ 'main.tf': 'resource "a" "b" {\n  x = 1\n}\nresource "c" {{{\n' });
    expect(resources.some((r) => r.resourceType === 'a' && plain(r.attributes.get('x')) === 1)).toBe(true);
  });
});

describe('Dockerfile', () => {
  it('joins continuation lines, skips comments inside them, counts stages', () => {
    const d = readDockerfile('Dockerfile', 'FROM python:3.12 AS build\nRUN a \\\n  # a comment\n  && b\n\nfrom python:3.12\n  env A=1 \\\n      B="two words"\n');
    expect(d.stages).toBe(2);
    expect(d.instructions.map((i) => [i.instruction, i.args, i.origin.line, i.origin.column, i.stage])).toEqual([
      ['FROM', 'python:3.12 AS build', 1, 1, 0],
      ['RUN', 'a && b', 2, 1, 0],
      ['FROM', 'python:3.12', 6, 1, 1],
      ['ENV', 'A=1 B="two words"', 7, 3, 1],
    ]);
  });

  it('honours the escape parser directive', () => {
    const d = readDockerfile('Dockerfile', '# escape=`\nFROM windows\nENV A=1 `\n  B=2\n');
    expect(d.instructions[1].args).toBe('A=1 B=2');
  });

  it('names development images', () => {
    expect(readDockerfile('docker/Dockerfile.dev', '').development).toBe(true);
    expect(readDockerfile('local.Dockerfile', '').development).toBe(true);
    expect(readDockerfile('Dockerfile.prod', '').development).toBe(false);
    expect(readDockerfile('Dockerfile', '').development).toBe(false);
  });

  it('reads ENV and ARG pairs in both forms', () => {
    expect(keyValues('A=1 B="x y" C=\'z\'')).toEqual([
      { key: 'A', value: '1' },
      { key: 'B', value: 'x y' },
      { key: 'C', value: 'z' },
    ]);
    expect(keyValues('SECRET_KEY some value')).toEqual([{ key: 'SECRET_KEY', value: 'some value' }]);
    expect(keyValues('NAME')).toEqual([{ key: 'NAME', value: undefined }]);
  });
});

describe('discovery and the run', () => {
  it('finds .tf files and Dockerfiles with the same skips and .gitignore as settings modules, registry modules left out', () => {
    const dir = mkdtempSync(join(tmp, 'disc-'));
    for (const f of ['infra/main.tf', 'Dockerfile', 'docker/app.Dockerfile', 'node_modules/m/main.tf', '.terraform/modules/x/main.tf', 'ignored/main.tf']) {
      mkdirSync(join(dir, f, '..'), { recursive: true });
      writeFileSync(join(dir, f), '');
    }
    writeFileSync(join(dir, '.gitignore'), 'ignored/\n');
    const found = discover([dir], dir).infra.map((p) => p.slice(dir.length + 1)).sort();
    expect(found).toEqual(['Dockerfile', 'docker/app.Dockerfile', 'infra/main.tf']);
  });

  it('suppression comments work on infrastructure files, and a repository without them lints as before', async () => {
    const dir = mkdtempSync(join(tmp, 'run-'));
    mkdirSync(join(dir, 'infra'));
    writeFileSync(join(dir, 'settings.py'), 'DEBUG = True\nSECRET_KEY = "x"\n');
    const before = await lintFolder(dir, rules);
    expect(before.findings.some((f) => f.code.startsWith('DJS9'))).toBe(false);
    writeFileSync(join(dir, 'infra', 'db.tf'), 'resource "aws_db_instance" "a" {\n  publicly_accessible = true # djsec: ignore[DJS901] -- staging\n  storage_encrypted = false\n}\n');
    const after = await lintFolder(dir, rules);
    const infra = after.findings.filter((f) => f.file.endsWith('db.tf')).map((f) => [f.code, f.line]);
    expect(infra).toEqual([['DJS902', 3]]);
    expect(after.findings.filter((f) => !f.file.endsWith('db.tf'))).toEqual(before.findings);
  });
});

describe('settings judged with the infrastructure (DJS302 and the ALB)', () => {
  const folder = (name: string) => join(repoRoot, 'fixtures', 'rules', 'DJS302', name);
  const ssl = async (name: string) => (await lintFolder(folder(name), [sslRedirectOff])).findings.filter((f) => f.code === 'DJS302');

  it('a listener that redirects to HTTPS makes the finding a note naming it', async () => {
    const [f] = await ssl('alb-redirects');
    expect(f.level).toBe('note');
    expect(f.message).toContain('aws_lb_listener.http');
  });

  it('a listener that forwards keeps the warning and names it', async () => {
    const [f] = await ssl('alb-forwards');
    expect(f.level).toBe('warning');
    expect(f.message).toContain('aws_lb_listener.http');
  });

  it('without infrastructure the message is what it always was', async () => {
    const [f] = await ssl('split');
    expect(f.level).toBe('warning');
    expect(f.message).not.toMatch(/load balancer (redirects|does not)/);
  });
});

describe('infrastructure rules never print a secret whole', () => {
  it('DJS916 masks the password of a connection URL it names, in the message and the text frame', async () => {
    const { lintInfraSource } = await import('./support/lint.js');
    const { formatText } = await import('../src/report/text.js');
    const ssm = rules.find((r) => r.code === 'DJS916')!;
    const password = 'Sup3rS3cretPassw0rd-9f8e7d';
    const source = `resource "aws_ssm_parameter" "database_url" {\n  name  = "/shop/prod/DATABASE_URL"\n  type  = "String"\n  value = "postgres://shop:${password}@db.internal:5432/shop"\n}\n`;
    const result = await lintInfraSource(source, [ssm], join(repoRoot, 'fixtures', '__inline__', 'main.tf'));
    expect(result.findings.map((f) => f.code)).toEqual(['DJS916']);
    expect(result.findings[0].message).not.toContain(password);
    expect(formatText(result, { color: 0, cwd: repoRoot })).not.toContain(password);
  });
});

describe('settings judged with the infrastructure (Redis and RDS)', () => {
  const findingsOf = async (code: string, folder: string) => {
    const rule = rules.find((r) => r.code === code)!;
    return (await lintFolder(join(repoRoot, 'fixtures', 'rules', code, folder), [rule])).findings.filter((f) => f.code === code);
  };

  it('DJS703 names the only ElastiCache group, and says nothing of a group when there are several', async () => {
    const [off] = await findingsOf('DJS703', 'elasticache-tls-off');
    expect(off.message).toContain('aws_elasticache_replication_group.cache');
    const [two] = await findingsOf('DJS703', 'two-groups');
    expect(two.message).not.toContain('replication group,');
    expect(two.level).toBe(off.level);
  });

  it('DJS701 names a publicly accessible instance only for its literal endpoint', async () => {
    expect((await findingsOf('DJS701', 'rds-public')).map((f) => f.message)).toEqual([expect.stringContaining('aws_db_instance.shop')]);
    expect(await findingsOf('DJS701', 'host-from-env')).toEqual([]);
  });
});

describe('ECS task definitions as deployed environment', () => {
  const task = (name: string, containers: string) => `resource "aws_ecs_task_definition" "${name}" {\n  family = "${name}"\n  container_definitions = jsonencode([${containers}])\n}\n`;
  const container = (name: string, env: string, secrets = '') => `{ name = "${name}", environment = [${env}], secrets = [${secrets}] }`;
  const modelOf = async (text: string) => {
    const dir = mkdtempSync(join(tmp, 'ecs-'));
    writeFileSync(join(dir, 'ecs.tf'), text);
    return (await loadInfra([join(dir, 'ecs.tf')], (p) => p.slice(dir.length + 1))).model;
  };

  it('gives literal environment values, leaves secrets and non-literal values unset, and lets explicit --env win', async () => {
    const model = await modelOf(task('web', container('web', '{ name = "DJANGO_DEBUG", value = "True" }, { name = "WORKERS", value = 4 }, { name = "DB_HOST", value = aws_db_instance.app.address }', '{ name = "DJANGO_SECRET_KEY", valueFrom = aws_ssm_parameter.k.arn }')));
    const { deployed, note } = withTaskEnvironment(new Map([['WORKERS', '8']]), model);
    expect([...deployed!]).toEqual([['DJANGO_DEBUG', 'True'], ['WORKERS', '8']]);
    expect(note?.message).toBe('settings judged with the environment of aws_ecs_task_definition.web (container "web"): DJANGO_DEBUG as deployed; DJANGO_SECRET_KEY fetched at run time (secrets), left unset; DB_HOST not literal, left unset');
    expect(note?.file).toBe('ecs.tf');
  });

  it('picks the Django container beside a sidecar, takes web and worker with one environment as one, and gives up when they differ', async () => {
    const sidecar = await modelOf(task('web', `${container('nginx', '{ name = "NGINX_PORT", value = "80" }')}, ${container('web', '{ name = "DJANGO_DEBUG", value = "False" }')}`));
    expect(taskEnvironment(sidecar)?.values).toEqual(new Map([['DJANGO_DEBUG', 'False']]));
    const same = await modelOf(task('web', container('web', '{ name = "DJANGO_DEBUG", value = "False" }')) + task('worker', container('worker', '{ name = "DJANGO_DEBUG", value = "False" }')));
    expect(taskEnvironment(same)?.source).toBe('aws_ecs_task_definition.web (container "web"), aws_ecs_task_definition.worker (container "worker")');
    const differ = await modelOf(task('web', container('web', '{ name = "DJANGO_DEBUG", value = "False" }')) + task('staging', container('web', '{ name = "DJANGO_DEBUG", value = "True" }')));
    expect(taskEnvironment(differ)).toBeUndefined();
    expect(withTaskEnvironment(undefined, differ)).toEqual({ deployed: undefined });
  });
});
