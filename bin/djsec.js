#!/usr/bin/env node
// Shebang shim (CommonJS: bin/package.json). Every run of the pre-commit hook pays Node's start-up
// plus this file's, so it does as little as it can:
// - `--version` is answered from package.json without loading the CLI;
// - the CLI bundle (dist/djsec.cjs) is compiled with a V8 code cache, so later runs skip parsing
//   and compiling ~370 KB of JavaScript (Node 20 has no built-in compile cache).
// The cache holds V8 bytecode of djsec's own bundle and nothing else. It lives in a per-user
// folder (DJSEC_CACHE_DIR, else $XDG_CACHE_HOME/djsec, else ~/.cache/djsec), is keyed by the
// bundle's build id, Node version and CPU, and is used only if the current user owns it and no one
// else can write it. DJSEC_CACHE_DIR=off turns it off. Any failure falls back to a plain compile.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const argv = process.argv.slice(2);
if (argv.length === 1 && argv[0] === '--version') {
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  const bundle = path.join(__dirname, '..', 'dist', 'djsec.cjs');
  const source = fs.readFileSync(bundle, 'utf8');
  const cli = load(bundle, source);
  cli.runCli(argv);
}

function load(file, source) {
  const vm = require('node:vm');
  const Module = require('node:module');
  const cacheFile = codeCacheFile(source);
  const cachedData = cacheFile && readOwnFile(cacheFile);
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    // Written at exit, so the cache also holds the functions this run compiled lazily.
    process.once('exit', () => writeCache(cacheFile, script));
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Module.createRequire(file), module, file, path.dirname(file));
  return module.exports;
}

function codeCacheFile(source) {
  const setting = process.env.DJSEC_CACHE_DIR;
  if (setting === 'off') return undefined;
  const build = /\/\/# djsecBuild=([0-9a-f]+)\s*$/.exec(source.slice(-64));
  if (!build) return undefined;
  let dir = setting;
  if (!dir) {
    const base = process.env.XDG_CACHE_HOME || (require('node:os').homedir() && path.join(require('node:os').homedir(), '.cache'));
    if (!base) return undefined;
    dir = path.join(base, 'djsec');
  }
  return path.join(dir, `code-${build[1]}-${process.version}-${process.arch}.v8`);
}

/** The file's bytes if it is a regular file of the current user that no one else can write. */
function readOwnFile(file) {
  let fd;
  try {
    fd = fs.openSync(file, 'r');
    const stat = fs.fstatSync(fd);
    // POSIX only: Windows has no uid and reports every writable file as 0o666 (its per-user
    // profile folder is private by its ACL instead).
    const posix = typeof process.getuid === 'function';
    const private_ = !posix || (stat.uid === process.getuid() && (stat.mode & 0o022) === 0);
    if (!stat.isFile() || !private_) return undefined;
    return fs.readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function writeCache(file, script) {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
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
    .map((name) => ({ file: path.join(dir, name), mtime: fs.statSync(path.join(dir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { file } of others.slice(KEEP_BUILDS - 1)) fs.unlinkSync(file);
}
