// The results cache: a re-run over unchanged files answers from the last run's result instead of
// parsing and modelling every module again (as Ruff and ESLint do).
//
// One entry per run, named by a hash of everything that can change a finding: djsec's build id,
// the rules and every lint option (--env values, --settings, --include-dev, the config's effect),
// each candidate's content, the deployment-evidence files and the entry points near each module.
// The entry then lists every module the run read (imports included) with its content hash; a hit
// checks each, so an edited base module or anything in an import chain misses.
//
// Content hashes are validated by metadata first, as git's index and ESLint's
// `--cache-strategy metadata` do: a per-project stat index records, for each file hashed, its
// digest and the lstat it had (size, mtime and ctime in nanoseconds, inode, device). A later run
// trusts the digest without reading the file when the stat is identical and both times are older
// than the moment the digest was taken minus a margin; otherwise it reads and hashes the file
// (docs/results-cache.md gives the reasoning).
//
// A cache can hide findings, so it is untrusted input:
// - the folder must be the user's own, not group- or world-writable, not a symlink, and not
//   tracked by git (a folder the repository carries is never read);
// - entries and stat indexes carry an HMAC with a per-user key kept in the folder (0600); one that
//   is corrupt, foreign or fails its checksum is ignored and rewritten;
// - files are opened without following symlinks and written atomically (a private temp file, then
//   a rename, which replaces a planted link instead of writing through it).
import { closeSync, constants, existsSync, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lazyCrypto } from '../lazy-builtins.js';
import { trackedByGit } from './git-index.js';
import { DEFAULT_MAX_FILE_BYTES, readSource } from '../model/source.js';
import type { LintOptions, LintResult } from './lint.js';

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
const ENTRY_FILE = /^[0-9a-f]{64}\.json$/;
/** Stat indexes (one per project folder and djsec build) kept per folder; the oldest go first. */
const KEEP_STAT_INDEXES = 16;
const STAT_INDEX_FILE = /^[0-9a-f]{64}\.stat-index$/;
/**
 * A file whose mtime or ctime is this close to (or later than) the moment its digest was taken is
 * read and hashed again however its stat looks ("racily clean", as in git's index): a write in the
 * same timestamp tick as the read leaves size and times unchanged. 3 s covers the coarsest common
 * timestamps (FAT's 2 s; ext3 and HFS+ keep 1 s) and the kernel's coarse file clock.
 */
const RACY_MARGIN_NS = 3_000_000_000n;

export interface CacheChoice {
  /** --no-cache gives false. */
  cache: boolean;
  /** --cache-dir (relative to cwd). */
  cacheDir?: string;
}

/**
 * The folder for result entries, or undefined (no cache): --cache-dir, else DJSEC_CACHE_DIR's or
 * the user cache folder's `results/`; off with --no-cache or DJSEC_CACHE_DIR=off, and under CI
 * unless a folder is named (CI restores it with actions/cache, see action.yml).
 */
export function resultsCacheDir(choice: CacheChoice, cwd: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!choice.cache) return undefined;
  if (choice.cacheDir !== undefined) return resolve(cwd, choice.cacheDir);
  const setting = env.DJSEC_CACHE_DIR;
  if (setting === 'off') return undefined;
  if (setting) return isAbsolute(setting) ? join(setting, 'results') : undefined;
  if (env.CI && env.CI !== 'false') return undefined;
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache');
  return join(base, 'djsec', 'results');
}

