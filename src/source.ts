// Reads a file as Python source text: size cap, binary detection, BOM, PEP 263 coding lines,
// Latin-1 fallback. Never throws: every failure is a SourceProblem the caller reports.
import { closeSync, fstatSync, openSync, readSync, constants } from 'node:fs';

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface SourceText {
  ok: true;
  text: string;
  /** Set when the file was not valid UTF-8 and was decoded another way. */
  decodedAs?: string;
}

export interface SourceProblem {
  ok: false;
  /** 'skip' problems are notes (binary, too large); 'error' problems fail the run (exit 2). */
  severity: 'skip' | 'error';
  reason: 'binary' | 'too-large' | 'unreadable' | 'not-a-file';
  message: string;
}

export type SourceResult = SourceText | SourceProblem;

export function readSource(absPath: string, maxBytes = DEFAULT_MAX_FILE_BYTES): SourceResult {
  let fd: number;
  try {
    // O_NONBLOCK so a FIFO that slipped past discovery cannot block the open.
    fd = openSync(absPath, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return { ok: false, severity: 'error', reason: 'unreadable', message: `cannot read: ${errorCode(e)}` };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, severity: 'skip', reason: 'not-a-file', message: 'not a regular file' };
    if (stat.size > maxBytes) {
      return { ok: false, severity: 'skip', reason: 'too-large', message: `larger than the ${formatBytes(maxBytes)} size cap (${formatBytes(stat.size)})` };
    }
    const buffer = Buffer.alloc(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, buffer, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return decodeSource(buffer.subarray(0, read));
  } catch (e) {
    return { ok: false, severity: 'error', reason: 'unreadable', message: `cannot read: ${errorCode(e)}` };
  } finally {
    closeSync(fd);
  }
}

export function decodeSource(buffer: Buffer): SourceResult {
  if (buffer.includes(0)) return { ok: false, severity: 'skip', reason: 'binary', message: 'binary file (contains NUL bytes)' };
  let bytes = buffer;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  const declared = codingDeclaration(bytes);
  if (declared && !/^utf[-_]?8/i.test(declared)) {
    const latin = /^(latin[-_]?1|iso[-_]?8859[-_]?1|l1|cp1252|windows[-_]1252|ascii|us-ascii)$/i.test(declared);
    if (latin) return { ok: true, text: new TextDecoder('latin1').decode(bytes), decodedAs: declared };
    try {
      return { ok: true, text: new TextDecoder(declared, { fatal: true }).decode(bytes), decodedAs: declared };
    } catch {
      // An unknown or wrong declaration: fall through to UTF-8, then Latin-1.
    }
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: true, text: new TextDecoder('latin1').decode(bytes), decodedAs: 'latin-1 (not valid UTF-8)' };
  }
}

/** PEP 263: `# -*- coding: NAME -*-` on line 1 or 2. */
function codingDeclaration(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 400).toString('latin1').split(/\r?\n|\r/).slice(0, 2);
  for (const line of head) {
    const m = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/.exec(line);
    if (m) return m[1];
    if (!/^[ \t\f]*(#.*)?$/.test(line)) break;
  }
  return undefined;
}

function errorCode(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory';
  return code ?? (e instanceof Error ? e.message : String(e));
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}
