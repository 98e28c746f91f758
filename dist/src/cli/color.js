// When to colour: only on a TTY, unless FORCE_COLOR says otherwise; NO_COLOR and --no-color turn
// it off. FORCE_COLOR wins over NO_COLOR, as in Node itself. chalk 5 ignores NO_COLOR, so the
// decision is made here and handed to chalk as a level.
export function colorLevel(stream, allowed) {
    if (!allowed)
        return 0;
    const force = process.env.FORCE_COLOR;
    if (force !== undefined) {
        if (force === '0' || force === 'false')
            return 0;
        if (force === '2')
            return 2;
        if (force === '3')
            return 3;
        return 1;
    }
    if (process.env.NO_COLOR)
        return 0;
    if (process.env.TERM === 'dumb')
        return 0;
    return stream.isTTY ? 1 : 0;
}