/** The build id scripts/bundle.mjs writes at the end of the bundle; undefined when not run from one (no cache then). */
export function djsecBuildId(moduleUrl: string = import.meta.url): string | undefined {
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
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

export interface ResultsCache {
  dir: string;
  build: string;
  /** The wall clock in nanoseconds since the epoch (tests move it on to stand for a later run). */
  now?: () => bigint;
}

const wallClockNs = () => BigInt(Date.now()) * 1_000_000n;

/**
 * Why a folder is not trusted, or undefined when it is; made 0700 when missing, but only inside a
 * folder of the user's (root with another user's HOME must not leave a root-owned folder there).
 * The rules of bin/djsec.js's code cache: the folder is the user's and private, every folder on
 * its path (as given and resolved) is root's or the user's and writable by no one else unless
 * sticky; and no file in it is tracked by git.
 */
export function untrustedReason(dir: string): string | undefined {
  const me = process.getuid?.();
  const posix = me !== undefined;
  try {
    let existing = dir;
    while (!existsSync(existing)) existing = dirname(existing);
    if (existing !== dir) {
      if (posix && statSync(existing).uid !== me) return 'would be created inside a folder of another user';
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    }
  } catch (e) {
    return `cannot create it (${(e as NodeJS.ErrnoException).code ?? String(e)})`;
  }
  const stat = lstatSync(dir);
  if (stat.isSymbolicLink() || !stat.isDirectory()) return 'not a folder (or a symlink)';
  if (posix) {
    if (stat.uid !== me) return 'not owned by the user';
    if ((stat.mode & 0o022) !== 0) return 'writable by others';
    if (!trustedPath(dir) || !trustedPath(realpathSync(dir))) return 'on a path another user can change';
  }
  if (trackedByGit(dir)) return 'carried by the repository (tracked by git)';
  return undefined;
}

/** Every folder from `dir` up is root's or the user's, and writable by no one else unless sticky. */
function trustedPath(dir: string): boolean {
  const me = process.getuid?.();
  for (let p = dir; ; p = dirname(p)) {
    const stat = lstatSync(p);
    if (stat.uid !== me && stat.uid !== 0) return false;
    if (!stat.isSymbolicLink()) {
      if (!stat.isDirectory()) return false;
      if ((stat.mode & 0o022) !== 0 && (stat.mode & 0o1000) === 0) return false;
    }
    if (dirname(p) === p) return true;
  }
}

/** The user's HMAC key (32 random bytes, a 0600 file of theirs), made on first use and remade when corrupt. */
function userKey(dir: string): Buffer | undefined {
  const file = join(dir, KEY_FILE);
  const existing = readPrivate(file, 1024);
  if (existing && /^[0-9a-f]{64}$/.test(existing.toString('latin1'))) return Buffer.from(existing.toString('latin1'), 'hex');
  // There but not a private regular file of the user's: someone else's, so the folder is not used.
  if (!existing && lstatOrUndefined(file)) return undefined;
  const key = lazyCrypto().randomBytes(32).toString('hex');
  return writeAtomically(file, key) ? Buffer.from(key, 'hex') : undefined;
}

function lstatOrUndefined(p: string) {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}

/** A regular file of the user's, readable by no one else, without following links; undefined otherwise. */
function readPrivate(file: string, maxBytes: number): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOFOLLOW ?? 0));
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > maxBytes) return undefined;
    if (typeof process.getuid === 'function' && (stat.uid !== process.getuid() || (stat.mode & 0o077) !== 0)) return undefined;
    return readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

const sha256 = (text: string | Buffer) => lazyCrypto().createHash('sha256').update(text).digest('hex');

/** A file's content as the loader would see it: its text's hash, or the problem's reason. */
function contentDigest(path: string, maxBytes: number | undefined): Read {
  const source = readSource(path, maxBytes);
  return source.ok ? { text: source.text, digest: sha256(source.text) } : { text: undefined, digest: `!${source.reason}` };
}

/** A file checked for the key or the entry: its digest, and its text when it had to be read (kept for the report's code frames). */
interface Read {
  text: string | undefined;
  digest: string;
}

