// Python literal syntax: string escapes and number literals.
/** Decodes the escapes of a non-raw Python string body. Returns undefined for \N{...}. */
export function decodeEscapes(raw, bytes) {
    if (!raw.includes('\\'))
        return raw;
    let out = '';
    for (let i = 0; i < raw.length; i++) {
        const ch = raw[i];
        if (ch !== '\\' || i + 1 >= raw.length) {
            out += ch;
            continue;
        }
        const next = raw[++i];
        switch (next) {
            case '\n':
                break;
            case '\\':
            case "'":
            case '"':
                out += next;
                break;
            case 'a':
                out += '\x07';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'v':
                out += '\v';
                break;
            case 'x': {
                const hex = raw.slice(i + 1, i + 3);
                if (!/^[0-9a-fA-F]{2}$/.test(hex))
                    return undefined;
                out += String.fromCharCode(parseInt(hex, 16));
                i += 2;
                break;
            }
            case 'u':
            case 'U': {
                if (bytes) {
                    out += '\\' + next;
                    break;
                }
                const len = next === 'u' ? 4 : 8;
                const hex = raw.slice(i + 1, i + 1 + len);
                if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex))
                    return undefined;
                const code = parseInt(hex, 16);
                if (code > 0x10ffff)
                    return undefined;
                out += String.fromCodePoint(code);
                i += len;
                break;
            }
            case 'N':
                return undefined;
            default:
                if (next >= '0' && next <= '7') {
                    let oct = next;
                    while (oct.length < 3 && raw[i + 1] >= '0' && raw[i + 1] <= '7')
                        oct += raw[++i];
                    out += String.fromCharCode(parseInt(oct, 8));
                }
                else {
                    out += '\\' + next;
                }
        }
    }
    return out;
}
/** A Python int literal (with underscores, 0x/0o/0b) as a bigint. */
export function parseIntLiteral(text) {
    const clean = text.replace(/_/g, '').toLowerCase();
    if (clean.endsWith('j') || clean.endsWith('l'))
        return undefined;
    // Past this many digits the value is over MAX_INT_BITS anyway, and BigInt parsing is superlinear.
    if (clean.length > 4300)
        return undefined;
    try {
        if (/^0[xob]/.test(clean))
            return BigInt(clean);
        if (/^[0-9]+$/.test(clean))
            return BigInt(clean);
    }
    catch {
        return undefined;
    }
    return undefined;
}
export function parseFloatLiteral(text) {
    const clean = text.replace(/_/g, '').toLowerCase();
    if (clean.endsWith('j'))
        return undefined;
    const n = Number(clean);
    return Number.isNaN(n) ? undefined : n;
}
