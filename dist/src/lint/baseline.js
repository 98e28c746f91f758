// Baselines: --write-baseline FILE records today's findings; --baseline FILE then reports only
// findings that are not in it. An entry matches a finding by rule code, file and a fingerprint of
// the source the finding points at (the setting's line(s) and value, whitespace ignored), never by
// line number, so entries survive code moving up or down. Identical entries are matched as a
// multiset: two identical findings need two entries. Secrets never reach the file: the
// fingerprint is a truncated SHA-256, and messages are already masked by the rules.
//
// Format (documented in docs/output-formats.md; fields are only ever added):
//   { "djsecBaseline": 1, "tool": "djsec 0.1.0",
//     "findings": [ { "code": "DJS101", "name": "debug-enabled", "file": "mysite/settings.py",
//                     "fingerprint": "3f0c…", "line": 9, "message": "DEBUG is True…" } ] }
// `file` is relative to the baseline file's folder, so a baseline works from any working
// directory. `line` and `message` are there for people reading the file; matching ignores them.
import { dirname, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { errnoMessage } from '../errno-message.js';
import { lazyCrypto } from '../lazy-builtins.js';
import { readRegularFile } from '../model/source.js';
export const BASELINE_FORMAT = 1;
/**
 * What a finding is about, without its position: the text of the lines it spans (for a one-line
 * value that is `SETTING = value`), whitespace removed. A finding with no extent (a missing
 * setting, placed on line 1) is identified by its message, which names the setting.
 */
export function findingFingerprint(f, source) {
    let subject;
    const empty = f.line === f.endLine && f.column >= f.endColumn;
    if (empty || source === undefined) {
        subject = `message:${f.message}`;
    }
    else {
        const lines = source.split(/\r\n|\r|\n/).slice(f.line - 1, f.endLine);
        subject = `source:${lines.join('\n').replace(/\s+/g, '')}`;
    }
    return lazyCrypto().createHash('sha256').update(`${f.code}\u0000${subject}`).digest('hex').slice(0, 20);
}
function baselineFile(f, ctx) {
    const abs = resolve(ctx.cwd, f.file);
    return relative(dirname(ctx.baselinePath), abs).split(sep).join('/');
}
function entryKey(e) {
    return `${e.code}\u0000${e.file}\u0000${e.fingerprint}`;
}
export function createBaseline(findings, ctx, tool) {
    const entries = findings.map((f) => ({
        code: f.code,
        name: f.name,
        file: baselineFile(f, ctx),
        fingerprint: findingFingerprint(f, ctx.sources.get(f.file)),
        line: f.line,
        message: f.message,
    }));
    entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)));
    const file = { djsecBaseline: BASELINE_FORMAT, tool, findings: entries };
    return JSON.stringify(file, null, 2) + '\n';
}
export function readBaseline(path, shown) {
    let text;
    try {
        text = readRegularFile(path);
    }
    catch (e) {
        throw new UsageError(`--baseline: cannot read ${shown}: ${errnoMessage(e)}`);
    }
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (e) {
        throw new UsageError(`--baseline: ${shown} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
    const file = data;
    if (typeof data !== 'object' || data === null || file.djsecBaseline !== BASELINE_FORMAT || !Array.isArray(file.findings)) {
        throw new UsageError(`--baseline: ${shown} is not a djsec baseline (format ${BASELINE_FORMAT}); write one with --write-baseline`);
    }
    for (const [i, e] of file.findings.entries()) {
        if (typeof e?.code !== 'string' || typeof e.file !== 'string' || typeof e.fingerprint !== 'string') {
            throw new UsageError(`--baseline: ${shown}: findings[${i}] needs string code, file and fingerprint`);
        }
    }
    return file.findings;
}
export function filterByBaseline(findings, entries, ctx) {
    const pool = new Map();
    for (const e of entries) {
        const k = entryKey(e);
        pool.set(k, [...(pool.get(k) ?? []), e]);
    }
    const fresh = [];
    let known = 0;
    for (const f of findings) {
        const k = entryKey({ code: f.code, file: baselineFile(f, ctx), fingerprint: findingFingerprint(f, ctx.sources.get(f.file)) });
        const left = pool.get(k);
        if (left && left.length > 0) {
            left.pop();
            known++;
        }
        else {
            fresh.push(f);
        }
    }
    return { fresh, known, stale: [...pool.values()].flat() };
}
