// `npm run compare:checkov` (scripts/compare-checkov*.mjs): every part that does not need Checkov
// itself. Checkov's report shape is the one its Report.get_dict writes (check_type, results with
// passed_checks/failed_checks of check_id, file_path, file_line_range, resource). The end-to-end
// case runs real djsec against a stand-in checkov binary (test/support/fake-checkov.mjs), so what
// it proves is the plumbing (layout, join, table), never an agreement figure.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { CHECKOV_VERSION, PAIRS, resolvePairs } from '../scripts/compare-checkov-mapping.mjs';
import { CompareError, compareAll, comparePair, formatComparison, overallAgreement, parseCheckovReport, parseDjsecReport } from '../scripts/compare-checkov-results.mjs';
import { isInfraFile, layoutFixtures, main, parseArgs, splitCases } from '../scripts/compare-checkov-run.mjs';
import { repoRoot } from './support/lint.js';

const tmp = mkdtempSync(join(tmpdir(), 'djsec-compare-checkov-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Verdict = 'PASSED' | 'FAILED';
const record = (checkId: string, file: string, range: [number, number], resource: string, result: Verdict) => ({
  check_id: checkId,
  check_name: 'a check',
  check_result: { result },
  file_path: file,
  file_line_range: range,
  resource,
});
const report = (checkType: string, records: ReturnType<typeof record>[], parsingErrors: string[] = []) => ({
  check_type: checkType,
  results: {
    passed_checks: records.filter((r) => r.check_result.result === 'PASSED'),
    failed_checks: records.filter((r) => r.check_result.result === 'FAILED'),
    skipped_checks: [],
    parsing_errors: parsingErrors,
  },
  summary: { passed: 0, failed: 0, skipped: 0, parsing_errors: 0, resource_count: 0, checkov_version: '3.3.30' },
});

const root = '/tmp/cases';
const pair17 = { rule: 'rds-publicly-accessible', code: 'DJS901', checkov: ['CKV_AWS_17'], frameworks: ['terraform'], unit: 'resource', overlap: 'same', note: 'n', source: ['s'] };

describe("reading Checkov's JSON report", () => {
  it('reads one framework report, with files relative to the scanned folder', () => {
    const text = JSON.stringify(report('terraform', [record('CKV_AWS_17', '/c0001/rds.tf', [2, 12], 'aws_db_instance.app', 'FAILED'), record('CKV_AWS_17', '/c0002/rds.tf', [20, 23], 'aws_db_instance.app', 'PASSED')]));
    const { results, parsingErrors } = parseCheckovReport(text, root);
    expect(results).toEqual([
      { checkId: 'CKV_AWS_17', framework: 'terraform', file: 'c0001/rds.tf', start: 2, end: 12, resource: 'aws_db_instance.app', verdict: 'failed' },
      { checkId: 'CKV_AWS_17', framework: 'terraform', file: 'c0002/rds.tf', start: 20, end: 23, resource: 'aws_db_instance.app', verdict: 'passed' },
    ]);
    expect(parsingErrors).toEqual([]);
  });

  it('reads a list of reports (several frameworks), prefers file_abs_path, and skips the summary of an empty scan', () => {
    const docker = report('dockerfile', [{ ...record('CKV_DOCKER_1005', '/c0003/Dockerfile', [4, 4], '/c0003/Dockerfile.ENV', 'FAILED'), file_abs_path: `${root}/c0003/Dockerfile` } as ReturnType<typeof record>]);
    const empty = { passed: 0, failed: 0, skipped: 0, parsing_errors: 0, resource_count: 0, checkov_version: '3.3.30' };
    const { results } = parseCheckovReport(JSON.stringify([report('terraform', [], ['/c0009/broken.tf']), docker, empty]), root);
    expect(results.map((r) => [r.framework, r.file, r.verdict])).toEqual([['dockerfile', 'c0003/Dockerfile', 'failed']]);
    expect(parseCheckovReport(JSON.stringify([report('terraform', [], ['/c0009/broken.tf'])]), root).parsingErrors).toEqual(['c0009/broken.tf']);
    expect(parseCheckovReport(JSON.stringify(empty), root).results).toEqual([]);
    const noticeFirst = `A new version of checkov is available\n${JSON.stringify(docker)}`;
    expect(parseCheckovReport(noticeFirst, root).results.map((r) => r.checkId)).toEqual(['CKV_DOCKER_1005']);
  });

  it('refuses output that is not a Checkov report, with a sentence', () => {
    expect(() => parseCheckovReport('Traceback (most recent call last):', root)).toThrow(CompareError);
    expect(() => parseCheckovReport('Traceback (most recent call last):', root)).toThrow(/not JSON/);
    expect(() => parseCheckovReport(JSON.stringify({ check_type: 'terraform' }), root)).toThrow(/no results/);
    const lacking = { check_type: 'terraform', results: { failed_checks: [{ check_id: 'CKV_AWS_17', resource: 'aws_db_instance.app' }] } };
    expect(() => parseCheckovReport(JSON.stringify(lacking), root)).toThrow(/file_line_range/);
    expect(() => parseCheckovReport('[1]', root)).toThrow(CompareError);
  });
});

describe("reading djsec's JSON report", () => {
  it('keeps code, file relative to the scanned folder, line and message', () => {
    const text = JSON.stringify({ findings: [{ code: 'DJS901', file: '/tmp/cases/c0001/rds.tf', line: 10, message: 'aws_db_instance.app sets publicly_accessible = true' }] });
    expect(parseDjsecReport(text, root, '/work')).toEqual([{ code: 'DJS901', file: 'c0001/rds.tf', line: 10, message: 'aws_db_instance.app sets publicly_accessible = true' }]);
    expect(() => parseDjsecReport('{}', root, '/work')).toThrow(/no findings list/);
    expect(() => parseDjsecReport('djsec: error', root, '/work')).toThrow(/not JSON/);
  });
});

describe('the mapping', () => {
  it('resolves codes by rule name at run time, so a renumbered rule still maps, and reports rules this djsec lacks', () => {
    const { resolved, missing } = resolvePairs(PAIRS, [
      { code: 'DJS999', name: 'rds-publicly-accessible' },
      { code: 'DJS902', name: 'rds-storage-unencrypted' },
    ]);
    expect(resolved.map((p) => [p.code, p.rule])).toEqual([['DJS999', 'rds-publicly-accessible'], ['DJS902', 'rds-storage-unencrypted']]);
    expect(missing.map((p) => p.rule)).toContain('alb-tls-policy-outdated');
    expect(resolved.length + missing.length).toBe(PAIRS.length);
  });

  it('names the rules of this djsec as they are spelled, and covers every one that has a Checkov counterpart', () => {
    const names = new Set((rules as readonly { name: string }[]).map((r) => r.name));
    for (const name of ['rds-publicly-accessible', 'rds-storage-unencrypted', 'security-group-database-open', 'alb-http-not-redirected', 'docker-secret-in-env']) {
      expect(names.has(name), `${name} is a djsec rule`).toBe(true);
      expect(PAIRS.some((p) => p.rule === name), `${name} is mapped`).toBe(true);
    }
  });

  it('gives each pair Checkov ids, frameworks, a unit, an overlap, a note and the Checkov file read', () => {
    for (const p of PAIRS) {
      expect(p.checkov.length).toBeGreaterThan(0);
      for (const id of p.checkov) expect(id).toMatch(/^CKV2?_(AWS|DOCKER)_\d+$/);
      for (const f of p.frameworks) expect(['terraform', 'cloudformation', 'dockerfile']).toContain(f);
      expect(['resource', 'file']).toContain(p.unit);
      expect(['same', 'partial']).toContain(p.overlap);
      expect(p.note.length).toBeGreaterThan(20);
      for (const s of p.source) expect(s).toMatch(/^checkov\/(terraform|cloudformation|dockerfile)\/checks\/.+\.(py|yaml)$/);
    }
    expect(CHECKOV_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('joining per resource and the agreement arithmetic', () => {
  const result = (file: string, start: number, end: number, resource: string, verdict: 'failed' | 'passed', checkId = 'CKV_AWS_17', caseName = '') => ({ checkId, framework: 'terraform', file, caseName, start, end, resource, verdict });
  const finding = (file: string, line: number, code = 'DJS901', caseName = '') => ({ code, file, caseName, line, message: 'aws_db_instance.app sets publicly_accessible = true: ...' });

  it('counts both flag, both pass, only djsec, only Checkov, and leaves resources Checkov did not judge out of the ratio', () => {
    const checkov = [
      result('a.tf', 1, 5, 'aws_db_instance.both', 'failed'),
      result('a.tf', 7, 9, 'aws_db_instance.neither', 'passed'),
      result('a.tf', 11, 14, 'aws_db_instance.djsec', 'passed'),
      result('a.tf', 16, 20, 'aws_db_instance.checkov', 'failed'),
    ];
    const c = comparePair(pair17, checkov, [finding('a.tf', 3), finding('a.tf', 12), finding('a.tf', 30), finding('a.tf', 3, 'DJS902')]);
    expect(c.counts).toEqual({ bothFlag: 1, bothPass: 1, onlyDjsec: 1, onlyCheckov: 1 });
    expect([c.compared, c.agreements]).toEqual([4, 2]);
    expect(c.disagreements.map((d) => [d.side, d.resource])).toEqual([['djsec', 'aws_db_instance.djsec'], ['checkov', 'aws_db_instance.checkov']]);
    expect(c.notEvaluated).toEqual([{ file: 'a.tf', caseName: '', line: 30, resource: 'aws_db_instance.app' }]);
  });

  it('fails a resource when any of the mapped ids fails it, and keeps fixture cases apart', () => {
    const pair = { ...pair17, code: 'DJS902', checkov: ['CKV_AWS_16', 'CKV_AWS_96'] };
    const checkov = [
      result('rds.tf', 2, 6, 'aws_db_instance.app', 'passed', 'CKV_AWS_16', 'one'),
      result('rds.tf', 2, 6, 'aws_db_instance.app', 'failed', 'CKV_AWS_96', 'one'),
      result('rds.tf', 2, 6, 'aws_db_instance.app', 'passed', 'CKV_AWS_16', 'two'),
    ];
    const c = comparePair(pair, checkov, [finding('rds.tf', 2, 'DJS902', 'one')]);
    expect(c.counts).toEqual({ bothFlag: 1, bothPass: 1, onlyDjsec: 0, onlyCheckov: 0 });
  });

  it('gives a pair of several Checkov ids a row per id too', () => {
    const pair = { ...pair17, code: 'DJS902', checkov: ['CKV_AWS_16', 'CKV_AWS_96'] };
    const checkov = [result('rds.tf', 1, 4, 'aws_db_instance.app', 'failed', 'CKV_AWS_16'), result('rds.tf', 6, 9, 'aws_rds_cluster.main', 'passed', 'CKV_AWS_96')];
    const [all] = compareAll([pair], checkov, [finding('rds.tf', 1, 'DJS902'), finding('rds.tf', 6, 'DJS902')]);
    expect([all.compared, all.agreements]).toEqual([2, 1]);
    expect(all.perId.map((c) => [c.pair.checkov[0], c.compared, c.agreements, c.notEvaluated.length])).toEqual([['CKV_AWS_16', 1, 1, 1], ['CKV_AWS_96', 1, 0, 1]]);
    const text = formatComparison([all]);
    expect(text).toContain('| ↳ | CKV_AWS_16 | | | 1 | 1 | 0 | 0 | 0 | 100.0% | 1 |');
    expect(text).toContain('| ↳ | CKV_AWS_96 | | | 1 | 0 | 0 | 1 | 0 | 0.0% | 1 |');
  });

  it('compares per file for file-unit pairs', () => {
    const pair = { ...pair17, code: 'DJS904', checkov: ['CKV2_AWS_20'], unit: 'file', overlap: 'partial' };
    const c = comparePair(pair, [result('alb.tf', 1, 4, 'aws_lb.app', 'failed', 'CKV2_AWS_20')], [finding('alb.tf', 12, 'DJS904')]);
    expect([c.compared, c.counts.bothFlag, c.notEvaluated.length]).toEqual([1, 1, 0]);
  });

  it('makes the overall figure from the pairs that test the same thing only', () => {
    const same = comparePair(pair17, [result('a.tf', 1, 5, 'x', 'failed'), result('a.tf', 7, 9, 'y', 'failed')], [finding('a.tf', 3)]);
    const partial = comparePair({ ...pair17, overlap: 'partial' }, [result('a.tf', 1, 5, 'x', 'passed')], [finding('a.tf', 3)]);
    expect(overallAgreement([same, partial])).toEqual({ compared: 2, agreements: 1, ratio: 0.5 });
    expect(overallAgreement([partial]).ratio).toBeUndefined();
    const text = formatComparison([same, partial], { missing: [{ ...pair17, rule: 'alb-without-waf', checkov: ['CKV2_AWS_28'] }] });
    expect(text).toContain('| DJS901 rds-publicly-accessible | CKV_AWS_17 | same | resource | 2 | 1 | 0 | 0 | 1 | 50.0% | 0 |');
    expect(text).toContain('only Checkov: a.tf:7-9 y (CKV_AWS_17)');
    expect(text).toContain('skipped: alb-without-waf (CKV2_AWS_28) is not a rule of this djsec');
    expect(text).toContain('overall agreement (pairs testing the same thing): 1/2 = 50.0%');
    expect(formatComparison([partial])).toContain('overall agreement (pairs testing the same thing): nothing compared');
  });
});

describe('laying out the fixtures', () => {
  it('splits a fixture into its cases, keeping line numbers', () => {
    const cases = splitCases('# header\n# case: one\nresource "a" "b" {}\n# case: two\nresource "c" "d" {}\n');
    expect(cases.map((c) => c.name)).toEqual(['one', 'two']);
    expect(cases[1].source.split('\n')[4]).toBe('resource "c" "d" {}');
    expect(cases[1].source.split('\n')[2]).toBe('');
    expect(cases[0].source.split('\n')[0]).toBe('# header');
    expect(splitCases('FROM python:3.12\n')).toEqual([{ name: '', source: 'FROM python:3.12\n' }]);
  });

  it('knows Terraform, Dockerfiles and CloudFormation templates, and nothing else', () => {
    expect(isInfraFile('rds.tf', '')).toBe(true);
    expect(isInfraFile('Dockerfile', '')).toBe(true);
    expect(isInfraFile('Dockerfile.prod', '')).toBe(true);
    expect(isInfraFile('stack.yaml', 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n')).toBe(true);
    expect(isInfraFile('stack.json', '{"Resources": {"Db": {"Type": "AWS::RDS::DBInstance"}}}')).toBe(true);
    expect(isInfraFile('ci.yaml', 'on: push\njobs: {}\n')).toBe(false);
    expect(isInfraFile('fixture.json', '{"Type": "AWS::X"}')).toBe(false);
    expect(isInfraFile('settings.py', '')).toBe(false);
  });

  it('lays out one folder a case, a subfolder as one case, and follows no symlink', () => {
    const fixtures = join(tmp, 'layout-fixtures');
    mkdirSync(join(fixtures, 'project', 'infra'), { recursive: true });
    writeFileSync(join(fixtures, 'rds.tf'), '# case: a\nresource "aws_db_instance" "a" {}\n# case: b\nresource "aws_db_instance" "b" {}\n');
    writeFileSync(join(fixtures, 'project', 'infra', 'alb.tf'), 'resource "aws_lb" "app" {}\n');
    writeFileSync(join(fixtures, 'project', 'settings.py'), 'DEBUG = False\n');
    writeFileSync(join(fixtures, 'notes.txt'), 'not infrastructure\n');
    symlinkSync('/etc/hostname', join(fixtures, 'linked.tf'));
    const out = join(tmp, 'layout-out');
    mkdirSync(out);
    const cases = layoutFixtures([fixtures], out);
    expect(cases.map((c) => [...c.origins.entries()].map(([k, v]) => `${k} ${v.caseName}`))).toEqual([
      ['c0001/infra/alb.tf '],
      ['c0002/rds.tf a'],
      ['c0003/rds.tf b'],
    ]);
  });
});

describe('running: failures are a sentence and exit 2, never a figure', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } };
  };
  const rulesJson = JSON.stringify({ rules: [{ code: 'DJS901', name: 'rds-publicly-accessible' }] });
  const fixtures = join(tmp, 'run-fixtures');
  mkdirSync(fixtures, { recursive: true });
  writeFileSync(join(fixtures, 'rds.tf'), 'resource "aws_db_instance" "app" {\n  publicly_accessible = true\n}\n');

  type Run = (command: string, args: string[]) => { status: number | null; stdout: string; stderr: string; error?: Error };
  const fakeRun = (onPip: ReturnType<Run>, onCheckov?: ReturnType<Run>): Run => (command, args) => {
    if (args.includes('--list-rules')) return { status: 0, stdout: rulesJson, stderr: '' };
    if (command === 'python3') return { status: 0, stdout: '', stderr: '' };
    if (command.endsWith('/pip')) return onPip;
    if (args[0] === '--version') return { status: 0, stdout: '3.3.30\n', stderr: '' };
    return onCheckov ?? { status: 0, stdout: '{}', stderr: '' };
  };

  it("says pip's last line when Checkov cannot be installed (no PyPI here)", () => {
    const { out, err, stdout, stderr } = io();
    const pip = { status: 1, stdout: 'Looking in indexes: ...\n', stderr: 'ERROR: Could not find a version that satisfies the requirement checkov==3.3.30\nERROR: No matching distribution found for checkov==3.3.30\n' };
    expect(main(['--fixtures', fixtures], { run: fakeRun(pip), stdout, stderr })).toBe(2);
    expect(err.join('')).toContain('compare:checkov: could not install Checkov: ERROR: No matching distribution found for checkov==3.3.30\n');
    expect(out.join('')).toBe('');
  });

  it('says so when python3 cannot make a virtualenv', () => {
    const { out, err, stdout, stderr } = io();
    const run: Run = (command, args) => (args.includes('--list-rules') ? { status: 0, stdout: rulesJson, stderr: '' } : { status: null, stdout: '', stderr: '', error: new Error(`spawnSync ${command} ENOENT`) });
    expect(main(['--fixtures', fixtures], { run, stdout, stderr })).toBe(2);
    expect(err.join('')).toContain('compare:checkov: could not install Checkov: python3 -m venv failed: spawnSync python3 ENOENT');
    expect(out.join('')).toBe('');
  });

  it('says so when Checkov fails or prints something that is not its report', () => {
    for (const checkov of [{ status: 2, stdout: '', stderr: 'checkov: error: unrecognized arguments\n' }, { status: 0, stdout: 'Traceback (most recent call last):', stderr: '' }]) {
      const { out, err, stdout, stderr } = io();
      expect(main(['--fixtures', fixtures], { run: fakeRun({ status: 0, stdout: '', stderr: '' }, checkov), stdout, stderr })).toBe(2);
      expect(err.join('')).toMatch(/compare:checkov: (Checkov failed: checkov: error: unrecognized arguments|Checkov's output is not JSON)/);
      expect(out.join('')).toBe('');
    }
  });

  it('asks Checkov for the mapped ids as JSON with passed checks (no --quiet, which drops them)', () => {
    const { stdout, stderr } = io();
    const calls: string[][] = [];
    const base = fakeRun({ status: 0, stdout: '', stderr: '' }, { status: 0, stdout: 'not json', stderr: '' });
    main(['--fixtures', fixtures], { run: (command, args) => (calls.push(args), base(command, args)), stdout, stderr });
    const scan = calls.find((a) => a.includes('-d'));
    expect(scan).toBeDefined();
    expect(scan).not.toContain('--quiet');
    expect(scan!.slice(scan!.indexOf('-o'), scan!.indexOf('-o') + 2)).toEqual(['-o', 'json']);
    expect(scan![scan!.indexOf('--check') + 1]).toBe('CKV_AWS_17');
  });

  it('refuses unknown arguments, a missing folder and a folder without infrastructure files', () => {
    expect(() => parseArgs(['--frobnicate'])).toThrow(/unknown argument "--frobnicate"/);
    const empty = join(tmp, 'no-infra');
    mkdirSync(empty, { recursive: true });
    writeFileSync(join(empty, 'settings.py'), 'DEBUG = True\n');
    for (const [args, message] of [[['--frobnicate'], 'unknown argument'], [['--fixtures', join(tmp, 'missing')], 'is not a folder'], [['--fixtures', empty], 'no Terraform, CloudFormation or Dockerfile fixtures']] as const) {
      const { out, err, stdout, stderr } = io();
      expect(main([...args], { run: fakeRun({ status: 0, stdout: '', stderr: '' }), stdout, stderr })).toBe(2);
      expect(err.join('')).toContain(message);
      expect(out.join('')).toBe('');
    }
  });
});

describe('end to end with real djsec and a stand-in checkov', () => {
  it('lays out the cases, runs both, joins per resource and prints the table', () => {
    const fixtures = join(tmp, 'e2e');
    mkdirSync(fixtures, { recursive: true });
    writeFileSync(
      join(fixtures, 'rds.tf'),
      [
        '# case: literal',
        'resource "aws_db_instance" "app" {',
        '  publicly_accessible = true',
        '}',
        '# case: private',
        'resource "aws_db_instance" "app" {',
        '  publicly_accessible = false',
        '}',
        '# case: through a variable default (the stand-in reads literals only)',
        'variable "public" {',
        '  default = true',
        '}',
        'resource "aws_db_instance" "app" {',
        '  publicly_accessible = var.public',
        '}',
        '',
      ].join('\n'),
    );
    const out: string[] = [];
    const err: string[] = [];
    const code = main(['--fixtures', fixtures, '--checkov', join(repoRoot, 'test', 'support', 'fake-checkov.mjs')], { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } });
    expect(err.join(''), 'stderr').toContain('3 fixture cases');
    expect(code).toBe(0);
    const text = out.join('');
    expect(text).toContain('| DJS901 rds-publicly-accessible | CKV_AWS_17 | same | resource | 3 | 1 | 1 | 1 | 0 | 66.7% | 0 |');
    expect(text).toMatch(/only djsec: {3}.*e2e\/rds\.tf:13-15 \(case: through a variable default[^)]*\)\) aws_db_instance\.app \(line 14\)/);
    expect(text).toContain('overall agreement (pairs testing the same thing): 2/3 = 66.7%');
  }, 60_000);
});
