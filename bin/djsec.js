#!/usr/bin/env node
// Shebang shim (CommonJS: bin/package.json). Every run of the pre-commit hook pays Node's start-up
// plus this file's, so it does as little as it can:
// - `--version` (`-V`, `-v`) is answered from package.json without loading the CLI;
// - the CLI bundle (dist/djsec.cjs) is compiled with a V8 code cache, so later runs skip parsing
//   and compiling ~470 KB of JavaScript (Node 20 has no built-in compile cache); so are the lazy
//   chunks it loads when a run needs them (dist/djsec-infra.cjs), each with a cache file of its own.
//
// The cache is V8 bytecode of djsec's own bundle and nothing else. V8 only checks that a cache was
// made from source of the same length, so whoever can write the cache file can make djsec run
// their code: the cache is used only where no one else can have written it.
// - Where: DJSEC_CACHE_DIR, else $XDG_CACHE_HOME/djsec, else ~/.cache/djsec; an absolute path
//   (a relative one would point into the project being linted); off when CI is set (a workspace
//   restored from a cache or cloned under umask 077 is not proof of who wrote it) unless
//   DJSEC_CACHE_DIR names a folder; DJSEC_CACHE_DIR=off turns it off.
// - Trusted (POSIX): every folder on the path, as given and resolved, belongs to root or the
//   user and no one else can write it unless it is sticky (like OpenSSH's StrictModes); the cache
//   folder itself is 0700 (as djsec creates it, never inside someone else's folder); the file is
//   a regular 0600 file of the user, opened without following links or blocking on a FIFO. On
//   Windows, the folder must be inside the user's profile.
// - Keyed by the bundle's build id and its file (size, time, inode: a patched bundle is another
//   key), Node version, CPU, Node's flags and the kind of run (files named, or a folder: runKind);
//   written only after a run that linted, at exit, so it holds what a lint compiles. Any failure
//   falls back to a plain compile.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

// (Declared before the code below runs them.)
const posix = typeof process.getuid === 'function';
const KEEP_BUILDS = 4;
/** runKind()'s answer, guessed once a run (the bundle and each lazy chunk ask). */
let runKindGuessed;

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V' || argv[0] === '-v')) {
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  const bundle = path.join(__dirname, '..', 'dist', 'djsec.cjs');
  // WebAssembly tier-up: V8 recompiles a hot wasm function with TurboFan once it has run a
  // budget (default 1.8M units); in a short run that compile costs more than it saves (about
  // 150 ms of CPU on a 94-line settings.py: BENCHMARKS.md). With a budget 500 times larger, short
  // runs stay on Liftoff code and long ones still tier up. Set before the bundle is compiled, so
  // the code cache is made and checked under the same flags.
  require('node:v8').setFlagsFromString('--wasm-tiering-budget=1000000000');
  const Module = require('node:module');
  const compiled = [];
  /** Compiles one of djsec's files (the bundle, or a lazy chunk it loads) with its code cache. */
  const compileCached = (file, wrap) => {
    const fd = fs.openSync(file, 'r');
    const stat = fs.fstatSync(fd);
    const source = fs.readFileSync(fd, 'utf8');
    fs.closeSync(fd);
    const cacheFile = codeCacheFile(source, stat);
    const cachedData = cacheFile && trustedFolder(path.dirname(cacheFile)) ? readPrivateFile(cacheFile) : undefined;
    const script = new (require('node:vm').Script)(wrap(source), { filename: file, cachedData });
    compiled.push({ cacheFile, cachedData, script });
    return script;
  };
  // The bundle's lazy chunks (scripts/bundle.mjs) are compiled through this hook.
  globalThis[Symbol.for('djsec.compileCached')] = compileCached;
  const module = { exports: {} };
  compileCached(bundle, Module.wrap).runInThisContext()(module.exports, Module.createRequire(bundle), module, bundle, path.dirname(bundle));
  module.exports.runCli(argv).then((outcome) => {
    if (!outcome || !outcome.linted) return;
    const stale = compiled.filter((c) => c.cacheFile && (!c.cachedData || c.script.cachedDataRejected));
    if (stale.length > 0) process.once('exit', () => stale.forEach((c) => writeCache(c.cacheFile, c.script)));
  });
}

function codeCacheFile(source, bundleStat) {
  const setting = process.env.DJSEC_CACHE_DIR;
  if (setting === 'off') return undefined;
  if (!setting && process.env.CI && process.env.CI !== 'false') return undefined;
  const build = /\/\/# djsecBuild=([0-9a-f]+)\s*$/.exec(source.slice(-64));
  if (!build) return undefined;
  const home = require('node:os').homedir();
  let dir = setting;
  if (!dir) {
    // A relative XDG_CACHE_HOME is invalid (XDG Base Directory spec): ignored, like an unset one.
    const xdg = process.env.XDG_CACHE_HOME;
    const base = xdg && isFullPath(xdg) ? xdg : home && path.join(home, '.cache');
    if (!base) return undefined;
    dir = path.join(base, 'djsec');
  }
  if (!isFullPath(dir)) return undefined;
  if (!posix && (!home || path.relative(home, dir).startsWith('..') || path.isAbsolute(path.relative(home, dir)))) return undefined;
  const file = `${bundleStat.size}:${bundleStat.mtimeMs}:${bundleStat.ino}`;
  const flags = `${process.execArgv.join(' ')}|${process.env.NODE_OPTIONS ?? ''}`;
  return path.join(dir, `code-${build[1]}-${hash(`${file}|${flags}|${runKind()}`)}-${process.version}-${process.arch}.v8`);
}

