export class MessageTable {
    messages = [];
    index = new Map();
    /** A copy of the finding that points into the table (the finding itself is left as it is). */
    store(finding) {
        let at = this.index.get(finding.message);
        if (at === undefined) {
            at = this.messages.push(finding.message) - 1;
            this.index.set(finding.message, at);
        }
        return { ...finding, message: at };
    }
}
/**
 * The finding with its message restored from the table, in place (the object was just parsed),
 * or undefined when it points outside the table (a damaged file, ignored by the caller).
 */
export function restoreMessage(finding, messages) {
    if (!finding || typeof finding !== 'object' || !Array.isArray(messages))
        return undefined;
    const stored = finding;
    const at = stored.message;
    if (typeof at !== 'number' || !Number.isInteger(at) || at < 0 || at >= messages.length || typeof messages[at] !== 'string')
        return undefined;
    stored.message = messages[at];
    return stored;
}
