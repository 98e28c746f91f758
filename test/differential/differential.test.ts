// Differential test: djsec's Django-mirroring rules against Django 4.2's real `check --deploy`.
// A seeded generator writes settings modules; Django checks each one (django_runner.py, one
// Python process) and djsec lints it in-process with every registered rule. For every module,
// the set of Django check ids Django reports must equal the set djsec's findings stand for,
// restricted to the ids some registered rule declares in meta.djangoCheck (so each rule is
// compared as soon as it is registered, and ids djsec does not mirror never count).
//
// Knobs: DJSEC_DIFFERENTIAL_SEED (a number, or "random"), DJSEC_DIFFERENTIAL_COUNT (default 600),
// DJSEC_DIFFERENTIAL_REPORT (a file to write every disagreement to, not only the first few).
// Django comes from DJSEC_DJANGO_PYTHONPATH (.ci/run sets it from get-django.sh). Without Django
// the test fails when CI=true and is skipped, with a message, elsewhere.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import debugEnabled from '../../rules/debug-enabled.js';
import { rules } from '../../rules/index.js';
import type { Finding } from '../../src/finding.js';
import type { Rule } from '../../src/rule-kit/rule.js';
import { defineRule } from '../../src/rule-kit/rule.js';
import { judge } from '../../src/rule-kit/rule-helpers.js';
import { lintFolder, lintSource } from '../support/lint.js';
import { findingCheckIds, mirroredChecks } from './check-ids.js';
import type { DjangoJob, DjangoResult } from './django.js';
import { locateDjango, runDjangoChecks } from './django.js';
import type { GeneratedModule } from './generate.js';
import { generateBatch } from './generate.js';

const DEFAULT_SEED = 20_240_425;
const COUNT = Number(process.env.DJSEC_DIFFERENTIAL_COUNT ?? 600);
const SEED = seedFromEnv(process.env.DJSEC_DIFFERENTIAL_SEED);
const SHOWN = 5;

function seedFromEnv(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_SEED;
  if (raw === 'random') return Math.floor(Math.random() * 2 ** 31);
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new Error(`DJSEC_DIFFERENTIAL_SEED must be an integer or "random", got ${raw}`);
  return n;
}

interface Problem {
  module: GeneratedModule;
  what: string;
  django?: string[];
  djsec?: string[];
  findings?: Finding[];
}

const sorted = (ids: Iterable<string>) => [...new Set(ids)].sort();

function describeProblem(p: Problem): string {
  const lines = [`--- seed ${p.module.seed}, module ${p.module.index}: ${p.what}`];
  if (p.module.env) lines.push(`deployed: ${Object.entries(p.module.env).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ')}`);
  if (p.django) lines.push(`Django: ${p.django.join(' ') || '(none)'}`);
  if (p.djsec) lines.push(`djsec:  ${p.djsec.join(' ') || '(none)'}`);
  for (const f of p.findings ?? []) lines.push(`  ${f.code} line ${f.line} [${f.djangoCheck ?? '-'}] ${f.message}`);
  lines.push('source:', p.module.source);
  return lines.join('\n');
}

/** Compares one module; returns a problem, or undefined when both sides agree. */
function compare(module: GeneratedModule, result: DjangoResult | undefined, findings: Finding[], mirrored: Map<string, Rule>): Problem | undefined {
  if (!result) return { module, what: 'Django returned no result' };
  if (result.error) return { module, what: `Django could not load the module (a generator bug): ${result.error}` };
  const syntax = findings.filter((f) => f.code === 'DJS001');
  if (syntax.length > 0) return { module, what: 'djsec found a syntax error (a generator bug)', findings: syntax };
  const mirroring = findings.filter((f) => f.djangoCheck);
  const ambiguous = mirroring.filter((f) => findingCheckIds(f).length > 1);
  if (ambiguous.length > 0) return { module, what: 'a finding does not say which single Django check it stands for', findings: ambiguous };
  const django = sorted((result.ids ?? []).filter((id) => mirrored.has(id)));
  const djsec = sorted(mirroring.flatMap(findingCheckIds).filter((id) => mirrored.has(id)));
  if (django.join(' ') === djsec.join(' ')) return undefined;
  return { module, what: 'disagreement', django, djsec, findings: mirroring };
}

const django = locateDjango();
const mirrored = mirroredChecks(rules as readonly Rule[]);

/** DJS101 with a plausible bug: `DEBUG is True` instead of Python truthiness (misses 1, 'False'). */
const debugIsTrueOnly = defineRule({
  ...(debugEnabled as Rule),
  check(ctx) {
    const verdict = judge(ctx.get('DEBUG'), (py) => py === true);
    // any of the rule's messages will do: only the finding's Django id is compared
    const [messageId] = Object.keys(debugEnabled.meta.messages);
    if (verdict) ctx.report({ messageId, value: verdict.value, data: { value: 'True', source: '' } });
  },
});

interface Batch {
  modules: GeneratedModule[];
  version: string;
  results: Map<number, DjangoResult>;
  /** Where split settings live on disk: root/diffpkg_<index>/settings/{__init__,base,production}.py. */
  root: string;
}

