#!/usr/bin/env node
// Goal 4: linting throughput against raw tree-sitter parse throughput, in ONE process so both
// pay the same start-up, JIT and machine load. Reads a corpus of settings modules into memory,
// then alternates rounds of (a) parse every module, (b) the full lint pipeline on one thread, as
// the parse runs (the goal's figure), and (c) the pipeline on worker threads as the CLI runs a
// corpus this large (lintFilesParallel), on the same in-memory texts (load + parse + model + roles
// + rules, no output), and compares medians. In (c) this thread is already warm from earlier
// rounds while each round's workers start cold, so (c) understates what threads give a CLI run,
// where every thread starts cold.
//   node scripts/bench/throughput.mjs CORPUS_DIR [--rounds N] [--parser native|wasm] [--json]
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const repo = resolve(import.meta.dirname, '../..');
const { loadParser, getParser } = await import(join(repo, 'dist/src/model/parse.js'));
const { lintFiles } = await import(join(repo, 'dist/src/lint/lint.js'));
const { rules } = await import(join(repo, 'dist/rules/index.js'));
const { lintFilesParallel, threadsFor } = await import(join(repo, 'dist/src/lint/parallel.js'));

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const corpus = resolve(args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? '.');
const rounds = Number(flag('--rounds', '5'));
const parserKind = flag('--parser', undefined);

function listPython(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) listPython(full, out);
    else if (e.isFile() && e.name.endsWith('.py')) out.push(full);
  }
  return out;
}

const paths = listPython(corpus).sort();
const texts = new Map(paths.map((p) => [p, readFileSync(p, 'utf8')]));
const bytes = [...texts.values()].reduce((n, t) => n + Buffer.byteLength(t), 0);
// The binding djsec picks for a run this size (getParser's files hint), unless --parser names one.
const parser = parserKind ? await loadParser(parserKind) : await getParser({ files: paths.length });

function parseAll() {
  for (const text of texts.values()) {
    const tree = parser.parse(text);
    tree.delete?.(); // web-tree-sitter trees live in WASM memory until deleted
  }
}

let findings = 0;
function lintAll() {
  const result = lintFiles(paths, parser, { cwd: corpus, rules, overrides: texts });
  findings = result.findings.length;
  for (const m of result.evaluations.values()) m.module.tree?.delete?.();
}

let threadedFindings = 0;
async function lintThreaded() {
  const result = await lintFilesParallel(paths, parser, { cwd: corpus, rules, overrides: texts });
  threadedFindings = result.findings.length;
}

/** Wall and CPU milliseconds of one round (CPU time is what a loaded machine cannot inflate). */
const time = (fn) => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const c = process.cpuUsage(c0);
  return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
};
const timeAsync = async (fn) => {
  const c0 = process.cpuUsage(); // this thread and the workers' (process-wide)
  const t0 = performance.now();
  await fn();
  const c = process.cpuUsage(c0);
  return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// One warm-up round each (JIT, grammar tables), then alternate so drift hits both equally.
parseAll();
lintAll();
await lintThreaded();
if (threadedFindings !== findings) throw new Error(`threaded lint found ${threadedFindings}, serial ${findings}`);
const parseMs = [];
const serialMs = [];
const lintMs = [];
for (let i = 0; i < rounds; i++) {
  parseMs.push(time(parseAll));
  serialMs.push(time(lintAll));
  lintMs.push(await timeAsync(lintThreaded));
}
const parse = median(parseMs.map((t) => t.wall));
const lint = median(lintMs.map((t) => t.wall));
const serial = median(serialMs.map((t) => t.wall));
const parseCpu = median(parseMs.map((t) => t.cpu));
const lintCpu = median(lintMs.map((t) => t.cpu));
const serialCpu = median(serialMs.map((t) => t.cpu));
const result = {
  parser: parser.kind,
  files: paths.length,
  bytes,
  rounds,
  findings,
  parseMs: parse,
  lintMs: serial,
  threads: threadsFor(paths.length),
  threadedMs: lint,
  threadedMBps: bytes / 1e6 / (lint / 1000),
  threadedRatio: parse / lint,
  threadedCpuMs: lintCpu,
  parseMBps: bytes / 1e6 / (parse / 1000),
  lintMBps: bytes / 1e6 / (serial / 1000),
  ratio: parse / serial,
  parseCpuMs: parseCpu,
  lintCpuMs: serialCpu,
  cpuRatio: parseCpu / serialCpu,
  parseRoundsMs: parseMs,
  lintRoundsMs: serialMs,
  threadedRoundsMs: lintMs,
};
if (args.includes('--json')) process.stdout.write(JSON.stringify(result) + '\n');
else {
  console.log(`${result.files} modules, ${(bytes / 1e6).toFixed(2)} MB, ${parser.kind} parser, ${rounds} rounds, ${findings} findings`);
  console.log(`parse only: ${parse.toFixed(0)} ms (${result.parseMBps.toFixed(2)} MB/s)`);
  console.log(`full lint, one thread: ${serial.toFixed(0)} ms (${result.lintMBps.toFixed(2)} MB/s)`);
  console.log(`lint throughput = ${(result.ratio * 100).toFixed(0)}% of parse throughput (by CPU time: parse ${parseCpu.toFixed(0)} ms, lint ${serialCpu.toFixed(0)} ms, ${(result.cpuRatio * 100).toFixed(0)}%)`);
  console.log(`on ${result.threads} threads (as the CLI runs this corpus): ${lint.toFixed(0)} ms (${result.threadedMBps.toFixed(2)} MB/s) = ${(result.threadedRatio * 100).toFixed(0)}%, CPU ${lintCpu.toFixed(0)} ms`);
}