/**
 * Which of a build's two caches this run uses: 'files' when it names only files (the pre-commit
 * hook, an editor, --stdin), 'tree' otherwise (a folder, or no path: the current one). A cache
 * holds what the run that wrote it compiled, and loading one costs by its size: a cache written by
 * a repository run made a one-file run 4-11 ms slower, and one written by a one-file run left a
 * repository run compiling the rest each time (about 2% of a 2,000-module run). Only a guess from
 * the arguments (no option parsing here): a wrong guess costs time, never a finding.
 */
function runKind() {
  runKindGuessed ??= guessRunKind();
  return runKindGuessed;
}

function guessRunKind() {
  let named = false;
  for (const arg of argv) {
    if (arg === '-' || arg === '--stdin') return 'files';
    if (arg.startsWith('-')) continue;
    // A hook names many .py files: those are not stat'ed (a folder named *.py is rare enough).
    if (arg.endsWith('.py')) {
      named = true;
      continue;
    }
    try {
      if (fs.statSync(arg).isDirectory()) return 'tree';
    } catch {
      // an option's value, or a path that does not exist
    }
  }
  return named ? 'files' : 'tree';
}

/** An absolute path that does not depend on the current drive (`\dir` on Windows does). */
function isFullPath(p) {
  return posix ? path.isAbsolute(p) : /^([a-zA-Z]:[\\/]|\\\\)/.test(p);
}

/** FNV-1a, 32 bits, as 8 hex digits: enough to tell a patched bundle or other flags apart. */
function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** The cache folder: 0700 and the user's, on a path no one else can change (see the top). */
function trustedFolder(dir) {
  if (!posix) return true;
  try {
    const stat = fs.lstatSync(dir);
    if (!stat.isDirectory() || stat.uid !== process.getuid() || (stat.mode & 0o077) !== 0) return false;
    return trustedPath(dir) && trustedPath(fs.realpathSync(dir));
  } catch {
    return false;
  }
}

function trustedPath(dir) {
  const me = process.getuid();
  for (let p = dir; ; p = path.dirname(p)) {
    const stat = fs.lstatSync(p);
    if (stat.uid !== me && stat.uid !== 0) return false;
    if (!stat.isSymbolicLink()) {
      if (!stat.isDirectory()) return false;
      if ((stat.mode & 0o022) !== 0 && (stat.mode & 0o1000) === 0) return false; // writable by others, not sticky
    }
    if (path.dirname(p) === p) return true;
  }
}

/** The file's bytes if it is a regular file (not a symlink, FIFO or device) private to this user. */
function readPrivateFile(file) {
  let fd;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0));
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || (posix && (stat.uid !== process.getuid() || (stat.mode & 0o077) !== 0))) return undefined;
    return fs.readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function writeCache(file, script) {
  const dir = path.dirname(file);
  const temp = `${file}.${process.pid}.tmp`;
  try {
    // Folders are created only inside one of the user's own (root running with another user's
    // HOME must not leave a root-owned ~/.cache there).
    let existing = dir;
    while (!fs.existsSync(existing)) existing = path.dirname(existing);
    if (posix && fs.statSync(existing).uid !== process.getuid()) return;
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!trustedFolder(dir)) return;
    // 'wx': never through an existing file or a planted symlink; the rename replaces a link itself.
    fs.writeFileSync(temp, script.createCachedData(), { mode: 0o600, flag: 'wx' });
    fs.renameSync(temp, file);
    pruneSupersededCaches(file);
  } catch {
    try {
      fs.unlinkSync(temp);
    } catch {
      // never created
    }
  }
}

/**
 * Caches of other djsec builds for this Node version and CPU are kept up to KEEP_BUILDS in all,
 * newest first: two installs in use side by side (a pre-commit environment and npx) must not keep
 * deleting each other's cache, and upgrades must not pile up ~500 KB files for ever. A build's
 * files (the bundle's cache and its chunks', `code-BUILD-...`) are kept or deleted together.
 */
function pruneSupersededCaches(current) {
  const dir = path.dirname(current);
  const suffix = `-${process.version}-${process.arch}.v8`;
  const buildOf = (name) => name.split('-')[1];
  const newest = new Map();
  const others = fs
    .readdirSync(dir)
    .filter((name) => name.startsWith('code-') && name.endsWith(suffix) && buildOf(name) !== buildOf(path.basename(current)))
    .map((name) => ({ file: path.join(dir, name), build: buildOf(name), mtime: fs.lstatSync(path.join(dir, name)).mtimeMs }));
  for (const o of others) newest.set(o.build, Math.max(newest.get(o.build) ?? 0, o.mtime));
  const kept = new Set([...newest].sort((a, b) => b[1] - a[1]).slice(0, KEEP_BUILDS - 1).map(([build]) => build));
  for (const o of others) if (!kept.has(o.build)) fs.unlinkSync(o.file);
}