/** The entry points configuration-evidence.ts may read for these candidates (their folders and up to 4 above, inside cwd), with their digests. */
function entryPointDigests(candidates: readonly string[], cwd: string, digests: StatIndex): [string, string][] {
  const dirs = new Set<string>();
  // A prefix test, not path.relative: this runs for every folder of every candidate on each hit.
  const inside = cwd.endsWith(sep) ? cwd : `${cwd}${sep}`;
  for (const c of candidates) {
    let dir = dirname(c);
    for (let level = 0; level <= ENTRY_POINT_LEVELS && !dirs.has(dir); level++) {
      dirs.add(dir);
      if (!dir.startsWith(inside) || dirname(dir) === dir) break;
      dir = dirname(dir);
    }
  }
  const out: [string, string][] = [];
  for (const dir of [...dirs].sort()) {
    const present = digests.entryPointsIn(dir);
    for (const name of ENTRY_POINTS) out.push([join(dir, name), present.includes(name) ? digests.digest(join(dir, name), undefined).digest : '-']);
  }
  return out;
}

/** What the entry's name is the hash of: everything that can change a finding, the imported modules aside. */
function keyMaterial(cache: ResultsCache, candidates: readonly string[], options: LintOptions, digests: StatIndex, read: Map<string, Read>): string {
  const candidateDigest = (path: string) => {
    const checked = digests.digest(path, options.maxFileBytes);
    read.set(path, checked);
    return checked.digest;
  };
  const codes = (rules: LintOptions['rules'] | undefined) => rules?.map((r) => r.code) ?? null;
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
    candidates: candidates.map((c) => [c, candidateDigest(c)]),
    evidence: (options.evidenceFiles ?? []).map((f) => [f, digests.digest(f, undefined).digest]),
    entryPoints: entryPointDigests(candidates, options.cwd, digests),
    // Terraform and Dockerfiles the run read (src/infra/): each one's text, and what could not be read.
    infra: options.infra ? { sources: [...options.infra.sources].map(([file, text]) => [file, sha256(text)]), errors: options.infra.errors, skipped: options.infra.skipped } : null,
  });
}

/** What an entry holds: the result without its model (plain data), and each module read with its hash. */
interface Entry {
  schema: number;
  key: string;
  modules: [display: string, absPath: string, sha256: string][];
  result: Omit<LintResult, 'evaluations' | 'sources'>;
}

/**
 * Lints through the cache: answers from a valid entry, or runs `lint` and records its result.
 * Runs with --stdin text, errors (exit 2) or no trusted folder are never cached.
 */
export async function withResultsCache(cache: ResultsCache | undefined, candidates: readonly string[], options: LintOptions, lint: () => Promise<LintResult>): Promise<LintResult> {
  if (!cache || (options.overrides && options.overrides.size > 0)) return lint();
  const why = untrustedReason(cache.dir);
  const key = why === undefined ? userKey(cache.dir) : undefined;
  if (!key) {
    debug(`results cache ${cache.dir} not used: ${why ?? 'its key file is not a private file of the user'}`);
    return lint();
  }
  // Taken before any file is read: a digest is trusted later only for files older than this.
  const digests = StatIndex.open(cache, key, options.cwd, (cache.now ?? wallClockNs)());
  const read = new Map<string, Read>();
  const name = sha256(keyMaterial(cache, candidates, options, digests, read));
  const file = join(cache.dir, `${name}.json`);
  const hit = readEntry(file, name, key, digests, read);
  if (hit) {
    digests.save();
    return hit;
  }
  const result = await lint();
  if (result.errors.length === 0) writeEntry(file, name, key, result, options.cwd, digests);
  digests.save();
  return result;
}

function mac(key: Buffer, name: string, body: string): string {
  return lazyCrypto().createHmac('sha256', key).update(`${name}\n`).update(body).digest('hex');
}

/** The body of a file `name` written by writeSigned with this key, or undefined when it is missing, not private or fails its HMAC. */
function readSigned(file: string, name: string, key: Buffer): string | undefined {
  const raw = readPrivate(file, MAX_ENTRY_BYTES);
  if (!raw) return undefined;
  const text = raw.toString('utf8');
  const newline = text.indexOf('\n');
  if (newline !== 64) return undefined;
  const body = text.slice(newline + 1);
  const expected = Buffer.from(mac(key, name, body), 'hex');
  const given = Buffer.from(text.slice(0, 64), 'hex');
  if (given.length !== expected.length || !lazyCrypto().timingSafeEqual(given, expected)) return undefined;
  return body;
}

