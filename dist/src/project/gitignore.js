import { readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
export class GitIgnore {
    patterns = [];
    /** Loads the .gitignore of a directory, if it has one (called as the walk enters it); false when it has one that cannot be read. */
    enter(dir, entries) {
        if (!entries.some((e) => e.name === '.gitignore' && e.isFile()))
            return true;
        let text;
        try {
            text = readFileSync(join(dir, '.gitignore'), 'utf8');
        }
        catch {
            return false;
        }
        for (const line of text.split(/\r?\n/))
            this.addPattern(line, dir);
        return true;
    }
    addPattern(line, base) {
        let p = line.replace(/(?<!\\)\s+$/, '');
        if (!p || p.startsWith('#'))
            return;
        const negate = p.startsWith('!');
        if (negate)
            p = p.slice(1);
        const dirOnly = p.endsWith('/');
        if (dirOnly)
            p = p.slice(0, -1);
        const anchored = p.includes('/');
        if (p.startsWith('/'))
            p = p.slice(1);
        const body = globToRegex(p);
        const regex = new RegExp(anchored ? `^${body}$` : `(^|/)${body}$`);
        this.patterns.push({ base, prefix: base.endsWith(sep) ? base : base + sep, regex, negate, dirOnly });
    }
    ignores(absPath, isDir) {
        let ignored = false;
        for (const p of this.patterns) {
            if (p.dirOnly && !isDir)
                continue;
            // The walk hands us normalized absolute paths: a prefix test is path.relative without its cost.
            if (!absPath.startsWith(p.prefix))
                continue;
            const rel = absPath.slice(p.prefix.length);
            if (p.regex.test(sep === '/' ? rel : rel.split(sep).join('/')))
                ignored = !p.negate;
        }
        return ignored;
    }
}
function globToRegex(glob) {
    let out = '';
    for (let i = 0; i < glob.length; i++) {
        const c = glob[i];
        if (c === '*') {
            if (glob[i + 1] === '*') {
                const slash = glob[i + 2] === '/';
                out += slash ? '(?:.*/)?' : '.*';
                i += slash ? 2 : 1;
            }
            else {
                out += '[^/]*';
            }
        }
        else if (c === '?') {
            out += '[^/]';
        }
        else if (c === '[') {
            const end = glob.indexOf(']', i + 1);
            if (end < 0)
                out += '\\[';
            else {
                out += '[' + glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
                i = end;
            }
        }
        else if (c === '\\' && i + 1 < glob.length) {
            out += '\\' + glob[++i];
        }
        else {
            out += c.replace(/[.+^${}()|\\]/g, '\\$&');
        }
    }
    return out;
}
