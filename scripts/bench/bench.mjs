#!/usr/bin/env node
// `npm run bench`: generates the seeded inputs into a temp dir, measures djsec against a floor or
// a peer for each of the five goals of BENCHMARKS.md, prints every figure with its floor, ratio
// and verdict, and writes bench-results.json. It times the built CLI (run `npm run build` first)
// exactly as a user runs it: `node bin/djsec.js ...`, one process per run.
//
//   node scripts/bench/bench.mjs [--tiny] [--no-install] [--goals 1,2,...] [--seed N] [--out FILE] [--keep]
//
// --tiny: a few files and one or two runs each (what `npm test` checks: it runs, not how fast).
// --no-install: never apt-get install hyperfine/bandit (fall back to our timer; skip the peer).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FULL, TINY, generateCorpus, generateRepo, generateSingle } from './generate.mjs';
import { ensureTool, peakRssMb, timeCommands, toolVersion } from './tools.mjs';

const repoRoot = resolve(import.meta.dirname, '../..');
const bin = join(repoRoot, 'bin', 'djsec.js');
const node = process.execPath;

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const tiny = args.includes('--tiny');
const install = !args.includes('--no-install');
const seed = Number(option('--seed', '20240601'));
const out = resolve(option('--out', join(repoRoot, 'bench-results.json')));
const goals = new Set(option('--goals', '1,2,3,4,5').split(',').map(Number));
const log = (msg) => process.stderr.write(`bench: ${msg}\n`);

// Runs, warm-ups and hyperfine rounds (pooled, see timeCommands) per measurement.
const PLAN = tiny
  ? { startup: [1, 2, 0], repo: [1, 2, 0], peer: [1, 1, 0], throughputRounds: 1, rssRuns: 1 }
  : { startup: [9, 5, 1], repo: [3, 5, 1], peer: [1, 3, 0], throughputRounds: 7, rssRuns: 3 };

if (!existsSync(join(repoRoot, 'dist', 'src', 'cli', 'cli.js'))) {
  log('dist/ is missing: run `npm run build` first');
  process.exit(2);
}

const hyperfine = ensureTool('hyperfine', 'hyperfine', { install, log });
const bandit = goals.has(3) ? ensureTool('bandit', 'bandit', { install, log }) : undefined;
if (!hyperfine) log('hyperfine unavailable: timing with a plain spawn loop instead');

const work = mkdtempSync(join(tmpdir(), 'djsec-bench-'));
// djsec's start-up code cache goes to a folder of this run (mkdtemp: 0700), so every djsec run
// measured here (child processes inherit the environment) finds it the same way, under CI too.
process.env.DJSEC_CACHE_DIR = join(work, 'code-cache');
const sizes = tiny ? TINY : FULL;
log(`generating inputs in ${work} (seed ${seed}${tiny ? ', tiny' : ''})`);
const repoDir = join(work, 'repo');
const corpusDir = join(work, 'corpus');
const inputs = {
  repo: generateRepo(repoDir, sizes, seed),
  corpus: generateCorpus(corpusDir, sizes, seed + 1),
  single: generateSingle(join(work, 'single'), seed + 2),
};

const loadBefore = loadavg();
const results = [];
const time = (commands, [rounds, runs, warmup], cwd) => timeCommands(commands, { hyperfine, rounds, runs, warmup, cwd });

/** Runs djsec once with --format json (to check it works and to count findings). */
function djsecReport(cwd, path) {
  const r = spawnSync(node, [bin, path, '--format', 'json'], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`djsec exited ${r.status} on ${path}: ${r.stderr}`);
  const report = JSON.parse(r.stdout);
  return { findings: report.findings.length, files: report.summary.files.length, entries: report.summary.entries.length };
}

function verdict(met) {
  return met === undefined ? 'SKIPPED' : met ? 'MET' : 'MISSED';
}

// ---- goal 1: one settings file vs a bare node process ----
if (goals.has(1)) {
  log('goal 1: djsec settings.py vs node -e \'\'');
  const report = djsecReport(work, inputs.single);
  const [bare, djsec] = time([[node, '-e', ''], [node, bin, inputs.single]], PLAN.startup, work);
  const ratio = djsec.median / bare.median;
  results.push({
    id: 1, name: 'one settings file', unit: 's', value: djsec.median, floor: bare.median, floorName: "node -e ''",
    ratio, limit: 1.5, compare: '<=', verdict: verdict(ratio <= 1.5), findings: report.findings, samples: { djsec: djsec.times, floor: bare.times },
  });
}

