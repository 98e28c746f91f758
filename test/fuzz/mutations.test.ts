// Byte-level mutations of every fixture: flipped, inserted, deleted, duplicated and truncated
// bytes, and spliced-in tokens (brackets, quotes, template tags, NUL, BOM, coding lines).
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { getParser } from '../../src/model/parse.js';
import { decodeSource } from '../../src/model/source.js';
import { FULL, SEED, fixtureBytes, letFinalizersRun, lintAndCheck, mutate, mutation, params, projectSkeleton, runs, watchdog } from './harness.js';

const RUNS = runs(2_000);

describe(`fuzzing fixture mutations (${RUNS} inputs, seed ${SEED})`, async () => {
  const parser = await getParser();
  const { dir, paths } = projectSkeleton();
  const dog = await watchdog(SEED);
  afterAll(() => dog.stop());
  if (FULL) console.log(`fuzz: fixture mutations, seed ${SEED}, ${RUNS} runs`);

  it('never crash, never report an internal error, never take long', async () => {
    const seeds = fixtureBytes();
    expect(seeds.length).toBeGreaterThan(20);
    const input = fc.tuple(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }));
    const start = performance.now();
    await fc.assert(
      fc.asyncProperty(input, async ([index, mutations]) => {
        const decoded = decodeSource(mutations.reduce(mutate, seeds[index]));
        if (!decoded.ok) return; // binary: skipped, as readSource would
        lintAndCheck(parser, dir, new Map([[paths.production, decoded.text]]), dog);
        await letFinalizersRun();
      }),
      params(RUNS),
    );
    console.log(`fixture mutations: ${RUNS} inputs, 0 failures, in ${Math.round(performance.now() - start)} ms`);
  }, 3_600_000);
});
