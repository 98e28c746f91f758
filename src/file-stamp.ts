// What a file or folder looked like when something was read from it, and when that stamp can be
// trusted to show a later change (the racy rule); shared by the results cache's stat index
// (src/lint/results-cache.ts) and discovery's tree snapshot (src/project/tree-snapshot.ts).
import type { BigIntStats } from 'node:fs';

/** A bigint lstat's size, mtime and ctime (ns), inode and device, as decimal strings. */
export type StatStamp = [size: string, mtimeNs: string, ctimeNs: string, ino: string, dev: string];

/**
 * A stamp whose mtime or ctime is this close to (or later than) the moment it was taken proves
 * nothing ("racily clean", as in git's index): a write in the same timestamp tick as the read
 * leaves size and times unchanged. 3 s covers the coarsest common timestamps (FAT's 2 s; ext3 and
 * HFS+ keep 1 s) and the kernel's coarse file clock.
 */
export const RACY_MARGIN_NS = 3_000_000_000n;

export function stampOf(s: BigIntStats): StatStamp {
  return [String(s.size), String(s.mtimeNs), String(s.ctimeNs), String(s.ino), String(s.dev)];
}

export function sameStamp(a: StatStamp, b: StatStamp): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3] && a[4] === b[4];
}

/** Both times of the stamp are older than `startedAtNs` minus the margin (the racy rule). */
export function settled(stamp: StatStamp, startedAtNs: bigint): boolean {
  const before = startedAtNs - RACY_MARGIN_NS;
  return BigInt(stamp[1]) < before && BigInt(stamp[2]) < before;
}

/** A stamp as a signed file stores it: five decimal strings. */
export function isStamp(v: unknown): v is StatStamp {
  return Array.isArray(v) && v.length === 5 && v.every((f) => isDecimal(f));
}

/**
 * A non-empty string of ASCII digits (what BigInt() takes). A loop, not /^\d+$/: a cached run
 * checks ~20,000 of them, and a cold regex cost ~10 ms there.
 */
export function isDecimal(v: unknown): v is string {
  if (typeof v !== 'string' || v.length === 0) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
