// Hostile inputs: every one has a defined outcome, and none crashes, hangs or leaks.
// In-process tests use lintFiles directly; the CLI ones spawn the built binary (exit codes, stderr).
import { spawnSync } from 'node:child_process';
import type { Mode, OpenMode, PathLike } from 'node:fs';
import type * as nodeFs from 'node:fs';
import { chmodSync, existsSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it, vi } from 'vitest';
import { rules } from '../rules/index.js';
import type * as registry from '../rules/index.js';
import { main } from '../src/cli/cli.js';
import { writeOutput } from '../src/cli/write-output.js';
import { discover } from '../src/project/discover.js';
import type { LintOptions, LintResult } from '../src/lint/lint.js';
import { lintFiles } from '../src/lint/lint.js';
import type { Value } from '../src/model/values.js';
import { MAX_NESTING, isConcrete } from '../src/model/values.js';
import type { PythonParser, SyntaxNode } from '../src/model/parse.js';
import { getParser } from '../src/model/parse.js';
import type { Rule } from '../src/rule-kit/rule.js';
import { lintSource, repoRoot } from './support/lint.js';
import { project as makeProject } from './support/project.js';

// Tests run as root, who can read any file: permission denied is simulated in-process by making
// open() of a file named locked_settings.py fail with EACCES, as it does for an ordinary user.
// Likewise a full disk: writing a temp file (*.tmp) whose name contains disk-full fails with ENOSPC.
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof nodeFs>();
  // Temp files opened for an atomic write on the "full disk" (writeOutput writes through an fd).
  const fullDisk = new Set<number>();
  const openSync = (path: PathLike, flags: OpenMode = 'r', mode?: Mode | null): number => {
    if (String(path).endsWith('locked_settings.py')) throw Object.assign(new Error(`EACCES: permission denied, open '${String(path)}'`), { code: 'EACCES' });
    const fd = fs.openSync(path, flags, mode);
    if (String(path).includes('disk-full') && String(path).endsWith('.tmp')) fullDisk.add(fd);
    return fd;
  };
  const writeFileSync: typeof fs.writeFileSync = (file, data, options) => {
    if ((String(file).includes('disk-full') && String(file).endsWith('.tmp')) || fullDisk.has(file as number)) {
      fs.writeFileSync(file, String(data).slice(0, 10), options); // a partial write, then the disk is full
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    }
    return fs.writeFileSync(file, data, options);
  };
  const writeSync = ((fd: number, buffer: Buffer, ...rest: number[]) => {
    if (fullDisk.has(fd)) {
      fs.writeSync(fd, buffer.subarray(0, 10)); // a partial write, then the disk is full
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }
    return (fs.writeSync as (...a: unknown[]) => number)(fd, buffer, ...rest);
  }) as typeof fs.writeSync;
  return { ...fs, openSync, writeFileSync, writeSync, default: { ...fs, openSync, writeFileSync, writeSync } };
});

// A rule that throws, registered only here (also for the CLI's main(), which reads the same
// registry): it crashes on files under a folder named crash-me and does nothing elsewhere.
vi.mock('../rules/index.js', async (importOriginal) => {
  const original = await importOriginal<typeof registry>();
  const { defineRule } = await import('../src/rule-kit/rule.js');
  const alwaysThrows = defineRule({
    code: 'DJS990',
    name: 'always-throws',
    level: 'error',
    meta: {
      summary: 'Throws (test only)',
      description: 'Throws on files under crash-me/.',
      cwe: [],
      securitySeverity: '1.0',
      precision: 'low',
      messages: { never: 'never reported' },
      docs: '',
    },
    check(ctx) {
      if (ctx.settings.module.file.includes('crash-me/')) throw new TypeError("cannot judge 'supersecretvalue-0123456789'");
    },
  });
  return { ...original, rules: [...original.rules, alwaysThrows] };
});

const allRules = rules as readonly Rule[];

const codes = (r: LintResult) => r.findings.map((f) => `${f.code}:${f.line}`);

/** Lints in memory and returns the result with how long it took. */
async function timed(source: string, ruleSet: readonly Rule[] = allRules) {
  const start = performance.now();
  const result = await lintSource(source, ruleSet);
  return { result, ms: performance.now() - start };
}

const project = (files: Record<string, string | Buffer>) => makeProject(files, 'djsec-hostile-');

/** Lints a directory as the CLI does: discovery (its notes become skipped entries), roles, rules. */
async function lintDir(dir: string, options: Partial<LintOptions> & { paths?: string[] } = {}): Promise<LintResult> {
  const discovery = discover(options.paths ?? ['.'], dir);
  const result = lintFiles(discovery.candidates, await getParser(), { cwd: dir, rules: allRules, namedOnCommandLine: discovery.named, ...options });
  for (const note of discovery.notes) result.skipped.push({ file: note.path, reason: note.message });
  return result;
}

/** The value of a setting in the first module evaluated. */
function settingOf(result: LintResult, name: string): Value | undefined {
  return [...result.evaluations.values()][0]?.ns.get(name);
}

