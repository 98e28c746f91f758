// Reads a file as Python source text: size cap, binary detection, BOM, PEP 263 coding lines,
// Latin-1 fallback, symlinks not followed, templates recognised. Never throws: every failure is
// a SourceProblem the caller reports.
import { closeSync, fstatSync, openSync, readFileSync, readSync, constants } from 'node:fs';
import { errnoMessage } from '../errno-message.js';
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;
export function readSource(absPath, maxBytes = DEFAULT_MAX_FILE_BYTES) {
    let fd;
    try {
        // O_NONBLOCK so a FIFO that slipped past discovery cannot block the open; O_NOFOLLOW so an
        // import that lands on a symlink (a loop, or a link to a file outside the project) is not read.
        fd = openSync(absPath, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOFOLLOW ?? 0));
    }
    catch (e) {
        if (e?.code === 'ELOOP')
            return { ok: false, severity: 'skip', reason: 'symlink', message: 'symlink, not followed' };
        return { ok: false, severity: 'error', reason: 'unreadable', message: `cannot read: ${errorCode(e)}` };
    }
    try {
        const stat = fstatSync(fd);
        if (!stat.isFile())
            return { ok: false, severity: 'skip', reason: 'not-a-file', message: 'not a regular file' };
        if (stat.size > maxBytes) {
            return { ok: false, severity: 'skip', reason: 'too-large', message: `larger than the ${formatBytes(maxBytes)} size cap (${stat.size.toLocaleString('en-US')} bytes)` };
        }
        const buffer = Buffer.alloc(stat.size);
        let read = 0;
        while (read < stat.size) {
            const n = readSync(fd, buffer, read, stat.size - read, read);
            if (n === 0)
                break;
            read += n;
        }
        return decodeSource(buffer.subarray(0, read));
    }
    catch (e) {
        return { ok: false, severity: 'error', reason: 'unreadable', message: `cannot read: ${errorCode(e)}` };
    }
    finally {
        closeSync(fd);
    }
}
export function decodeSource(buffer) {
    if (buffer.includes(0))
        return { ok: false, severity: 'skip', reason: 'binary', message: 'binary file (contains NUL bytes)' };
    let bytes = buffer;
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
        bytes = bytes.subarray(3);
    const declared = codingDeclaration(bytes);
    if (declared && !/^utf[-_]?8/i.test(declared)) {
        const latin = /^(latin[-_]?1|iso[-_]?8859[-_]?1|l1|ascii|us-ascii)$/i.test(declared);
        if (/^(cp|windows[-_])1252$/i.test(declared))
            return { ok: true, text: decodeCp1252(bytes), decodedAs: `${declared} (its PEP 263 coding line)` };
        const how = `${declared} (its PEP 263 coding line)`;
        if (latin)
            return { ok: true, text: bytes.toString('latin1'), decodedAs: how };
        try {
            return { ok: true, text: new TextDecoder(declared, { fatal: true }).decode(bytes), decodedAs: how };
        }
        catch {
            // An unknown or wrong declaration: fall through to UTF-8, then Latin-1.
        }
    }
    try {
        return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    }
    catch {
        return { ok: true, text: bytes.toString('latin1'), decodedAs: 'latin-1 (not valid UTF-8)' };
    }
}
// Windows-1252's 0x80-0x9F (Node's TextDecoder treats windows-1252 as Latin-1 there); the five
// bytes it leaves undefined keep their Latin-1 (C1) meaning.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
function decodeCp1252(bytes) {
    return bytes.toString('latin1').replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}
