// The results cache: a re-run over unchanged files answers from the last run's result instead of
// parsing and modelling every module again (as Ruff and ESLint do).
//
// One entry per set of options, named by a hash of everything but the modules that can change a
// finding: djsec's build id, the rules and every lint option (--env values, --settings,
// --include-dev, the config's effect), the deployment-evidence files and the entry points near
// each module. The entry lists each candidate and every module the run read (imports included)
// with its content hash, and what import resolution probed; a hit checks each, so an edited base
// module or anything in an import chain misses.
//
// Content hashes are validated by metadata first, as git's index and ESLint's
// `--cache-strategy metadata` do: a per-project stat index records, for each file hashed, its
// digest and the lstat it had (size, mtime and ctime in nanoseconds, inode, device). A later run
// trusts the digest without reading the file when the stat is identical and both times are older
// than the moment the digest was taken minus a margin; otherwise it reads and hashes the file
// (docs/results-cache.md gives the reasoning). Recorded import probes are answered from the
// folder listings of discovery's tree snapshot when it held this run (src/project/tree-snapshot.ts,
// kept by tree-snapshot-file.ts), and stat'ed otherwise.
//
// Beside it, the run's units (src/lint/lint.ts UnitRecord): what each candidate gave, with the
// hashes of the files it read. After an edit, a candidate none of whose files changed is not
// evaluated again: its role facts and findings are reused, so one edited base module costs its
// own package, not the whole repository.
//
// A cache can hide findings, so it is untrusted input:
// - the folder must be the user's own, not group- or world-writable, not a symlink, and not
//   tracked by git (a folder the repository carries is never read);
// - entries carry an HMAC with a per-user key kept in the folder (0600); an entry that is corrupt,
//   foreign or fails its checksum is ignored and rewritten (so is a stat index);
// - files are opened without following symlinks and written atomically (a private temp file, then
//   a rename, which replaces a planted link instead of writing through it).
import { closeSync, constants, existsSync, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, realpathSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lazyCrypto, sha256Hex } from '../lazy-builtins.js';
import { trackedByGit } from './git-index.js';
import { DEFAULT_MAX_FILE_BYTES, readSource } from '../model/source.js';
import { absolutePath } from './lint.js';
import { MessageTable, restoreMessage } from './message-table.js';
import { SourcesOnDemand } from './sources-on-demand.js';
import { listFolder, probeFile } from '../model/resolve-imports.js';
import { mayHoldDirective } from './text-facts.js';
import { isDecimal, isStamp, sameStamp, settled, stampOf } from '../file-stamp.js';
/** Bump when an entry's shape or what the key covers changes. */
export const SCHEMA = 3;
/** An entry larger than this is not read (a planted huge file must not exhaust memory). */
const MAX_ENTRY_BYTES = 256 * 1024 * 1024;
const KEY_FILE = 'key';
/** django-configurations entry points read near each settings module (src/project/configuration-evidence.ts). */
const ENTRY_POINTS = ['wsgi.py', 'asgi.py', 'manage.py'];
const ENTRY_POINT_LEVELS = 4;
/** Entries kept per folder (one per set of options and files linted); the oldest go first. */
const KEEP_ENTRIES = 16;
/** An entry and its companions, by the entry's name: its units file and the units delta written since. */
const ENTRY_GROUP_FILE = /^([0-9a-f]{64})\.(?:json|units\.json|units-delta\.json)$/;
/** Stat indexes (one per project folder and djsec build) kept per folder; the oldest go first. */
const KEEP_STAT_INDEXES = 16;
const STAT_INDEX_FILE = /^[0-9a-f]{64}\.stat-index$/;
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
const wallClockNs = () => BigInt(Date.now()) * 1000000n;
/** The cache with its folder proved trusted and its key read, or undefined (not used, said under DJSEC_DEBUG=1). */
export function openResultsCache(cache) {
    // Taken before any file is read: a stamp is trusted later only for times older than this.
    const startedAtNs = (cache.now ?? wallClockNs)();
    const why = untrustedReason(cache.dir);
    const key = why === undefined ? userKey(cache.dir) : undefined;
    if (!key) {
        debug(`results cache ${cache.dir} not used: ${why ?? 'its key file is not a private file of the user'}`);
        return undefined;
    }
    return { ...cache, opened: { key, startedAtNs } };
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
const sha256 = sha256Hex;
/** A file's content as the loader would see it: its text's hash, or the problem's reason. */
function contentDigest(path, maxBytes) {
    const source = readSource(path, maxBytes);
    return source.ok ? { text: source.text, digest: sha256(source.text) } : { text: undefined, digest: `!${source.reason}` };
}
/** The entry points configuration-evidence.ts may read for these candidates (their folders and up to 4 above, inside cwd), with their digests ('!' and why for a missing one). */
function entryPointDigests(candidates, cwd, digest) {
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
            out.push([join(dir, name), digest(join(dir, name))]);
    return out;
}
/** What the entry's name is the hash of: everything that can change a finding, the modules themselves aside. */
function keyMaterial(cache, candidates, options, digests) {
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
        deployedFrom: [...(options.deployedFrom ?? new Map())].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        explicitEntries: options.explicitEntries ?? [],
        includeDev: options.includeDev ?? false,
        named: [...(options.namedOnCommandLine ?? [])].sort(),
        maxFileBytes: options.maxFileBytes ?? null,
        evidence: (options.evidenceFiles ?? []).map((f) => [f, digests.digest(f, undefined).digest]),
        // Terraform and Dockerfiles the run read (src/infra/): each one's text, and what could not be read.
        infra: options.infra ? { sources: [...options.infra.sources].map(([file, text]) => [file, sha256(text)]), errors: options.infra.errors, skipped: options.infra.skipped } : null,
    });
}
/**
 * Lints through the cache: answers from a valid entry, reuses the units whose files are
 * unchanged, or runs `lint` whole; records the run. `lint` gets the options to lint with.
 * Runs with --stdin text, errors (exit 2) or no trusted folder are never cached.
 */
