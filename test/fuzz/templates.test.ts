// Byte-level mutations of every CloudFormation fixture (YAML and JSON), read and judged by the
// infrastructure rules: a template that no longer parses is a skip note, anything else a model;
// never a throw, never a crash of a rule, never slow.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { isTemplateName, looksLikeTemplate } from '../../src/infra/files.js';
import { loadInfra } from '../../src/infra/load.js';
import { runInfraRules } from '../../src/lint/infra-rules.js';
import { decodeSource } from '../../src/model/source.js';
import type { Rule } from '../../src/rule-kit/rule.js';
import { SEED, mutate, mutation, params, runs } from './harness.js';
import { repoRoot } from '../support/lint.js';

const RUNS = runs(500);
const SLOW_MS = 2_000;

function templateFixtures(): { name: string; bytes: Buffer }[] {
  const root = join(repoRoot, 'fixtures', 'rules');
  return (readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[])
    .map((f) => join(root, f))
    .filter((f) => isTemplateName(f) && !f.endsWith('fixture.json'))
    .map((f) => ({ name: f, bytes: readFileSync(f) }))
    .filter((t) => looksLikeTemplate(t.bytes.toString('latin1')));
}

describe(`fuzzing CloudFormation templates (${RUNS} inputs, seed ${SEED})`, () => {
  it('never throw, never crash a rule, never take long', async () => {
    const seeds = templateFixtures();
    expect(seeds.length).toBeGreaterThan(8);
    const input = fc.tuple(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }));
    await fc.assert(
      fc.asyncProperty(input, async ([index, mutations]) => {
        const seed = seeds[index];
        const decoded = decodeSource(mutations.reduce(mutate, seed.bytes));
        if (!decoded.ok) return; // binary: skipped, as readSource would
        const path = seed.name.endsWith('.json') ? '/fuzz/stack.json' : '/fuzz/template.yaml';
        const started = performance.now();
        const load = await loadInfra([path], (p) => p, undefined, new Map([[path, decoded.text]]));
        const crashes: string[] = [];
        runInfraRules(rules as readonly Rule[], load.model, [], (rule, error) => crashes.push(`${rule.code}: ${String(error)}`));
        expect(crashes).toEqual([]);
        expect(load.errors).toEqual([]);
        expect(performance.now() - started).toBeLessThan(SLOW_MS);
      }),
      params(RUNS),
    );
  }, 600_000);
});
