// What a one-file run loads (issue 16's and 17's start-up goal): nothing it does not use. The
// built CLI runs with a preload that records, at exit, the Node built-ins the process loaded and
// the files it required; other runs show the code left out is still there when needed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './support/lint.js';
import { project } from './support/project.js';

const bin = join(repoRoot, 'bin', 'djsec.js');
const work = mkdtempSync(join(tmpdir(), 'djsec-startup-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const recorder = join(work, 'record-loads.cjs');
writeFileSync(
  recorder,
  "process.on('exit', () => require('node:fs').writeFileSync(process.env.DJSEC_TEST_LOADS, JSON.stringify({ builtins: process.moduleLoadList, files: Object.keys(require.cache) })));\n",
);

interface Loads {
  builtins: string[];
  files: string[];
}

function djsecLoads(args: string[], cwd: string): { code: number | null; stdout: string; loads: Loads } {
  const out = join(work, `loads-${Math.random().toString(36).slice(2)}.json`);
  const r = spawnSync(process.execPath, ['--require', recorder, bin, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, NO_COLOR: '1', DJSEC_TEST_LOADS: out, DJSEC_PARSER: 'wasm', DJSEC_CACHE_DIR: join(work, 'cache') },
  });
  return { code: r.status, stdout: r.stdout, loads: JSON.parse(readFileSync(out, 'utf8')) as Loads };
}

const SETTINGS = 'DEBUG = True\nALLOWED_HOSTS = ["example.com"]\nSECRET_KEY = "k3$9-this-is-a-long-hardcoded-secret-key-of-many-chars"\n';

describe('a one-file run loads only what it uses', () => {
  it('reads the WebAssembly files itself: no fs/promises (and readline), no ES module resolver', () => {
    const dir = project({ 'mysite/settings.py': SETTINGS });
    const { code, stdout, loads } = djsecLoads(['mysite/settings.py', '--no-cache'], dir);
    expect(code).toBe(1);
    expect(stdout).toContain('DJS101');
    expect(loads.builtins).not.toContain('NativeModule fs/promises');
    expect(loads.builtins).not.toContain('NativeModule internal/readline/interface');
    expect(loads.builtins).not.toContain('NativeModule internal/modules/esm/resolve');
  });
});
