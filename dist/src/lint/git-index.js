// Whether git tracks anything under a folder, read from the repository's index file (djsec never
// runs other programs at lint time): the results cache never reads a folder the repository carries.
// Index versions 2, 3 and 4 (prefix-compressed paths), SHA-1 or SHA-256 object names. Anything
// this cannot read (a split index, another version, an unreadable file) counts as tracked.
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
/** The work tree and git folder enclosing `dir` (a `.git` folder, or a `.git` file naming one), if any. */
function enclosingRepository(dir) {
    for (let d = resolve(dir);; d = dirname(d)) {
        const dotGit = join(d, '.git');
        const stat = statSync(dotGit, { throwIfNoEntry: false });
        if (stat?.isDirectory())
            return { top: d, gitDir: dotGit };
        if (stat?.isFile()) {
            const named = /^gitdir: (.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
            return { top: d, gitDir: named ? resolve(d, named) : dotGit };
        }
        if (dirname(d) === d)
            return undefined;
    }
}
/** True when the index of the repository around `dir` lists a file inside it (or cannot be read). */
export function trackedByGit(dir) {
    const repo = enclosingRepository(dir);
    if (!repo)
        return false;
    const rel = relative(repo.top, resolve(dir));
    if (rel === '')
        return true; // the work tree itself
    if (rel.startsWith('..') || isAbsolute(rel))
        return false;
    const prefix = `${rel.split(sep).join('/')}/`;
    let index;
    try {
        index = readFileSync(join(repo.gitDir, 'index'));
    }
    catch (e) {
        return e.code !== 'ENOENT'; // no index yet: nothing is tracked
    }
    const paths = indexPaths(index, hashLength(repo.gitDir));
    if (!paths)
        return true;
    // A sparse index lists a folder it has not expanded as one entry ending in '/'.
    return paths.some((p) => p.startsWith(prefix) || (p.endsWith('/') && prefix.startsWith(p)));
}
function hashLength(gitDir) {
    try {
        return /objectformat\s*=\s*sha256/i.test(readFileSync(join(gitDir, 'config'), 'utf8')) ? 32 : 20;
    }
    catch {
        return 20;
    }
}
/** Every path an index lists, or undefined when its format is not one this reads. */
export function indexPaths(index, hashBytes) {
    if (index.length < 12 || index.toString('latin1', 0, 4) !== 'DIRC')
        return undefined;
    const version = index.readUInt32BE(4);
    if (version < 2 || version > 4)
        return undefined;
    const count = index.readUInt32BE(8);
    const paths = [];
    let at = 12;
    let previous = '';
    const fixed = 40 + hashBytes; // times, dev, ino, mode, uid, gid, size, object name
    for (let i = 0; i < count; i++) {
        if (at + fixed + 2 > index.length)
            return undefined;
        const flags = index.readUInt16BE(at + fixed);
        let nameAt = at + fixed + 2;
        if (flags & 0x4000)
            nameAt += 2; // extended flags (version 3+)
        let path;
        if (version === 4) {
            // A varint of bytes to drop from the previous path, then this path's NUL-terminated rest.
            let c = index[nameAt++];
            let strip = c & 127;
            while (c & 128) {
                c = index[nameAt++];
                strip = ((strip + 1) << 7) | (c & 127);
            }
            const end = index.indexOf(0, nameAt);
            if (end < 0 || strip > previous.length)
                return undefined;
            path = previous.slice(0, previous.length - strip) + index.toString('utf8', nameAt, end);
            at = end + 1;
        }
        else {
            const end = index.indexOf(0, nameAt);
            if (end < 0)
                return undefined;
            path = index.toString('utf8', nameAt, end);
            // Entries are padded with 1 to 8 NULs to a multiple of 8 bytes.
            at += Math.floor((end - at + 8) / 8) * 8;
        }
        paths.push(path);
        previous = path;
    }
    // Extensions (signature, size, data) up to the trailing checksum. A split index keeps most
    // entries in another file ("link"): not read here.
    while (at + 8 <= index.length - hashBytes) {
        if (index.toString('latin1', at, at + 4) === 'link')
            return undefined;
        at += 8 + index.readUInt32BE(at + 4);
    }
    return paths;
}