// ---- goal 2: the synthetic repository vs the read floor ----
if (goals.has(2) || goals.has(3)) {
  const floorScript = join(repoRoot, 'scripts', 'bench', 'read-floor.mjs');
  const floorStats = JSON.parse(spawnSync(node, [floorScript, '.', '--stats'], { cwd: repoDir, encoding: 'utf8' }).stdout);
  const report = djsecReport(repoDir, '.');
  if (goals.has(2)) {
    log(`goal 2: djsec on the synthetic repo vs the read floor (${floorStats.files} .py files kept)`);
    const [floor, djsec] = time([[node, floorScript, '.'], [node, bin, '.']], PLAN.repo, repoDir);
    const ratio = djsec.median / floor.median;
    results.push({
      id: 2, name: 'repository scan', unit: 's', value: djsec.median, floor: floor.median, floorName: 'read floor (walk + read every kept .py)',
      ratio, limit: 2, compare: '<=', verdict: verdict(ratio <= 2), findings: report.findings, candidates: report.files, floorFiles: floorStats.files,
      floorBytes: floorStats.bytes, samples: { djsec: djsec.times, floor: floor.times },
    });
  }
  inputs.repo.djsec = report;
}

// ---- goal 3: Bandit on the same repository and on the settings-only corpus ----
if (goals.has(3)) {
  if (!bandit) {
    results.push({ id: 3, name: 'peer: Bandit', verdict: 'SKIPPED', reason: 'bandit is not installed (apt-get install bandit)' });
  } else {
    log('goal 3: Bandit vs djsec (Bandit is slow: a few minutes)');
    // Bandit is told to skip what djsec prunes, so both look at the same files.
    const excluded = ['/.git/', '/node_modules/', '/.venv/', '/tools/py311/', '/migrations/', '/generated/', '/__pycache__/'].join(',');
    const banditJson = join(work, 'bandit.json');
    const banditRepo = [bandit, '-r', '.', '-x', excluded, '-q', '-f', 'json', '-o', banditJson];
    const banditCorpus = [bandit, '-r', '.', '-q', '-f', 'json', '-o', banditJson];
    const countBandit = () => JSON.parse(readFileSync(banditJson, 'utf8')).results.length;
    const [bRepo, dRepo] = time([banditRepo, [node, bin, '.']], PLAN.peer, repoDir);
    const banditRepoFindings = countBandit();
    const [bCorpus, dCorpus] = time([banditCorpus, [node, bin, '.']], PLAN.peer, corpusDir);
    const banditCorpusFindings = countBandit();
    const corpusReport = djsecReport(corpusDir, '.');
    const repoRatio = bRepo.median / dRepo.median;
    const corpusRatio = bCorpus.median / dCorpus.median;
    results.push({
      id: 3, name: 'peer: Bandit', banditVersion: toolVersion(bandit),
      repo: { bandit: bRepo.median, djsec: dRepo.median, ratio: repoRatio, limit: 20, verdict: verdict(repoRatio >= 20), banditFindings: banditRepoFindings, djsecFindings: inputs.repo.djsec.findings },
      corpus: { bandit: bCorpus.median, djsec: dCorpus.median, ratio: corpusRatio, limit: 8, verdict: verdict(corpusRatio >= 8), banditFindings: banditCorpusFindings, djsecFindings: corpusReport.findings },
      compare: '>=', verdict: verdict(repoRatio >= 20 && corpusRatio >= 8),
      note: "Debian's Bandit 1.6.2 on Python >= 3.8 never runs its string-literal checks (B105 hardcoded passwords and others): its speed is a fair floor, its findings count understates it.",
    });
  }
}

