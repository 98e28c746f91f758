import { safeRepr } from './secrets.js';
function describe(name, v) {
    const at = (o) => (o ? `${o.file}:${o.line}` : '');
    switch (v.kind) {
        case 'known':
            return `${safeRepr(v.py, name)}  literal  ${at(v.origin)}`;
        case 'env': {
            const vars = v.env.map((e) => (e.deployed ? `${e.name} (deployed)` : `${e.name}, default ${e.defaultOrigin ? `at ${at(e.defaultOrigin)}` : 'built in'}`));
            return `${safeRepr(v.py, name)}  env ${vars.join('; ')}  ${at(v.origin)}`;
        }
        case 'oneOf':
            return `one of: ${v.options.map((o) => describe(name, o).split('  ')[0]).join(' | ')}  branches  ${at(v.origin)}`;
        case 'unknown':
            return `unknown (${v.reason})  ${at(v.origin)}`;
        case 'unassigned':
            return 'unassigned (Django default)';
    }
}
export function printSettings(result) {
    const out = [];
    for (const evaluation of result.evaluations.values()) {
        if (!result.entries.includes(evaluation.module.file))
            continue;
        out.push(`# ${evaluation.module.file}`);
        if (evaluation.files.length > 1)
            out.push(`#   reads: ${evaluation.files.map((f) => result.evaluations.get(f)?.module.file ?? f).join(' → ')}`);
        const names = [...evaluation.ns.keys()].filter((n) => /^[A-Z][A-Z0-9_]*$/.test(n)).sort();
        const width = Math.min(40, Math.max(0, ...names.map((n) => n.length)));
        for (const name of names)
            out.push(`${name.padEnd(width)}  ${describe(name, evaluation.ns.get(name))}`);
        out.push('');
    }
    return out.join('\n');
}
