// Shared by the fuzz tests (generated.test.ts, mutations.test.ts): the linter never throws, never
// reports an internal error and never takes long, whatever it reads.
//
// `npm test` runs a few thousand inputs with a fixed seed; `npm run fuzz` runs 100,000 (50,000 per
// property, the two files in parallel) with a fresh seed. FUZZ_SEED=n and FUZZ_RUNS=n override
// both. A failure prints fast-check's seed, path and shrunk counterexample, so it can be replayed:
// FUZZ_SEED=<seed> npx vitest run test/fuzz. A hang (which nothing in the loop can interrupt) is
// printed with its seed and input by a watchdog thread after 30 s (FUZZ_HANG_MS).
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { rules } from '../../rules/index.js';
import type { LintResult } from '../../src/lint/lint.js';
import { lintFiles } from '../../src/lint/lint.js';
import type { PythonParser } from '../../src/model/parse.js';
import type { Rule } from '../../src/rule-kit/rule.js';
import { repoRoot } from '../support/lint.js';

export const FULL = process.env.npm_lifecycle_event === 'fuzz';
/** Inputs per property: 50,000 each under `npm run fuzz` (100,000 in all), `ciRuns` in CI. */
export function runs(ciRuns: number): number {
  return Number(process.env.FUZZ_RUNS ?? (FULL ? 50_000 : ciRuns));
}
export const SEED = Number(process.env.FUZZ_SEED ?? (FULL ? Date.now() % 2 ** 31 : 20_260_601));
/** One input taking longer than this is a failure (a hang, or work that is not linear). */
const SLOW_MS = 3_000;

const allRules = rules as readonly Rule[];
export const SIBLINGS = ['base', 'production', 'local', 'components/common'];

/** A split-settings project on disk (the files must exist for imports to resolve); contents come from overrides. */
export function projectSkeleton(): { dir: string; paths: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'djsec-fuzz-'));
  mkdirSync(join(dir, 'settings', 'components'), { recursive: true });
  writeFileSync(join(dir, 'settings', '__init__.py'), '');
  const paths: Record<string, string> = {};
  for (const name of SIBLINGS) {
    paths[name] = join(dir, 'settings', `${name}.py`);
    writeFileSync(paths[name], '');
  }
  return { dir, paths };
}

/** Lints in-memory sources and checks what must hold for every input. */
export function lintAndCheck(parser: PythonParser, dir: string, sources: Map<string, string>, dog: Watchdog): LintResult {
  const start = performance.now();
  const candidates = [...sources.keys()];
  dog.begin([...sources].map(([path, text]) => `=== ${path.slice(dir.length + 1)}\n${text}`).join('\n'));
  const result = lintFiles(candidates, parser, { cwd: dir, rules: allRules, overrides: sources, namedOnCommandLine: new Set(candidates.slice(0, 1)) });
  dog.end();
  const ms = performance.now() - start;
  if (ms > SLOW_MS) throw new Error(`took ${Math.round(ms)} ms (limit ${SLOW_MS} ms)`);
  const internal = result.findings.filter((f) => f.code === 'DJS000');
  if (internal.length > 0 || result.errors.length > 0) throw new Error(`internal error: ${[...internal.map((f) => f.message), ...result.errors.map((e) => e.message)].join('; ')}`);
  for (const f of result.findings) {
    const where = [f.line, f.column, f.endLine, f.endColumn];
    if (!where.every((n) => Number.isInteger(n) && n >= 1)) throw new Error(`${f.code} has a bad location ${where.join(':')}`);
    if (f.message.includes('[object Object]')) throw new Error(`${f.code} prints an object: ${f.message}`);
  }
  return result;
}

/** Every fixture's bytes: the seeds for byte-level mutation. */
export function fixtureBytes(): Buffer[] {
  const root = join(repoRoot, 'fixtures');
  const files = (readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.py')).sort();
  return files.map((f) => readFileSync(join(root, f)));
}

const INTERESTING = ['(', ')', '[', '{', '}', ':', '"""', "'''", '"', '\\', '\n', '\r\n', '\r', '\t', ' ', '#', '{%', '{{', '}}', '\0', '\xff', '\ufeff', 'é', '𝔇', 'lambda', 'import *', '= ', '**', 'if x:\n  ', 'os.environ["K"]', '# -*- coding: latin-1 -*-\n', '# coding: bogus\n'];

/** A mutation of a buffer: flip, insert, delete, duplicate, splice in a token, or truncate. */
export const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant('token' as const), at: fc.nat(), token: fc.constantFrom(...INTERESTING) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 256 }), times: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);
export type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