// ---- goal 4: lint throughput vs raw parse throughput, one process ----
if (goals.has(4)) {
  log('goal 4: lint vs parse throughput on the settings corpus');
  const r = spawnSync(node, [join(repoRoot, 'scripts', 'bench', 'throughput.mjs'), corpusDir, '--rounds', String(PLAN.throughputRounds), '--json'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`throughput.mjs failed: ${r.stderr}`);
  const t = JSON.parse(r.stdout);
  // The ceiling: what merely reading the trees through the binding costs (walk-floor.mjs).
  const w = spawnSync(node, [join(repoRoot, 'scripts', 'bench', 'walk-floor.mjs'), corpusDir, '--parser', t.parser, '--rounds', String(Math.min(3, PLAN.throughputRounds)), '--json'], { encoding: 'utf8' });
  if (w.status !== 0) throw new Error(`walk-floor.mjs failed: ${w.stderr}`);
  const ceiling = JSON.parse(w.stdout);
  results.push({
    id: 4, name: 'lint throughput', unit: 'MB/s', value: t.lintMBps, floor: t.parseMBps, floorName: `raw tree-sitter parse (${t.parser})`,
    ratio: t.ratio, limit: 0.7, compare: '>=', verdict: verdict(t.ratio >= 0.7), files: t.files, bytes: t.bytes, parser: t.parser,
    threads: t.threads, threadedMBps: t.threadedMBps, threadedRatio: t.threadedRatio, cpu: { parseMs: t.parseCpuMs, lintMs: t.lintCpuMs, threadedMs: t.threadedCpuMs },
    samples: { lintMs: t.lintRoundsMs, threadedMs: t.threadedRoundsMs, parseMs: t.parseRoundsMs },
    ceiling,
  });
}

// ---- goal 5: peak RSS on the repository scan ----
if (goals.has(5)) {
  log('goal 5: peak RSS on the synthetic repo');
  const probe = pathToFileURL(join(repoRoot, 'scripts', 'bench', 'rss-probe.mjs')).href;
  const rss = peakRssMb([node, bin, '.'], { cwd: repoDir, runs: PLAN.rssRuns, probe });
  results.push({ id: 5, name: 'peak RSS', unit: 'MB', value: rss.peakMb, limit: 200, compare: '<=', verdict: verdict(rss.peakMb <= 200), method: rss.method, samples: rss.runsMb });
}

const machine = {
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round(totalmem() / 1e9),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  loadAverage: { before: loadBefore[0], after: loadavg()[0] },
  hyperfine: hyperfine ? toolVersion(hyperfine) : null,
  parser: process.env.DJSEC_PARSER || 'default (native when it loads)',
};
const document = { schemaVersion: 1, date: new Date().toISOString(), tiny, seed, machine, inputs, goals: results };
writeFileSync(out, JSON.stringify(document, null, 2) + '\n');
printReport(document);
if (args.includes('--keep')) log(`inputs kept in ${work}`);
else rmSync(work, { recursive: true, force: true });

function printReport(doc) {
  const ms = (s) => (s >= 1 ? `${s.toFixed(2)} s` : `${(s * 1000).toFixed(1)} ms`);
  const x = (r) => `${r.toFixed(2)}×`;
  const lines = [
    `djsec benchmark${doc.tiny ? ' (tiny: checks that it runs, figures mean nothing)' : ''}`,
    `machine: ${doc.machine.cores} cores (${doc.machine.cpu}), Node ${doc.machine.node}, load average ${doc.machine.loadAverage.before.toFixed(1)} → ${doc.machine.loadAverage.after.toFixed(1)}, ${doc.machine.hyperfine ?? 'no hyperfine'}`,
    `inputs: repo ${doc.inputs.repo.pythonFiles} .py files (${doc.inputs.repo.settingsModules} settings modules) + ${doc.inputs.repo.prunedFiles} files to prune; corpus ${doc.inputs.corpus.settingsModules} settings modules`,
    '',
  ];
  for (const g of doc.goals) {
    const v = g.verdict.padEnd(7);
    switch (g.id) {
      case 1:
      case 2:
        lines.push(`${v} ${g.id}. ${g.name}: djsec ${ms(g.value)} vs ${g.floorName} ${ms(g.floor)} = ${x(g.ratio)} (goal ≤ ${g.limit}×)`);
        break;
      case 3:
        if (g.verdict === 'SKIPPED') lines.push(`${v} 3. ${g.name}: ${g.reason}`);
        else {
          lines.push(`${v} 3. ${g.name}: repo Bandit ${ms(g.repo.bandit)} vs djsec ${ms(g.repo.djsec)} = ${x(g.repo.ratio)} faster (goal ≥ 20×: ${g.repo.verdict}); settings corpus ${ms(g.corpus.bandit)} vs ${ms(g.corpus.djsec)} = ${x(g.corpus.ratio)} (goal ≥ 8×: ${g.corpus.verdict})`);
          lines.push(`          findings: repo Bandit ${g.repo.banditFindings} / djsec ${g.repo.djsecFindings}; corpus Bandit ${g.corpus.banditFindings} / djsec ${g.corpus.djsecFindings}`);
          lines.push(`          note: ${g.note}`);
        }
        break;
      case 4:
        lines.push(`${v} 4. ${g.name}: lint ${g.value.toFixed(2)} MB/s vs ${g.floorName} ${g.floor.toFixed(2)} MB/s = ${(g.ratio * 100).toFixed(0)}% (goal ≥ 70%; both on one thread)`);
        lines.push(`          CPU ms per round: parse ${g.cpu.parseMs.toFixed(0)}, lint ${g.cpu.lintMs.toFixed(0)}; on ${g.threads} thread${g.threads === 1 ? "" : "s"} as the CLI runs it: ${g.threadedMBps.toFixed(2)} MB/s = ${(g.threadedRatio * 100).toFixed(0)}% (CPU ${g.cpu.threadedMs.toFixed(0)} ms)`);
        lines.push(`          ceiling (walk-floor.mjs, ${g.ceiling.nodes} nodes): only reading each node's type id caps lint at ${(g.ceiling.ceilingTypeOnly * 100).toFixed(0)}%, reading type, field and range at ${(g.ceiling.ceilingModelReads * 100).toFixed(0)}%`);
        break;
      case 5:
        lines.push(`${v} 5. ${g.name}: ${g.value.toFixed(0)} MB on the repo scan (goal ≤ ${g.limit} MB; ${g.method})`);
        break;
    }
  }
  lines.push('', `results: ${out}`);
  process.stdout.write(lines.join('\n') + '\n');
}
