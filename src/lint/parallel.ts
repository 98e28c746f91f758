// Large runs lint on every core: worker threads each evaluate a share of the candidates (the
// main thread takes one too), the main thread decides roles over all of them, then each share
// judges its own modules and the findings merge in serial emission order. The result is the one
// a serial run gives (test/parallel.test.ts); any worker failure falls back to a serial run.
import { availableParallelism } from 'node:os';
import { dirname, basename } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { rules as allRules } from '../../rules/index.js';
import type { JudgePlan, LintOptions, LintResult, ModuleFacts, ShareReport } from './lint.js';
import { LintShare, decideRoles, lintFilesInTurns, mergeShares, planOf } from './lint.js';
import type { PythonParser } from '../model/parse.js';
import type { RoleAssignment } from '../project/roles.js';
import { lazyWorkerThreads } from '../lazy-builtins.js';
import { WORKER_YOUNG_GENERATION_MB, YoungGenerationCap } from './young-generation.js';

/**
 * Modules per thread below which another thread does not pay. A worker is its own V8 isolate: it
 * starts (~50 ms), warms up its own JIT, and its compiler and garbage collector threads compete
 * with the lint for the cores; a serial run already keeps ~1.3 of 2 cores busy that way. Measured
 * on 2 cores (BENCHMARKS.md): 260 modules 13% slower on 2 threads, 784 the same, 2,000 15% faster.
 * DJSEC_MODULES_PER_THREAD overrides it (the tests force threads on small projects with it).
 */
export const MODULES_PER_THREAD = 500;

function modulesPerThread(): number {
  const forced = Number(process.env.DJSEC_MODULES_PER_THREAD);
  return Number.isInteger(forced) && forced > 0 ? forced : MODULES_PER_THREAD;
}

/** The worker script: the bundled one next to dist/djsec.cjs, else the compiled module (tests). */
declare const DJSEC_WORKER_FILE: string | undefined; // defined by scripts/bundle.mjs
const workerFile = () => new URL(typeof DJSEC_WORKER_FILE === 'string' ? DJSEC_WORKER_FILE : './lint-worker-main.js', import.meta.url);

/** What a worker is started with (structured-cloned, so no functions: rules go by code). */
export interface WorkerInit {
  options: Omit<LintOptions, 'rules' | 'knownRules' | 'onProgress' | 'infra' | 'reuse'>;
  ruleCodes: string[];
  candidates: string[];
  /** Each candidate's index among the run's candidates. */
  indexes: number[];
}

export type FromWorker =
  | { type: 'progress'; done: number }
  | { type: 'evaluated'; readable: string[]; templates: string[]; facts: ModuleFacts[]; importCycle: boolean }
  | { type: 'judged'; report: ShareReport };

/** How many threads a run of this many modules uses: `jobs` (default: one per core), capped so each has work. */
export function threadsFor(modules: number, jobs = availableParallelism()): number {
  return Math.max(1, Math.min(jobs, Math.floor(modules / modulesPerThread())));
}

/** lintFiles on up to `jobs` threads; the same result. */
export async function lintFilesParallel(candidates: string[], parser: PythonParser, options: LintOptions, jobs?: number): Promise<LintResult> {
  // This thread's young generation stops growing at a few MB (see young-generation.ts), checked
  // as each module is evaluated (here or, as progress, on a worker).
  const cap = new YoungGenerationCap();
  const onProgress = (done: number, total: number) => {
    cap.check();
    options.onProgress?.(done, total);
  };
  try {
    return await lintCapped(candidates, parser, { ...options, onProgress }, jobs);
  } finally {
    cap.end();
  }
}

async function lintCapped(candidates: string[], parser: PythonParser, options: LintOptions, jobs?: number): Promise<LintResult> {
  // Units the results cache reuses are not evaluated: only the others count. A run that still
  // needs threads evaluates everything on them (workers get no reuse: it holds a function).
  const reused = options.reuse ? candidates.filter((c) => options.reuse?.units.has(c)).length : 0;
  if (reused > 0 && threadsFor(candidates.length - reused, jobs) < 2) return lintFilesInTurns(candidates, parser, options);
  if (reused > 0) options = { ...options, reuse: undefined };
  const threads = threadsFor(candidates.length, jobs);
  const parallelizable = !options.explicitEntries?.length && options.rules.every((r) => allRules.includes(r));
  if (threads < 2 || !parallelizable) return lintFilesInTurns(candidates, parser, options);
  const workers: ShareWorker[] = [];
  const stopWorkers = () => {
    for (const w of workers) void w.worker.terminate();
  };
  try {
    const result = await lintOnThreads(candidates, parser, options, threads, workers);
    if (result) return result;
  } catch (e) {
    if (process.env.DJSEC_DEBUG === '1') process.stderr.write(`djsec: parallel lint failed, linting serially: ${String(e)}\n`);
  } finally {
    stopWorkers(); // before a serial run, so they stop using the cores it needs
  }
  return lintFilesInTurns(candidates, parser, options);
}

/** The threaded run; undefined when it must be serial after all (an import cycle was seen). */
async function lintOnThreads(candidates: string[], parser: PythonParser, options: LintOptions, threads: number, workers: ShareWorker[]): Promise<LintResult | undefined> {
  const judged = await judgeOnThreads(candidates, parser, options, threads, workers);
  // This thread's share, and its evaluations, are garbage by now: merging and formatting the
  // findings reuse their memory instead of growing the heap past them.
  return judged && mergeShares(options, judged.reports, judged.roles, judged.readable);
}

