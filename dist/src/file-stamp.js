/**
 * A stamp whose mtime or ctime is this close to (or later than) the moment it was taken proves
 * nothing ("racily clean", as in git's index): a write in the same timestamp tick as the read
 * leaves size and times unchanged. 3 s covers the coarsest common timestamps (FAT's 2 s; ext3 and
 * HFS+ keep 1 s) and the kernel's coarse file clock.
 */
export const RACY_MARGIN_NS = 3000000000n;
export function stampOf(s) {
    return [String(s.size), String(s.mtimeNs), String(s.ctimeNs), String(s.ino), String(s.dev)];
}
export function sameStamp(a, b) {
    return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3] && a[4] === b[4];
}
/** Both times of the stamp are older than `startedAtNs` minus the margin (the racy rule). */
export function settled(stamp, startedAtNs) {
    const before = startedAtNs - RACY_MARGIN_NS;
    return BigInt(stamp[1]) < before && BigInt(stamp[2]) < before;
}
/** A stamp as a signed file stores it: five decimal strings. */
export function isStamp(v) {
    return Array.isArray(v) && v.length === 5 && v.every((f) => isDecimal(f));
}
/**
 * A non-empty string of ASCII digits (what BigInt() takes). A loop, not /^\d+$/: a cached run
 * checks ~20,000 of them, and a cold regex cost ~10 ms there.
 */
export function isDecimal(v) {
    if (typeof v !== 'string' || v.length === 0)
        return false;
    for (let i = 0; i < v.length; i++) {
        const c = v.charCodeAt(i);
        if (c < 48 || c > 57)
            return false;
    }
    return true;
}
