// The measuring instruments: hyperfine (installed with apt-get when missing), Bandit, GNU time,
// and fallbacks of our own so the benchmark still runs where they cannot be installed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** The path of a Debian-packaged tool, installing the package when it is missing and allowed. */
export function ensureTool(cmd, pkg, { install, log }) {
  let path = which(cmd);
  if (path || !install) return path;
  const sudo = process.getuid?.() === 0 ? [] : which('sudo') ? ['sudo', '-n'] : undefined;
  if (!sudo) return undefined;
  const apt = (...args) => {
    const argv = [...sudo, 'apt-get', ...args];
    return spawnSync(argv[0], argv.slice(1), { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
  };
  log(`${cmd} not found: apt-get install -y ${pkg}`);
  // A fresh container has no package lists yet: update once, then retry.
  if (!apt('install', '-y', pkg) && apt('update')) apt('install', '-y', pkg);
  path = which(cmd);
  if (!path) log(`could not install ${pkg}`);
  return path;
}

export function toolVersion(cmd) {
  const r = spawnSync(cmd, ['--version'], { encoding: 'utf8' });
  return (r.stdout || r.stderr || '').split('\n')[0].trim();
}

const quote = (s) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
export const commandLine = (argv) => argv.map(quote).join(' ');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Times commands (argv arrays) and returns, per command, the median and all wall times in
 * seconds, and the median CPU time (user + sys) of the rounds. With hyperfine, `rounds` separate
 * hyperfine calls are pooled, so slow drift of a shared machine falls on every command alike
 * instead of on whichever ran last. `prepare` (argv) runs before every timed run, untimed.
 */
export function timeCommands(commands, { hyperfine, runs, warmup, rounds = 1, cwd, prepare }) {
  const pooled = commands.map(() => []);
  const cpu = commands.map(() => []);
  for (let round = 0; round < rounds; round++) {
    if (hyperfine) {
      const dir = mkdtempSync(join(tmpdir(), 'djsec-hyperfine-'));
      const out = join(dir, 'h.json');
      const prepareArgs = prepare ? ['--prepare', commandLine(prepare)] : [];
      const args = ['-N', '--ignore-failure', '--style', 'none', '--runs', String(runs), '--warmup', String(warmup), ...prepareArgs, '--export-json', out, ...commands.map(commandLine)];
      const r = spawnSync(hyperfine, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      if (r.status !== 0) throw new Error(`hyperfine failed: ${r.stderr}`);
      const results = JSON.parse(readFileSync(out, 'utf8')).results;
      results.forEach((res, i) => {
        pooled[i].push(...res.times);
        cpu[i].push(res.user + res.system);
      });
      rmSync(dir, { recursive: true, force: true });
    } else {
      commands.forEach((argv, i) => {
        for (let k = 0; k < warmup + runs; k++) {
          if (prepare) spawnSync(prepare[0], prepare.slice(1), { cwd, stdio: 'ignore' });
          const run = timedRun(argv, cwd);
          if (k >= warmup) {
            pooled[i].push(run.wall);
            if (run.cpu !== undefined) cpu[i].push(run.cpu);
          }
        }
      });
    }
  }
  return pooled.map((times, i) => ({ command: commandLine(commands[i]), median: median(times), times, cpu: cpu[i].length ? median(cpu[i]) : NaN, cpuSamples: cpu[i] }));
}

/** One run's wall time and, through GNU time when there is one, its CPU time (seconds). */
function timedRun(argv, cwd) {
  const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const t0 = performance.now();
  const r = gnuTime
    ? spawnSync(gnuTime, ['-f', 'cpu=%U+%S', ...argv], { cwd, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 })
    : spawnSync(argv[0], argv.slice(1), { cwd, stdio: 'ignore' });
  const wall = (performance.now() - t0) / 1000;
  const m = gnuTime ? /cpu=([\d.]+)\+([\d.]+)/.exec(r.stderr) : null;
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : undefined };
}

/** Peak resident set size of a command in MB, the largest of `runs` runs. */
export function peakRssMb(argv, { cwd, runs, probe }) {
  const peaks = [];
  const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  for (let i = 0; i < runs; i++) {
    if (gnuTime) {
      const r = spawnSync(gnuTime, ['-f', 'maxrss=%M', ...argv], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      const m = /maxrss=(\d+)/.exec(r.stderr);
      if (m) {
        peaks.push(Number(m[1]) / 1024);
        continue;
      }
    }
    // Fallback: a preloaded probe writes process.resourceUsage().maxRSS (KB) at exit.
    const dir = mkdtempSync(join(tmpdir(), 'djsec-rss-'));
    const file = join(dir, 'rss');
    spawnSync(argv[0], ['--import', probe, ...argv.slice(1)], { cwd, stdio: 'ignore', env: { ...process.env, DJSEC_BENCH_RSS_FILE: file } });
    peaks.push(Number(readFileSync(file, 'utf8')) / 1024);
    rmSync(dir, { recursive: true, force: true });
  }
  return { peakMb: Math.max(...peaks), runsMb: peaks, method: gnuTime ? 'GNU time %M' : 'process.resourceUsage().maxRSS' };
}

export { median };