function writeSigned(file: string, name: string, key: Buffer, body: string): boolean {
  return writeAtomically(file, `${mac(key, name, body)}\n${body}`);
}

function readEntry(file: string, name: string, key: Buffer, digests: StatIndex, read: Map<string, Read>): LintResult | undefined {
  const body = readSigned(file, name, key);
  if (body === undefined) return undefined;
  let entry: Entry;
  try {
    entry = JSON.parse(body) as Entry;
  } catch {
    return undefined;
  }
  if (entry.schema !== SCHEMA || entry.key !== name || !Array.isArray(entry.modules)) return undefined;
  // Every module the run read must still have the same text (an edited import misses).
  const texts: [display: string, text: string][] = [];
  const unread = new Map<string, string>();
  for (const [display, absPath, digest] of entry.modules) {
    const checked = read.get(absPath) ?? digests.digest(absPath, undefined);
    if (checked.digest !== digest) return undefined;
    if (checked.text !== undefined) texts.push([display, checked.text]);
    else unread.set(display, absPath);
  }
  return { ...entry.result, evaluations: new Map(), sources: new SourcesOnDemand(unread, texts) };
}

function writeEntry(file: string, name: string, key: Buffer, result: LintResult, cwd: string, digests: StatIndex): void {
  const { evaluations: _model, sources, ...plain } = result;
  const entry: Entry = {
    schema: SCHEMA,
    key: name,
    modules: [...sources].map(([display, text]) => [display, resolve(cwd, display), sha256(text)]),
    result: plain,
  };
  // The modules lint read are in the stat index from now on (those the key read already are).
  for (const [, absPath, digest] of entry.modules) digests.note(absPath, digest);
  const body = JSON.stringify(entry);
  if (writeSigned(file, name, key, body)) prune(dirname(file), ENTRY_FILE, KEEP_ENTRIES);
}

/**
 * The source texts of a hit (code frames, fingerprints, which modules hold code), each read when
 * the report first asks for it: a module whose stat proved it unchanged was not read to validate
 * the entry, and a JSON report asks for none. Texts read during validation are given.
 */
class SourcesOnDemand extends Map<string, string> {
  /** Display path → absolute path of the texts not read yet. */
  private readonly unread: Map<string, string>;

  constructor(unread: Map<string, string>, texts: [string, string][]) {
    super();
    this.unread = unread;
    for (const [display, text] of texts) super.set(display, text);
  }

  override get(display: string): string | undefined {
    this.load(display);
    return super.get(display);
  }

  override has(display: string): boolean {
    this.load(display);
    return super.has(display);
  }

  override set(display: string, text: string): this {
    this.unread.delete(display);
    return super.set(display, text);
  }

  override delete(display: string): boolean {
    const pending = this.unread.delete(display);
    return super.delete(display) || pending;
  }

  override get size(): number {
    this.loadAll();
    return super.size;
  }

  override entries(): MapIterator<[string, string]> {
    this.loadAll();
    return super.entries();
  }

  override keys(): MapIterator<string> {
    this.loadAll();
    return super.keys();
  }

  override values(): MapIterator<string> {
    this.loadAll();
    return super.values();
  }

  override forEach(callback: (text: string, display: string, map: Map<string, string>) => void, thisArg?: unknown): void {
    this.loadAll();
    super.forEach(callback, thisArg);
  }

  override [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }

  private load(display: string): void {
    const absPath = this.unread.get(display);
    if (absPath === undefined) return;
    this.unread.delete(display);
    const source = readSource(absPath);
    if (source.ok) super.set(display, source.text);
  }

  private loadAll(): void {
    for (const display of [...this.unread.keys()]) this.load(display);
  }
}

