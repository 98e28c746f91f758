#!/usr/bin/env node
// Shebang shim (CommonJS: bin/package.json). Every run of the pre-commit hook pays Node's start-up
// plus this file's, so it does as little as it can:
// - `--version` is answered from package.json without loading the CLI;
// - the CLI bundle (dist/djsec.cjs) is compiled with a V8 code cache, so later runs skip parsing
//   and compiling ~370 KB of JavaScript (Node 20 has no built-in compile cache).
//
// The cache is V8 bytecode of djsec's own bundle and nothing else, and V8 only checks that a cache
// was made from source of the same length, so whoever can write the cache file can make djsec run
// their code. It is therefore used only from a private folder: DJSEC_CACHE_DIR, else
// $XDG_CACHE_HOME/djsec, else ~/.cache/djsec, an absolute path to a real folder (no symlink) that
// belongs to the current user and that no one else can enter (0700, as djsec creates it), holding
// a regular file of that user that no one else can read or write (0600). Anything else (a folder
// in a checked-out repository is 0755, a file 0644) means no cache. Keyed by the bundle's build
// id, Node version and CPU; written only after a run that linted, at exit, so it holds what a lint
// compiles. DJSEC_CACHE_DIR=off turns it off. Any failure falls back to a plain compile.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

// (Declared before the code below runs them.) POSIX only: Windows has no uids and reports every
// writable file as 0o666; a per-user profile folder is private by its ACL instead.
const posix = typeof process.getuid === 'function';
const isPrivate = (stat) => !posix || (stat.uid === process.getuid() && (stat.mode & 0o077) === 0);

const argv = process.argv.slice(2);
if (argv.length === 1 && argv[0] === '--version') {
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  const bundle = path.join(__dirname, '..', 'dist', 'djsec.cjs');
  const source = fs.readFileSync(bundle, 'utf8');
  const cacheFile = codeCacheFile(source);
  const cachedData = cacheFile && isPrivateDir(path.dirname(cacheFile)) ? readPrivateFile(cacheFile) : undefined;
  const { cli, script } = load(bundle, source, cachedData);
  cli.runCli(argv).then((outcome) => {
    if (cacheFile && (!cachedData || script.cachedDataRejected) && outcome && outcome.linted) {
      process.once('exit', () => writeCache(cacheFile, script));
    }
  });
}

function load(file, source, cachedData) {
  const vm = require('node:vm');
  const Module = require('node:module');
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Module.createRequire(file), module, file, path.dirname(file));
  return { cli: module.exports, script };
}

function codeCacheFile(source) {
  const setting = process.env.DJSEC_CACHE_DIR;
  if (setting === 'off') return undefined;
  const build = /\/\/# djsecBuild=([0-9a-f]+)\s*$/.exec(source.slice(-64));
  if (!build) return undefined;
  let dir = setting;
  if (!dir) {
    // A relative XDG_CACHE_HOME is invalid (XDG Base Directory spec) and would point into the
    // project being linted: ignored, like an unset one.
    const xdg = process.env.XDG_CACHE_HOME;
    const home = require('node:os').homedir();
    const base = xdg && path.isAbsolute(xdg) ? xdg : home && path.join(home, '.cache');
    if (!base) return undefined;
    dir = path.join(base, 'djsec');
  }
  if (!path.isAbsolute(dir)) return undefined;
  return path.join(dir, `code-${build[1]}-${process.version}-${process.arch}.v8`);
}

function isPrivateDir(dir) {
  try {
    const stat = fs.lstatSync(dir);
    return stat.isDirectory() && isPrivate(stat);
  } catch {
    return false;
  }
}

/** The file's bytes if it is a regular file (not a symlink, FIFO or device) private to this user. */
function readPrivateFile(file) {
  let fd;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0));
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || !isPrivate(stat)) return undefined;
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
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!isPrivateDir(dir)) return; // someone else's folder, or one others can write into
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
 * deleting each other's cache, and upgrades must not pile up ~500 KB files for ever.
 */
const KEEP_BUILDS = 4;

function pruneSupersededCaches(current) {
  const dir = path.dirname(current);
  const suffix = `-${process.version}-${process.arch}.v8`;
  const others = fs
    .readdirSync(dir)
    .filter((name) => name.startsWith('code-') && name.endsWith(suffix) && path.join(dir, name) !== current)
    .map((name) => ({ file: path.join(dir, name), mtime: fs.lstatSync(path.join(dir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { file } of others.slice(KEEP_BUILDS - 1)) fs.unlinkSync(file);
}
