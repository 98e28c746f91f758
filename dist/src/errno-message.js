// System errors in words: messages say "no such file or folder", never a bare ENOENT.
const WORDS = {
    ENOENT: 'no such file or folder',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'is a folder',
    ENOTDIR: 'a part of the path is not a folder',
    ENOSPC: 'no space left on the device',
    EROFS: 'read-only file system',
    EEXIST: 'already exists',
    ELOOP: 'too many levels of symbolic links',
    ENXIO: 'no process is reading it (a FIFO or socket)',
    ENAMETOOLONG: 'file name too long',
    EMFILE: 'too many open files',
    EBUSY: 'busy',
    EXDEV: 'on another device',
    EPIPE: 'the reader went away',
    EIO: 'input/output error',
    EDQUOT: 'disk quota exceeded',
    EFBIG: 'file too large',
};
/** "permission denied" for an EACCES error; Node's own words (without the code) for others. */
export function errnoMessage(e) {
    const code = e?.code;
    if (code && WORDS[code])
        return WORDS[code];
    const message = e instanceof Error ? e.message : String(e);
    // Node's form is "ECODE: words, syscall 'path'": keep the words.
    const m = /^[A-Z][A-Z0-9_]+: (.*?)(?:, \w+(?: '.*')?)?$/.exec(message);
    return m ? m[1] : message;
}
