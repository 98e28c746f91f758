import { closeSync, existsSync, lstatSync, openSync, readSync, readdirSync, realpathSync, statSync, constants } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { UsageError } from './errors.js';
import { GitIgnore } from './gitignore.js';
const SKIP_DIRS = new Set([
    '.git', '.hg', '.svn', 'node_modules', '.venv', 'venv', 'env', '.env', 'virtualenv', '.virtualenv', 'site-packages',
    'dist-packages', 'migrations', '__pycache__', '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache', 'build',
    '.eggs', 'bower_components', '.idea', '.vscode',
]);
const SNIFF = /^(?:SECRET_KEY|INSTALLED_APPS|MIDDLEWARE|ALLOWED_HOSTS|DATABASES)\s*(?::[^=\n]*)?=/m;
const SNIFF_BYTES = 256 * 1024;
export function isSettingsName(absPath) {
    const name = basename(absPath);
    if (!name.endsWith('.py'))
        return false;
    if (name === 'settings.py' || /settings/i.test(name))
        return true;
    return basename(dirname(absPath)) === 'settings';
}
/** Reads the head of a file to see whether it assigns a core setting at module level. */
function sniff(absPath) {
    let fd;
    try {
        fd = openSync(absPath, constants.O_RDONLY | constants.O_NONBLOCK);
        const buffer = Buffer.alloc(SNIFF_BYTES);
        const n = readSync(fd, buffer, 0, SNIFF_BYTES, 0);
        return SNIFF.test(buffer.toString('latin1', 0, n));
    }
    catch {
        return false;
    }
    finally {
        if (fd !== undefined)
            closeSync(fd);
    }
}
export function discover(paths, cwd, extraExcludes = []) {
    const result = { candidates: [], named: new Set(), notes: [] };
    const roots = [];
    for (const p of paths) {
        const abs = resolve(cwd, p);
        if (!existsSync(abs) && !isDanglingLink(abs))
            throw new UsageError(`path does not exist: ${p}`);
        roots.push(abs);
    }
    const seen = new Set();
    const add = (file) => {
        if (!seen.has(file)) {
            seen.add(file);
            result.candidates.push(file);
        }
    };
    for (const root of roots) {
        let stat;
        try {
            stat = statSync(root);
        }
        catch {
            result.notes.push({ path: root, message: 'broken symlink, not followed' });
            continue;
        }
        if (stat.isDirectory()) {
            walk(root, roots, result, add, extraExcludes);
        }
        else if (stat.isFile()) {
            result.named.add(root);
            add(root);
        }
        else {
            result.notes.push({ path: root, message: 'not a regular file or directory, not opened' });
        }
    }
    return result;
}
function isDanglingLink(p) {
    try {
        return lstatSync(p).isSymbolicLink();
    }
    catch {
        return false;
    }
}
function walk(root, roots, result, add, extraExcludes) {
    const ignore = new GitIgnore();
    for (const pattern of extraExcludes)
        ignore.addPattern(pattern, root);
    // Iterative, so deep trees cannot overflow the stack.
    const stack = [root];
    while (stack.length > 0) {
        const dir = stack.pop();
        let entries;
        try {
            entries = readdirSync(dir, { withFileTypes: true });
        }
        catch (e) {
            result.notes.push({ path: dir, message: `cannot list directory: ${e.code ?? String(e)}` });
            continue;
        }
        if (entries.some((e) => e.name === 'pyvenv.cfg') && dir !== root)
            continue;
        ignore.enter(dir, entries);
        const subdirs = [];
        for (const entry of entries) {
            const full = join(dir, entry.name);
            if (entry.isSymbolicLink()) {
                if (entry.name.endsWith('.py') || isDirLink(full)) {
                    result.notes.push({ path: full, message: symlinkNote(full, roots) });
                }
                continue;
            }
            if (entry.isDirectory()) {
                if (SKIP_DIRS.has(entry.name) || entry.name.endsWith('.egg-info'))
                    continue;
                if (ignore.ignores(full, true))
                    continue;
                subdirs.push(full);
            }
            else if (entry.isFile()) {
                if (!entry.name.endsWith('.py'))
                    continue;
                if (ignore.ignores(full, false))
                    continue;
                if (isSettingsName(full) || sniff(full))
                    add(full);
            }
            // FIFOs, sockets and devices are never opened.
        }
        subdirs.sort().reverse();
        stack.push(...subdirs);
    }
    result.candidates.sort();
}
function isDirLink(p) {
    try {
        return statSync(p).isDirectory();
    }
    catch {
        return false;
    }
}
function symlinkNote(link, roots) {
    let target;
    try {
        // realpath fails on loops and dangling links: both are reported as not followed.
        target = realpathSync(link);
    }
    catch {
        return 'broken symlink, not followed';
    }
    const inside = roots.some((r) => !relative(r, target).startsWith('..'));
    return inside ? 'symlink, not followed (its target is scanned where it lives)' : 'symlink to outside the scanned paths, not followed';
}
