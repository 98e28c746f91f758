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
 * seconds. With hyperfine, `rounds` separate hyperfine calls are pooled, so slow drift of a
 * shared machine falls on every command alike instead of on whichever ran last.
 */
export function timeCommands(commands, { hyperfine, runs, warmup, rounds = 1, cwd }) {
  const pooled = commands.map(() => []);
  for (let round = 0; round < rounds; round++) {
    if (hyperfine) {
      const dir = mkdtempSync(join(tmpdir(), 'djsec-hyperfine-'));
      const out = join(dir, 'h.json');
      const args = ['-N', '--ignore-failure', '--style', 'none', '--runs', String(runs), '--warmup', String(warmup), '--export-json', out, ...commands.map(commandLine)];
      const r = spawnSync(hyperfine, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      if (r.status !== 0) throw new Error(`hyperfine failed: ${r.stderr}`);
      const results = JSON.parse(readFileSync(out, 'utf8')).results;
      results.forEach((res, i) => pooled[i].push(...res.times));
      rmSync(dir, { recursive: true, force: true });
    } else {
      commands.forEach((argv, i) => {
        for (let k = 0; k < warmup + runs; k++) {
          const t0 = performance.now();
          spawnSync(argv[0], argv.slice(1), { cwd, stdio: 'ignore' });
          if (k >= warmup) pooled[i].push((performance.now() - t0) / 1000);
        }
      });
    }
  }
  return pooled.map((times, i) => ({ command: commandLine(commands[i]), median: median(times), times }));
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
