// Maps a Python import (relative or absolute) to a file inside the scanned tree, and expands
// django-split-settings include() globs. Only files that exist are returned; nothing is imported.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
const MAX_ANCESTORS = 12;
function isFile(p, probes) {
    let found = probes?.get(p);
    if (found === undefined) {
        try {
            // Most probes miss: no exception for those.
            found = statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
        }
        catch {
            found = false;
        }
        probes?.set(p, found);
    }
    return found;
}
function moduleFile(base, parts, probes) {
    const path = join(base, ...parts);
    if (parts.length > 0 && isFile(`${path}.py`, probes))
        return `${path}.py`;
    const init = join(path, '__init__.py');
    return isFile(init, probes) ? init : undefined;
}
/**
 * The file a `from <level dots><module> import ...` in `fromFile` refers to, or undefined.
 * Absolute names are looked up under each ancestor directory, as if it were on sys.path.
 */
export function resolveModule(fromFile, moduleName, level, probes) {
    const parts = moduleName ? moduleName.split('.') : [];
    if (level > 0) {
        let dir = dirname(fromFile);
        for (let i = 1; i < level; i++)
            dir = dirname(dir);
        return moduleFile(dir, parts, probes);
    }
    if (parts.length === 0)
        return undefined;
    let dir = dirname(fromFile);
    for (let i = 0; i < MAX_ANCESTORS; i++) {
        const found = moduleFile(dir, parts, probes);
        if (found && found !== fromFile)
            return found;
        const parent = dirname(dir);
        if (parent === dir)
            break;
        dir = parent;
    }
    return undefined;
}
/** The submodule file for `from pkg import name` when name is a module, not a variable. */
export function resolveSubmodule(packageFile, name, probes) {
    if (!packageFile.endsWith('__init__.py'))
        return undefined;
    return moduleFile(dirname(packageFile), [name], probes);
}
/**
 * One path segment's glob as a regex, as Python's fnmatch reads it: `*`, `?`, `[...]` and `[!...]`;
 * a `[` with no closing `]` is a literal (a pattern from the source must never make a bad regex).
 */
function globRegex(glob) {
    let out = '';
    for (let i = 0; i < glob.length; i++) {
        const ch = glob[i];
        if (ch === '*')
            out += '[^/]*';
        else if (ch === '?')
            out += '[^/]';
        else if (ch === '[') {
            const close = glob.indexOf(']', glob[i + 1] === '!' ? i + 3 : i + 2);
            if (close < 0) {
                out += '\\[';
                continue;
            }
            let body = glob.slice(i + 1, close);
            const negate = body.startsWith('!');
            if (negate)
                body = body.slice(1);
            out += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
            i = close;
        }
        else
            out += ch.replace(/[.+^${}()|\\\]]/g, '\\$&');
    }
    try {
        return new RegExp(`^${out}$`);
    }
    catch {
        // A class JavaScript rejects (a range out of order): matched as literal text instead.
        return new RegExp(`^${glob.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    }
}
/**
 * Files matched by a django-split-settings include pattern, relative to the including file's
 * directory, sorted as split_settings sorts glob results. Supports * ? and [..] in the last
 * segment and plain directories before it.
 */
export function expandInclude(fromFile, pattern, probes, listings) {
    const full = join(dirname(fromFile), pattern);
    const dir = dirname(full);
    const base = full.slice(dir.length + 1);
    if (/[*?[]/.test(dir))
        return [];
    if (!/[*?[]/.test(base))
        return isFile(full, probes) ? [full] : [];
    const names = listFolder(dir, listings);
    if (!names)
        return [];
    const regex = globRegex(base);
    return names
        .filter((n) => regex.test(n) && !n.startsWith('.'))
        .sort()
        .map((n) => join(dir, n))
        .filter((p) => isFile(p, probes));
}
/** A folder's names, sorted (undefined: no folder, or unreadable), recorded in `listings`. */
export function listFolder(dir, listings) {
    const known = listings?.get(dir);
    if (known !== undefined)
        return known ?? undefined;
    let names = null;
    try {
        if (existsSync(dir))
            names = readdirSync(dir).sort();
    }
    catch {
        names = null;
    }
    listings?.set(dir, names);
    return names ?? undefined;
}
/** Whether a path is a file now (for checking a recorded probe). */
export function probeFile(p) {
    return isFile(p, undefined);
}
