// The results cache: a re-run over unchanged files answers from the last run's result instead of
// parsing and modelling every module again (as Ruff and ESLint do).
//
// One entry per run, named by a hash of everything that can change a finding: djsec's build id,
// the rules and every lint option (--env values, --settings, --include-dev, the config's effect),
// each candidate's content, the deployment-evidence files and the entry points near each module.
// The entry then lists every module the run read (imports included) with its content hash; a hit
// re-reads and re-hashes each, so an edited base module or anything in an import chain misses.
//
// A cache can hide findings, so it is untrusted input:
// - the folder must be the user's own, not group- or world-writable, not a symlink, and not
//   tracked by git (a folder the repository carries is never read);
// - entries carry an HMAC with a per-user key kept in the folder (0600); an entry that is corrupt,
//   foreign or fails its checksum is ignored and rewritten;
// - files are opened without following symlinks and written atomically (a private temp file, then
//   a rename, which replaces a planted link instead of writing through it).
import { closeSync, constants, existsSync, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lazyCrypto } from '../lazy-builtins.js';
import { trackedByGit } from './git-index.js';
import { readSource } from '../model/source.js';
/** Bump when an entry's shape or what the key covers changes. */
const SCHEMA = 1;
/** An entry larger than this is not read (a planted huge file must not exhaust memory). */
const MAX_ENTRY_BYTES = 256 * 1024 * 1024;
const KEY_FILE = 'key';
/** django-configurations entry points read near each settings module (src/project/configuration-evidence.ts). */
const ENTRY_POINTS = ['wsgi.py', 'asgi.py', 'manage.py'];
const ENTRY_POINT_LEVELS = 4;
/** Entries kept per folder (one per set of options and files linted); the oldest go first. */
const KEEP_ENTRIES = 16;
/**
 * The folder for result entries, or undefined (no cache): --cache-dir, else DJSEC_CACHE_DIR's or
 * the user cache folder's `results/`; off with --no-cache or DJSEC_CACHE_DIR=off, and under CI
 * unless a folder is named (CI restores it with actions/cache, see action.yml).
 */
export function resultsCacheDir(choice, cwd, env = process.env) {
    if (!choice.cache)
        return undefined;
    if (choice.cacheDir !== undefined)
        return resolve(cwd, choice.cacheDir);
    const setting = env.DJSEC_CACHE_DIR;
    if (setting === 'off')
        return undefined;
    if (setting)
        return isAbsolute(setting) ? join(setting, 'results') : undefined;
    if (env.CI && env.CI !== 'false')
        return undefined;
    const xdg = env.XDG_CACHE_HOME;
    const base = xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache');
    return join(base, 'djsec', 'results');
}
/** The build id scripts/bundle.mjs writes at the end of the bundle; undefined when not run from one (no cache then). */
export function djsecBuildId(moduleUrl = import.meta.url) {
    try {
        const file = fileURLToPath(moduleUrl);
        const fd = openSync(file, constants.O_RDONLY);
        try {
            const size = fstatSync(fd).size;
            const tail = Buffer.alloc(Math.min(64, size));
            readSync(fd, tail, 0, tail.length, size - tail.length);
            const build = /\/\/# djsecBuild=([0-9a-f]+)\s*$/.exec(tail.toString('latin1'))?.[1];
            // A bundle patched after the build (same id) is another key, as for the code cache.
            const { mtimeMs, ino } = fstatSync(fd);
            return build && `${build}:${size}:${mtimeMs}:${ino}`;
        }
        finally {
            closeSync(fd);
        }
    }
    catch {
        return undefined;
    }
}
/**
 * Why a folder is not trusted, or undefined when it is; made 0700 when missing, but only inside a
 * folder of the user's (root with another user's HOME must not leave a root-owned folder there).
 * The rules of bin/djsec.js's code cache: the folder is the user's and private, every folder on
 * its path (as given and resolved) is root's or the user's and writable by no one else unless
 * sticky; and no file in it is tracked by git.
 */
