// The built binary, spawned as a user runs it: exit codes, formats and errors.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/lint.js';

const bin = join(repoRoot, 'bin', 'djsec.js');

function djsec(args: string[], options: { env?: Record<string, string>; cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? repoRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '0', ...options.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('djsec CLI', () => {
  it('reports DEBUG = True in the example project with file and line, exit 1', () => {
    const r = djsec(['fixtures/example-project']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/fixtures\/example-project\/mysite\/settings\.py/);
    expect(r.stdout).toMatch(/9:9\s+error\s+DEBUG is True.*DJS101 debug-enabled/);
    expect(r.stdout).toContain('9 | DEBUG = True');
    expect(r.stderr).toBe('');
  });

  it('writes parseable JSON with the documented fields', () => {
    const r = djsec(['fixtures/example-project', '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    const debug = report.findings.find((f: { code: string }) => f.code === 'DJS101');
    expect(debug).toMatchObject({
      code: 'DJS101', name: 'debug-enabled', level: 'error', file: 'fixtures/example-project/mysite/settings.py',
      line: 9, column: 9, endLine: 9, endColumn: 13, djangoCheck: 'security.W018', cwe: ['CWE-489'], confidence: 'high',
    });
    expect(report.summary.entries).toEqual(['fixtures/example-project/mysite/settings.py']);
  });

  it('exits 2 with usage on an unknown flag', () => {
    const r = djsec(['--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--bogus'");
  });

  it('exits 2 with one clear line on a missing path', () => {
    const r = djsec(['no/such/dir']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('djsec: path does not exist: no/such/dir');
  });

  it('--fail-on error still fails on an error, --fail-on never does not', () => {
    expect(djsec(['fixtures/example-project', '--fail-on', 'error']).code).toBe(1);
    expect(djsec(['fixtures/example-project', '--fail-on', 'never']).code).toBe(0);
  });

  it('--select and --ignore take codes and names; unknown codes exit 2', () => {
    expect(djsec(['fixtures/example-project', '--ignore', 'DJS101', '--select', 'DJS101,DJS001']).code).toBe(0);
    expect(djsec(['fixtures/example-project', '--select', 'debug-enabled']).code).toBe(1);
    const bad = djsec(['fixtures/example-project', '--select', 'DJS999']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown rule');
  });

  it('--list-rules and --version', () => {
    const list = djsec(['--list-rules']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/DJS101\s+debug-enabled\s+error\s+security\.W018/);
    expect(djsec(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('no colour when piped; colour with FORCE_COLOR, none with --no-color', () => {
    expect(djsec(['fixtures/example-project']).stdout).not.toContain('\u001b[');
    expect(djsec(['fixtures/example-project'], { env: { FORCE_COLOR: '1' } }).stdout).toContain('\u001b[');
    expect(djsec(['fixtures/example-project', '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout).not.toContain('\u001b[');
  });

  it('the WASM parser gives the same report', () => {
    const native = djsec(['fixtures/example-project', '-f', 'json']);
    const wasm = djsec(['fixtures/example-project', '-f', 'json'], { env: { DJSEC_PARSER: 'wasm' } });
    expect(wasm.code).toBe(native.code);
    expect(JSON.parse(wasm.stdout).findings).toEqual(JSON.parse(native.stdout).findings);
  });

  it('never prints a stack trace for a bad DJSEC_PARSER', () => {
    const r = djsec(['fixtures/example-project'], { env: { DJSEC_PARSER: 'bogus' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('DJSEC_PARSER must be');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
