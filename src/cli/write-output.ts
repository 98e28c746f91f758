// Writes --output-file and --write-baseline. What is already at the path decides how:
// - nothing, or a regular file: a temp file in the same folder, renamed into place (readers never
//   see half a report; a crash or a full disk leaves the old file whole), keeping an existing
//   file's mode (a 0600 report stays 0600) and, for root, its owner; missing folders are created;
// - a FIFO, a character device (/dev/stdout, /dev/null, a terminal) or a socket: written in place,
//   never replaced (renaming over /dev/stdout as root would turn it into a regular file);
// - a symbolic link: followed (`-o >(cmd)` is /dev/fd/63, a link to a pipe), never replaced;
//   a link to nothing is refused;
// - a folder or a block device: refused.
import { chownSync, closeSync, fchmodSync, fsyncSync, lstatSync, mkdirSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, constants } from 'node:fs';
import type { Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { errnoMessage } from '../errno-message.js';
import { lazyCrypto } from '../lazy-builtins.js';

export function writeOutput(file: string, text: string): void {
  const fail = (why: string): never => {
    throw new UsageError(`cannot write ${file}: ${why}`);
  };
  let target = resolve(file);
  let stat = statOrUndefined(target, lstatSync, fail);
  if (stat?.isSymbolicLink()) {
    stat = statOrUndefined(target, statSync, fail);
    if (!stat) fail('it is a symbolic link to nothing (not replaced)');
    // A link to a regular file: replace the file it points to, never the link itself.
    if (stat!.isFile()) target = realpathOrSelf(target);
  }
  if (stat?.isDirectory()) fail('it is a folder');
  if (stat?.isBlockDevice()) fail('it is a block device (not written)');
  // /dev/stdout, /dev/fd/N, /proc/self/fd/N name an open file of this process, whatever it is:
  // write through it (after what the shell's `>` left), as `echo > /dev/stdout` does.
  const processFile = /^\/(dev|proc)\//.test(resolve(file));
  const stream = standardStream(resolve(file));
  if (stream) {
    // A socket (as spawn() gives a child) cannot be opened by path: write to the stream itself.
    stream.write(text);
    return;
  }
  try {
    if (stat && (!stat.isFile() || processFile)) writeInPlace(resolve(file), text);
    else writeByRename(target, text, stat);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    fail(errnoMessage(e));
  }
}

function standardStream(path: string): NodeJS.WriteStream | undefined {
  const m = /^\/(?:dev\/(stdout|stderr)|dev\/fd\/([12])|proc\/self\/fd\/([12]))$/.exec(path);
  if (!m) return undefined;
  return m[1] === 'stdout' || m[2] === '1' || m[3] === '1' ? process.stdout : process.stderr;
}

function statOrUndefined(path: string, how: (p: string) => Stats, fail: (why: string) => never): Stats | undefined {
  try {
    return how(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    return fail(errnoMessage(e));
  }
}

function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** FIFOs, terminals, /dev/null, /dev/stdout: open (following links) and write; nothing truncated or replaced. */
function writeInPlace(target: string, text: string): void {
  const fd = openSync(target, constants.O_WRONLY | constants.O_APPEND);
  try {
    writeAll(fd, text);
  } finally {
    closeSync(fd);
  }
}

function writeByRename(target: string, text: string, existing: Stats | undefined): void {
  mkdirSync(dirname(target), { recursive: true });
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${lazyCrypto().randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    // 'wx': the temp file is ours alone (never an existing file or a planted symlink); fsync
    // before the rename so a crash cannot leave a renamed but empty report.
    fd = openSync(temp, 'wx', 0o644);
    if (existing) {
      fchmodSync(fd, existing.mode & 0o7777);
      if (typeof process.getuid === 'function' && process.getuid() === 0 && existing.uid !== 0) chownSync(temp, existing.uid, existing.gid);
    }
    writeAll(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, target);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // the temp file was never created
    }
    throw e;
  }
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}
