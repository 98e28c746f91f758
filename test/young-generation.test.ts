import { getHeapSpaceStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { SEMI_SPACE_MB, YoungGenerationCap } from '../src/lint/young-generation.js';

const MB = 1024 * 1024;
const youngBytes = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_size;

/** Allocates objects a third of which survive (as evaluating settings does), keeping them. */
function allocateSurvivors(count: number, kept: object[]): void {
  for (let i = 0; i < count; i++) {
    const o = { i, items: [i, i + 1], text: `v${i}` };
    if (i % 3 === 0) kept.push(o);
  }
}

describe('YoungGenerationCap', () => {
  it("stops this thread's young generation growing once it reached the target, and end() lets it grow again", () => {
    const kept: object[] = [];
    const cap = new YoungGenerationCap();
    // Grow the young generation to the target, checking as a lint does after each module.
    for (let round = 0; round < 200 && youngBytes() < 2 * SEMI_SPACE_MB * MB; round++) {
      allocateSurvivors(50_000, kept);
      cap.check();
    }
    cap.check();
    const atCap = youngBytes();
    expect(atCap).toBeGreaterThanOrEqual(2 * SEMI_SPACE_MB * MB);
    try {
      for (let round = 0; round < 40; round++) {
        allocateSurvivors(50_000, kept);
        cap.check();
      }
      expect(youngBytes()).toBeLessThanOrEqual(atCap);
    } finally {
      cap.end();
    }
    // Growth is V8's again (the default factor doubles a semi-space when most objects survive).
    for (let round = 0; round < 40 && youngBytes() <= atCap; round++) allocateSurvivors(50_000, kept);
    expect(youngBytes()).toBeGreaterThan(atCap);
    expect(kept.length).toBeGreaterThan(0);
  });
});