let batch: Batch | undefined;
/** Generates the modules and runs Django on them once, for both tests. */
function djangoBatch(pythonPath: string): Batch {
  if (!batch) {
    const modules = generateBatch(SEED, COUNT);
    const root = mkdtempSync(join(tmpdir(), 'djsec-differential-'));
    const jobs: DjangoJob[] = modules.map((m) => {
      if (!m.files) return { id: m.index, source: m.source, env: m.env };
      // a project's settings package, as `startproject` layouts split it: mysite/settings/production.py
      const dir = join(root, packageName(m), 'settings');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, '__init__.py'), '');
      for (const [name, text] of Object.entries(m.files)) writeFileSync(join(dir, name), text);
      // The project's own evidence of what deploys, as Django is told it (DJANGO_SETTINGS_MODULE).
      writeFileSync(join(root, packageName(m), 'wsgi.py'), `import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "${packageName(m)}.settings.production")\n`);
      return { id: m.index, root, package: `${packageName(m)}.settings`, env: m.env };
    });
    const { version, results } = runDjangoChecks(pythonPath, jobs);
    batch = { modules, version, results, root };
  }
  return batch;
}

const packageName = (m: GeneratedModule) => `diffpkg_${m.index}`;

/** djsec on one module: in memory, or split settings linted as a project (discovery, wsgi.py evidence and roles included). */
async function lintModule(b: Batch, module: GeneratedModule, ruleSet: readonly Rule[]): Promise<Finding[]> {
  const env = module.env ? new Map(Object.entries(module.env)) : undefined;
  if (!module.files) return (await lintSource(module.source, ruleSet, { env })).findings;
  return (await lintFolder(join(b.root, packageName(module)), ruleSet, { env })).findings;
}

/**
 * A deployed value can make the settings raise (int('yes'), decouple's cast=bool on 'short'):
 * Django then never loads them, and there is nothing to compare.
 */
const raisesWhenDeployed = (module: GeneratedModule, result: DjangoResult | undefined) => module.env !== undefined && result?.error !== undefined;

async function compareAll(b: Batch, ruleSet: readonly Rule[], compared: Map<string, Rule>): Promise<{ problems: Problem[]; fired: Map<string, number>; raised: number }> {
  const problems: Problem[] = [];
  const fired = new Map<string, number>();
  let raised = 0;
  for (const module of b.modules) {
    const result = b.results.get(module.index);
    if (raisesWhenDeployed(module, result)) {
      raised += 1;
      continue;
    }
    const findings = await lintModule(b, module, ruleSet);
    const problem = compare(module, result, findings, compared);
    if (problem) problems.push(problem);
    for (const id of new Set(result?.ids ?? [])) if (compared.has(id)) fired.set(id, (fired.get(id) ?? 0) + 1);
  }
  return { problems, fired, raised };
}

describe('differential test against Django check --deploy', () => {
  if (!django.ok) {
    if (process.env.CI === 'true') {
      it('has Django 4.2 to compare with (required in CI)', () => {
        throw new Error(`Django is unavailable: ${django.reason}. .ci/run must run get-django.sh and export DJSEC_DJANGO_PYTHONPATH.`);
      });
    } else {
      console.warn(`[differential] SKIPPED: ${django.reason}`);
      it.skip(`compares with Django 4.2 (skipped: ${django.reason})`, () => {});
    }
    return;
  }
  const pythonPath = django.pythonPath;
  afterAll(() => {
    if (batch) rmSync(batch.root, { recursive: true, force: true });
  });

  it(`agrees with Django on ${COUNT} generated modules (seed ${SEED})`, { timeout: Math.max(300_000, COUNT * 120) }, async () => {
    expect(COUNT, 'DJSEC_DIFFERENTIAL_COUNT').toBeGreaterThan(0);
    const b = djangoBatch(pythonPath);
    expect(b.version, 'Django version').toMatch(/^4\.2\./);
    const { problems, fired, raised } = await compareAll(b, rules as readonly Rule[], mirrored);
    const deployed = b.modules.filter((m) => m.env).length;
    const split = b.modules.filter((m) => m.files).length;

    const ids = [...mirrored.keys()].sort();
    const coverage = ids.map((id) => `${id} ${fired.get(id) ?? 0}`).join(', ');
    console.log(
      `[differential] Django ${b.version}, seed ${SEED}: ${COUNT} modules (${split} split settings, ${deployed} with deployed variables, ${raised} of which raise in Python and are not compared), ` +
        `${problems.length} disagreements; ${ids.length} ids compared (modules where Django reports each): ${coverage}`,
    );
    if (process.env.DJSEC_DIFFERENTIAL_REPORT) writeFileSync(process.env.DJSEC_DIFFERENTIAL_REPORT, problems.map(describeProblem).join('\n\n'));
    if (problems.length > 0) {
      const shown = problems.slice(0, SHOWN).map(describeProblem).join('\n\n');
      expect.fail(`${problems.length} of ${COUNT} modules disagree (rerun with DJSEC_DIFFERENTIAL_SEED=${SEED}). First ${Math.min(SHOWN, problems.length)}:\n\n${shown}`);
    }
    expect(raised, 'modules not compared because a deployed value makes them raise').toBeLessThan(COUNT / 10);
    // the generator must exercise every mirrored check both ways, or agreement proves little
    for (const id of ids) {
      const n = fired.get(id) ?? 0;
      expect(n > 0 && n < COUNT, `${id} reported by Django in ${n} of ${COUNT} modules: the generator must make it both fire and pass`).toBe(true);
    }
  });

  it('catches a rule that departs from Django (DJS101 testing `is True` instead of truthiness)', { timeout: 300_000 }, async () => {
    const b = djangoBatch(pythonPath);
    const onlyW018 = new Map([['security.W018', debugIsTrueOnly as Rule]]);
    const { problems } = await compareAll(b, [debugIsTrueOnly as Rule], onlyW018);
    expect(problems.length, 'disagreements found for the broken rule').toBeGreaterThan(0);
    expect(problems.every((p) => p.what === 'disagreement' && p.django?.includes('security.W018') && !p.djsec?.length)).toBe(true);
  });
});
