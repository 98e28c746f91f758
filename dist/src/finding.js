export const LEVEL_RANK = { note: 0, warning: 1, error: 2 };
export function compareFindings(a, b) {
    return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
