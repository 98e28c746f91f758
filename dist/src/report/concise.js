import { caveats, summary } from './text.js';
/** The first sentence: up to a full stop followed by a space and a capital or a quote. */
export function firstSentence(message) {
    const end = /[.!?](?=\s+[A-Z'"`(])/.exec(message);
    return end ? message.slice(0, end.index + 1) : message;
}
export function conciseLine(f) {
    const inherited = f.entry && f.entry !== f.file ? ` (for ${f.entry})` : '';
    // The folded codes are named at the end of the full message, which the first sentence cuts.
    const folded = f.folded?.length ? ` (also ${f.folded.map((o) => o.code).join(', ')})` : '';
    return `${f.file}:${f.line}:${f.column}: ${f.code} ${firstSentence(f.message)}${inherited}${folded}`;
}
export function formatConcise(result, options = {}) {
    const lines = result.findings.map(conciseLine);
    lines.push(summary(result, undefined, options.hiddenByBaseline), ...caveats(result).map((line) => `  ${line}`));
    return lines.join('\n') + '\n';
}
