// Hostile inputs: every one has a defined outcome, and none crashes, hangs or leaks.
// In-process tests use lintFiles directly; the CLI ones spawn the built binary (exit codes, stderr).
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import type { LintResult } from '../src/lint.js';
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
