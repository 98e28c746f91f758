import { createRequire } from 'node:module';
/** The semi-space size at which growth stops (V8's own maximum is 16 MB on 64-bit hosts). */
export const SEMI_SPACE_MB = 4;
/** A worker's young generation at SEMI_SPACE_MB per semi-space (V8 counts three semi-spaces' worth). */
export const WORKER_YOUNG_GENERATION_MB = 3 * SEMI_SPACE_MB;
const require = createRequire(import.meta.url);
const DEFAULT_GROWTH_FACTOR = 2;
/** True when the user tuned the young generation themselves (their flags win). */
function userTunedYoungGeneration() {
    const flags = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
    return /--(?:semi-space-growth-factor|semi_space_growth_factor|max-semi-space-size|max_semi_space_size|min-semi-space-size|min_semi_space_size)\b/.test(flags);
}
/**
 * Stops this thread's young generation growing past SEMI_SPACE_MB. Call check() often (each
 * module evaluated: growth happens at a scavenge, a few per module at most) and end() when the
 * lint is done.
 */
export class YoungGenerationCap {
    v8;
    capped = false;
    constructor() {
        this.v8 = userTunedYoungGeneration() ? undefined : require('node:v8');
    }
    check() {
        if (!this.v8 || this.capped)
            return;
        const young = this.v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
        // new_space counts both semi-spaces.
        if (!young || young.space_size < 2 * SEMI_SPACE_MB * 1024 * 1024)
            return;
        this.v8.setFlagsFromString('--semi-space-growth-factor=1');
        this.capped = true;
    }
    end() {
        if (!this.v8 || !this.capped)
            return;
        this.v8.setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_GROWTH_FACTOR}`);
        this.capped = false;
    }
}