/** Keeps the newest `keep` files of a kind (a CI cache is saved whole after every run). */
function prune(dir: string, kind: RegExp, keep: number): void {
  try {
    const entries = readdirSync(dir)
      .filter((f) => kind.test(f))
      .map((f) => ({ f, at: statSync(join(dir, f), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
      .sort((a, b) => b.at - a.at);
    for (const { f } of entries.slice(keep)) unlinkSync(join(dir, f));
  } catch {
    // another run pruned first
  }
}

/** What a digest was taken from: a bigint lstat's size, mtime and ctime (ns), inode and device, as decimal strings. */
type StatStamp = [size: string, mtimeNs: string, ctimeNs: string, ino: string, dev: string];
/** One file of a stat index: its stamp, when the run that took its digest started (ns since the epoch), and the digest. */
type StatRecord = [stamp: StatStamp, takenAtNs: string, digest: string];
/** One folder of a stat index: its stamp, when the run that listed it started, and which of the names asked for were in it. */
type FolderRecord = [stamp: StatStamp, takenAtNs: string, present: string[]];

/** The stamp of a regular file (links are not followed: readSource does not read them) or, with `kind` 'folder', of a folder; else undefined. */
function statStamp(path: string, kind: 'file' | 'folder' = 'file'): StatStamp | undefined {
  try {
    const s = lstatSync(path, { bigint: true, throwIfNoEntry: false });
    if (!s || (kind === 'file' ? !s.isFile() : !s.isDirectory())) return undefined;
    return [String(s.size), String(s.mtimeNs), String(s.ctimeNs), String(s.ino), String(s.dev)];
  } catch {
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
  private changed = false;

  private constructor(
    private readonly file: string,
    private readonly name: string,
    private readonly key: Buffer,
    private readonly startedAtNs: bigint,
    private readonly records: Map<string, StatRecord>,
    private readonly folders: Map<string, FolderRecord>,
  ) {}

  /** The index of this project folder and build; empty when there is none or it is corrupt, foreign or fails its HMAC. */
  static open(cache: ResultsCache, key: Buffer, cwd: string, startedAtNs: bigint): StatIndex {
    const name = sha256(JSON.stringify({ schema: SCHEMA, build: cache.build, cwd }));
    const file = join(cache.dir, `${name}.stat-index`);
    const { records, folders } = StatIndex.parse(readSigned(file, name, key));
    return new StatIndex(file, name, key, startedAtNs, records, folders);
  }

  private static parse(body: string | undefined): { records: Map<string, StatRecord>; folders: Map<string, FolderRecord> } {
    const records = new Map<string, StatRecord>();
    const folders = new Map<string, FolderRecord>();
    if (body === undefined) return { records, folders };
    try {
      const parsed = JSON.parse(body) as { schema?: unknown; files?: unknown; folders?: unknown };
      if (parsed.schema !== SCHEMA || !Array.isArray(parsed.files) || !Array.isArray(parsed.folders)) return { records, folders };
      for (const row of parsed.files as unknown[]) if (isRecordRow(row)) records.set(row[0], [row[1], row[2], row[3]]);
      for (const row of parsed.folders as unknown[]) if (isFolderRow(row)) folders.set(row[0], [row[1], row[2], row[3]]);
    } catch {
      // not JSON: an empty index, rewritten at the end of the run
    }
    return { records, folders };
  }

  /**
   * A file's digest as contentDigest gives it: from the index when the file's stat proves it
   * unchanged (no text then), else read and hashed, and recorded.
   */
  digest(path: string, maxBytes: number | undefined): Read {
    const stamp = statStamp(path);
    const record = stamp && this.records.get(path);
    if (record && this.proves(record, stamp, maxBytes)) return { text: undefined, digest: record[2] };
    const checked = contentDigest(path, maxBytes);
    if (stamp && checked.text !== undefined) this.record(path, stamp, checked.digest);
    else if (this.records.delete(path)) this.changed = true;
    return checked;
  }

  /** Records the digest of a text this run read (lint's modules), unless this run recorded the file already. */
  note(path: string, digest: string): void {
    if (this.records.get(path)?.[1] === String(this.startedAtNs)) return;
    const stamp = statStamp(path);
    if (stamp) this.record(path, stamp, digest);
  }

  /**
   * Which ENTRY_POINTS are in a folder (anything at the name: file, folder or link). A folder's
   * mtime and ctime change whenever a name is added to it, removed or renamed, so the list on
   * record is trusted under the same rule as a file's digest; else each name is looked up.
   */
  entryPointsIn(dir: string): readonly string[] {
    const stamp = statStamp(dir, 'folder');
    const record = stamp && this.folders.get(dir);
    if (record && this.settled(record, stamp)) return record[2];
    const present = ENTRY_POINTS.filter((n) => {
      try {
        return lstatSync(join(dir, n), { throwIfNoEntry: false }) !== undefined;
      } catch {
        return true; // unreadable: its digest says so
      }
    });
    if (stamp) {
      this.folders.set(dir, [stamp, String(this.startedAtNs), present]);
      this.changed = true;
    }
    return present;
  }

  save(): void {
    if (!this.changed) return;
    const files = [...this.records].map(([path, [stamp, at, digest]]) => [path, stamp, at, digest]);
    const folders = [...this.folders].map(([path, [stamp, at, present]]) => [path, stamp, at, present]);
    if (writeSigned(this.file, this.name, this.key, JSON.stringify({ schema: SCHEMA, files, folders }))) prune(dirname(this.file), STAT_INDEX_FILE, KEEP_STAT_INDEXES);
    this.changed = false;
  }

  private record(path: string, stamp: StatStamp, digest: string): void {
    this.records.set(path, [stamp, String(this.startedAtNs), digest]);
    this.changed = true;
  }

  /** The file's stamp is the recorded one and settled, and its size within the cap. */
  private proves(record: StatRecord, stamp: StatStamp, maxBytes: number | undefined): boolean {
    return this.settled(record, stamp) && BigInt(stamp[0]) <= BigInt(maxBytes ?? DEFAULT_MAX_FILE_BYTES);
  }

  /** The stamp is the recorded one, and both its times are older than the recording run's start minus the margin. */
  private settled([recorded, takenAtNs]: StatRecord | FolderRecord, stamp: StatStamp): boolean {
    if (!recorded.every((field, i) => field === stamp[i])) return false;
    const settled = BigInt(takenAtNs) - RACY_MARGIN_NS;
    return BigInt(stamp[1]) < settled && BigInt(stamp[2]) < settled;
  }
}

const isDigits = (v: unknown) => typeof v === 'string' && /^\d+$/.test(v);
const isStampedRow = (row: unknown): row is [string, StatStamp, string, unknown] =>
  Array.isArray(row) && row.length === 4 && typeof row[0] === 'string' && Array.isArray(row[1]) && row[1].length === 5 && row[1].every(isDigits) && isDigits(row[2]);

function isRecordRow(row: unknown): row is [string, StatStamp, string, string] {
  return isStampedRow(row) && typeof row[3] === 'string' && /^[0-9a-f]{64}$/.test(row[3]);
}

function isFolderRow(row: unknown): row is [string, StatStamp, string, string[]] {
  return isStampedRow(row) && Array.isArray(row[3]) && row[3].every((n) => typeof n === 'string');
}

/** A private temp file of ours ('wx': never an existing file or a planted link), then a rename, which replaces a link at the name without writing through it. */
function writeAtomically(file: string, text: string): boolean {
  const temp = join(dirname(file), `.${process.pid}.${lazyCrypto().randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, text, { flag: 'wx', mode: 0o600 });
    renameSync(temp, file);
    return true;
  } catch (e) {
    debug(`results cache: cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    try {
      unlinkSync(temp);
    } catch {
      // never created
    }
    return false;
  }
}

function debug(message: string): void {
  if (process.env.DJSEC_DEBUG === '1') process.stderr.write(`djsec: ${message}\n`);
}
