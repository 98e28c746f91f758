// Hostile inputs: every one has a defined outcome, and none crashes, hangs or leaks.
// In-process tests use lintFiles directly; the CLI ones spawn the built binary (exit codes, stderr).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { discover } from '../src/discover.js';
import type { LintOptions, LintResult } from '../src/lint.js';
import { lintFiles } from '../src/lint.js';
import type { Value } from '../src/model/values.js';
import { MAX_NESTING, isConcrete } from '../src/model/values.js';
import { getParser } from '../src/parse.js';
import type { Rule } from '../src/rule.js';
import { lintSource } from './support/lint.js';

const allRules = rules as readonly Rule[];

const codes = (r: LintResult) => r.findings.map((f) => `${f.code}:${f.line}`);

/** Lints in memory and returns the result with how long it took. */
async function timed(source: string, ruleSet: readonly Rule[] = allRules) {
  const start = performance.now();
  const result = await lintSource(source, ruleSet);
  return { result, ms: performance.now() - start };
}

/** Writes files (text or bytes) under a fresh temporary directory and returns its path. */
function project(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'djsec-hostile-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

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
});
