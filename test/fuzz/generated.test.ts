// Generated split-settings projects (settings-arbitrary.ts): base, production, local and an
// included component, each an arbitrary mix of assignments, env lookups, branches and imports.
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { getParser } from '../../src/model/parse.js';
import { FULL, SEED, letFinalizersRun, lintAndCheck, params, projectSkeleton, runs, watchdog } from './harness.js';
import { settingsModule } from './settings-arbitrary.js';

const RUNS = runs(1_000);

describe(`fuzzing generated projects (${RUNS} inputs, seed ${SEED})`, async () => {
  const parser = await getParser();
  const { dir, paths } = projectSkeleton();
  const dog = await watchdog(SEED);
  afterAll(() => dog.stop());
  if (FULL) console.log(`fuzz: generated projects, seed ${SEED}, ${RUNS} runs`);

  it('never crash, never report an internal error, never take long', async () => {
    const project = fc.record({
      base: settingsModule({ siblings: ['local', 'components/common'] }),
      production: settingsModule({ siblings: ['base', 'local'] }),
      local: settingsModule({ siblings: ['base', 'production'] }),
      common: settingsModule({ siblings: ['base'] }),
    });
    const start = performance.now();
    await fc.assert(
      fc.asyncProperty(project, async (p) => {
        const sources = new Map([
          [paths.production, p.production],
          [paths.base, p.base],
          [paths.local, p.local],
          [paths['components/common'], p.common],
        ]);
        lintAndCheck(parser, dir, sources, dog);
        await letFinalizersRun();
      }),
      params(RUNS),
    );
    console.log(`generated projects: ${RUNS} inputs, 0 failures, in ${Math.round(performance.now() - start)} ms`);
  }, 3_600_000);
});