/** How deeply the first item of each list (or first value of each dict) nests, and what is at the bottom. */
function nestingOf(v: Value | undefined): { depth: number; bottom: Value | undefined } {
  let depth = 0;
  let current = v;
  for (;;) {
    if (!current || !isConcrete(current) || typeof current.py !== 'object' || current.py === null) return { depth, bottom: current };
    const py = current.py;
    const next = py.t === 'list' ? py.items[0] : py.t === 'dict' ? py.entries[0]?.value : undefined;
    if (!next) return { depth, bottom: current };
    depth++;
    current = next;
  }
}

describe('deep nesting never overflows the stack', () => {
  const N = 10_000;
  const nested: Record<string, string> = {
    'parentheses': `DEBUG = ${'('.repeat(N)}True${')'.repeat(N)}\n`,
    'dict literals': `DEBUG = ${'{"a": '.repeat(N)}True${'}'.repeat(N)}\n`,
    'list literals': `DEBUG = ${'['.repeat(N)}True${']'.repeat(N)}\n`,
    'binary operators': `DEBUG = ${'1 + '.repeat(N)}1\n`,
    'unary operators': `DEBUG = ${'not '.repeat(N)}False\n`,
    'calls': `DEBUG = ${'bool('.repeat(N)}1${')'.repeat(N)}\n`,
    'attributes': `DEBUG = a${'.b'.repeat(N)}\n`,
    'subscripts': `DEBUG = a${'[0]'.repeat(N)}\n`,
    'conditional expressions': `DEBUG = ${'True if a else '.repeat(N)}True\n`,
    'lambdas': `DEBUG = ${'lambda: '.repeat(N)}True\n`,
    'comparisons': `DEBUG = ${'1 < '.repeat(N)}2\n`,
    'chained assignment': `DEBUG = ${'X = '.repeat(N)}True\n`,
    'parenthesized target': `${'('.repeat(N)}DEBUG${')'.repeat(N)} = True\n`,
    'tuple target': `${'('.repeat(N)}DEBUG,${')'.repeat(N)} = True\n`,
    'list target': `${'['.repeat(N)}DEBUG${']'.repeat(N)} = [True]\n`,
    'subscript target': `DEBUG = {}\nDEBUG${'[0]'.repeat(N)} = 1\n`,
    'augmented subscript target': `DEBUG = {}\nDEBUG${'[0]'.repeat(N)} += 1\n`,
    'del of a subscript': `DEBUG = {}\ndel DEBUG${'[0]'.repeat(N)}\n`,
    'mutation of a subscript': `DEBUG = {}\nDEBUG${'[0]'.repeat(N)}.append(1)\n`,
    'for target in a loop': `for ${'('.repeat(N)}DEBUG,${')'.repeat(N)} in y: pass\n`,
    'nested env defaults': `import os\nDEBUG = ${'os.environ.get("A", '.repeat(N)}True${')'.repeat(N)}\n`,
    'helper body': `def f(a): return ${'('.repeat(N)}a${')'.repeat(N)}\nDEBUG = f(True)\n`,
    'helper default': `def f(a=${'('.repeat(N)}True${')'.repeat(N)}): return a\nDEBUG = f()\n`,
    '10,000 elif branches': `if a:\n  DEBUG = True\n${'elif b:\n  DEBUG = True\n'.repeat(N)}`,
  };
  it.each(Object.entries(nested))('%s', async (_name, source) => {
    const { result } = await timed(source);
    expect(result.errors).toEqual([]);
    expect(result.findings.filter((f) => f.code === 'DJS000')).toEqual([]);
  });

  // Blocks nest by indentation, so 10,000 levels is a 50 MB file (ten times the size cap); the
  // parser itself stops nesting at about 500 levels. The walk is bounded at CPython's own limit
  // of 100 levels: deeper statements make what they assign unknown, never a stack overflow.
  const blocks = (depth: number, header: string) =>
    Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}${header}\n`).join('') + `${' '.repeat(depth)}DEBUG = True\n`;
  it.each([
    ['if', 'if True:'],
    ['try', 'try:'],
    ['with', 'with a:'],
    ['else', 'if a: pass\nelse:'],
  ])('%s blocks nested 2,000 deep', async (_name, header) => {
    const depth = 2_000;
    const source = header.includes('\n')
      ? Array.from({ length: depth }, (_, i) => header.split('\n').map((l) => ' '.repeat(i) + l).join('\n') + '\n').join('') + `${' '.repeat(depth)}DEBUG = True\n`
      : blocks(depth, header);
    const { result } = await timed(source);
    expect(result.errors).toEqual([]);
    expect(result.findings.filter((f) => f.code === 'DJS000')).toEqual([]);
  });

  it('statements below 100 nested blocks are judged; deeper ones become unknown', async () => {
    const shallow = await timed(blocks(50, 'if True:'));
    expect(codes(shallow.result)).toContain('DJS101:51');
    const deep = await timed(blocks(150, 'if True:'));
    expect(deep.result.findings.filter((f) => f.code === 'DJS101')).toEqual([]);
  });
});

describe('time stays linear in input size', () => {
  // Every kind of statement that once cost more than its own size: undecidable branches (each
  // copied the whole namespace), try/except fallbacks, list growth, plain assignments.
  const block = (i: number) =>
    [
      `SETTING_${i} = "value-${i}"`,
      `if os.environ.get("FLAG_${i}"):`,
      `    DEBUG = ${i % 2 === 0 ? 'True' : 'False'}`,
      `try:`,
      `    KEY_${i} = os.environ["KEY_${i}"]`,
      `except KeyError:`,
      `    KEY_${i} = "fallback"`,
      `MIDDLEWARE += ["m${i}"]`,
    ].join('\n');
  const moduleOf = (lines: number) => `import os\nMIDDLEWARE = []\nDEBUG = False\n${Array.from({ length: lines / 8 }, (_, i) => block(i)).join('\n')}\n`;

  it('a 100,000-line module takes about four times as long as a 25,000-line one', async () => {
    await timed(moduleOf(8_000)); // warm up the parser and the JIT
    const quarter = await timed(moduleOf(25_000));
    const full = await timed(moduleOf(100_000));
    expect(full.result.errors).toEqual([]);
    expect(full.result.files).toHaveLength(1);
    console.log(`100,000 lines: ${Math.round(full.ms)} ms; 25,000 lines: ${Math.round(quarter.ms)} ms`);
    // Linear is 4x; quadratic would be 16x. The slack absorbs a busy machine.
    expect(full.ms / quarter.ms).toBeLessThan(8);
    expect(full.ms).toBeLessThan(120_000);
  }, 300_000);
});

describe('bounded work: the size caps hold for every construct', () => {
  const huge: [string, string][] = [
    ['"x" * 10**10', 'string too large'],
    ['"x" * 10**5 * 10**5', 'string too large'],
    ['2 ** 10**9', ''],
    ['[0] * 10**9', 'sequence too large'],
    ['10 ** 10 ** 10', ''],
    ['1 << 10**9', ''],
    ['"x".ljust(10**10)', ''],
    ['"{:>10000000000}".format(1)', ''],
    ['f"{1:>10000000000}"', ''],
    ['int("9" * 100000)', ''],
    ['a 5,000-digit integer literal', ''],
    ['a 200,000-character string literal', 'string too large'],
    ['[[0] * 10000] * 10000', 'value too large'],
    ['[[[[0] * 100] * 100] * 100] * 100', ''],
    ['list("x" * 100000)', 'sequence too large'],
    ['("x" * 100000).replace("x", "y" * 100000)', ''],
    ['"".join(["x"] * 10**9)', ''],
    ['["x" * 90000] * 5', 'value too large'],
    ['{i: i for i in range(10**9)}', ''],
    ['os.environ.get("K", "x" * 10**10)', ''],
  ];
  const spelled: Record<string, string> = {
    'a 5,000-digit integer literal': `1${'0'.repeat(5000)}`,
    'a 200,000-character string literal': `"${'x'.repeat(200_000)}"`,
  };
  it.each(huge)('X = %s is unknown, at once', async (label, reason) => {
    const { result, ms } = await timed(`import os\nX = ${spelled[label] ?? label}\n`);
    const x = settingOf(result, 'X');
    // Unknown, or (for a literal of literals) a container whose over-cap parts are unknown.
    const { depth, bottom } = nestingOf(x);
    expect(depth).toBeLessThanOrEqual(MAX_NESTING + 1);
    expect(bottom?.kind === 'unknown' || (x?.kind === 'known' && depth > 0)).toBe(true);
    if (x?.kind === 'unknown' && reason) expect(x.reason).toContain(reason);
    expect(ms).toBeLessThan(5_000);
    expect(result.errors).toEqual([]);
  });

  it('repeating an empty sequence a huge number of times is instant (found by fuzzing: it looped 10**20 times)', async () => {
    const { result, ms } = await timed('A = [] * 10**20\nB = () * 2**70\nC = "" * 10**30\nD = b"" * 10**20\n');
    expect(settingOf(result, 'A')).toMatchObject({ kind: 'known', py: { t: 'list', items: [] } });
    expect(settingOf(result, 'B')).toMatchObject({ kind: 'known', py: { t: 'tuple', items: [] } });
    expect(settingOf(result, 'C')).toMatchObject({ kind: 'known', py: '' });
    expect(ms).toBeLessThan(5_000);
  });

  it('values at the caps are kept', async () => {
    const { result } = await timed('X = "x" * 100000\nY = [0] * 10000\nZ = 2 ** 1000\n');
    expect(settingOf(result, 'X')?.kind).toBe('known');
    expect(settingOf(result, 'Y')?.kind).toBe('known');
    expect(settingOf(result, 'Z')?.kind).toBe('known');
  });

  it('10,000-deep parentheses and dict literals end in unknown (depth bound); 50-deep ones are evaluated', async () => {
    const parens = await timed(`X = ${'('.repeat(10_000)}1${')'.repeat(10_000)}\n`);
    expect(settingOf(parens.result, 'X')?.kind).toBe('unknown');
    const dicts = await timed(`X = ${'{"a": '.repeat(10_000)}1${'}'.repeat(10_000)}\n`);
    const { depth, bottom } = nestingOf(settingOf(dicts.result, 'X'));
    expect(depth).toBeLessThanOrEqual(MAX_NESTING + 1);
    expect(bottom?.kind).toBe('unknown');
    const shallow = await timed(`X = ${'{"a": '.repeat(50)}True${'}'.repeat(50)}\n`);
    expect(nestingOf(settingOf(shallow.result, 'X'))).toMatchObject({ depth: 50, bottom: { kind: 'known', py: true } });
  });

  it('values built by statements stay within the nesting and size caps', async () => {
    const nested = await timed(`X = []\n${'X = [X]\n'.repeat(5_000)}Y = [0]\n${'Y.append(Y)\n'.repeat(200)}`);
    expect(nestingOf(settingOf(nested.result, 'X')).depth).toBeLessThanOrEqual(MAX_NESTING + 1);
    expect(nestingOf(settingOf(nested.result, 'Y')).depth).toBeLessThanOrEqual(MAX_NESTING + 1);
    const doubled = await timed(`X = [0]\n${'X = [X, X]\n'.repeat(100)}`);
    expect(doubled.ms).toBeLessThan(10_000);
  });

  it('100,000 aliases of a large value do not make every rule walk it 100,000 times', async () => {
    const aliases = Array.from({ length: 100_000 }, (_, i) => `ALIAS_${i} = A`).join('\n');
    const { result, ms } = await timed(`A = ["x" * 1000] * 200\n${aliases}\n`);
    expect(result.errors).toEqual([]);
    expect(settingOf(result, 'ALIAS_99999')?.kind).toBe('unknown');
    expect(ms).toBeLessThan(60_000);
  }, 120_000);

  it('self-referencing star-import cycles terminate, with a note', async () => {
    const dir = project({
      'proj/settings/a.py': 'from .b import *\nDEBUG = True\n',
      'proj/settings/b.py': 'from .a import *\nSECRET_KEY = env("K")\n',
      'proj/settings/production.py': 'from .production import *\nfrom .a import *\nALLOWED_HOSTS = ["x"]\n',
    });
    const result = await lintDir(dir, { includeDev: true });
    expect(result.errors).toEqual([]);
    expect(result.findings.filter((f) => f.code === 'DJS000')).toEqual([]);
    expect(result.findings.filter((f) => f.code === 'DJS004').length).toBeGreaterThan(0);
    expect(result.findings.some((f) => f.code === 'DJS101' && f.file === 'proj/settings/a.py')).toBe(true);
  });

  it('diamond-shaped imports that each change the environment stay polynomial (no blow-up, no crash)', async () => {
    const depth = 30;
    const files: Record<string, string> = { 'proj/__init__.py': '', 'proj/settings/__init__.py': '' };
    for (let i = 0; i <= depth; i++) {
      for (const x of ['a', 'b']) {
        const imports = i < depth ? `from .a${i + 1} import *\nfrom .b${i + 1} import *\n` : '';
        files[`proj/settings/${x}${i}.py`] = `import os\nos.environ["K"] = "${x}${i}"\n${imports}V_${x}${i} = 1\n`;
      }
    }
    files['proj/settings/production.py'] = 'from .a0 import *\nfrom .b0 import *\nDEBUG = False\n';
    const started = performance.now();
    const result = await lintDir(project(files), { includeDev: true });
    expect(result.errors).toEqual([]);
    expect(result.findings.filter((f) => f.code === 'DJS000')).toEqual([]);
    expect(performance.now() - started).toBeLessThan(20_000); // exponential would be hours
  });

  it("one module's huge values do not use up another module's size budget (no hidden secret)", async () => {
    const list = `[${Array.from({ length: 1000 }, (_, i) => i).join(', ')}]`;
    const dir = project({
      'a/settings.py': `L = ${list}\n${Array.from({ length: 30 }, (_, i) => `M${i} = [L] * 200`).join('\n')}\nDEBUG = False\n`,
      'b/settings.py': `DEBUG = False\nDATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "PASSWORD": "hunter2-very-secret", "OPTIONS": ${list}}}\n`,
    });
    const result = await lintDir(dir);
    expect(result.findings.some((f) => f.code === 'DJS205' && f.file === 'b/settings.py')).toBe(true);
  });
});

const bin = join(repoRoot, 'bin', 'djsec.js');

/** Runs the built CLI (as `uid` when given), never longer than 30 s: a hang fails the test. */
function djsec(args: string[], cwd: string, uid?: number) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', DJSEC_DEBUG: '' },
    ...(uid === undefined ? {} : { uid, gid: uid }),
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

/** Exit codes are only ever 0, 1 or 2, and no stack trace reaches the user. */
function expectClean(r: ReturnType<typeof djsec>) {
  expect(r.error).toBeUndefined();
  expect(r.signal).toBeNull();
  expect([0, 1, 2]).toContain(r.code);
  expect(r.stderr + r.stdout).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

/** Runs the CLI's main() in this process (so the mocks above apply), capturing its output. */
async function runMain(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((s) => out.push(String(s)) > 0);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((s) => err.push(String(s)) > 0);
  try {
    return { code: await main(args), stdout: out.join(''), stderr: err.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

const skippedReason = (result: LintResult, file: string) => result.skipped.find((s) => s.file === file || s.file.endsWith(`/${file}`))?.reason;
const findingAt = (result: LintResult, code: string, file: string) => result.findings.filter((f) => f.code === code && f.file === file).map((f) => `${f.line}:${f.column}`);

describe('files that are not plain UTF-8 Python', () => {
  it('a syntax error is reported at the first error, and the rest is still linted', async () => {
    const dir = project({ 'settings.py': 'DEBUG = True\ndef broken(:\n    pass\nALLOWED_HOSTS = ["*"]\n' });
    const result = await lintDir(dir);
    expect(findingAt(result, 'DJS001', 'settings.py')).toEqual(['2:12']);
    expect(findingAt(result, 'DJS101', 'settings.py')).toEqual(['1:9']);
    expect(findingAt(result, 'DJS502', 'settings.py')).toHaveLength(1);
    expect(result.errors).toEqual([]);
  });

  it('a Jinja/cookiecutter template is skipped with a DJS003 note; its importer does not see Django defaults', async () => {
    const dir = project({
      'proj/settings/base.py': '{% if cookiecutter.use_sentry == "y" %}\nSENTRY_DSN = env("SENTRY_DSN")\n{% endif %}\nDEBUG = True\n',
      'proj/settings/production.py': 'from .base import *\nDEBUG = False\n',
    });
    const result = await lintDir(dir);
    expect(findingAt(result, 'DJS003', 'proj/settings/base.py')).toEqual(['1:1']);
    expect(skippedReason(result, 'proj/settings/base.py')).toMatch(/^template/);
    expect(result.findings.filter((f) => f.code !== 'DJS003')).toEqual([]); // nothing guessed from the template
    const cli = djsec(['.'], dir);
    expectClean(cli);
    expect(cli.code).toBe(0); // a note does not fail the run
  });

  it('a PEP 263 coding line is honoured, with a note', async () => {
    const dir = project({ 'settings.py': Buffer.concat([Buffer.from('# -*- coding: cp1252 -*-\nTIME_ZONE = "'), Buffer.from([0x80]), Buffer.from('"\nDEBUG = True\n')]) });
    const result = await lintDir(dir);
    expect(settingOf(result, 'TIME_ZONE')).toMatchObject({ kind: 'known', py: '€' });
    expect(findingAt(result, 'DJS101', 'settings.py')).toEqual(['3:9']);
    expect(result.notes).toEqual([{ file: 'settings.py', message: 'decoded as cp1252 (its PEP 263 coding line)' }]);
  });

  it('a file that is not UTF-8 and declares nothing is read as Latin-1, with a note', async () => {
    const dir = project({ 'settings.py': Buffer.concat([Buffer.from('SITE_NAME = "caf'), Buffer.from([0xe9, 0xff]), Buffer.from('"\nDEBUG = True\n')]) });
    const result = await lintDir(dir);
    expect(settingOf(result, 'SITE_NAME')).toMatchObject({ kind: 'known', py: 'café\u00ff' });
    expect(findingAt(result, 'DJS101', 'settings.py')).toEqual(['2:9']);
    expect(result.notes).toEqual([{ file: 'settings.py', message: 'decoded as latin-1 (not valid UTF-8)' }]);
  });

  it('a binary file is skipped with a note', async () => {
    const dir = project({ 'settings.py': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x44, 0x45, 0x42, 0x55, 0x47]) });
    const result = await lintDir(dir);
    expect(skippedReason(result, 'settings.py')).toBe('binary file (contains NUL bytes)');
    expect(result.findings).toEqual([]);
    expect(result.errors).toEqual([]);
  });

  it('a UTF-8 BOM, CRLF line ends and tab indentation change nothing', async () => {
    const dir = project({ 'settings.py': Buffer.from('\ufeffDEBUG = True\r\nif True:\r\n\tALLOWED_HOSTS = ["*"]\r\n\tX = 1\r\n', 'utf8') });
    const result = await lintDir(dir);
    expect(findingAt(result, 'DJS101', 'settings.py')).toEqual(['1:9']);
    expect(findingAt(result, 'DJS502', 'settings.py').map((at) => at.split(':')[0])).toEqual(['3']);
    expect(findingAt(result, 'DJS001', 'settings.py')).toEqual([]);
    expect(result.notes).toEqual([]);
  });

  it('an empty file is linted and is fine', async () => {
    const dir = project({ 'settings.py': '' });
    const result = await lintDir(dir);
    expect(result.errors).toEqual([]);
    expect(result.findings).toEqual([]);
    expectClean(djsec(['settings.py'], dir));
  });
});

describe('files that are too large, unreadable or not files', () => {
  it('a file over the 5 MB cap is skipped with a note; the cap is configurable', async () => {
    const big = `DEBUG = True\n# ${'x'.repeat(5 * 1024 * 1024)}\n`;
    const dir = project({ 'big/settings.py': big, 'small/settings.py': `DEBUG = True\n# ${'x'.repeat(2000)}\n` });
    const result = await lintDir(dir);
    // The real size, not "5.0 MB" twice.
    expect(skippedReason(result, 'big/settings.py')).toBe(`larger than the 5.0 MB size cap (${Buffer.byteLength(big).toLocaleString('en-US')} bytes)`);
    expect(findingAt(result, 'DJS101', 'big/settings.py')).toEqual([]);
    expect(findingAt(result, 'DJS101', 'small/settings.py')).toEqual(['1:9']);
    const capped = await lintDir(dir, { maxFileBytes: 1000 });
    expect(skippedReason(capped, 'small/settings.py')).toBe('larger than the 1 KB size cap (2,016 bytes)');
  });

  it('an unreadable file is an error line, the other files are still linted, and the run exits 2', async () => {
    const dir = project({ 'a/locked_settings.py': 'DEBUG = True\n', 'b/settings.py': 'DEBUG = True\n' });
    const result = await lintDir(dir);
    expect(result.errors).toEqual([{ file: 'a/locked_settings.py', message: 'cannot read: permission denied' }]);
    expect(findingAt(result, 'DJS101', 'b/settings.py')).toEqual(['1:9']);
  });

  it('the CLI on an unreadable file: one error line, the rest reported, exit 2', async () => {
    const dir = project({ 'a/locked_settings.py': 'DEBUG = True\n', 'b/settings.py': 'DEBUG = True\n' });
    const { code, stdout, stderr } = await runMain([dir, '--format', 'json']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/a\/locked_settings\.py: cannot read: permission denied\n/);
    expect(JSON.parse(stdout).findings.map((f: { code: string; file: string }) => `${f.code} ${f.file.split('/').slice(-2).join('/')}`)).toContain('DJS101 b/settings.py');
  });

  // Root reads anything, so when the tests run as root the built CLI runs as nobody (65534); that
  // needs the checkout to be readable by others, which the probe checks.
  const asUser = process.getuid?.() === 0 ? 65534 : undefined;
  const canDropPrivileges = asUser === undefined || djsec(['--version'], tmpdir(), asUser).code === 0;
  it.runIf(canDropPrivileges)('the built CLI on a file it may not read (real permissions): exit 2', () => {
    const dir = project({ 'a/settings.py': 'DEBUG = True\n', 'b/settings.py': 'DEBUG = True\n' });
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'a/settings.py'), 0o000);
    const r = djsec(['.', '--format', 'json'], dir, asUser);
    expectClean(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('djsec: a/settings.py: cannot read: permission denied');
    const report = JSON.parse(r.stdout);
    expect(report.findings.map((f: { code: string; file: string }) => `${f.code} ${f.file}`)).toContain('DJS101 b/settings.py');
  });

  it('a directory named settings.py is walked, never opened as a file', async () => {
    const dir = project({ 'odd/settings.py/__init__.py': '', 'odd/settings.py/production.py': 'SECRET_KEY = env("K")\nDEBUG = True\n' });
    const result = await lintDir(dir);
    expect(result.errors).toEqual([]);
    expect(result.files).toEqual(['odd/settings.py/production.py']);
    const direct = lintFiles([join(dir, 'odd/settings.py')], await getParser(), { cwd: dir, rules: allRules });
    expect(direct.skipped).toEqual([{ file: 'odd/settings.py', reason: 'not a regular file' }]);
    const cli = djsec(['odd/settings.py'], dir);
    expectClean(cli);
    expect(cli.code).toBe(1);
  });

  it('FIFOs and device files are never opened', async () => {
    const dir = project({ 'proj/real/settings.py': 'DEBUG = True\n' });
    const fifo = join(dir, 'proj/settings.py');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const device = join(dir, 'proj/dev_settings.py');
    const hasDevice = spawnSync('mknod', [device, 'c', '1', '3']).status === 0; // root only
    const result = await lintDir(dir);
    expect(skippedReason(result, join(dir, 'proj/settings.py'))).toBe('not a regular file (FIFO, socket or device), not opened');
    if (hasDevice) expect(skippedReason(result, join(dir, 'proj/dev_settings.py'))).toBe('not a regular file (FIFO, socket or device), not opened');
    expect(findingAt(result, 'DJS101', 'proj/real/settings.py')).toEqual(['1:9']);
    // Named directly, to the linter or on the command line: still never blocks.
    const direct = lintFiles([fifo], await getParser(), { cwd: dir, rules: allRules });
    expect(direct.skipped).toEqual([{ file: 'proj/settings.py', reason: 'not a regular file' }]);
    for (const path of ['proj/settings.py', '/dev/zero', '/dev/null']) {
      const r = djsec([path], dir);
      expectClean(r);
      expect(r.code).toBe(0);
    }
  });

  it('symlink loops and symlinks leading outside the scanned paths are not followed, and are noted', async () => {
    const outside = project({ 'secret_base.py': 'DEBUG = True\nSECRET_KEY = "outside-0123456789abcdef"\n', 'linked/settings.py': 'DEBUG = True\n' });
    const dir = project({ 'proj/settings.py': 'from .base import *\nDEBUG = False\n' });
    symlinkSync(join(outside, 'secret_base.py'), join(dir, 'proj/base.py'));
    symlinkSync(join(outside, 'linked'), join(dir, 'proj/linked'));
    symlinkSync(join(dir, 'proj/loop_b'), join(dir, 'proj/loop_a'));
    symlinkSync(join(dir, 'proj/loop_a'), join(dir, 'proj/loop_b'));
    symlinkSync(join(dir, 'proj/self.py'), join(dir, 'proj/self.py'));
    const result = await lintDir(dir);
    const noted = Object.fromEntries(result.skipped.map((s) => [s.file.slice(dir.length + 1), s.reason]));
    expect(noted).toMatchObject({
      'proj/base.py': 'symlink to outside the scanned paths, not followed',
      'proj/linked': 'symlink to outside the scanned paths, not followed',
      'proj/loop_a': 'symlink loop, not followed',
      'proj/loop_b': 'symlink loop, not followed',
      'proj/self.py': 'symlink loop, not followed',
    });
    // The import that lands on the link is not read either: nothing from outside is judged or shown.
    expect([...result.sources.keys()]).toEqual(['proj/settings.py']);
    expect(result.findings.filter((f) => f.code === 'DJS101')).toEqual([]);
    expect(result.findings.filter((f) => f.level !== 'note')).toEqual([]); // base.py's settings are unknown, not defaults
    const cli = djsec(['.'], dir);
    expectClean(cli);
    expect(cli.stdout).not.toContain('outside-0123456789abcdef');
  });

  it('paths with spaces and non-ASCII names', async () => {
    const dir = project({ 'my project/réglages ü/settings.py': 'DEBUG = True\n' });
    const result = await lintDir(dir);
    expect(findingAt(result, 'DJS101', 'my project/réglages ü/settings.py')).toEqual(['1:9']);
    const r = djsec(['my project', '--format', 'json'], dir);
    expectClean(r);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file)).toContain('my project/réglages ü/settings.py');
  });
});

