// Path patterns for `exclude` and `per-file-ignores`, with .gitignore's reading: a pattern without
// `/` matches a file or folder name anywhere (`*_local.py`, `legacy`); one with `/` is anchored
// to the config file's folder (`mysite/settings/old.py`, `**/tests/**`). A pattern that matches a
// folder matches everything beneath it. `*` and `?` stay inside one path segment; `**` crosses them.

export interface PathPattern {
  source: string;
  test(relPath: string): boolean;
}

export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') {
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) out += '\\[';
      else {
        out += '[' + glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = end;
      }
    } else {
      out += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
    }
  }
  return new RegExp(`^${out}$`);
}

export function pathPattern(source: string): PathPattern {
  let glob = source.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  const anchored = glob.includes('/');
  glob = glob.replace(/^\//, '');
  const regex = globToRegExp(glob);
  return {
    source,
    test(relPath: string): boolean {
      const segments = relPath.split('/').filter((s) => s !== '' && s !== '.');
      if (anchored) {
        if (segments[0] === '..') return false;
        for (let k = 1; k <= segments.length; k++) if (regex.test(segments.slice(0, k).join('/'))) return true;
        return false;
      }
      return segments.some((s) => s !== '..' && regex.test(s));
    },
  };
}
