export const LEVEL_RANK = { note: 0, warning: 1, error: 2 };
export function compareFindings(a, b) {
    return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
/** How sure a finding is, from the kind of value it judged: a literal, an env default, a branch. */
export function confidenceOf(value) {
    if (!value)
        return 'high';
    switch (value.kind) {
        case 'known':
            return value.world ? 'medium' : 'high';
        case 'env':
            return value.env.every((e) => e.deployed) ? 'high' : 'medium';
        default:
            return 'low';
    }
}
