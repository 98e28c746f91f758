import { judgedClassEntries } from '../lint/class-entries.js';
import { safeRepr } from '../rule-kit/secrets.js';
/** `env DJANGO_DEBUG, default True  base.py:7` — value, how it was obtained, where. */
function describe(name, v) {
    const at = (o) => (o ? `${o.file}:${o.line}` : '');
    switch (v.kind) {
        case 'known':
            return `${safeRepr(v.py, name)}  literal  ${at(v.origin)}${chosenBy(name, v.world)}`;
        case 'env': {
            const deployed = v.env.filter((e) => e.deployed).map((e) => e.name);
            const unset = v.env.filter((e) => !e.deployed && !e.branch).map((e) => e.name);
            const how = unset.length > 0 ? `env ${unset.join(', ')}, default ${safeRepr(v.py, name)}` : deployed.length > 0 ? `env ${deployed.join(', ')} as deployed: ${safeRepr(v.py, name)}` : safeRepr(v.py, name);
            return `${how}  ${at(v.origin)}${chosenBy(name, v.env)}`;
        }
        case 'oneOf':
            return `one of ${v.options.map((o) => (o.kind === 'unassigned' ? 'unassigned' : describe(name, o).split('  ')[0])).join(' | ')}  (undecidable branches)`;
        case 'unknown':
            return `unknown: ${v.reason}  ${at(v.origin)}`;
        case 'unassigned':
            return 'unassigned (Django default)';
    }
}
/** `  (default world: LOCAL_DEV unset takes the else of `if os.getenv(...)` at s.py:8; otherwise True)`. */
function chosenBy(name, sources) {
    const branch = sources?.find((e) => e.branch);
    if (!branch?.branch)
        return '';
    const names = [...new Set(sources.filter((e) => e.branch && !e.deployed).map((e) => e.name))].join(', ');
    const other = branch.otherwise ? `; otherwise ${branch.otherwise.kind === 'unassigned' ? 'unassigned (Django default)' : describe(name, branch.otherwise).split('  ')[0]}` : '';
    return `  (default world: ${names} unset, by \`if ${branch.condition ?? '...'}\` at ${branch.branch.file}:${branch.branch.line}${other})`;
}
export function printSettings(result) {
    const out = [];
    for (const evaluation of result.evaluations.values()) {
        if (!result.entries.includes(evaluation.module.file))
            continue;
        // A module of django-configurations classes: each class that deploys, with its chain.
        const classes = judgedClassEntries(evaluation);
        const judged = classes ? classes.map((c) => ({ settings: c.settings, title: `class ${c.entry.chain.join(' → ')}` })) : [{ settings: evaluation, title: undefined }];
        const role = result.roles.find((r) => r.file === evaluation.module.file);
        for (const { settings, title } of judged) {
            out.push(`# ${evaluation.module.file}${title ? ` (${title})` : ''}`);
            if (role)
                out.push(`#   ${role.role}: ${role.reason}`);
            if (evaluation.files.length > 1)
                out.push(`#   reads: ${evaluation.files.map((f) => result.evaluations.get(f)?.module.file ?? f).join(' → ')}`);
            const names = [...settings.ns.keys()].filter((n) => /^[A-Z][A-Z0-9_]*$/.test(n)).sort();
            const width = Math.min(40, Math.max(0, ...names.map((n) => n.length)));
            for (const name of names)
                out.push(`${name.padEnd(width)}  ${describe(name, settings.ns.get(name))}`);
            out.push('');
        }
    }
    return out.join('\n');
}
