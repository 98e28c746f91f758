// Keeps V8's young generation small during a large lint. V8 grows the semi-spaces (where new
// objects live until they survive two scavenges) from 1 to 16 MB each whenever many objects
// survive, as evaluating settings makes them do; at 16 MB the young generation alone holds about
// 48 MB of pages per thread. On the bench's 2,000-module corpus with two threads, 16 MB gave a
// peak RSS of 221 MB (native parser) / 199 MB (WASM), 8 MB 183 / 174, 4 MB 165 / 174, with no
// more CPU at 4 MB (a one-thread run pays about 3% more CPU for it, so `--jobs 1`, which does not
// come through src/lint/parallel.ts, keeps V8's default). `--max-semi-space-size` is only read
// when a V8 heap is made, so a worker gets it as a resource limit (src/lint/parallel.ts) and the
// main thread, whose heap exists already, stops the growth once its semi-space reached the
// target: V8 reads `--semi-space-growth-factor` each time it grows the young generation. The flag
// is set back when the lint ends, since V8 keys code caches (bin/djsec.js writes one at exit) by
// the flags.
import type * as NodeV8 from 'node:v8';
import { createRequire } from 'node:module';

/** The semi-space size at which growth stops (V8's own maximum is 16 MB on 64-bit hosts). */
export const SEMI_SPACE_MB = 4;

/** A worker's young generation at SEMI_SPACE_MB per semi-space (V8 counts three semi-spaces' worth). */
export const WORKER_YOUNG_GENERATION_MB = 3 * SEMI_SPACE_MB;

const require = createRequire(import.meta.url);
const DEFAULT_GROWTH_FACTOR = 2;

/** True when the user tuned the young generation themselves (their flags win). */
function userTunedYoungGeneration(): boolean {
  const flags = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
  return /--(?:semi-space-growth-factor|semi_space_growth_factor|max-semi-space-size|max_semi_space_size|min-semi-space-size|min_semi_space_size)\b/.test(flags);
}

/**
 * Stops this thread's young generation growing past SEMI_SPACE_MB. Call check() often (each
 * module evaluated: growth happens at a scavenge, a few per module at most) and end() when the
 * lint is done.
 */
export class YoungGenerationCap {
  private readonly v8: typeof NodeV8 | undefined;
  private capped = false;

  constructor() {
    this.v8 = userTunedYoungGeneration() ? undefined : (require('node:v8') as typeof NodeV8);
  }

  check(): void {
    if (!this.v8 || this.capped) return;
    const young = this.v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    // new_space counts both semi-spaces.
    if (!young || young.space_size < 2 * SEMI_SPACE_MB * 1024 * 1024) return;
    this.v8.setFlagsFromString('--semi-space-growth-factor=1');
    this.capped = true;
  }

  end(): void {
    if (!this.v8 || !this.capped) return;
    this.v8.setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_GROWTH_FACTOR}`);
    this.capped = false;
  }
}
