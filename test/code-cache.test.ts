// bin/djsec.js compiles the CLI bundle with a V8 code cache (start-up time, issue 7). The cache must
// never change what djsec reports, must be rebuilt when it is stale or foreign, and must stay
// private to the user.
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from './support/lint.js';

const bin = join(repoRoot, 'bin', 'djsec.js');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

// The example project's settings only: its infra/ folder would also load (and cache) the lazy
// infrastructure chunk, which these tests count separately (test/startup-path.test.ts).
const SETTINGS = 'fixtures/example-project/mysite/settings.py';

function djsec(cacheDir: string, args = [SETTINGS, '--format', 'json'], cwd = repoRoot) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    timeout: 20_000,
    encoding: 'utf8',
    env: { ...process.env, DJSEC_CACHE_DIR: cacheDir, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'djsec-cache-'));
  dirs.push(d);
  return d;
}

const cacheFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.v8'));

describe('the start-up code cache', () => {
  it('is written on the first run, private to the user, and reused unchanged on the next', () => {
    const dir = join(tempDir(), 'nested', 'djsec');
    const plain = djsec('off');
    const first = djsec(dir);
    expect(first).toEqual(plain);
    expect(first.code).toBe(1);
    const [file] = cacheFiles(dir);
    expect(file).toMatch(/^code-[0-9a-f]{16}-[0-9a-f]{8}-v\d+\.\d+\.\d+-\w+\.v8$/);
    expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const written = statSync(join(dir, file)).mtimeMs;
    const bytes = readFileSync(join(dir, file));

    const second = djsec(dir);
    expect(second).toEqual(plain);
    // A cache V8 accepted is not written again.
    expect(statSync(join(dir, file)).mtimeMs).toBe(written);
    expect(readFileSync(join(dir, file)).equals(bytes)).toBe(true);
    // No temp files left behind (results/ is the results cache, src/lint/results-cache.ts).
    expect(readdirSync(dir).filter((f) => f !== 'results')).toEqual([file]);
  });

  it('written by a large run (the WASM parser compiled by TurboFan, src/model/wasm-tiers.ts), is reused by a small run of the same kind', () => {
    const dir = tempDir();
    const project = tempDir();
    // WASM_FROM_FILES (100) settings modules make a large run.
    for (let i = 0; i < 100; i++) {
      mkdirSync(join(project, `site${i}`));
      writeFileSync(join(project, `site${i}`, 'settings.py'), `DEBUG = False\nSECRET_KEY = "${'k'.repeat(8)}${i}"\nALLOWED_HOSTS = ["site${i}.example.com"]\n`);
    }
    const large = djsec(dir, ['.', '--no-cache', '--jobs', '1', '--format', 'json'], project);
    expect(large.stderr).toBe('');
    expect(JSON.parse(large.stdout).findings.length).toBeGreaterThan(0);
    const [file] = cacheFiles(dir);
    const written = statSync(join(dir, file)).mtimeMs;
    const bytes = readFileSync(join(dir, file));
    // V8 keys a code cache by its flags: had the large run left any changed, this run would reject the cache and write it again.
    const small = djsec(dir, ['fixtures/example-project/mysite', '--format', 'json']);
    expect(small).toEqual(djsec('off', ['fixtures/example-project/mysite', '--format', 'json']));
    expect(cacheFiles(dir)).toEqual([file]);
    expect(statSync(join(dir, file)).mtimeMs).toBe(written);
    expect(readFileSync(join(dir, file)).equals(bytes)).toBe(true);
  });

  it('keeps one cache for runs that name files and one for runs over a folder, each reused by its kind', () => {
    const dir = tempDir();
    const byFile = djsec(dir, [SETTINGS, '--format', 'json']);
    const [filesCache] = cacheFiles(dir);
    const byFolder = djsec(dir, ['fixtures/example-project/mysite', '--format', 'json']);
    expect(byFolder).toEqual(djsec('off', ['fixtures/example-project/mysite', '--format', 'json']));
    const treeCache = cacheFiles(dir).find((f) => f !== filesCache)!;
    expect(cacheFiles(dir)).toHaveLength(2);
    const written = [filesCache, treeCache].map((f) => statSync(join(dir, f)).mtimeMs);
    // Each kind finds its own: neither is written again.
    expect(djsec(dir, [SETTINGS, '--format', 'json'])).toEqual(byFile);
    expect(djsec(dir, ['--format', 'json', 'fixtures/example-project/mysite'])).toEqual(byFolder);
    expect(djsec(dir, ['-', '--stdin-filename', 'settings.py'], repoRoot).code).not.toBe(null);
    expect(cacheFiles(dir).sort()).toEqual([filesCache, treeCache].sort());
    expect([filesCache, treeCache].map((f) => statSync(join(dir, f)).mtimeMs)).toEqual(written);
  });

  it("keeps the three newest other builds' caches for this Node version, and other Node versions'", () => {
    const dir = tempDir();
    const other = (i: number) => `code-000000000000000${i}-${process.version}-${process.arch}.v8`;
    const otherNode = `code-0123456789abcdef-v99.0.0-${process.arch}.v8`;
    for (let i = 1; i <= 5; i++) {
      writeFileSync(join(dir, other(i)), 'old build', { mode: 0o600 });
      utimesSync(join(dir, other(i)), i * 1000, i * 1000); // other(5) is the newest
    }
    writeFileSync(join(dir, otherNode), 'other node', { mode: 0o600 });
    djsec(dir);
    const files = readdirSync(dir);
    expect(files.filter((f) => f.startsWith('code-000')).sort()).toEqual([other(3), other(4), other(5)]);
    expect(files).toContain(otherNode);
    expect(files.filter((f) => f !== 'results')).toHaveLength(5); // with this build's own cache
  });

  it('replaces a corrupt cache and still reports the same findings', () => {
    const dir = tempDir();
    djsec(dir);
    const [file] = cacheFiles(dir);
    writeFileSync(join(dir, file), 'not V8 code cache data', { mode: 0o600 });
    const r = djsec(dir);
    expect(r).toEqual(djsec('off'));
    expect(readFileSync(join(dir, file), 'utf8')).not.toBe('not V8 code cache data');
  });

  it('ignores a cache that others could have written, and replaces it with a private one', () => {
    const dir = tempDir();
    djsec(dir);
    const [file] = cacheFiles(dir);
    const good = readFileSync(join(dir, file));
    chmodSync(join(dir, file), 0o666);
    expect(djsec(dir)).toEqual(djsec('off'));
    expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, file)).length).toBeGreaterThan(good.length / 2);
  });

  it('treats an unwritable cache folder as no cache, silently', () => {
    const parent = tempDir();
    const blocked = join(parent, 'file-not-folder');
    writeFileSync(blocked, '');
    const r = djsec(join(blocked, 'djsec'));
    expect(r).toEqual(djsec('off'));
    expect(r.stderr).toBe('');
    expect(readdirSync(parent)).toEqual(['file-not-folder']);
  });

  it('writes no cache for a run that did not lint (--help, --list-rules)', () => {
    const dir = tempDir();
    djsec(dir, ['--help']);
    djsec(dir, ['--list-rules']);
    expect(cacheFiles(dir)).toEqual([]);
    djsec(dir);
    expect(cacheFiles(dir)).toHaveLength(1);
  });

  describe('a cache someone else could have written is never run', () => {
    // A forged cache: compiled (by a plain node, as djsec runs) from a same-length variant of the
    // bundle whose first line creates a marker file instead. V8 accepts it for the real bundle.
    const bundle = join(repoRoot, 'dist', 'djsec.cjs');
    const marker = join(tmpdir(), `djsec-forged-${process.pid}`);
    // The V8 flags bin/djsec.js sets before compiling (a cache made under other flags is rejected).
    const shimFlags = /setFlagsFromString\('([^']+)'\)/.exec(readFileSync(join(repoRoot, 'bin', 'djsec.js'), 'utf8'))?.[1] ?? '';
    const forge = (cacheFile: string) => {
      const script = `
        require('node:v8').setFlagsFromString(${JSON.stringify(shimFlags)});
        const fs = require('node:fs'), vm = require('node:vm'), Module = require('node:module');
        const real = fs.readFileSync(${JSON.stringify(bundle)}, 'utf8');
        const evil = 'require("node:fs").writeFileSync(${JSON.stringify(marker)}, "");';
        const lineOne = real.indexOf('\\n'); // the banner line, replaced by one of the same length
        if (evil.length > lineOne) throw new Error('marker path too long');
        const forged = evil.padEnd(lineOne) + real.slice(lineOne);
        const s = new vm.Script(Module.wrap(forged), { filename: ${JSON.stringify(bundle)} });
        fs.writeFileSync(${JSON.stringify(cacheFile)}, s.createCachedData(), { mode: 0o600 });`;
      const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    };
    const cacheName = () => {
      const dir = tempDir();
      djsec(dir);
      return cacheFiles(dir)[0];
    };
    afterEach(() => rmSync(marker, { force: true }));

    it('control: a forged cache in a private folder does run (so the cases below can fail)', () => {
      const dir = tempDir();
      forge(join(dir, cacheName()));
      djsec(dir);
      expect(existsSync(marker)).toBe(true);
    });

    it('not from a folder others can enter (a folder checked out of a repository is 0755)', () => {
      const dir = join(tempDir(), 'djsec');
      mkdirSync(dir, { mode: 0o755 });
      chmodSync(dir, 0o755);
      forge(join(dir, cacheName()));
      expect(djsec(dir)).toEqual(djsec('off'));
      expect(existsSync(marker)).toBe(false);
    });

    it('not from a file others can read (a checked-out file is 0644)', () => {
      const dir = tempDir();
      const file = join(dir, cacheName());
      forge(file);
      chmodSync(file, 0o644);
      expect(djsec(dir)).toEqual(djsec('off'));
      expect(existsSync(marker)).toBe(false);
    });

    it('not through a symlink, and not from a relative DJSEC_CACHE_DIR (it would be in the project)', () => {
      const elsewhere = tempDir();
      const dir = tempDir();
      const name = cacheName();
      forge(join(elsewhere, name));
      symlinkSync(join(elsewhere, name), join(dir, name));
      expect(djsec(dir)).toEqual(djsec('off'));
      expect(existsSync(marker)).toBe(false);

      const project = tempDir();
      mkdirSync(join(project, 'cache'), { mode: 0o700 });
      forge(join(project, 'cache', name));
      const r = djsec('cache', [join(repoRoot, SETTINGS), '--format', 'json'], project);
      expect(r.code).toBe(1);
      expect(existsSync(marker)).toBe(false);
    });
  });

  it('is off under CI unless DJSEC_CACHE_DIR names a folder', () => {
    const home = tempDir();
    const r = spawnSync(process.execPath, [bin, SETTINGS], {
      cwd: repoRoot,
      env: { ...process.env, DJSEC_CACHE_DIR: '', XDG_CACHE_HOME: '', HOME: home, CI: 'true' },
    });
    expect(r.status).toBe(1);
    expect(readdirSync(home)).toEqual([]);
  });

  it('takes a bundle edited after the build (same length) as another key, not the old cache', () => {
    // A copy of the package: bin/, the bundle, package.json and the dependencies.
    const pkg = tempDir();
    mkdirSync(join(pkg, 'dist'));
    cpSync(join(repoRoot, 'bin'), join(pkg, 'bin'), { recursive: true });
    // Every dist/ file the package ships: the bundle, its lazy chunks and rule docs, the grammars.
    const shipped = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { files: string[] }).files.filter((f) => f.startsWith('dist/'));
    for (const file of shipped) cpSync(join(repoRoot, file), join(pkg, file));
    cpSync(join(repoRoot, 'package.json'), join(pkg, 'package.json'));
    symlinkSync(join(repoRoot, 'node_modules'), join(pkg, 'node_modules'));
    const dir = tempDir();
    const run = () =>
      spawnSync(process.execPath, [join(pkg, 'bin', 'djsec.js'), SETTINGS, '--select', 'DJS101'], {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, DJSEC_CACHE_DIR: dir, NO_COLOR: '1' },
      }).stdout;
    expect(run()).toContain('error pages expose tracebacks');
    const bundle = join(pkg, 'dist', 'djsec.cjs');
    writeFileSync(bundle, readFileSync(bundle, 'utf8').replace('error pages expose tracebacks', 'ERROR PAGES EXPOSE TRACEBACKS'));
    expect(run()).toContain('ERROR PAGES EXPOSE TRACEBACKS');
  });

  it.runIf(process.getuid?.() === 0)("as root: no cache through another user's folder, none created in their HOME", () => {
    const nobody = 65534;
    // A folder of another user holding a link to a private folder with a forged cache.
    const theirs = tempDir();
    chownSync(theirs, nobody, nobody);
    const target = tempDir();
    symlinkSync(target, join(theirs, 'cache'));
    const name = (() => {
      const d = tempDir();
      djsec(d);
      return cacheFiles(d)[0];
    })();
    writeFileSync(join(target, name), 'not trusted', { mode: 0o600 });
    expect(djsec(join(theirs, 'cache'))).toEqual(djsec('off'));
    expect(readFileSync(join(target, name), 'utf8')).toBe('not trusted'); // neither read nor replaced
    // Root with another user's HOME leaves no root-owned ~/.cache there.
    const home = tempDir();
    chownSync(home, nobody, nobody);
    spawnSync(process.execPath, [bin, SETTINGS], { cwd: repoRoot, env: { ...process.env, DJSEC_CACHE_DIR: '', XDG_CACHE_HOME: '', CI: '', HOME: home } });
    expect(readdirSync(home)).toEqual([]);
  });

  it('does not hang on a FIFO where the cache file should be', () => {
    const dir = tempDir();
    const name = (() => {
      djsec(dir);
      return cacheFiles(dir)[0];
    })();
    rmSync(join(dir, name));
    expect(spawnSync('mkfifo', [join(dir, name)]).status).toBe(0);
    const r = djsec(dir);
    expect(r).toEqual(djsec('off'));
  });

  it('still answers --version without loading the CLI', () => {
    const dir = tempDir();
    const r = djsec(dir, ['--version']);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version);
    expect(cacheFiles(dir)).toEqual([]);
  });
});
