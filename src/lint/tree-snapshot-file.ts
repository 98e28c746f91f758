// Keeps discovery's tree snapshots (src/project/tree-snapshot.ts) in the results cache's folder:
// one signed file per djsec build and project folder (`<hash>.tree-snapshot`), holding the
// snapshot of each recent walk key. Untrusted input like every cache file: read only from a
// trusted folder, HMACed with the user's key, written atomically; a corrupt, foreign or oversized
// file is ignored (every root is walked) and rewritten.
import { dirname, join } from 'node:path';
import { sha256Hex } from '../lazy-builtins.js';
import { TreeSnapshots } from '../project/tree-snapshot.js';
import { SCHEMA, prune, readSigned, signed, writeAtomically, type OpenedCache, type ResultsCache } from './results-cache.js';

/** Walk keys kept per file (a project linted as `.` and as `app/` keeps both). */
const KEEP_ROOTS = 8;
/** Snapshot files kept per cache folder (one per project folder and build); the oldest go first. */
const KEEP_FILES = 16;
const SNAPSHOT_FILE = /^[0-9a-f]{64}\.tree-snapshot$/;

interface SnapshotFile {
  schema: number;
  key: string;
  roots: [walkKey: string, snapshot: unknown][];
}

/** A run's tree snapshots, with what the last runs recorded for this build and project folder. */
export class TreeSnapshotFile {
  readonly snapshots: TreeSnapshots;

  private constructor(
    private readonly file: string,
    private readonly name: string,
    private readonly key: Buffer,
    startedAtNs: bigint,
  ) {
    this.snapshots = new TreeSnapshots(startedAtNs, () => this.read());
  }

  static open(cache: ResultsCache & { opened: OpenedCache }, cwd: string): TreeSnapshotFile {
    const name = sha256Hex(JSON.stringify({ schema: SCHEMA, kind: 'tree-snapshot', build: cache.build, cwd }));
    return new TreeSnapshotFile(join(cache.dir, `${name}.tree-snapshot`), name, cache.opened.key, cache.opened.startedAtNs);
  }

  /** The stored snapshots by walk key; none when the file is missing, corrupt, foreign or fails its HMAC. */
  private read(): Map<string, unknown> {
    const header = readSigned<SnapshotFile>(this.file, this.name, this.key)?.header;
    const recalled = new Map<string, unknown>();
    if (header && Array.isArray(header.roots)) for (const row of header.roots as unknown[]) if (Array.isArray(row) && row.length === 2 && typeof row[0] === 'string') recalled.set(row[0], row[1]);
    return recalled;
  }

  /** Writes the snapshots when this run recorded or forgot one. */
  save(): void {
    if (!this.snapshots.changed) return;
    const roots = this.snapshots.entries(KEEP_ROOTS);
    if (writeAtomically(this.file, signed(this.key, this.name, { schema: SCHEMA, key: this.name, roots } satisfies SnapshotFile))) prune(dirname(this.file), SNAPSHOT_FILE, KEEP_FILES);
    this.snapshots.changed = false;
  }
}
