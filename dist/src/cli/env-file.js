// dotenv syntax for --dotenv and KEY=VALUE for --env: comments, `export`, quotes, escapes in
// double quotes. Values are data, never expanded or executed.
export function parseEnvPair(pair) {
    const eq = pair.indexOf('=');
    if (eq <= 0)
        return undefined;
    const key = pair.slice(0, eq).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key))
        return undefined;
    return [key, pair.slice(eq + 1)];
}
export function parseEnvFile(text) {
    const out = new Map();
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i].trim();
        if (!line || line.startsWith('#'))
            continue;
        const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
        if (!m)
            continue;
        const [, key, rawValue] = m;
        let value = rawValue;
        const quote = value[0];
        if (quote === '"' || quote === "'" || quote === '`') {
            let body = value.slice(1);
            // A quoted value may span lines until its closing quote.
            while (!body.includes(quote) && i + 1 < lines.length)
                body += '\n' + lines[++i];
            const end = body.indexOf(quote);
            value = end >= 0 ? body.slice(0, end) : body;
            if (quote === '"')
                value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r').replace(/\\t/g, '\t').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
        }
        else {
            value = value.replace(/\s+#.*$/, '').trim();
        }
        out.set(key, value);
    }
    return out;
}