describe('a crash is confined to its rule and file', () => {
  it('a throwing rule becomes one DJS000 internal-error finding per file; other rules and files still run', async () => {
    const dir = project({ 'crash-me/a/settings.py': 'DEBUG = True\n', 'crash-me/b/settings.py': 'DEBUG = True\n', 'fine/settings.py': 'DEBUG = True\n' });
    const result = await lintDir(dir);
    const internal = result.findings.filter((f) => f.code === 'DJS000');
    expect(internal.map((f) => `${f.file}:${f.line} ${f.name} ${f.level}`)).toEqual([
      'crash-me/a/settings.py:1 internal-error error',
      'crash-me/b/settings.py:1 internal-error error',
    ]);
    for (const f of internal) {
      expect(f.message).toContain('rule DJS990 (always-throws) crashed on this file: TypeError: cannot judge');
      expect(f.message).not.toContain('supersecretvalue-0123456789'); // error messages are masked too
    }
    expect(result.errors.map((e) => e.file)).toEqual(['crash-me/a/settings.py', 'crash-me/b/settings.py']);
    expect(result.findings.filter((f) => f.code === 'DJS101').map((f) => f.file).sort()).toEqual(['crash-me/a/settings.py', 'crash-me/b/settings.py', 'fine/settings.py']);
  });

  it('the CLI exits 2 with one line per crash and no stack trace', async () => {
    const dir = project({ 'crash-me/settings.py': 'DEBUG = True\n', 'fine/settings.py': 'DEBUG = True\n' });
    const { code, stdout, stderr } = await runMain([dir, '--no-color']);
    expect(code).toBe(2);
    const lines = stderr.split('\n').filter((l) => l.includes('internal error'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/crash-me\/settings\.py: internal error: rule DJS990 \(always-throws\) crashed on this file: TypeError/);
    expect(stderr + stdout).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(stdout).toMatch(/fine\/settings\.py/); // the other file was still reported
  });

  it('a parser or model crash on one file is an internal error for that file only', async () => {
    const real = await getParser();
    const dir = project({ 'p/settings.py': '# PARSER_CRASH\nDEBUG = True\n', 'm/settings.py': '# MODEL_CRASH\nDEBUG = True\n', 'ok/settings.py': 'DEBUG = True\n' });
    const poisonedTree = { rootNode: new Proxy({ hasError: false } as SyntaxNode, { get: (t, k) => (k === 'hasError' ? false : k === 'type' ? 'module' : (() => { throw new Error('tree walk failed'); })()) }) };
    const parser: PythonParser = {
      kind: real.kind,
      parse: (source) => {
        if (source.includes('PARSER_CRASH')) throw new Error('parser failed');
        return source.includes('MODEL_CRASH') ? poisonedTree : real.parse(source);
      },
    };
    const discovery = discover(['.'], dir);
    const result = lintFiles(discovery.candidates, parser, { cwd: dir, rules: allRules, namedOnCommandLine: discovery.named });
    expect(result.errors).toEqual([
      { file: 'm/settings.py', message: 'internal error: the settings model crashed on this file: Error: tree walk failed' },
      { file: 'p/settings.py', message: 'internal error: reading and parsing crashed on this file: Error: parser failed' },
    ]);
    expect(result.findings.filter((f) => f.code === 'DJS000').map((f) => f.file)).toEqual(['m/settings.py', 'p/settings.py']);
    expect(findingAt(result, 'DJS101', 'ok/settings.py')).toEqual(['1:9']);
  });
});

describe('djsec never executes what it reads', () => {
  it('a settings module that would create marker files when run creates none', () => {
    const dir = project({});
    const markers = [1, 2, 3, 4, 5, 6].map((i) => join(dir, `marker-${i}`));
    const source = [
      'import os, subprocess',
      `open(${JSON.stringify(markers[0])}, "w").write("executed")`,
      `os.system("touch ${markers[1]}")`,
      `subprocess.run(["touch", ${JSON.stringify(markers[2])}])`,
      `__import__("os").mkdir(${JSON.stringify(markers[3])})`,
      `exec("open(${markers[4].replace(/\\/g, '/')}, 'w')")`,
      `with open(${JSON.stringify(markers[5])}, "w") as f:`,
      '    f.write("executed")',
      'DEBUG = True',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'settings.py'), source);
    for (const args of [['.'], ['.', '--format', 'json'], ['.', '--print-settings']]) {
      const r = djsec(args, dir);
      expectClean(r);
      expect(markers.filter((m) => existsSync(m))).toEqual([]);
    }
    expect(djsec(['.'], dir).stdout).toContain('DJS101'); // it was read and judged
  });

  it('ESLint forbids child_process and vm in src/ and rules/ (the config is real)', async () => {
    const eslint = new ESLint({ cwd: repoRoot });
    const lint = async (file: string, code: string) => (await eslint.lintText(code, { filePath: join(repoRoot, file) }))[0].messages.map((m) => m.ruleId);
    expect(await lint('src/probe.ts', "import { execSync } from 'node:child_process';\nexport const run = () => execSync('true');\n")).toContain('no-restricted-imports');
    expect(await lint('src/probe.ts', "import { spawn } from 'child_process';\nexport const run = () => spawn('python');\n")).toContain('no-restricted-imports');
    expect(await lint('rules/probe.ts', "import vm from 'node:vm';\nexport const run = () => vm.runInNewContext('1');\n")).toContain('no-restricted-imports');
    expect(await lint('src/probe.ts', "export const run = (s: string) => eval(s);\n")).toContain('no-eval');
    expect(await lint('src/probe.ts', "export const make = (s: string) => new Function(s);\n")).toContain('no-new-func');
    // Tests may spawn processes (this file does): the ban is on what ships.
    expect(await lint('test/probe.test.ts', "import { spawnSync } from 'node:child_process';\nexport const run = () => spawnSync('true');\n")).not.toContain('no-restricted-imports');
  });
});

