import { mayHoldDirective } from './text-facts.js';
/** `# djsec: skip-file` counts only within the first lines, as a header (documented in docs/suppressing.md). */
export const SKIP_FILE_LINES = 20;
export const UNUSED_SUPPRESSION_CODE = 'DJS002';
/** Finds every comment of a Python source, skipping string literals (single, triple, any prefix). */
export function findComments(source) {
    const comments = [];
    let line = 1;
    let lineStart = 0;
    let codeOnLine = false;
    let i = 0;
    const n = source.length;
    while (i < n) {
        const c = source[i];
        if (c === '\n' || c === '\r') {
            if (c === '\r' && source[i + 1] === '\n')
                i++;
            i++;
            line++;
            lineStart = i;
            codeOnLine = false;
            continue;
        }
        if (c === '#') {
            let end = i;
            while (end < n && source[end] !== '\n' && source[end] !== '\r')
                end++;
            comments.push({ line, column: i - lineStart + 1, text: source.slice(i, end), ownLine: !codeOnLine });
            i = end;
            continue;
        }
        if (c === '"' || c === "'") {
            codeOnLine = true;
            const triple = source.startsWith(c.repeat(3), i);
            const close = triple ? c.repeat(3) : c;
            i += close.length;
            while (i < n) {
                const d = source[i];
                if (d === '\\') {
                    // An escaped character, possibly a newline (a continued string).
                    if (source[i + 1] === '\r' && source[i + 2] === '\n')
                        i++;
                    if (source[i + 1] === '\n' || source[i + 1] === '\r') {
                        line++;
                        lineStart = i + 2;
                    }
                    i += 2;
                    continue;
                }
                if (source.startsWith(close, i)) {
                    i += close.length;
                    break;
                }
                if (d === '\n' || d === '\r') {
                    if (!triple)
                        break; // an unterminated one-line string ends at the line break
                    if (d === '\r' && source[i + 1] === '\n')
                        i++;
                    line++;
                    lineStart = i + 1;
                }
                i++;
            }
            continue;
        }
        if (c !== ' ' && c !== '\t' && c !== '\f')
            codeOnLine = true;
        i++;
    }
    return comments;
}
const DIRECTIVE = /#\s*djsec:\s*(ignore|skip-file)\b(?:\[([^\]]*)\])?/i;
// Ruff's and flake8's form, `# noqa: DJS101, F403`: its DJS codes only, on its own line only. A
// bare `# noqa` (often on `from .base import *`) and other tools' codes are not djsec's business.
const NOQA = /#\s*noqa\s*:\s*([A-Z]+[0-9]+(?:\s*,?\s*[A-Z]+[0-9]+)*)/i;
const REASON = /^\s*--\s*(.*?)\s*$/;
/** The suppressions and the skip-file flag of one file. */
export function readDirectives(file, source) {
    // Every directive names djsec or a DJS code: most files have neither, and need no comment scan.
    if (!mayHoldDirective(source))
        return { skipFile: false, suppressions: [] };
    const comments = findComments(source);
    const lines = source.split(/\r\n|\r|\n/);
    const commentOnly = new Set(comments.filter((c) => c.ownLine).map((c) => c.line));
    const result = { skipFile: false, suppressions: [] };
    for (const comment of comments) {
        const noqa = NOQA.exec(comment.text);
        const noqaCodes = (noqa?.[1] ?? '').split(/[\s,]+/).filter((c) => /^DJS\d{3}$/i.test(c));
        if (noqa && noqaCodes.length > 0) {
            const column = comment.column + noqa.index;
            result.suppressions.push({ file, line: comment.line, column, endColumn: column + noqa[0].length, codes: noqaCodes, targets: [comment.line], used: new Set() });
        }
        const m = DIRECTIVE.exec(comment.text);
        if (!m)
            continue;
        if (m[1].toLowerCase() === 'skip-file') {
            if (comment.line <= SKIP_FILE_LINES)
                result.skipFile = true;
            continue;
        }
        const codes = (m[2] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
        const rest = comment.text.slice(m.index + m[0].length);
        const reason = REASON.exec(rest)?.[1] || undefined;
        const targets = [comment.line];
        if (comment.ownLine) {
            // The next line that is not a comment line: "the line below", stacking over other comments.
            let next = comment.line + 1;
            while (commentOnly.has(next))
                next++;
            if (next <= lines.length && lines[next - 1].trim() !== '')
                targets.push(next);
        }
        result.suppressions.push({
            file,
            line: comment.line,
            column: comment.column + m.index,
            endColumn: comment.column + m.index + m[0].length,
            codes,
            reason,
            targets,
            used: new Set(),
        });
    }
    return result;
}
function names(rule, token) {
    return rule.code === token.toUpperCase() || rule.name === token.toLowerCase();
}
/** Drops suppressed findings and findings in skip-file files; adds DJS002 notes for unused suppressions. */
export function applySuppressions(findings, options) {
    const directives = new Map();
    const directivesOf = (file) => {
        if (!directives.has(file)) {
            const text = options.mayHoldDirective?.(file) === false ? undefined : options.sources.get(file);
            directives.set(file, text === undefined ? { skipFile: false, suppressions: [] } : readDirectives(file, text));
        }
        return directives.get(file);
    };
    const kept = [];
    const suppressed = [];
    for (const f of findings) {
        const d = directivesOf(f.file);
        if (d?.skipFile) {
            suppressed.push(f);
            continue;
        }
        const by = d?.suppressions.find((s) => covers(s, f) && (s.codes.length === 0 || s.codes.some((c) => c.toUpperCase() === f.code || c.toLowerCase() === f.name)));
        if (by) {
            by.used.add(f.code);
            suppressed.push(f);
        }
        else {
            kept.push(f);
        }
    }
    const unusedRule = options.enabled.find((r) => r.code === UNUSED_SUPPRESSION_CODE);
    if (unusedRule) {
        for (const file of [...options.checkedFiles].sort()) {
            const d = directivesOf(file);
            if (!d || d.skipFile)
                continue;
            for (const s of d.suppressions) {
                for (const note of problemsOf(s, unusedRule, options)) {
                    // A DJS002 note is silenced only by a comment that names DJS002 explicitly.
                    const silencer = d.suppressions.find((o) => covers(o, note) && o.codes.some((c) => names(unusedRule, c)));
                    if (silencer) {
                        silencer.used.add(unusedRule.code);
                        suppressed.push(note);
                    }
                    else {
                        kept.push(note);
                    }
                }
            }
        }
    }
    return { findings: kept, suppressed };
}
/** A suppression covers a finding that starts or ends on one of its target lines. */
function covers(s, f) {
    return s.targets.includes(f.line) || s.targets.includes(f.endLine);
}
function problemsOf(s, rule, options) {
    const known = options.known;
    const out = [];
    const note = (messageId, data) => out.push(unusedFinding(rule, s, messageId, data));
    if (s.codes.length === 0) {
        // Under --select/--ignore, a bare ignore may hide rules that did not run: never call it
        // unused then, and name only what it hid among the rules that ran.
        const everyRuleRan = !known || known.every((r) => options.enabled.some((e) => e.code === r.code));
        const codes = [...s.used].sort().join(', ');
        if (s.used.size === 0) {
            if (everyRuleRan)
                note('unusedBare', {});
        }
        else
            note(everyRuleRan ? 'blanket' : 'blanketSelected', { codes });
        return out;
    }
    const unknown = known ? s.codes.filter((c) => !known.some((r) => names(r, c))) : [];
    if (unknown.length > 0)
        note('unknownCode', { codes: unknown.join(', ') });
    const unused = s.codes.filter((c) => {
        const r = options.enabled.find((x) => names(x, c));
        // Disabled rules cannot be judged; DJS002 in the list only silences DJS002 notes.
        return r !== undefined && r.code !== rule.code && !s.used.has(r.code);
    });
    if (unused.length > 0)
        note('unused', { codes: unused.join(', ') });
    return out;
}
function unusedFinding(rule, s, messageId, data) {
    const template = rule.meta.messages[messageId];
    if (template === undefined)
        throw new Error(`${rule.code} has no message ${messageId}`);
    return {
        code: rule.code,
        name: rule.name,
        level: rule.level,
        message: template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, key) => data[key] ?? ''),
        file: s.file,
        line: s.line,
        column: s.column,
        endLine: s.line,
        endColumn: s.endColumn,
        djangoCheck: rule.meta.djangoCheck,
        cwe: rule.meta.cwe,
        confidence: 'high',
    };
}
