// -o and --write-baseline write THROUGH what is at the path: a FIFO, a device or /dev/stdout is
// written in place, a symlink followed (never replaced), a report's mode kept, missing folders made.
// Tests run as root, as most CI containers do: root can rename over anything.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOutput } from '../src/cli/write-output.js';
import { repoRoot } from './support/lint.js';

const bin = join(repoRoot, 'bin', 'djsec.js');

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'djsec-write-'));
  writeFileSync(join(dir, 'settings.py'), 'DEBUG = True\n');
  return dir;
}

function djsec(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

describe('writing -o and --write-baseline', () => {
  it('a symlink to a device is followed and stays a link; the device stays a device', () => {
    const dir = folder();
    symlinkSync('/dev/null', join(dir, 'null-link'));
    writeOutput(join(dir, 'null-link'), 'report\n');
    expect(lstatSync(join(dir, 'null-link')).isSymbolicLink()).toBe(true);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('a full device is an error in words, and the link to it is not replaced', () => {
    const dir = folder();
    symlinkSync('/dev/full', join(dir, 'full-link'));
    expect(() => writeOutput(join(dir, 'full-link'), 'report\n')).toThrow(/^cannot write .*full-link: no space left on the device$/);
    expect(readlinkSync(join(dir, 'full-link'))).toBe('/dev/full');
    expect(readdirSync(dir).sort()).toEqual(['full-link', 'settings.py']);
  });

  it('-o /dev/stdout writes to standard output and leaves /dev/stdout alone', () => {
    const dir = folder();
    const before = lstatSync('/dev/stdout');
    const r = djsec(['settings.py', '-f', 'json', '-o', '/dev/stdout'], dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { code: string }) => f.code)).toContain('DJS101');
    expect(lstatSync('/dev/stdout').isSymbolicLink()).toBe(before.isSymbolicLink());
    expect(lstatSync('/dev/stdout').isFile()).toBe(false);
  });

  it('a FIFO is written in place (its reader gets the report), not replaced by a file', async () => {
    const dir = folder();
    spawnSync('mkfifo', [join(dir, 'pipe')]);
    const reader = spawn('cat', [join(dir, 'pipe')]);
    let got = '';
    reader.stdout.on('data', (d: Buffer) => (got += d.toString()));
    const readerDone = new Promise((done) => reader.on('close', done));
    const writer = spawn(process.execPath, [bin, 'settings.py', '-f', 'json', '-o', 'pipe'], { cwd: dir });
    const code = await new Promise((done) => writer.on('close', done));
    await readerDone;
    expect(code).toBe(1);
    expect(JSON.parse(got).findings.map((f: { code: string }) => f.code)).toContain('DJS101');
    expect(lstatSync(join(dir, 'pipe')).isFIFO()).toBe(true);
  });

  it('-o >(cmd), a process substitution, works', () => {
    const dir = folder();
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" settings.py -f json -o >(cat > out.json); code=$?; wait; sleep 0.2; exit $code`], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).findings.map((f: { code: string }) => f.code)).toContain('DJS101');
  });

  it('a symlink to a report: the report is replaced, the link kept', () => {
    const dir = folder();
    mkdirSync(join(dir, 'reports'));
    writeFileSync(join(dir, 'reports/real.json'), 'old');
    symlinkSync('reports/real.json', join(dir, 'latest.json'));
    expect(djsec(['settings.py', '-f', 'json', '-o', 'latest.json'], dir).code).toBe(1);
    expect(lstatSync(join(dir, 'latest.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'reports/real.json'), 'utf8')).findings.map((f: { code: string }) => f.code)).toContain('DJS101');
  });

  it('a symlink to nothing is refused in words, not replaced', () => {
    const dir = folder();
    symlinkSync('nowhere/report.json', join(dir, 'dangling'));
    const r = djsec(['settings.py', '-o', 'dangling'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('djsec: cannot write dangling: it is a symbolic link to nothing (not replaced)\n');
    expect(lstatSync(join(dir, 'dangling')).isSymbolicLink()).toBe(true);
  });

  it('keeps the mode of an existing report (0600 stays 0600)', () => {
    const dir = folder();
    writeFileSync(join(dir, 'private.json'), 'old');
    chmodSync(join(dir, 'private.json'), 0o600);
    for (const flag of ['-o', '--write-baseline']) {
      djsec(['settings.py', '-f', 'json', flag, 'private.json'], dir);
      expect(statSync(join(dir, 'private.json')).mode & 0o777).toBe(0o600);
    }
  });

  it('creates missing folders; a folder in the way is said in words', () => {
    const dir = folder();
    expect(djsec(['settings.py', '-f', 'json', '-o', 'out/deep/r.json'], dir).code).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'out/deep/r.json'), 'utf8')).findings.map((f: { code: string }) => f.code)).toContain('DJS101');
    expect(djsec(['settings.py', '--write-baseline', 'base/line.json'], dir).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'base/line.json'), 'utf8')).djsecBaseline).toBe(1);
    const r = djsec(['settings.py', '-o', 'out'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('djsec: cannot write out: it is a folder\n');
    writeFileSync(join(dir, 'file'), '');
    const under = djsec(['settings.py', '-o', 'file/r.json'], dir);
    expect(under.stderr).toBe('djsec: cannot write file/r.json: a part of the path is not a folder\n');
    expect(under.stderr + r.stderr).not.toMatch(/E[A-Z]{3,}/);
  });
});
