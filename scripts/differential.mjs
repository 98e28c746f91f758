#!/usr/bin/env node
// `npm run differential -- [--count N] [--seed N|random] [--report FILE]`: the differential test
// against Django's own `check --deploy` (test/differential/) at any size, with its figure
// (modules, disagreements, time). Django comes from DJSEC_DJANGO_PYTHONPATH, else from
// ../shared/tools/get-django.sh when it is there.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : undefined;
};
const env = { ...process.env };
if (option('--count')) env.DJSEC_DIFFERENTIAL_COUNT = option('--count');
if (option('--seed')) env.DJSEC_DIFFERENTIAL_SEED = option('--seed');
if (option('--report')) env.DJSEC_DIFFERENTIAL_REPORT = resolve(option('--report'));
if (!env.DJSEC_DJANGO_PYTHONPATH) {
  const getDjango = join(repoRoot, '..', 'shared', 'tools', 'get-django.sh');
  if (existsSync(getDjango)) {
    const r = spawnSync('bash', [getDjango], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const path = r.stdout.trim().split('\n').pop();
    if (r.status === 0 && path) env.DJSEC_DJANGO_PYTHONPATH = path;
  }
}
if (!env.DJSEC_DJANGO_PYTHONPATH) {
  process.stderr.write('differential: Django 4.2 not found: set DJSEC_DJANGO_PYTHONPATH (see README, "Differential test")\n');
  process.exit(2);
}
env.CI = 'true'; // a missing Django fails instead of skipping
const started = process.hrtime.bigint();
const r = spawnSync(process.execPath, [join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'test/differential', '-t', 'agrees with Django'], { cwd: repoRoot, env, stdio: 'inherit' });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stderr.write(`differential: ${env.DJSEC_DIFFERENTIAL_COUNT ?? 600} modules in ${seconds.toFixed(1)} s wall, exit ${r.status}\n`);
process.exit(r.status ?? 2);