describe('atomic output', () => {
  it('a full disk never leaves a truncated report: the old file survives and no temp file is left', () => {
    const dir = project({ 'disk-full-report.json': '{"previous": "report"}\n' });
    const target = join(dir, 'disk-full-report.json');
    expect(() => writeOutput(target, JSON.stringify({ findings: Array(1000).fill('x') }))).toThrow(/cannot write .*: no space left on the device$/);
    expect(readFileSync(target, 'utf8')).toBe('{"previous": "report"}\n');
    expect(readdirSync(dir)).toEqual(['disk-full-report.json']);
  });

  it('--output-file and --write-baseline onto something that cannot be replaced: exit 2, one line, nothing left behind', () => {
    const dir = project({ 'settings.py': 'DEBUG = True\n', 'taken/keep.txt': 'kept\n' });
    for (const args of [['-o', 'taken'], ['--write-baseline', 'taken']]) {
      const r = djsec(['settings.py', ...args], dir);
      expectClean(r);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('djsec: cannot write taken: it is a folder\n');
      expect(readdirSync(dir).sort()).toEqual(['settings.py', 'taken']);
      expect(readFileSync(join(dir, 'taken/keep.txt'), 'utf8')).toBe('kept\n');
    }
  });

  it('--output-file replaces an existing report whole', () => {
    const dir = project({ 'settings.py': 'DEBUG = True\n', 'report.json': 'old' });
    const r = djsec(['settings.py', '-f', 'json', '-o', 'report.json'], dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).findings.length).toBeGreaterThan(0);
    expect(readdirSync(dir).sort()).toEqual(['report.json', 'settings.py']);
  });
});
