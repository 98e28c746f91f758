// Paths as GitHub reads them: relative to the repository root (the git top level), with `/`
// separators, through symlinks resolved. Found by looking for `.git` (a folder, or a file in
// worktrees and submodules) upwards from the working directory, without running git; outside a
// repository the working directory is the root.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
export function findRepoRoot(cwd) {
    for (let d = resolve(cwd);; d = dirname(d)) {
        if (existsSync(join(d, '.git')))
            return d;
        if (dirname(d) === d)
            return resolve(cwd);
    }
}
function real(p) {
    try {
        return realpathSync(p);
    }
    catch {
        // Not on disk (--stdin-filename): resolve the folder it would live in.
        const parent = dirname(p);
        return parent === p ? p : join(real(parent), p.slice(parent.length + 1));
    }
}
/** Maps a display path (relative to cwd) to a path relative to the repository root. */
export function repoPathMapper(cwd, root = findRepoRoot(cwd)) {
    const realRoot = real(root);
    return (displayPath) => {
        const abs = real(resolve(cwd, displayPath));
        const rel = relative(realRoot, abs);
        return (isAbsolute(rel) ? abs : rel).split(sep).join('/');
    };
}
