import { accessSync, constants, lstatSync } from 'node:fs';
import { basename, dirname, relative, sep } from 'node:path';
import { isDecimal, isStamp, sameStamp, settled, stampOf } from '../file-stamp.js';
/** Takes the stamps of one walk, before each listing and each read (a change after the stamp shows on the next run). */
export class WalkRecorder {
    root;
    startedAtNs;
    covered = true;
    folders = [];
    reads = [];
    constructor(root, startedAtNs) {
        this.root = root;
        this.startedAtNs = startedAtNs;
    }
    /** The walk met something its stamps do not answer for: it is not recorded. */
    uncover() {
        this.covered = false;
    }
    /** A folder's stamp, taken before it is listed (undefined, and the walk uncovered, when it proves nothing). */
    folderStamp(dir) {
        if (!this.covered)
            return undefined;
        const stats = lstatOrUndefined(dir);
        // A folder listed but not searchable: stat-ing its names fails, which its listing would not show.
        if (!stats?.isDirectory() || !searchable(dir, Number(stats.mode)))
            return this.uncovered();
        const stamp = stampOf(stats);
        return settled(stamp, this.startedAtNs) ? stamp : this.uncovered();
    }
    /** A folder the walk listed: its regular files and subfolders (anything else is not covered); `entries` undefined for one only skipped. */
    listed(dir, stamp, entries) {
        if (!this.covered || !stamp)
            return;
        if (!entries) {
            this.folders.push([this.rel(dir), stamp, null, null]);
            return;
        }
        const files = [];
        const folders = [];
        for (const entry of entries) {
            if (entry.isFile())
                files.push(entry.name);
            else if (entry.isDirectory())
                folders.push(entry.name);
            else
                return this.uncover();
        }
        this.folders.push([this.rel(dir), stamp, files, folders]);
    }
    /** A file's stamp, taken before its content is read. */
    beforeRead(file) {
        if (!this.covered)
            return;
        const stats = lstatOrUndefined(file);
        const stamp = stats?.isFile() ? stampOf(stats) : undefined;
        if (stamp && settled(stamp, this.startedAtNs))
            this.reads.push([this.rel(file), stamp]);
        else
            this.uncover();
    }
    /** The walk's snapshot, or undefined when it is not covered. */
    snapshot(walk) {
        if (!this.covered || walk.notes.length > 0)
            return undefined;
        const rel = (paths) => paths.map((p) => this.rel(p));
        return { at: String(this.startedAtNs), folders: this.folders, reads: this.reads, candidates: rel(walk.candidates), evidence: rel(walk.evidence), infra: rel(walk.infra) };
    }
    uncovered() {
        this.covered = false;
        return undefined;
    }
    rel(path) {
        return relative(this.root, path);
    }
}
/** The snapshots of a run: those recalled from the last runs, those recorded now, and the folder listings this run proved current. */
export class TreeSnapshots {
    startedAtNs;
    load;
    /** Set when a snapshot was recorded or forgotten: the store is written again. */
    changed = false;
    kept = new Map();
    listings = new Map();
    stored;
    /** `load`: the stored snapshots by walk key (untrusted in shape: each is checked before use), read on the first folder root (a run over named files never reads them). */
    constructor(startedAtNs, load) {
        this.startedAtNs = startedAtNs;
        this.load = load;
    }
    get recalled() {
        return (this.stored ??= this.load());
    }
    /** What a root's walk depends on besides the tree (the build and cwd name the store). */
    static key(root, roots, excludes) {
        return JSON.stringify([root, roots, excludes]);
    }
    /** The recorded walk of this root when every stamp it recorded is unchanged and settled; its folders' listings are kept for probes. */
    recall(key, root) {
        const snapshot = this.recalled.get(key);
        if (!isSnapshot(snapshot))
            return undefined;
        const at = BigInt(snapshot.at);
        // Paths recorded by relative() under the normalized root: joined by concatenation (path.join cost more than the lstat).
        const prefix = root.endsWith(sep) ? root : root + sep;
        const under = (rel) => (rel === '' ? root : prefix + rel);
        const holds = (path, recorded, folder) => {
            const stats = lstatOrUndefined(path);
            return !!stats && (folder ? stats.isDirectory() : stats.isFile()) && sameStamp(stampOf(stats), recorded) && settled(recorded, at);
        };
        const folders = snapshot.folders.map(([rel]) => under(rel));
        for (let i = 0; i < folders.length; i++)
            if (!holds(folders[i], snapshot.folders[i][1], true))
                return undefined;
        for (const [rel, stamp] of snapshot.reads)
            if (!holds(under(rel), stamp, false))
                return undefined;
        snapshot.folders.forEach(([, , files, subfolders], i) => files && subfolders && this.listings.set(folders[i], { files, folders: subfolders }));
        this.kept.set(key, snapshot);
        const abs = (paths) => paths.map(under);
        return { candidates: abs(snapshot.candidates), evidence: abs(snapshot.evidence), infra: abs(snapshot.infra), notes: [] };
    }
    /** A fresh walk's snapshot (undefined: not covered, so none is kept for its root). */
    record(key, snapshot) {
        if (snapshot === undefined && !this.recalled.has(key))
            return;
        this.kept.set(key, snapshot ?? null);
        this.changed = true;
    }
    /**
     * Whether a path is a regular file, answered from a validated listing of its folder: absent
     * gives false, a regular file true. A path whose folder is not listed is absent too when a
     * folder above it is listed without the next name (`pkg/missing/__init__.py`, most of an
     * import's probes). Undefined (ask the filesystem) for anything else: a folder or other type at
     * the name, a folder outside the snapshots (or skipped by the walk), a name that differs from a
     * listed one only by case or is not ASCII (a case-insensitive or normalizing filesystem finds it
     * where the listing does not).
     */
    isFile(path) {
        if (this.listings.size === 0)
            return undefined;
        let name = basename(path);
        let folder = dirname(path);
        let listing = this.listings.get(folder);
        const direct = listing !== undefined;
        while (!listing) {
            if (dirname(folder) === folder)
                return undefined;
            name = basename(folder);
            folder = dirname(folder);
            listing = this.listings.get(folder);
        }
        listing.names ??= new Set(listing.files);
        if (listing.names.has(name))
            return direct ? true : undefined;
        // eslint-disable-next-line no-control-regex
        if (!/^[\x00-\x7f]*$/.test(name))
            return undefined;
        listing.lowered ??= new Set([...listing.files, ...listing.folders].map((n) => n.toLowerCase()));
        return listing.lowered.has(name.toLowerCase()) ? undefined : false;
    }
    /** The snapshots to keep: this run's first, then the others recalled, at most `max`. */
    entries(max) {
        const out = [];
        for (const [key, snapshot] of this.kept)
            if (snapshot)
                out.push([key, snapshot]);
        for (const [key, snapshot] of this.recalled)
            if (!this.kept.has(key))
                out.push([key, snapshot]);
        return out.slice(0, max);
    }
}
function lstatOrUndefined(path) {
    try {
        return lstatSync(path, { bigint: true, throwIfNoEntry: false });
    }
    catch {
        return undefined;
    }
}
/** Whether this process can search the folder (checked only when not everyone can). */
function searchable(dir, mode) {
    if ((mode & 0o111) === 0o111)
        return true;
    try {
        accessSync(dir, constants.X_OK);
        return true;
    }
    catch {
        return false;
    }
}
function isSnapshot(v) {
    if (!v || typeof v !== 'object')
        return false;
    const s = v;
    const names = (list) => Array.isArray(list) && list.every((n) => typeof n === 'string');
    const nameOrNull = (list) => list === null || names(list);
    return (isDecimal(s.at) &&
        Array.isArray(s.folders) &&
        s.folders.every((f) => Array.isArray(f) && f.length === 4 && typeof f[0] === 'string' && isStamp(f[1]) && nameOrNull(f[2]) && nameOrNull(f[3]) && (f[2] === null) === (f[3] === null)) &&
        Array.isArray(s.reads) &&
        s.reads.every((r) => Array.isArray(r) && r.length === 2 && typeof r[0] === 'string' && isStamp(r[1])) &&
        names(s.candidates) &&
        names(s.evidence) &&
        names(s.infra));
}