/** PEP 263: `# -*- coding: NAME -*-` on line 1 or 2. */
function codingDeclaration(bytes) {
    const head = bytes.subarray(0, 400).toString('latin1').split(/\r?\n|\r/).slice(0, 2);
    for (const line of head) {
        const m = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/.exec(line);
        if (m)
            return m[1];
        if (!/^[ \t\f]*(#.*)?$/.test(line))
            break;
    }
    return undefined;
}
function errorCode(e) {
    const code = e?.code;
    if (code === 'EACCES' || code === 'EPERM')
        return 'permission denied';
    if (code === 'ENOENT')
        return 'no such file';
    if (code === 'EISDIR')
        return 'is a directory';
    return errnoMessage(e);
}
function formatBytes(n) {
    return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}
/** `{%` never starts Python; `{{ name }}` would be a set of sets, which Python cannot build. */
const TAG_IN_CODE = /\{%|\{\{-?\s*[A-Za-z_][\w.]*\s*(?:\||-?\}\})/;
const COOKIECUTTER_IN_STRING = /\{\{-?\s*cookiecutter\.[^}\n]*\}?\}?/;
const COOKIECUTTER_FOLDER = /(?:^|[/\\])\{\{[^/\\]*\}\}[/\\]/;
/**
 * Jinja / cookiecutter syntax that makes a file a template rather than Python: a `{% … %}` or
 * `{{ name }}` tag in code (outside strings and comments), `{{ cookiecutter.… }}` inside a
 * string, or a path inside a cookiecutter folder (`{{cookiecutter.project_slug}}/`). Other `{{`
 * in strings (f-string escapes, Django template snippets) is ordinary Python and left alone.
 */
export function findTemplateSyntax(text, path = '') {
    const folder = COOKIECUTTER_FOLDER.exec(path);
    if (folder)
        return { line: 1, column: 1, endLine: 1, endColumn: 1, tag: folder[0].replace(/^[/\\]|[/\\]$/g, '') };
    if (!text.includes('{{') && !text.includes('{%'))
        return undefined;
    for (const span of pythonSpans(text)) {
        if (span.kind === 'comment')
            continue;
        const body = text.slice(span.start, span.end);
        const found = (span.kind === 'code' ? TAG_IN_CODE : COOKIECUTTER_IN_STRING).exec(body);
        if (found)
            return markAt(text, span.start + found.index);
    }
    return undefined;
}
/** The tag at `index`, up to its closing `%}`/`}}` on the same line. */
function markAt(text, index) {
    const before = text.slice(0, index);
    const line = before.split('\n').length;
    const column = index - (before.lastIndexOf('\n') + 1) + 1;
    const lineEnd = text.indexOf('\n', index);
    const rest = text.slice(index, lineEnd < 0 ? text.length : lineEnd).trimEnd();
    const close = rest.search(/[%}]\}/);
    const tag = close >= 0 ? rest.slice(0, close + 2) : rest;
    return { line, column, endLine: line, endColumn: column + tag.length, tag: tag.length > 60 ? `${tag.slice(0, 57)}...` : tag };
}
/** Splits Python text into code, string and comment spans (a tokenizer's view, good enough here). */
function* pythonSpans(text) {
    let start = 0;
    let i = 0;
    while (i < text.length) {
        const c = text[i];
        if (c === '#') {
            if (i > start)
                yield { kind: 'code', start, end: i };
            const end = text.indexOf('\n', i);
            const stop = end < 0 ? text.length : end;
            yield { kind: 'comment', start: i, end: stop };
            start = i = stop;
        }
        else if (c === '"' || c === "'") {
            if (i > start)
                yield { kind: 'code', start, end: i };
            const quote = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
            let j = i + quote.length;
            while (j < text.length && !text.startsWith(quote, j)) {
                if (text[j] === '\\')
                    j++;
                else if (text[j] === '\n' && quote.length === 1)
                    break; // an unterminated string ends at the line
                j++;
            }
            const stop = Math.min(text.length, text.startsWith(quote, j) ? j + quote.length : j);
            yield { kind: 'string', start: i, end: stop };
            start = i = stop;
        }
        else {
            i++;
        }
    }
    if (i > start)
        yield { kind: 'code', start, end: i };
}
/**
 * Reads a small text file the user named (config, --env-file, baseline). Refuses anything but a
 * regular file without blocking on it: a FIFO or device named by mistake must not hang the run.
 */
export function readRegularFile(path) {
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
        if (!fstatSync(fd).isFile())
            throw Object.assign(new Error('not a regular file'), { code: 'not a regular file' });
    }
    finally {
        closeSync(fd);
    }
    return readFileSync(path, 'utf8');
}
