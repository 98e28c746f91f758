// Dockerfiles to the infrastructure model, read line by line: comments and blank lines dropped,
// `\` continuations joined (the parser directive `# escape=` is honoured), each instruction kept
// with where it starts. Nothing is built or run.
import { basename } from 'node:path';
const DEVELOPMENT = /(^|[._-])(dev|develop|development|local|test|tests|testing|ci)([._-]|$)/i;
export function readDockerfile(file, source) {
    const lines = source.split(/\r\n|\r|\n/);
    const escape = /^#\s*escape\s*=\s*`/i.test(lines[0] ?? '') ? '`' : '\\';
    const instructions = [];
    let stage = -1;
    let i = 0;
    while (i < lines.length) {
        const first = lines[i];
        const start = i;
        i++;
        const trimmed = first.trimStart();
        if (trimmed === '' || trimmed.startsWith('#'))
            continue;
        const match = /^([A-Za-z]+)(\s+|$)/.exec(trimmed);
        let text = trimmed;
        // A line ending in the escape character continues; comment lines inside are skipped.
        while (text.trimEnd().endsWith(escape) && i < lines.length) {
            text = text.trimEnd().slice(0, -1).trimEnd();
            while (i < lines.length && lines[i].trimStart().startsWith('#'))
                i++;
            if (i >= lines.length)
                break;
            text += ` ${lines[i].trim()}`;
            i++;
        }
        if (!match)
            continue;
        const instruction = match[1].toUpperCase();
        if (instruction === 'FROM')
            stage++;
        const column = first.length - trimmed.length + 1;
        instructions.push({
            instruction,
            args: text.slice(match[0].length).trim(),
            origin: { file, line: start + 1, column, endLine: start + 1, endColumn: column + match[1].length },
            stage: Math.max(stage, 0),
        });
    }
    return { file, instructions, stages: Math.max(stage + 1, 1), development: DEVELOPMENT.test(basename(file).replace(/^(Dockerfile|Containerfile)/, '')) };
}
/** `KEY=value KEY2="v 2"` or the legacy `KEY value` form of ENV (and ARG's `NAME[=default]`). */
export function keyValues(args) {
    const out = [];
    // The legacy form: the first word has no `=` and a value follows it (the rest of the line).
    const legacy = /^([A-Za-z_][\w.-]*)\s+(.*)$/s.exec(args);
    if (legacy)
        return [{ key: legacy[1], value: legacy[2].trim() }];
    const pair = /([A-Za-z_][\w.-]*)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?/g;
    for (const m of args.matchAll(pair)) {
        const raw = m[2];
        const value = raw === undefined ? undefined : /^(["']).*\1$/s.test(raw) ? raw.slice(1, -1) : raw;
        out.push({ key: m[1], value });
    }
    return out;
}
