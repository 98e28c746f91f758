import { closeSync, existsSync, lstatSync, openSync, readSync, readdirSync, realpathSync, statSync, constants } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { errnoMessage } from '../errno-message.js';
import { GitIgnore } from './gitignore.js';
import { evidenceFileKind } from './evidence.js';
import { isRequirementsFile } from './django-version.js';
import { isInfraFile, isTemplateName, looksLikeTemplate } from '../infra/files.js';
import { TreeSnapshots, WalkRecorder } from './tree-snapshot.js';
const SKIP_DIRS = new Set([
    '.git', '.hg', '.svn', 'node_modules', '.venv', 'venv', 'env', '.env', 'virtualenv', '.virtualenv', 'site-packages',
    'dist-packages', 'migrations', '__pycache__', '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache', 'build',
    '.eggs', 'bower_components', '.idea', '.vscode',
    // Terraform's copies of registry modules: not the repository's own infrastructure (opaque).
    '.terraform',
    // SAM's build output: copies of the template beside the code it packaged.
    '.aws-sam',
]);
const SNIFF = /^(?:SECRET_KEY|INSTALLED_APPS|MIDDLEWARE|ALLOWED_HOSTS|DATABASES)\s*(?::[^=\n]*)?=/m;
// An override module (production.py: `from .base import *` plus a few settings) names none of the
// core settings: a module-level relative star import together with a security setting marks it.
const STAR_IMPORT = /^from\s+\.[\w.]*\s+import\s+\*/m;
const OVERRIDE = /^(?:DEBUG|SECURE_[A-Z_]+|SESSION_COOKIE_[A-Z_]+|CSRF_[A-Z_]+|X_FRAME_OPTIONS|CORS_[A-Z_]+|AWS_[A-Z_]+)\s*(?::[^=\n]*)?[+]?=/m;
// Class-based settings: a django-configurations import with a class statement, or a class loaded
// into the module (`Prod.load_settings(__name__)`).
const CONFIGURATIONS = /^(?:from\s+configurations\s+import\b|import\s+configurations\b)/m;
const CLASS_STATEMENT = /^class\s+\w+\s*\(/m;
const CLASS_LOADED = /^[A-Za-z_]\w*\.\w+\(\s*__name__\s*\)\s*$/m;
const SNIFF_BYTES = 256 * 1024;
export function isSettingsName(absPath) {
    const name = basename(absPath);
    if (!name.endsWith('.py'))
        return false;
    if (name === 'settings.py' || /settings/i.test(name))
        return true;
    return basename(dirname(absPath)) === 'settings';
}
// One buffer for every sniff: allocating (and zeroing) 256 KB per .py file cost more than the reads.
let sniffBuffer;
/** The first SNIFF_BYTES of a file as Latin-1 text, or undefined when it cannot be read. */
function readHead(absPath) {
    let fd;
    try {
        fd = openSync(absPath, constants.O_RDONLY | constants.O_NONBLOCK);
        const buffer = (sniffBuffer ??= Buffer.allocUnsafe(SNIFF_BYTES));
        const n = readSync(fd, buffer, 0, SNIFF_BYTES, 0);
        return buffer.toString('latin1', 0, n);
    }
    catch {
        return undefined;
    }
    finally {
        if (fd !== undefined)
            closeSync(fd);
    }
}
/** The head of a file, its stamp taken first when the walk is recorded (a head that cannot be read is not covered). */
function recordedHead(absPath, recorder) {
    recorder?.beforeRead(absPath);
    const head = readHead(absPath);
    if (head === undefined)
        recorder?.uncover();
    return head;
}
/** Reads the head of a file to see whether it assigns a core setting at module level. */
function sniff(absPath, recorder) {
    const head = recordedHead(absPath, recorder);
    if (head === undefined)
        return false;
    return SNIFF.test(head) || (STAR_IMPORT.test(head) && OVERRIDE.test(head)) || (CONFIGURATIONS.test(head) && CLASS_STATEMENT.test(head)) || CLASS_LOADED.test(head);
}
/** A CloudFormation/SAM template: a template's name, and its head reads like one (never parsed here). */
function isTemplate(absPath, recorder) {
    if (!isTemplateName(absPath))
        return false;
    const head = recordedHead(absPath, recorder);
    return head !== undefined && looksLikeTemplate(head);
}
/** `snapshots`: the results cache's tree snapshots (src/project/tree-snapshot.ts); a folder root's walk is reused when its stamps hold, else walked and recorded. */
export function discover(paths, cwd, extraExcludes = [], snapshots) {
    const result = { candidates: [], named: new Set(), notes: [], evidence: [], infra: [] };
    const roots = [];
    for (const p of paths) {
        const abs = resolve(cwd, p);
        if (!existsSync(abs) && !isLink(abs))
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
        catch (e) {
            result.notes.push({ path: root, message: brokenLinkNote(e) });
            continue;
        }
        if (stat.isDirectory()) {
            const found = walkOrRecall(root, roots, extraExcludes, snapshots);
            for (const c of found.candidates)
                add(c);
            result.evidence.push(...found.evidence);
            result.infra.push(...found.infra);
            result.notes.push(...found.notes);
            result.candidates.sort();
            result.evidence.sort();
            result.infra.sort();
        }
        else if (stat.isFile()) {
            // A named symlink is linted as its target: modules are opened without following links.
            const file = isLink(root) ? realpathSync(root) : root;
            if (isInfraFile(file) || isTemplate(file)) {
                result.infra.push(file);
                continue;
            }
            result.named.add(file);
            add(file);
        }
        else {
            result.notes.push({ path: root, message: 'not a regular file or directory, not opened' });
        }
    }
    return result;
}
function isLink(p) {
    try {
        return lstatSync(p).isSymbolicLink();
    }
    catch {
        return false;
    }
}
function brokenLinkNote(e) {
    return e?.code === 'ELOOP' ? 'symlink loop, not followed' : 'broken symlink, not followed';
}
/** A folder root's walk: recalled from its snapshot when every stamp holds, else walked (and recorded when covered). */
function walkOrRecall(root, roots, extraExcludes, snapshots) {
    if (!snapshots)
        return walk(root, roots, extraExcludes, undefined);
    const key = TreeSnapshots.key(root, roots, extraExcludes);
    const recalled = snapshots.recall(key, root);
    if (recalled)
        return recalled;
    const recorder = new WalkRecorder(root, snapshots.startedAtNs);
    const found = walk(root, roots, extraExcludes, recorder);
    snapshots.record(key, recorder.snapshot(found));
    return found;
}
/** Walks a folder root, in walk order (discover sorts); `recorder` takes the stamps of what it lists and reads. */
function walk(root, roots, extraExcludes, recorder) {
    const result = { candidates: [], evidence: [], infra: [], notes: [] };
    const add = (file) => result.candidates.push(file);
    const ignore = new GitIgnore();
    for (const pattern of extraExcludes)
        ignore.addPattern(pattern, root);
    // Iterative, so deep trees cannot overflow the stack.
    const stack = [root];
    while (stack.length > 0) {
        const dir = stack.pop();
        let entries;
        // Stamped before it is listed: a change after the stamp shows on the next run.
        const stamp = recorder?.folderStamp(dir);
        try {
            entries = readdirSync(dir, { withFileTypes: true });
        }
        catch (e) {
            recorder?.uncover();
            result.notes.push({ path: dir, message: `cannot list directory: ${errnoMessage(e)}` });
            continue;
        }
        if (entries.some((e) => e.name === 'pyvenv.cfg') && dir !== root) {
            recorder?.listed(dir, stamp, undefined);
            continue;
        }
        recorder?.listed(dir, stamp, entries);
        const gitignore = recorder && entries.some((e) => e.name === '.gitignore' && e.isFile()) ? join(dir, '.gitignore') : undefined;
        if (gitignore)
            recorder.beforeRead(gitignore);
        if (!ignore.enter(dir, entries))
            recorder?.uncover();
        const subdirs = [];
        for (const entry of entries) {
            const full = join(dir, entry.name);
            if (entry.isSymbolicLink()) {
                const note = symlinkNote(full, roots);
                if (entry.name.endsWith('.py') || note.loop || isDirLink(full))
                    result.notes.push({ path: full, message: note.message });
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
                // Requirement files join the evidence: the Django they pin (django-version.ts), keyed by the results cache like the rest.
                const evidence = evidenceFileKind(full) !== undefined || isRequirementsFile(full);
                const infra = isInfraFile(full);
                const template = !infra && isTemplateName(full);
                if ((!evidence && !infra && !template && !entry.name.endsWith('.py')) || ignore.ignores(full, false))
                    continue;
                if (evidence)
                    result.evidence.push(full);
                if (infra || (template && isTemplate(full, recorder)))
                    result.infra.push(full);
                if (!entry.name.endsWith('.py'))
                    continue;
                if (isSettingsName(full) || sniff(full, recorder))
                    add(full);
            }
            else if (entry.name.endsWith('.py')) {
                // FIFOs, sockets and devices are never opened (a read could block or never end).
                result.notes.push({ path: full, message: 'not a regular file (FIFO, socket or device), not opened' });
            }
        }
        subdirs.sort().reverse();
        stack.push(...subdirs);
    }
    return result;
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
    catch (e) {
        const message = brokenLinkNote(e);
        return { message, loop: message.startsWith('symlink loop') };
    }
    const inside = roots.some((r) => !relative(r, target).startsWith('..'));
    return { message: inside ? 'symlink, not followed (its target is scanned where it lives)' : 'symlink to outside the scanned paths, not followed', loop: false };
}
