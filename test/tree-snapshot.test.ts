// Discovery's tree snapshot (src/project/tree-snapshot.ts): a recalled walk gives exactly the
// Discovery a fresh walk gives; any change the walk depended on (a folder's names, a .gitignore,
// a sniffed head) makes it walk again; a walk its stamps cannot answer for is never recorded.
import { mkdirSync, mkdtempSync, renameSync, rmSync, statSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discover, type Discovery } from '../src/project/discover.js';
import { TreeSnapshots, type RootSnapshot } from '../src/project/tree-snapshot.js';

const work = mkdtempSync(join(tmpdir(), 'djsec-tree-snapshot-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const SECOND = 1_000_000_000n;
// A run that starts well after the files were written: their stamps are settled (the racy rule).
const later = () => BigInt(Date.now()) * 1_000_000n + 10n * SECOND;

// A cookiecutter-django shape, with an app module discovery has to sniff (not named like settings).
const PROJECT: Record<string, string> = {
  '.gitignore': 'media/\n',
  'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n',
  'Dockerfile': 'FROM python:3.12\n',
  'config/__init__.py': '',
  'config/settings/__init__.py': '',
  'config/settings/base.py': 'SECRET_KEY = "x"\n',
  'config/settings/production.py': 'from .base import *  # noqa\nDEBUG = False\n',
  'shop/__init__.py': '',
  'shop/conf.py': 'PAGE_SIZE = 25\nSHOP_NAME = "acme"\n',
  'shop/views.py': 'def index(request):\n    return None\n',
  'media/uploads/settings.py': 'SECRET_KEY = "an upload"\n',
};

let counter = 0;
function project(files: Record<string, string> = PROJECT): string {
  const dir = join(work, `p${counter++}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Discovery as a run sees it: with the snapshots the last run kept (through JSON, as the store keeps them). */
function run(dir: string, kept: [string, unknown][] = [], startedAtNs = later()): { discovery: Discovery; snapshots: TreeSnapshots; kept: [string, unknown][] } {
  const snapshots = new TreeSnapshots(startedAtNs, () => new Map(JSON.parse(JSON.stringify(kept)) as [string, unknown][]));
  const discovery = discover([dir], dir, [], snapshots);
  return { discovery, snapshots, kept: snapshots.entries(8) };
}

const fresh = (dir: string) => discover([dir], dir);
const rel = (dir: string, d: Discovery) => d.candidates.map((c) => c.slice(dir.length + 1));

/** The ctime clock moves on (a rewrite in the same coarse tick would keep the old ctime; the racy rule covers that in real runs). */
function nextTick(): void {
  const until = Date.now() + 30;
  while (Date.now() < until);
}

describe('tree snapshot', () => {
  it('recalls an unchanged tree without walking, exactly as a fresh walk', () => {
    const dir = project();
    const first = run(dir);
    expect(first.kept).toHaveLength(1);
    expect(first.discovery).toEqual(fresh(dir));
    const second = run(dir, first.kept);
    // Recalled: nothing new to keep.
    expect(second.snapshots.changed).toBe(false);
    expect(second.discovery).toEqual(fresh(dir));
    expect(rel(dir, second.discovery)).toEqual(['config/settings/__init__.py', 'config/settings/base.py', 'config/settings/production.py']);
  });

  it('recalls each folder root of a run in the order a fresh walk gives (a named file first, overlapping roots)', () => {
    const dir = project();
    const paths = [join(dir, 'shop/conf.py'), join(dir, 'config'), dir, join(dir, 'config/settings')];
    const snapshots = () => new TreeSnapshots(later(), () => new Map(JSON.parse(JSON.stringify(kept)) as [string, unknown][]));
    let kept: [string, unknown][] = [];
    const first = snapshots();
    expect(discover(paths, dir, [], first)).toEqual(discover(paths, dir));
    kept = first.entries(8);
    expect(kept).toHaveLength(3);
    const second = snapshots();
    expect(discover(paths, dir, [], second)).toEqual(discover(paths, dir));
    expect(second.changed).toBe(false);
  });

  it('reads no stored snapshot for a run over named files (the pre-commit hook names them)', () => {
    const dir = project();
    let loads = 0;
    const snapshots = new TreeSnapshots(later(), () => (loads++, new Map()));
    expect(discover([join(dir, 'config/settings/base.py')], dir, [], snapshots)).toEqual(discover([join(dir, 'config/settings/base.py')], dir));
    expect(loads).toBe(0);
    discover([dir], dir, [], snapshots);
    expect(loads).toBe(1);
  });

  it('walks again when a file is created, removed or renamed in a walked folder', () => {
    const dir = project();
    let kept = run(dir).kept;
    const step = (change: () => void, expected: string[]) => {
      nextTick();
      change();
      const next = run(dir, kept);
      expect(next.snapshots.changed).toBe(true);
      expect(next.discovery).toEqual(fresh(dir));
      expect(rel(dir, next.discovery)).toEqual(expected);
      kept = next.kept;
    };
    step(() => writeFileSync(join(dir, 'config/settings/local.py'), 'DEBUG = True\n'), ['config/settings/__init__.py', 'config/settings/base.py', 'config/settings/local.py', 'config/settings/production.py']);
    step(() => unlinkSync(join(dir, 'config/settings/local.py')), ['config/settings/__init__.py', 'config/settings/base.py', 'config/settings/production.py']);
    step(() => renameSync(join(dir, 'config/settings/production.py'), join(dir, 'config/settings/prod.py')), ['config/settings/__init__.py', 'config/settings/base.py', 'config/settings/prod.py']);
    // Evidence too: a Dockerfile moved into a folder.
    step(() => renameSync(join(dir, 'Dockerfile'), join(dir, 'shop/Dockerfile')), ['config/settings/__init__.py', 'config/settings/base.py', 'config/settings/prod.py']);
    expect(run(dir, kept).discovery.infra).toEqual([join(dir, 'shop/Dockerfile')]);
  });

  it('walks again when a sub-folder appears', () => {
    const dir = project();
    const kept = run(dir).kept;
    nextTick();
    mkdirSync(join(dir, 'staging'));
    writeFileSync(join(dir, 'staging/settings.py'), 'DEBUG = False\n');
    const next = run(dir, kept);
    expect(next.discovery).toEqual(fresh(dir));
    expect(rel(dir, next.discovery)).toContain('staging/settings.py');
  });

  it('walks again when a .gitignore changes', () => {
    const dir = project();
    const kept = run(dir).kept;
    nextTick();
    // Same folder, same names: only the file's content (and its stamp) changed.
    writeFileSync(join(dir, '.gitignore'), 'tmp/\n');
    const next = run(dir, kept);
    expect(next.discovery).toEqual(fresh(dir));
    expect(rel(dir, next.discovery)).toContain('media/uploads/settings.py');
  });

  it("walks again when a sniffed module's head changes, even with its size and mtime put back", () => {
    const plain = 'PAGE_SIZE = 25\nSHOP_NAME = "acme"\n';
    const settingsLike = 'SECRET_KEY = "acme-key-123456789"\n';
    expect(settingsLike.length).toBe(plain.length);
    const dir = project();
    const file = join(dir, 'shop/conf.py');
    const { atime, mtime } = statSync(file);
    let kept = run(dir).kept;
    expect(rel(dir, run(dir, kept).discovery)).not.toContain('shop/conf.py');
    for (const [text, sniffed] of [
      [settingsLike, true],
      [plain, false],
    ] as const) {
      nextTick();
      writeFileSync(file, text);
      utimesSync(file, atime, mtime);
      const next = run(dir, kept);
      expect(next.discovery).toEqual(fresh(dir));
      expect(rel(dir, next.discovery).includes('shop/conf.py')).toBe(sniffed);
      kept = next.kept;
    }
  });

  it('records no walk whose stamps are racily fresh, and reuses none recorded so', () => {
    const dir = project();
    // The files were written just now: a run starting now cannot trust their stamps.
    const now = run(dir, [], BigInt(Date.now()) * 1_000_000n);
    expect(now.kept).toEqual([]);
    expect(now.snapshots.changed).toBe(false);
    // A snapshot whose stamps match but were fresh when it was recorded: the folder may have
    // changed in the same tick after it was listed, so it is walked (here it holds a name the tree lacks).
    const settledRun = run(dir).kept;
    const [[key, snapshot]] = settledRun as [[string, RootSnapshot]];
    const racy: RootSnapshot = { ...snapshot, at: String(statSync(join(dir, 'config/settings'), { bigint: true }).mtimeNs + SECOND), candidates: [...snapshot.candidates, 'config/settings/gone.py'] };
    const next = run(dir, [[key, racy]]);
    expect(next.discovery).toEqual(fresh(dir));
    expect(next.snapshots.changed).toBe(true);
  });

  it('records no walk that met a symlink: its target can change without any stamp showing it', () => {
    const dir = project();
    // A dangling link to outside the tree: nothing to say about it yet.
    symlinkSync(join(work, `outside${counter}`), join(dir, 'shared'));
    const first = run(dir);
    expect(first.discovery.notes).toEqual([]);
    expect(first.kept).toEqual([]);
    // Its target appears (outside the tree: no stamp of the walk moves): now it is a folder link, said in a note.
    mkdirSync(join(work, `outside${counter}`));
    const next = run(dir, first.kept);
    expect(next.discovery).toEqual(fresh(dir));
    expect(next.discovery.notes.map((n) => n.message)).toEqual(['symlink to outside the scanned paths, not followed']);
  });

  it('answers probes from validated listings only, and asks the filesystem for anything else', () => {
    const dir = project();
    const kept = run(dir).kept;
    const recalled = run(dir, kept).snapshots;
    expect(recalled.isFile(join(dir, 'config/settings/base.py'))).toBe(true);
    expect(recalled.isFile(join(dir, 'config/settings/local.py'))).toBe(false);
    // An import of a package that is not there: absent from the listing above it.
    expect(recalled.isFile(join(dir, 'config/overrides/__init__.py'))).toBe(false);
    // A folder, a name that differs only by case, a folder the walk skipped, a path outside the tree.
    expect(recalled.isFile(join(dir, 'config/settings'))).toBeUndefined();
    expect(recalled.isFile(join(dir, 'config/settings/Base.py'))).toBeUndefined();
    expect(recalled.isFile(join(dir, 'media/uploads/settings.py'))).toBeUndefined();
    expect(recalled.isFile(join(work, 'elsewhere.py'))).toBeUndefined();
    // A fresh walk lends no listing, and neither does a snapshot that no longer holds.
    expect(run(dir).snapshots.isFile(join(dir, 'config/settings/local.py'))).toBeUndefined();
    nextTick();
    writeFileSync(join(dir, 'config/settings/local.py'), 'DEBUG = True\n');
    expect(run(dir, kept).snapshots.isFile(join(dir, 'config/settings/local.py'))).toBeUndefined();
  });
});