export function untrustedReason(dir) {
    const me = process.getuid?.();
    const posix = me !== undefined;
    try {
        let existing = dir;
        while (!existsSync(existing))
            existing = dirname(existing);
        if (existing !== dir) {
            if (posix && statSync(existing).uid !== me)
                return 'would be created inside a folder of another user';
            mkdirSync(dir, { recursive: true, mode: 0o700 });
        }
    }
    catch (e) {
        return `cannot create it (${e.code ?? String(e)})`;
    }
    const stat = lstatSync(dir);
    if (stat.isSymbolicLink() || !stat.isDirectory())
        return 'not a folder (or a symlink)';
    if (posix) {
        if (stat.uid !== me)
            return 'not owned by the user';
        if ((stat.mode & 0o022) !== 0)
            return 'writable by others';
        if (!trustedPath(dir) || !trustedPath(realpathSync(dir)))
            return 'on a path another user can change';
    }
    if (trackedByGit(dir))
        return 'carried by the repository (tracked by git)';
    return undefined;
}
/** Every folder from `dir` up is root's or the user's, and writable by no one else unless sticky. */
function trustedPath(dir) {
    const me = process.getuid?.();
    for (let p = dir;; p = dirname(p)) {
        const stat = lstatSync(p);
        if (stat.uid !== me && stat.uid !== 0)
            return false;
        if (!stat.isSymbolicLink()) {
            if (!stat.isDirectory())
                return false;
            if ((stat.mode & 0o022) !== 0 && (stat.mode & 0o1000) === 0)
                return false;
        }
        if (dirname(p) === p)
            return true;
    }
}
/** The user's HMAC key (32 random bytes, a 0600 file of theirs), made on first use and remade when corrupt. */
function userKey(dir) {
    const file = join(dir, KEY_FILE);
    const existing = readPrivate(file, 1024);
    if (existing && /^[0-9a-f]{64}$/.test(existing.toString('latin1')))
        return Buffer.from(existing.toString('latin1'), 'hex');
    // There but not a private regular file of the user's: someone else's, so the folder is not used.
    if (!existing && lstatOrUndefined(file))
        return undefined;
    const key = lazyCrypto().randomBytes(32).toString('hex');
    return writeAtomically(file, key) ? Buffer.from(key, 'hex') : undefined;
}
function lstatOrUndefined(p) {
    try {
        return lstatSync(p);
    }
    catch {
        return undefined;
    }
}
/** A regular file of the user's, readable by no one else, without following links; undefined otherwise. */
function readPrivate(file, maxBytes) {
    let fd;
    try {
        fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOFOLLOW ?? 0));
    }
    catch {
        return undefined;
    }
    try {
        const stat = fstatSync(fd);
        if (!stat.isFile() || stat.size > maxBytes)
            return undefined;
        if (typeof process.getuid === 'function' && (stat.uid !== process.getuid() || (stat.mode & 0o077) !== 0))
            return undefined;
        return readFileSync(fd);
    }
    catch {
        return undefined;
    }
    finally {
        closeSync(fd);
    }
}
const sha256 = (text) => lazyCrypto().createHash('sha256').update(text).digest('hex');
/** A file's content as the loader would see it: its text's hash, or the problem's reason. */
function contentDigest(path, maxBytes, read) {
    const source = readSource(path, maxBytes);
    const digest = source.ok ? sha256(source.text) : `!${source.reason}`;
    read.set(path, { text: source.ok ? source.text : undefined, digest });
    return digest;
}
/** size:mtime:inode of a file, or '-' when there is none (cheap, for files only some runs read). */
function statDigest(path) {
    const s = statSync(path, { throwIfNoEntry: false });
    return s ? `${s.size}:${s.mtimeMs}:${s.ino}` : '-';
}
/** The entry points configuration-evidence.ts may read for these candidates (their folders and up to 4 above, inside cwd). */
function entryPointStats(candidates, cwd) {
    const dirs = new Set();
    for (const c of candidates) {
        let dir = dirname(c);
        for (let level = 0; level <= ENTRY_POINT_LEVELS && !dirs.has(dir); level++) {
            dirs.add(dir);
            const rel = relative(cwd, dir);
            if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || dirname(dir) === dir)
                break;
            dir = dirname(dir);
        }
    }
    const out = [];
    for (const dir of [...dirs].sort())
        for (const name of ENTRY_POINTS)
            out.push([join(dir, name), statDigest(join(dir, name))]);
    return out;
}
/** What the entry's name is the hash of: everything that can change a finding, the imported modules aside. */
function keyMaterial(cache, candidates, options, read) {
    const codes = (rules) => rules?.map((r) => r.code) ?? null;
    return JSON.stringify({
        schema: SCHEMA,
        build: cache.build,
        node: process.version,
        parser: process.env.DJSEC_PARSER ?? '',
        cwd: options.cwd,
        rules: codes(options.rules),
        knownRules: codes(options.knownRules),
        deployed: [...(options.deployed ?? new Map())].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        explicitEntries: options.explicitEntries ?? [],
        includeDev: options.includeDev ?? false,
        named: [...(options.namedOnCommandLine ?? [])].sort(),
        maxFileBytes: options.maxFileBytes ?? null,
        candidates: candidates.map((c) => [c, contentDigest(c, options.maxFileBytes, read)]),
        evidence: (options.evidenceFiles ?? []).map((f) => [f, contentDigest(f, undefined, new Map())]),
        entryPoints: entryPointStats(candidates, options.cwd),
        // Terraform and Dockerfiles the run read (src/infra/): each one's text, and what could not be read.
        infra: options.infra ? { sources: [...options.infra.sources].map(([file, text]) => [file, sha256(text)]), errors: options.infra.errors, skipped: options.infra.skipped } : null,
    });
}
/**
 * Lints through the cache: answers from a valid entry, or runs `lint` and records its result.
 * Runs with --stdin text, errors (exit 2) or no trusted folder are never cached.
 */
