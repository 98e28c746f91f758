// Finds Django 4.2 (unpacked by shared/tools/get-django.sh) and runs django_runner.py on a batch.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const PYTHON = '/usr/bin/python3';
/** Where get-django.sh unpacks Django by default; used locally when the variable is not set. */
const DEFAULT_SITE = '/tmp/django-trixie/root/usr/lib/python3/dist-packages';
const RUNNER = join(import.meta.dirname, 'django_runner.py');

export type DjangoLocation = { ok: true; pythonPath: string } | { ok: false; reason: string };

/** DJSEC_DJANGO_PYTHONPATH (set by .ci/run from get-django.sh), else the default unpack folder. */
export function locateDjango(env: NodeJS.ProcessEnv = process.env): DjangoLocation {
  const configured = env.DJSEC_DJANGO_PYTHONPATH;
  const candidate = configured || DEFAULT_SITE;
  if (!existsSync(PYTHON)) return { ok: false, reason: `${PYTHON} not found` };
  if (!existsSync(join(candidate, 'django', '__init__.py'))) {
    return {
      ok: false,
      reason: configured
        ? `DJSEC_DJANGO_PYTHONPATH=${configured} has no django/ package`
        : `DJSEC_DJANGO_PYTHONPATH is not set and ${DEFAULT_SITE} has no Django (run ../shared/tools/get-django.sh)`,
    };
  }
  return { ok: true, pythonPath: candidate };
}

export interface DjangoResult {
  id: number;
  ids?: string[];
  error?: string;
}

/** One module for Django: its source, or a settings package on disk (root/package/production.py). */
export type DjangoJob = ({ id: number; source: string } | { id: number; root: string; package: string }) & { env?: Record<string, string> };

/** Runs Django's checks on every module in one Python process; returns results by id. */
export function runDjangoChecks(pythonPath: string, jobs: DjangoJob[]): { version: string; results: Map<number, DjangoResult> } {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('DJSEC_DIFF_')) env[k] = v;
  env.PYTHONPATH = pythonPath;
  env.PYTHONDONTWRITEBYTECODE = '1';
  env.PYTHONIOENCODING = 'utf-8';
  const child = spawnSync(PYTHON, [RUNNER], {
    input: jobs.map((j) => JSON.stringify(j)).join('\n') + '\n',
    env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 300_000,
  });
  if (child.error) throw child.error;
  if (child.status !== 0) throw new Error(`django_runner.py exited ${child.status}:\n${child.stderr}`);
  const lines = child.stdout.split('\n').filter((l) => l.trim());
  const head = JSON.parse(lines.shift() ?? '{}') as { django?: string };
  const results = new Map<number, DjangoResult>();
  for (const line of lines) {
    const r = JSON.parse(line) as DjangoResult;
    results.set(r.id, r);
  }
  return { version: head.django ?? '?', results };
}
