// Python `re` patterns as JavaScript RegExps, for rules that must know what a regex setting
// accepts (SECURE_REDIRECT_EXEMPT is tested with re.search). Covers the syntax both engines share
// plus Python's leading inline flags, (?P<name>...), (?P=name), \A, \Z and {,n}; anything
// JavaScript rejects, or verbose mode, gives undefined: the pattern stays unjudged.
/** A RegExp that matches like Python: 'match' anchors at the start (re.match), 'search' does not. */
export function pythonRegex(pattern, mode) {
    let flags = mode === 'match' ? 'y' : '';
    let src = pattern;
    const inline = /^\(\?([aiLmsux]+)\)/.exec(src);
    if (inline) {
        if (inline[1].includes('x'))
            return undefined; // verbose mode: whitespace and comments
        for (const f of ['i', 's', 'm'])
            if (inline[1].includes(f))
                flags += f;
        src = src.slice(inline[0].length);
    }
    let out = '';
    let inClass = false;
    for (let i = 0; i < src.length; i++) {
        const ch = src[i];
        if (ch === '\\' && i + 1 < src.length) {
            const next = src[++i];
            out += next === 'A' && !inClass ? '^' : next === 'Z' && !inClass ? '$' : `\\${next}`;
            continue;
        }
        if (inClass) {
            if (ch === ']')
                inClass = false;
            out += ch;
            continue;
        }
        if (ch === '[')
            inClass = true;
        if (src.startsWith('(?P<', i)) {
            out += '(?<';
            i += 3;
            continue;
        }
        const backref = /^\(\?P=(\w+)\)/.exec(src.slice(i));
        if (backref) {
            out += `\\k<${backref[1]}>`;
            i += backref[0].length - 1;
            continue;
        }
        out += ch === '{' && src[i + 1] === ',' ? '{0' : ch;
    }
    try {
        return new RegExp(out, flags);
    }
    catch {
        return undefined;
    }
}
/** True when the pattern matches every probe (re.match or re.search), undefined when untranslatable. */
export function matchesAll(pattern, mode, probes) {
    const regex = pythonRegex(pattern, mode);
    if (!regex)
        return undefined;
    return probes.every((p) => {
        regex.lastIndex = 0;
        return regex.test(p);
    });
}
