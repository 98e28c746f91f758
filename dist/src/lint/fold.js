import { LEVEL_RANK } from '../finding.js';
/** Codes that can describe one root cause, most telling first (the survivor among equals). */
const FOLD_GROUPS = [
    ['DJS201', 'DJS203', 'DJS202'],
    ['DJS101', 'DJS102', 'DJS104'],
];
/** The part of a message before its advice: "SECRET_KEY 's…' (5 chars) is shorter than 50 characters". */
function gist(message) {
    const cut = message.search(/: |\. /);
    return cut > 0 ? message.slice(0, cut) : message.replace(/\.$/, '');
}
export function foldRootCauses(findings) {
    const byPlace = new Map();
    findings.forEach((f, i) => {
        const key = `${f.file}\u0000${f.line}\u0000${f.entry ?? ''}`;
        const list = byPlace.get(key);
        if (list)
            list.push(i);
        else
            byPlace.set(key, [i]);
    });
    const dropped = new Set();
    const replaced = new Map();
    for (const indexes of byPlace.values()) {
        if (indexes.length < 2)
            continue;
        for (const group of FOLD_GROUPS) {
            const members = indexes.filter((i) => group.includes(findings[i].code) && !dropped.has(i));
            if (members.length < 2)
                continue;
            const rank = (i) => LEVEL_RANK[findings[i].level] * 100 - group.indexOf(findings[i].code);
            const primary = members.reduce((best, i) => (rank(i) > rank(best) ? i : best));
            const others = members.filter((i) => i !== primary).map((i) => findings[i]);
            const first = replaced.get(primary) ?? findings[primary];
            const checks = [...new Set([first.djangoCheck, ...(first.djangoChecks ?? []), ...others.map((o) => o.djangoCheck)].filter((c) => c !== undefined))];
            replaced.set(primary, {
                ...first,
                message: `${first.message} Also ${others.map((o) => `${o.code} (${o.name}): ${gist(o.message)}`).join('; ')}.`,
                djangoCheck: first.djangoCheck ?? checks[0],
                ...(checks.length > 0 ? { djangoChecks: checks } : {}),
                folded: [...(first.folded ?? []), ...others.map((o) => ({ code: o.code, name: o.name, level: o.level, message: o.message, ...(o.djangoCheck ? { djangoCheck: o.djangoCheck } : {}) }))],
                secret: first.secret || others.some((o) => o.secret) || undefined,
            });
            for (const i of members)
                if (i !== primary)
                    dropped.add(i);
        }
    }
    return findings.flatMap((f, i) => (dropped.has(i) ? [] : [replaced.get(i) ?? f]));
}