export function mutate(input: Buffer, m: Mutation): Buffer {
  const at = input.length === 0 ? 0 : m.at % (input.length + 1);
  switch (m.kind) {
    case 'flip':
      return input.length === 0 ? input : Buffer.concat([input.subarray(0, at % input.length), Buffer.from([m.byte]), input.subarray((at % input.length) + 1)]);
    case 'insert':
      return Buffer.concat([input.subarray(0, at), Buffer.from(m.bytes), input.subarray(at)]);
    case 'token':
      return Buffer.concat([input.subarray(0, at), Buffer.from(m.token, m.token === '\xff' ? 'latin1' : 'utf8'), input.subarray(at)]);
    case 'delete':
      return Buffer.concat([input.subarray(0, at), input.subarray(at + m.length)]);
    case 'duplicate': {
      const piece = input.subarray(at, at + m.length);
      return Buffer.concat([input.subarray(0, at), ...Array.from({ length: m.times + 1 }, () => piece), input.subarray(at + m.length)]);
    }
    case 'truncate':
      return input.subarray(0, at);
  }
}


/** fast-check parameters: fixed seed in CI; a failure is shrunk and printed with its seed and path. */
export function params(numRuns: number) {
  return { seed: SEED, numRuns, verbose: fc.VerbosityLevel.Verbose };
}

let lintsSinceYield = 0;

/**
 * Native tree-sitter frees a tree in a finalizer that runs only when the event loop turns, so a
 * long synchronous loop of parses holds every tree (gigabytes over 50,000 runs). Yield now and then.
 */
export async function letFinalizersRun(): Promise<void> {
  if (++lintsSinceYield % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
}

/** An input running this long is a hang: the watchdog prints it (the stuck main thread cannot). */
const HANG_MS = Number(process.env.FUZZ_HANG_MS ?? 30_000);
const WATCHDOG = `
const { workerData } = require('node:worker_threads');
const state = new Int32Array(workerData.sab, 0, 2); // [busy, length]
const clock = new Float64Array(workerData.sab, 8, 1); // when the current input started
const bytes = new Uint8Array(workerData.sab, 16);
let reported = false;
setInterval(() => {
  if (reported || Atomics.load(state, 0) === 0 || Date.now() - clock[0] < workerData.hangMs) return;
  reported = true;
  const input = new TextDecoder().decode(bytes.subarray(0, Atomics.load(state, 1)));
  // fd 2 directly: a worker's process.stderr is relayed through the main thread, which is stuck.
  require('node:fs').writeSync(2, '\\nfuzz: HANG: one input has run for ' + workerData.hangMs / 1000 + ' s (seed ' + workerData.seed + '). Input:\\n' + input + '\\n');
}, 1000); // not unref()d: that would end the worker at once (the worker itself is unref()d)
`;

/**
 * A watchdog thread for hangs: the fuzz loop is synchronous, so neither fast-check nor vitest can
 * interrupt an input that never finishes. Before each input the main thread records it in shared
 * memory; if it has not finished after HANG_MS, the watchdog prints the seed and the input.
 */
export type Watchdog = Awaited<ReturnType<typeof watchdog>>;

export async function watchdog(seed: number) {
  const sab = new SharedArrayBuffer(16 + 4 * 1024 * 1024);
  const state = new Int32Array(sab, 0, 2);
  const clock = new Float64Array(sab, 8, 1);
  const bytes = new Uint8Array(sab, 16);
  const worker = new Worker(WATCHDOG, { eval: true, workerData: { sab, seed, hangMs: HANG_MS } });
  worker.unref();
  await once(worker, 'online'); // it must be running before the main thread can get stuck
  return {
    begin(input: string): void {
      const { written } = new TextEncoder().encodeInto(input, bytes);
      Atomics.store(state, 1, written);
      clock[0] = Date.now();
      Atomics.store(state, 0, 1);
    },
    end(): void {
      Atomics.store(state, 0, 0);
    },
    stop(): Promise<number> {
      return worker.terminate();
    },
  };
}