export async function withResultsCache(cache, candidates, options, lint) {
    if (!cache || (options.overrides && options.overrides.size > 0))
        return lint();
    const why = untrustedReason(cache.dir);
    const key = why === undefined ? userKey(cache.dir) : undefined;
    if (!key) {
        debug(`results cache ${cache.dir} not used: ${why ?? 'its key file is not a private file of the user'}`);
        return lint();
    }
    const read = new Map();
    const name = sha256(keyMaterial(cache, candidates, options, read));
    const file = join(cache.dir, `${name}.json`);
    const hit = readEntry(file, name, key, read);
    if (hit)
        return hit;
    const result = await lint();
    if (result.errors.length === 0)
        writeEntry(file, name, key, result, options.cwd);
    return result;
}
function mac(key, name, body) {
    return lazyCrypto().createHmac('sha256', key).update(`${name}\n`).update(body).digest('hex');
}
function readEntry(file, name, key, read) {
    const raw = readPrivate(file, MAX_ENTRY_BYTES);
    if (!raw)
        return undefined;
    const text = raw.toString('utf8');
    const newline = text.indexOf('\n');
    if (newline !== 64)
        return undefined;
    const body = text.slice(newline + 1);
    const expected = Buffer.from(mac(key, name, body), 'hex');
    const given = Buffer.from(text.slice(0, 64), 'hex');
    if (given.length !== expected.length || !lazyCrypto().timingSafeEqual(given, expected))
        return undefined;
    let entry;
    try {
        entry = JSON.parse(body);
    }
    catch {
        return undefined;
    }
    if (entry.schema !== SCHEMA || entry.key !== name || !Array.isArray(entry.modules))
        return undefined;
    // Every module the run read must still have the same text (an edited import misses).
    const sources = new Map();
    for (const [display, absPath, digest] of entry.modules) {
        const known = read.get(absPath);
        const source = known ? undefined : readSource(absPath);
        const text = known ? known.text : source?.ok ? source.text : undefined;
        if (text === undefined || (known ? known.digest : sha256(text)) !== digest)
            return undefined;
        sources.set(display, text);
    }
    return { ...entry.result, evaluations: new Map(), sources };
}
function writeEntry(file, name, key, result, cwd) {
    const { evaluations: _model, sources, ...plain } = result;
    const entry = {
        schema: SCHEMA,
        key: name,
        modules: [...sources].map(([display, text]) => [display, resolve(cwd, display), sha256(text)]),
        result: plain,
    };
    const body = JSON.stringify(entry);
    if (writeAtomically(file, `${mac(key, name, body)}\n${body}`))
        prune(dirname(file));
}
/** Keeps the newest KEEP_ENTRIES entries (a CI cache is saved whole after every run). */
function prune(dir) {
    try {
        const entries = readdirSync(dir)
            .filter((f) => /^[0-9a-f]{64}\.json$/.test(f))
            .map((f) => ({ f, at: statSync(join(dir, f), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
            .sort((a, b) => b.at - a.at);
        for (const { f } of entries.slice(KEEP_ENTRIES))
            unlinkSync(join(dir, f));
    }
    catch {
        // another run pruned first
    }
}
/** A private temp file of ours ('wx': never an existing file or a planted link), then a rename, which replaces a link at the name without writing through it. */
function writeAtomically(file, text) {
    const temp = join(dirname(file), `.${process.pid}.${lazyCrypto().randomBytes(6).toString('hex')}.tmp`);
    try {
        writeFileSync(temp, text, { flag: 'wx', mode: 0o600 });
        renameSync(temp, file);
        return true;
    }
    catch (e) {
        debug(`results cache: cannot write ${file}: ${e.code ?? String(e)}`);
        try {
            unlinkSync(temp);
        }
        catch {
            // never created
        }
        return false;
    }
}
function debug(message) {
    if (process.env.DJSEC_DEBUG === '1')
        process.stderr.write(`djsec: ${message}\n`);
}
