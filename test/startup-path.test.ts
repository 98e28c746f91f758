// What a one-file run loads (issue 16's and 17's start-up goal): nothing it does not use. The
// built CLI runs with a preload that records, at exit, the Node built-ins the process loaded and
// the files it opened; other runs show that what was left out (rule docs, the infrastructure
// chunk) is still there when needed, code-cached like the bundle.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { repoRoot } from './support/lint.js';
import { project } from './support/project.js';

const bin = join(repoRoot, 'bin', 'djsec.js');
const work = mkdtempSync(join(tmpdir(), 'djsec-startup-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const recorder = join(work, 'record-loads.cjs');
writeFileSync(
  recorder,
  [
    "const fs = require('node:fs');",
    'const opened = [];',
    'for (const name of ["openSync", "readFileSync"]) {',
    '  const original = fs[name];',
    '  fs[name] = function (file, ...rest) { if (typeof file === "string") opened.push(file); return original.call(this, file, ...rest); };',
    '}',
    "process.on('exit', () => fs.writeFileSync(process.env.DJSEC_TEST_LOADS, JSON.stringify({ builtins: process.moduleLoadList, opened })));",
  ].join('\n'),
);

interface Loads {
  builtins: string[];
  opened: string[];
}

function djsecLoads(args: string[], cwd: string, cacheDir = join(work, 'cache')): { code: number | null; stdout: string; loads: Loads } {
  const out = join(work, `loads-${Math.random().toString(36).slice(2)}.json`);
  const r = spawnSync(process.execPath, ['--require', recorder, bin, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, NO_COLOR: '1', DJSEC_TEST_LOADS: out, DJSEC_PARSER: 'wasm', DJSEC_CACHE_DIR: cacheDir },
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
    // Hashing is for the caches (lazy-builtins.ts): a --no-cache run never loads node:crypto.
    expect(loads.builtins).not.toContain('NativeModule crypto');
  });

  it('reads neither the rule docs nor the infrastructure chunk, and the bundle does not hold the docs', () => {
    const dir = project({ 'mysite/settings.py': SETTINGS });
    const { loads } = djsecLoads(['mysite/settings.py', '--no-cache'], dir);
    expect(loads.opened.some((f) => f.endsWith('djsec.cjs'))).toBe(true);
    expect(loads.opened.filter((f) => /djsec-(docs|infra)/.test(f))).toEqual([]);
    const bundle = readFileSync(join(repoRoot, 'dist', 'djsec.cjs'), 'utf8');
    for (const rule of rules) expect(bundle.includes(rule.meta.docs.trim().split('\n').slice(0, 3).join('\n')), rule.code).toBe(false);
  });
});

describe('what a one-file run leaves out is there when needed', () => {
  it('--explain and SARIF read every rule\'s docs', () => {
    const dir = project({ 'mysite/settings.py': SETTINGS });
    const explain = djsecLoads(['--explain', 'DJS101'], dir);
    expect(explain.stdout).toContain(rules.find((r) => r.code === 'DJS101')?.meta.docs.trim().split('\n').slice(0, 3).join('\n'));
    expect(explain.loads.opened.some((f) => f.endsWith('djsec-docs.json'))).toBe(true);
    const sarif = JSON.parse(djsecLoads(['mysite/settings.py', '--no-cache', '-f', 'sarif'], dir).stdout) as { runs: { tool: { driver: { rules: { id: string; help: { markdown: string } }[] } } }[] };
    const help = new Map(sarif.runs[0].tool.driver.rules.map((r) => [r.id, r.help.markdown]));
    for (const rule of rules) expect(help.get(rule.code), rule.code).toContain(rule.meta.docs.trim());
  });

  it('a run with infrastructure files loads the infrastructure chunk, code-cached like the bundle', () => {
    const dir = project({
      'mysite/settings.py': SETTINGS,
      'infra/db.tf': 'resource "aws_db_instance" "app" {\n  publicly_accessible = true\n  storage_encrypted   = true\n}\n',
      Dockerfile: 'FROM python:3.12-slim\nENV DJANGO_SECRET_KEY=abcdefghijklmnopqrstuvwxyz012345\n',
    });
    const cache = mkdtempSync(join(work, 'code-cache-'));
    const first = djsecLoads(['.', '--no-cache', '-f', 'concise'], dir, cache);
    expect(first.stdout).toContain('infra/db.tf:2:25: DJS901');
    expect(first.stdout).toContain('Dockerfile:2:1: DJS906');
    expect(first.loads.opened.some((f) => f.endsWith('djsec-infra.cjs'))).toBe(true);
    // One cache file for the bundle, one for the chunk; the next run reads both and rewrites neither.
    const files = readdirSync(cache).filter((f) => f.endsWith('.v8'));
    expect(files).toHaveLength(2);
    const written = files.map((f) => statSync(join(cache, f)).mtimeMs);
    const second = djsecLoads(['.', '--no-cache', '-f', 'concise'], dir, cache);
    expect(second.stdout).toBe(first.stdout);
    expect(second.loads.opened.filter((f) => f.endsWith('.v8'))).toHaveLength(2);
    expect(files.map((f) => statSync(join(cache, f)).mtimeMs)).toEqual(written);
    // The same findings from a process that never saw a code cache.
    expect(djsecLoads(['.', '--no-cache', '-f', 'concise'], dir, 'off').stdout).toBe(first.stdout);
  });

  it('the chunk takes what the bundle has from the bundle: one web-tree-sitter in the process', () => {
    const chunk = readFileSync(join(repoRoot, 'dist', 'djsec-infra.cjs'), 'utf8');
    expect(readFileSync(join(repoRoot, 'dist', 'djsec.cjs'), 'utf8')).toContain('_ts_parser_new_wasm');
    expect(chunk).not.toContain('_ts_parser_new_wasm');
    expect(chunk).toContain('__djsecShared["dist/src/model/parse.js"]');
  });
});