export async function withResultsCache(cache, candidates, options, lint) {
    if (!cache || (options.overrides && options.overrides.size > 0))
        return lint(options);
    const opened = cache.opened ?? openResultsCache(cache)?.opened;
    if (!opened)
        return lint(options);
    const { key } = opened;
    const digests = StatIndex.open(cache, key, options.cwd, opened.startedAtNs);
    // Each file checked once per run: by its stat when the index proves it unchanged, else read and hashed.
    const read = new Map();
    const digest = (abs) => {
        let checked = read.get(abs);
        if (!checked)
            read.set(abs, (checked = digests.digest(abs, options.maxFileBytes)));
        return checked.digest;
    };
    const textFacts = new RunTextFacts(digests, options.cwd, (abs) => read.get(abs)?.digest);
    const name = sha256(keyMaterial(cache, candidates, options, digests));
    const file = join(cache.dir, `${name}.json`);
    const entry = readSigned(file, name, key);
    // The entry and its units file usually record the same probes: each path is probed once a run.
    const probed = new Map();
    if (entry && dependenciesHold(entry.header, digest, probed, cache.isFile)) {
        const hit = answer(entry, candidates, digest, read);
        if (hit) {
            digests.save();
            return { ...hit, textFacts };
        }
    }
    const units = loadUnits(file, name, key);
    const reuse = units && dependenciesHold(units.merged, digest, probed, cache.isFile) ? reusable(units.merged, digest, read) : undefined;
    if (reuse)
        debug(`results cache: reused ${reuse.reuse.units.size} of ${candidates.length} candidates`);
    const result = await lint({ ...options, recordUnits: true, textFacts, ...(reuse ? { reuse: reuse.reuse } : {}) });
    if (result.errors.length === 0)
        writeEntries(file, name, key, result, options.cwd, candidates.map((c) => [c, digest(c)]), reuse ? units : undefined, digests, digest, (abs) => read.get(abs)?.digest);
    digests.save();
    return { ...result, textFacts };
}
const unitsFile = (entryFile) => entryFile.replace(/\.json$/, '.units.json');
const deltaFile = (entryFile) => entryFile.replace(/\.json$/, '.units-delta.json');
function mac(key, name, header) {
    return lazyCrypto().createHmac('sha256', key).update(`${name}\n`).update(header).digest();
}
/**
 * A signed file: `<HMAC>\n<header>\n<body>`. The HMAC (hex) covers the entry's name and the header
 * line; the header holds the body's SHA-256, so a reader checks and parses the body only when it
 * needs it (a miss is told by the header alone, without hashing or decoding megabytes of results).
 * Hashed and written as bytes: one UTF-8 encoding, no decoding for the checksums.
 */
