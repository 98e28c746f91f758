// Paths the user names for configuration must never block: a FIFO is refused with exit 2.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/lint.js';

const bin = join(repoRoot, 'bin', 'djsec.js');

describe('FIFOs named as configuration files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'djsec-fifo-'));
  const fifo = join(dir, 'pipe');
  const made = spawnSync('mkfifo', [fifo]).status === 0;

  it.skipIf(!made).each([
    // --env-file is not here: Node 20 itself opens a file given as --env-file (see --dotenv).
    ['--dotenv', '--dotenv'],
    ['--baseline', '--baseline'],
    ['--config', '--config'],
  ])('%s on a FIFO exits 2 without hanging', (_name, flag) => {
    const r = spawnSync(process.execPath, [bin, 'fixtures/example-project', flag, fifo], { cwd: repoRoot, encoding: 'utf8', timeout: 20_000 });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('not a regular file');
  });

  it.skipIf(!made)('--settings on a FIFO is not read', () => {
    const r = spawnSync(process.execPath, [bin, 'fixtures/example-project', '--settings', fifo], { cwd: repoRoot, encoding: 'utf8', timeout: 20_000 });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
  });
});
