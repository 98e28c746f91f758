// A progress line on stderr for long runs: only on a terminal, only after the first second, and
// erased before the report. Piped or redirected output never sees it.
const NONE = { update: () => undefined, clear: () => undefined };
export function progressLine(stream = process.stderr, delayMs = 1000, now = Date.now) {
    if (!stream.isTTY)
        return NONE;
    const start = now();
    let shown = false;
    let last = 0;
    return {
        update(done, total) {
            const t = now();
            // Waits a second, then redraws at most ten times a second (the lint itself is synchronous).
            if (t - start < delayMs || t - last < 100)
                return;
            last = t;
            shown = true;
            stream.write(`\r\x1b[2Kdjsec: ${done}/${total} settings modules`);
        },
        clear() {
            if (shown)
                stream.write('\r\x1b[2K');
            shown = false;
        },
    };
}