/** Each thread's share evaluated and judged; undefined when the run must be serial after all. */
async function judgeOnThreads(
  candidates: string[],
  parser: PythonParser,
  options: LintOptions,
  threads: number,
  workers: ShareWorker[],
): Promise<{ reports: ShareReport[]; roles: RoleAssignment; readable: string[] } | undefined> {
  const shares = partition(candidates, threads);
  const progress = new Array<number>(threads).fill(0);
  const onProgress = (share: number, done: number) => {
    progress[share] = done;
    options.onProgress?.(progress.reduce((a, b) => a + b, 0), candidates.length);
  };
  // The infrastructure stays on this thread: its rules run when the shares are merged.
  const { rules: _rules, knownRules: _known, onProgress: _progress, infra: _infra, reuse: _reuse, textFacts: _facts, ...plain } = options;
  // Workers start first, so their start-up overlaps the main thread's own share.
  shares.slice(1).forEach((indexes, i) => {
    const init: WorkerInit = { options: plain, ruleCodes: options.rules.map((r) => r.code), candidates: indexes.map((j) => candidates[j]), indexes };
    workers.push(new ShareWorker(init, (done) => onProgress(i + 1, done)));
  });
  const main = new LintShare(parser, options);
  await main.evaluateInTurns(shares[0].map((j) => candidates[j]), (done) => onProgress(0, done), (i) => shares[0][i]);
  const evaluated = await Promise.all(workers.map((w) => w.evaluated));
  // Which module of an import cycle is entered first depends on the order modules are read in, so
  // a cycle is evaluated as a serial run would only by a serial run.
  if (main.sawImportCycle() || evaluated.some((e) => e.importCycle)) return undefined;

  const rank = new Map(candidates.map((c, i) => [c, i]));
  const byRank = (a: string, b: string) => rank.get(a)! - rank.get(b)!;
  const readable = [...main.readable, ...evaluated.flatMap((e) => e.readable)].sort(byRank);
  const templates = [...main.templates, ...evaluated.flatMap((e) => e.templates)].sort(byRank);
  const facts = new Map([...main.facts(), ...evaluated.flatMap((e) => e.facts)]);
  const roles = decideRoles(readable, facts, options);
  const plan = planOf(roles, readable, templates, options.infra?.model);
  for (const w of workers) w.judge(plan);
  main.forgetUnjudged(plan);
  main.judge(plan);
  const reports = [main.report(), ...(await Promise.all(workers.map((w) => w.judged)))];
  return { reports, roles, readable };
}

/**
 * Candidate indexes per thread. A project's settings stay together (the modules of one
 * settings/ folder, or of one folder), so a base module is parsed by one thread, not each; the
 * groups are dealt largest first to the thread with the least so far.
 */
export function partition(candidates: readonly string[], threads: number): number[][] {
  const groups = new Map<string, { indexes: number[]; package: boolean }>();
  candidates.forEach((c, i) => {
    const dir = dirname(c);
    const inPackage = basename(dir) === 'settings';
    const key = inPackage ? dirname(dir) : dir;
    const group = groups.get(key) ?? { indexes: [], package: false };
    group.indexes.push(i);
    group.package ||= inPackage;
    groups.set(key, group);
  });
  // A folder of modules that is no settings/ package and is larger than a share is split: its
  // modules still import each other correctly from any thread, only parsed twice at worst.
  const perShare = Math.ceil(candidates.length / threads);
  const pieces: number[][] = [];
  for (const { indexes, package: whole } of groups.values()) {
    if (whole || indexes.length <= perShare) pieces.push(indexes);
    else for (let i = 0; i < indexes.length; i += perShare) pieces.push(indexes.slice(i, i + perShare));
  }
  const shares: number[][] = Array.from({ length: threads }, () => []);
  for (const piece of pieces.sort((a, b) => b.length - a.length)) {
    const smallest = shares.reduce((min, s) => (s.length < min.length ? s : min));
    smallest.push(...piece);
  }
  for (const s of shares) s.sort((a, b) => a - b);
  return shares;
}

/** One worker thread and the two answers it gives: its share evaluated, then judged. */
class ShareWorker {
  readonly worker: Worker;
  readonly evaluated: Promise<{ readable: string[]; templates: string[]; facts: ModuleFacts[]; importCycle: boolean }>;
  readonly judged: Promise<ShareReport>;

  constructor(init: WorkerInit, onProgress: (done: number) => void) {
    const { Worker } = lazyWorkerThreads();
    // A worker's heap is made here, so its young generation is capped as a resource limit.
    const resourceLimits = { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB };
    this.worker = new Worker(workerFile(), { workerData: init, stdout: false, stderr: false, resourceLimits });
    let evaluated!: (v: { readable: string[]; templates: string[]; facts: ModuleFacts[]; importCycle: boolean }) => void;
    let judged!: (r: ShareReport) => void;
    let failed!: (e: unknown) => void;
    const failure = new Promise<never>((_, reject) => (failed = reject));
    failure.catch(() => undefined); // observed through the two answers below
    this.evaluated = Promise.race([new Promise<Parameters<typeof evaluated>[0]>((r) => (evaluated = r)), failure]);
    this.judged = Promise.race([new Promise<ShareReport>((r) => (judged = r)), failure]);
    // A run that gave up on a worker awaits neither answer; its failure is not an unhandled one.
    this.evaluated.catch(() => undefined);
    this.judged.catch(() => undefined);
    this.worker.on('message', (m: FromWorker) => {
      if (m.type === 'progress') onProgress(m.done);
      else if (m.type === 'evaluated') evaluated(m);
      else judged(m.report);
    });
    this.worker.on('error', failed);
    this.worker.on('exit', (code) => failed(new Error(`lint worker exited with code ${code}`)));
  }

  judge(plan: JudgePlan): void {
    this.worker.postMessage(plan);
  }
}