export function signed(key, name, header, body = '') {
    const bodyBytes = Buffer.from(asciiJson(body), 'latin1');
    // JSON.stringify writes no raw newline: the header is one line.
    const headerBytes = Buffer.from(asciiJson(JSON.stringify({ ...header, body: sha256Hex(bodyBytes) })), 'latin1');
    return Buffer.concat([Buffer.from(`${mac(key, name, headerBytes).toString('hex')}\n`, 'latin1'), headerBytes, Buffer.from('\n', 'latin1'), bodyBytes]);
}
/**
 * JSON text with every character past ASCII written as a \u escape (the same value to
 * JSON.parse). A file of ASCII bytes is decoded as Latin-1, a copy: decoding UTF-8 that holds a
 * single `…` makes a two-byte string of the whole body (~15 ms for a 2.7 MB units file).
 */
function asciiJson(json) {
    return NON_ASCII.test(json) ? json.replace(NON_ASCII_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}
const NON_ASCII = /[\u0080-\uffff]/;
const NON_ASCII_ALL = /[\u0080-\uffff]/g;
/** A signed file's bytes as text: ASCII (what signed() writes) copied as Latin-1, anything else decoded as UTF-8. */
function decoded(bytes) {
    return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}
/** A signed file's header, if its HMAC, schema and key hold, and its body on demand (undefined when the body fails its hash); anything else is ignored, to be rewritten. */
export function readSigned(file, name, key) {
    const raw = readPrivate(file, MAX_ENTRY_BYTES);
    if (!raw || raw.length < 65 || raw[64] !== 0x0a)
        return undefined;
    const end = raw.indexOf(0x0a, 65);
    if (end < 0)
        return undefined;
    const headerBytes = raw.subarray(65, end);
    const given = Buffer.from(raw.subarray(0, 64).toString('latin1'), 'hex');
    const expected = mac(key, name, headerBytes);
    if (given.length !== expected.length || !lazyCrypto().timingSafeEqual(given, expected))
        return undefined;
    let header;
    try {
        header = JSON.parse(decoded(headerBytes));
    }
    catch {
        return undefined;
    }
    if (!header || header.schema !== SCHEMA || header.key !== name || typeof header.body !== 'string')
        return undefined;
    const bodyBytes = raw.subarray(end + 1);
    const bodyDigest = header.body;
    return { header, body: () => (sha256Hex(bodyBytes) === bodyDigest ? decoded(bodyBytes) : undefined) };
}
/**
 * Every import probe of the recorded run still answers the same (a module created or removed
 * where an import looked misses), and the entry points its class-based modules read are unchanged.
 * A file probe in a folder of discovery's validated tree snapshot is answered from its listing
 * (`listed`) when that can tell; any other is stat'ed.
 */
function dependenciesHold({ probes, entryPoints }, digest, seen, listed) {
    if (!probes || !Array.isArray(probes.files) || !Array.isArray(probes.folders) || !Array.isArray(entryPoints))
        return false;
    for (const [path, was] of entryPoints)
        if (digest(path) !== was)
            return false;
    const isFile = (path) => {
        let now = seen.get(`file:${path}`);
        if (now === undefined)
            seen.set(`file:${path}`, (now = listed?.(path) ?? probeFile(path)));
        return now;
    };
    const names = (dir) => {
        let now = seen.get(`folder:${dir}`);
        if (now === undefined)
            seen.set(`folder:${dir}`, (now = listFolder(dir) ?? null));
        return now;
    };
    for (const [path, was] of probes.files)
        if (isFile(path) !== was)
            return false;
    for (const [dir, was] of probes.folders)
        if (JSON.stringify(names(dir)) !== JSON.stringify(was))
            return false;
    return true;
}
/** A signed file's body as JSON, or undefined when it fails its hash or does not parse. */
function parsed(body) {
    const text = body();
    if (text === undefined)
        return undefined;
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
/** The entry's result, when the candidates and every module the run read are unchanged. */
function answer({ header: entry, body }, candidates, digest, read) {
    if (!Array.isArray(entry.candidates) || !Array.isArray(entry.modules) || entry.candidates.length !== candidates.length)
        return undefined;
    if (entry.candidates.some(([path, d], i) => path !== candidates[i] || digest(path) !== d))
        return undefined;
    const texts = [];
    const unread = new Map();
    for (const [display, absPath, d] of entry.modules) {
        if (digest(absPath) !== d)
            return undefined;
        const text = read.get(absPath)?.text;
        if (text !== undefined)
            texts.push([display, text]);
        else
            unread.set(display, absPath);
    }
    const sources = new SourcesOnDemand(unread, texts, textOf);
    const stored = parsed(body);
    if (!stored || !Array.isArray(stored.findings))
        return undefined;
    const { messages, findings: storedFindings, ...result } = stored;
    const findings = [];
    for (const f of storedFindings) {
        const finding = restoreMessage(f, messages);
        if (!finding)
            return undefined;
        findings.push(finding);
    }
    return { ...result, findings, evaluations: new Map(), sources };
}
/** A units file's body with its units' messages restored, when it is sound. */
function unitsOf(file) {
    const entry = file && parsed(file.body);
    if (!entry || typeof entry !== 'object' || !Array.isArray(entry.units))
        return undefined;
    const restored = (list) => Array.isArray(list) && list.every((r) => r && restoreMessage(r.finding, entry.messages) !== undefined);
    for (const unit of entry.units) {
        if (!unit || typeof unit !== 'object')
            return undefined;
        if (unit.moduleFindings !== undefined && !restored(unit.moduleFindings))
            return undefined;
        if (unit.entry !== undefined && !(unit.entry && restored(unit.entry.findings)))
            return undefined;
    }
    // Restored in place: the stored units are records now.
    return entry;
}
/**
 * The units file and the delta written over it since (an edit's run writes only the units that
 * changed: rewriting 2,000 units cost ~60 ms); a delta written over another units file, or that
 * names a candidate the base does not hold, is ignored.
 */
function loadUnits(file, name, key) {
    const signedBase = readSigned(unitsFile(file), name, key);
    const base = unitsOf(signedBase);
    if (!signedBase || !base || !holdsPairs(base))
        return undefined;
    const records = new Map(base.units.map((u) => [u.path, u]));
    const loaded = { merged: base, base: { id: signedBase.header.body, entry: base, units: records }, records };
    const signedDelta = readSigned(deltaFile(file), name, key);
    const delta = signedDelta?.header.base === loaded.base.id ? unitsOf(signedDelta) : undefined;
    if (!delta || !holdsPairs(delta) || !delta.units.every((u) => records.has(u.path)))
        return loaded;
    const over = new Map(delta.units.map((u) => [u.path, u]));
    const merged = {
        digests: [...new Map([...base.digests, ...delta.digests])],
        probes: { files: [...new Map([...base.probes.files, ...delta.probes.files])], folders: [...new Map([...base.probes.folders, ...delta.probes.folders])] },
        entryPoints: [...new Map([...base.entryPoints, ...delta.entryPoints])],
        units: base.units.map((u) => over.get(u.path) ?? u),
        messages: [],
    };
    return { ...loaded, merged, records: new Map(merged.units.map((u) => [u.path, u])) };
}
/** Digests, probes and entry points are lists of pairs (what the maps over them are built from). */
function holdsPairs({ digests, probes, entryPoints }) {
    const pairs = (list) => Array.isArray(list) && list.every((row) => Array.isArray(row) && row.length === 2 && typeof row[0] === 'string');
    return pairs(digests) && !!probes && pairs(probes.files) && pairs(probes.folders) && pairs(entryPoints);
}
/** The same record: lint copies a reused one field by field and replaces what it judges anew. */
function sameRecord(a, b) {
    if (!b)
        return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
/** The recorded units every file of which is unchanged, and the probes they rest on (for the next entry). */
function reusable(entry, digest, read) {
    if (!Array.isArray(entry.units) || !Array.isArray(entry.digests))
        return undefined;
    const recorded = new Map(entry.digests);
    const unchanged = (abs) => recorded.get(abs) !== undefined && digest(abs) === recorded.get(abs);
    const units = new Map();
    for (const unit of entry.units)
        if (Array.isArray(unit.files) && unit.files.every(unchanged))
            units.set(unit.path, unit);
    if (units.size === 0)
        return undefined;
    // A file trusted by its stat was not read to check it: its text is read when lint asks for it.
    return { reuse: { units, text: (abs) => read.get(abs)?.text ?? textOf(abs) }, probes: entry.probes };
}
/** Records a run: its result (for an unchanged re-run) and its units (for a re-run after an edit). */
function writeEntries(file, name, key, result, cwd, candidates, loaded, digests, digest, checked) {
    const { evaluations: _model, sources, units, probes: ranProbes, ...plain } = result;
    const reusedProbes = loaded?.merged.probes;
    // A reused unit's probes were checked at the start of this run, not made again: they still count.
    const probes = {
        files: [...new Map([...(reusedProbes?.files ?? []), ...(ranProbes?.files ?? [])])],
        folders: [...new Map([...(reusedProbes?.folders ?? []), ...(ranProbes?.folders ?? [])])],
    };
    // Only django-configurations modules read the entry points near them (configuration-evidence.ts).
    const entryPoints = entryPointDigests(ranProbes?.classBased ?? [], cwd, digest);
    // A module checked before lint keeps that digest (hashing 2,000 texts again cost ~60 ms); one lint
    // read on its own is hashed as lint read it.
    const modules = [];
    for (const display of sources instanceof SourcesOnDemand ? sources.paths() : sources.keys()) {
        const abs = absolutePath(cwd, display);
        const known = checked(abs);
        if (known !== undefined)
            modules.push([display, abs, known]);
        else {
            const text = sources.get(display);
            if (text === undefined)
                continue;
            const digest = sha256(text);
            modules.push([display, abs, digest]);
            // The modules lint read are in the stat index from now on (those checked before lint already are).
            digests.note(abs, digest, text);
        }
    }
    if (units) {
        const digests = new Map(candidates);
        for (const [, abs, d] of modules)
            digests.set(abs, d);
        const table = new MessageTable();
        const store = (list) => list.map(({ finding, dedupe }) => ({ finding: table.store(finding), dedupe }));
        const storeUnits = (list) => list.map(({ moduleFindings, entry, ...unit }) => ({
            ...unit,
            ...(moduleFindings ? { moduleFindings: store(moduleFindings) } : {}),
            ...(entry ? { entry: { ...entry, findings: store(entry.findings) } } : {}),
        }));
        const delta = loaded && deltaOver(loaded, units, digests, probes, entryPoints);
        if (delta) {
            // After an edit: only what changed since the units file, and no entry (it would be rewritten
            // whole); the next run that evaluates nothing writes both whole again.
            const body = JSON.stringify({ ...delta, units: storeUnits(delta.units), messages: table.messages });
            if (writeAtomically(deltaFile(file), signed(key, name, { schema: SCHEMA, key: name, base: loaded.base.id }, body)))
                removeFile(file);
            return;
        }
        const body = JSON.stringify({ digests: [...digests], probes, entryPoints, units: storeUnits(units), messages: table.messages });
        if (writeAtomically(unitsFile(file), signed(key, name, { schema: SCHEMA, key: name }, body)))
            removeFile(deltaFile(file));
    }
    const header = { schema: SCHEMA, key: name, candidates, modules, probes, entryPoints };
    const table = new MessageTable();
    const findings = plain.findings.map((f) => table.store(f));
    if (writeAtomically(file, signed(key, name, header, JSON.stringify({ ...plain, findings, messages: table.messages }))))
        prune(dirname(file), ENTRY_GROUP_FILE, KEEP_ENTRIES);
}
/**
 * What a units delta holds: the units that differ from the units file's, and the digests, probes
 * and entry points that differ from its. Undefined when the whole file is to be written instead:
 * the run evaluated nothing (it is the one to write everything whole after an edit), its
 * candidates are not the file's, or a quarter of them changed since it was written.
 */
function deltaOver(loaded, units, digests, probes, entryPoints) {
    const { base, records } = loaded;
    if (units.length !== base.units.size || units.every((u) => sameRecord(u, records.get(u.path))))
        return undefined;
    const changed = units.filter((u) => !sameRecord(u, base.units.get(u.path)));
    if (changed.length * 4 > units.length || changed.some((u) => !base.units.has(u.path)))
        return undefined;
    // The base's rows as maps only now: a run that writes no delta never needs them.
    const was = {
        digests: new Map(base.entry.digests),
        files: new Map(base.entry.probes.files),
        folders: new Map(base.entry.probes.folders.map(([dir, names]) => [dir, JSON.stringify(names)])),
        entryPoints: new Map(base.entry.entryPoints),
    };
    return {
        digests: [...digests].filter(([path, d]) => was.digests.get(path) !== d),
        probes: { files: probes.files.filter(([path, found]) => was.files.get(path) !== found), folders: probes.folders.filter(([dir, names]) => was.folders.get(dir) !== JSON.stringify(names)) },
        entryPoints: entryPoints.filter(([path, d]) => was.entryPoints.get(path) !== d),
        units: changed,
    };
}
/** Removes a cache file if it is there; anything else in its place (a folder, say) is left, and the run goes on. */
function removeFile(path) {
    try {
        rmSync(path, { force: true });
    }
    catch (e) {
        debug(`results cache: cannot remove ${path}: ${e.code ?? String(e)}`);
    }
}
/**
 * Keeps the newest `keep` files of a kind (a CI cache is saved whole after every run). When `kind`
 * has a capture group, the files it names alike are one group, kept or removed together and dated
 * by the newest of them (an entry with its units file and units delta).
 */
export function prune(dir, kind, keep) {
    try {
        const groups = new Map();
        for (const f of readdirSync(dir)) {
            const match = kind.exec(f);
            if (!match)
                continue;
            const at = statSync(join(dir, f), { throwIfNoEntry: false })?.mtimeMs ?? 0;
            const name = match[1] ?? f;
            const group = groups.get(name);
            if (!group)
                groups.set(name, { files: [f], at });
            else {
                group.files.push(f);
                group.at = Math.max(group.at, at);
            }
        }
        const old = [...groups.values()].sort((a, b) => b.at - a.at).slice(keep);
        for (const { files } of old)
            for (const f of files)
                removeFile(join(dir, f));
    }
    catch {
        // another run pruned first
    }
}
/** A private temp file of ours ('wx': never an existing file or a planted link), then a rename, which replaces a link at the name without writing through it. */
export function writeAtomically(file, text) {
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
/** A file's text as the loader reads it (a file the stat index proved unchanged is read only when its text is needed). */
function textOf(absPath) {
    const source = readSource(absPath);
    return source.ok ? source.text : undefined;
}
function debug(message) {
    if (process.env.DJSEC_DEBUG === '1')
        process.stderr.write(`djsec: ${message}\n`);
}
/** Frames kept per file at most (a file's findings, under the spans runs with other options gave them). */
const MAX_FRAMES_PER_FILE = 512;
/** A regular file's stamp (links are not followed: readSource does not read them), or undefined. */
function statStamp(path) {
    try {
        const s = lstatSync(path, { bigint: true, throwIfNoEntry: false });
        return s?.isFile() ? stampOf(s) : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * Content digests validated by metadata (git's index, ESLint's `--cache-strategy metadata`): one
 * index per project folder and djsec build, HMACed like an entry, mapping each file hashed to its
 * stat stamp and digest. A file is trusted without reading it when its stamp is identical and its
 * mtime and ctime are older than the start of the run that took the digest minus RACY_MARGIN_NS;
 * anything else is read and hashed, and the record refreshed. ctime is what makes this sound: a
 * writer can set mtime back (utimes, `touch -d`, an archive), but any change to a file sets its
 * ctime to the clock's now.
 */
class StatIndex {
    file;
    name;
    key;
    startedAtNs;
    records;
    changed = false;
    /** Files digest() checked this run (by stat or by hash): note() leaves their records alone. */
    checked = new Set();
    constructor(file, name, key, startedAtNs, records) {
        this.file = file;
        this.name = name;
        this.key = key;
        this.startedAtNs = startedAtNs;
        this.records = records;
    }
    /** The index of this project folder and build; empty when there is none or it is corrupt, foreign or fails its HMAC. */
    static open(cache, key, cwd, startedAtNs) {
        const name = sha256(JSON.stringify({ schema: SCHEMA, build: cache.build, cwd }));
        const file = join(cache.dir, `${name}.stat-index`);
        return new StatIndex(file, name, key, startedAtNs, StatIndex.parse(readSigned(file, name, key)?.header));
    }
    static parse(index) {
        const records = new Map();
        if (!index || !Array.isArray(index.files))
            return records;
        for (const row of index.files)
            if (isRecordRow(row))
                records.set(row[0], row.length === 5 ? [row[1], row[2], row[3], row[4]] : [row[1], row[2], row[3]]);
        return records;
    }
    /**
     * A file's digest as contentDigest gives it: from the index when the file's stat proves it
     * unchanged (no text then), else read and hashed, and recorded.
     */
    digest(path, maxBytes) {
        this.checked.add(path);
        const stamp = statStamp(path);
        const record = stamp && this.records.get(path);
        if (record && this.proves(record, stamp, maxBytes))
            return { text: undefined, digest: record[2] };
        const checked = contentDigest(path, maxBytes);
        if (stamp && checked.text !== undefined)
            this.record(path, stamp, checked.digest, checked.text);
        else if (this.records.delete(path))
            this.changed = true;
        return checked;
    }
    /** Records the digest of a text this run read (lint's modules), unless this run checked the file already. */
    note(path, digest, text) {
        if (this.checked.has(path))
            return;
        const stamp = statStamp(path);
        if (stamp)
            this.record(path, stamp, digest, text);
    }
    /** The report's facts of the file's text, when the index records that text (this digest). */
    factsOf(path, digest) {
        const record = this.records.get(path);
        return record?.[2] === digest ? record[3] : undefined;
    }
    /** Keeps a frame of the file's text, when the index records that text (this digest). */
    keepFrame(path, digest, row) {
        const record = this.records.get(path);
        if (record?.[2] !== digest)
            return;
        // In place (a report keeps one frame per finding): the row replaces the one for its line and spans, the oldest go past the cap.
        const frames = ((record[3] ??= {}).f ??= []);
        const at = frames.findIndex(([line, spans]) => line === row[0] && spans === row[1]);
        if (at >= 0)
            frames.splice(at, 1);
        frames.push(row);
        if (frames.length > MAX_FRAMES_PER_FILE)
            frames.splice(0, frames.length - MAX_FRAMES_PER_FILE);
        this.changed = true;
    }
    save() {
        if (!this.changed)
            return;
        const files = [...this.records].map(([path, [stamp, at, digest, facts]]) => (facts ? [path, stamp, at, digest, facts] : [path, stamp, at, digest]));
        if (writeAtomically(this.file, signed(this.key, this.name, { schema: SCHEMA, key: this.name, files })))
            prune(dirname(this.file), STAT_INDEX_FILE, KEEP_STAT_INDEXES);
        this.changed = false;
    }
    /**
     * Records a digest taken this run, unless the file is too fresh for its stat ever to prove it
     * (a record is trusted only for times older than this run's start minus the margin): a file
     * edited just before each run is hashed each time, and the index not rewritten for it.
     */
    record(path, stamp, digest, text) {
        if (!settled(stamp, this.startedAtNs))
            return;
        // Facts start afresh with each record: frames kept are tied to the stamp that proved their text.
        this.records.set(path, [stamp, String(this.startedAtNs), digest, { d: mayHoldDirective(text) ? 1 : 0 }]);
        this.changed = true;
    }
    /** The file's stamp is the recorded one, settled when it was recorded, and its size within the cap. */
    proves([recorded, takenAtNs], stamp, maxBytes) {
        return sameStamp(recorded, stamp) && settled(stamp, BigInt(takenAtNs)) && BigInt(stamp[0]) <= BigInt(maxBytes ?? DEFAULT_MAX_FILE_BYTES);
    }
}
function isRecordRow(row) {
    return (Array.isArray(row) &&
        (row.length === 4 || (row.length === 5 && isStoredFacts(row[4]))) &&
        typeof row[0] === 'string' &&
        isStamp(row[1]) &&
        isDecimal(row[2]) &&
        typeof row[3] === 'string' &&
        /^[0-9a-f]{64}$/.test(row[3]));
}
function isStoredFacts(v) {
    if (!v || typeof v !== 'object' || Array.isArray(v))
        return false;
    const { d, f } = v;
    if (d !== undefined && d !== 0 && d !== 1)
        return false;
    if (f === undefined)
        return true;
    return (Array.isArray(f) &&
        f.length <= MAX_FRAMES_PER_FILE &&
        f.every((r) => Array.isArray(r) && r.length === 4 && Number.isInteger(r[0]) && r[0] > 0 && typeof r[1] === 'string' && (r[2] === null || typeof r[2] === 'string') && (r[3] === 0 || r[3] === 1)));
}
/**
 * The report's facts of this run's module texts (text-facts.ts), from the stat index: a fact holds
 * for the text whose digest this run checked, and only while the index records that digest.
 */
class RunTextFacts {
    index;
    cwd;
    digestOf;
    constructor(index, cwd, digestOf) {
        this.index = index;
        this.cwd = cwd;
        this.digestOf = digestOf;
    }
    mayHoldDirective(display) {
        const d = this.at(display)?.facts?.d;
        return d === undefined ? undefined : d === 1;
    }
    frame(display, line, spans) {
        const row = this.at(display)?.facts?.f?.find((r) => r[0] === line && r[1] === spans);
        if (!row)
            return undefined;
        return row[2] === null ? null : { text: row[2], masked: row[3] === 1 };
    }
    keepFrame(display, line, spans, frame) {
        const at = this.at(display);
        if (at)
            this.index.keepFrame(at.abs, at.digest, [line, spans, frame?.text ?? null, frame?.masked ? 1 : 0]);
    }
    save() {
        this.index.save();
    }
    at(display) {
        const abs = absolutePath(this.cwd, display);
        const digest = this.digestOf(abs);
        return digest === undefined ? undefined : { abs, digest, facts: this.index.factsOf(abs, digest) };
    }
}
