import { ruleDocsUrl } from './rule.js';
export function cweUrl(cwe) {
    return `https://cwe.mitre.org/data/definitions/${cwe.replace(/^CWE-/i, '')}.html`;
}
function severityBand(score) {
    const v = Number(score);
    return v >= 9 ? 'critical' : v >= 7 ? 'high' : v >= 4 ? 'medium' : 'low';
}
function factRows(rule) {
    const rows = [
        ['Code', `\`${rule.code}\``],
        ['Name', `\`${rule.name}\``],
        ['Default level', rule.level],
    ];
    if (rule.meta.djangoCheck)
        rows.push(['Django check', `\`${rule.meta.djangoCheck}\` (\`manage.py check --deploy\`)`]);
    if (rule.meta.cwe.length > 0)
        rows.push(['CWE', rule.meta.cwe.map((c) => `[${c}](${cweUrl(c)})`).join(', ')]);
    rows.push(['Security severity', `${rule.meta.securitySeverity} (${severityBand(rule.meta.securitySeverity)})`]);
    rows.push(['Precision', rule.meta.precision]);
    return rows;
}
function suppressSection(rule) {
    return [
        '## How to suppress',
        'On the line, or on a comment line directly above it, with a reason after ` -- `:',
        '',
        '```python',
        `SETTING = value  # djsec: ignore[${rule.code}] -- why this is acceptable here`,
        '```',
        '',
        `For a whole file, add \`"path/settings.py" = ["${rule.code}"]\` under \`[tool.djsec.per-file-ignores]\`;`,
        `everywhere, \`ignore = ["${rule.code}"]\` in \`[tool.djsec]\` or \`--ignore ${rule.code}\`.`,
    ].join('\n');
}
/** The Markdown page for docs/rules/ and SARIF help.markdown. */
export function ruleDocPage(rule) {
    const table = ['| | |', '|---|---|', ...factRows(rule).map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
    return [
        `<!-- Generated from rules/${rule.name}.ts by npm run docs. Do not edit. -->`,
        `# ${rule.code} ${rule.name}`,
        '',
        `${rule.meta.summary}.`,
        '',
        table,
        '',
        rule.meta.docs.trim(),
        '',
        suppressSection(rule),
        '',
    ].join('\n');
}
/** Plain-text help for SARIF help.text: the same content without Markdown markup. */
export function ruleHelpText(rule) {
    const facts = factRows(rule)
        .slice(2)
        .map(([k, v]) => `${k}: ${v.replace(/\[([^\]]+)\]\([^)]+\)/g, '$1').replace(/`/g, '')}`);
    const body = rule.meta.docs
        .trim()
        .split('\n')
        .filter((l) => !l.startsWith('```'))
        .map((l) => l.replace(/^## /, '').replace(/`/g, ''))
        .join('\n');
    return [`${rule.code} ${rule.name}: ${rule.meta.summary}.`, '', ...facts, '', body, '', `Suppress with: # djsec: ignore[${rule.code}] -- reason`, `Documentation: ${ruleDocsUrl(rule)}`].join('\n');
}
export function ruleDocFileName(rule) {
    return `${rule.code}-${rule.name}.md`;
}
/** The index page: one row per rule, linking its page. */
export function ruleIndexPage(rules) {
    const rows = rules.map((r) => `| [${r.code}](${ruleDocFileName(r)}) | ${r.name} | ${r.level} | ${r.meta.djangoCheck ? `\`${r.meta.djangoCheck}\`` : ''} | ${r.meta.summary} |`);
    return [
        '<!-- Generated from rules/ by npm run docs. Do not edit. -->',
        '# djsec rules',
        '',
        '| code | name | level | Django check | what |',
        '|---|---|---|---|---|',
        ...rows,
        '',
    ].join('\n');
}
/** Every generated file of docs/rules/, by file name. */
export function expectedDocs(rules) {
    const out = new Map([['README.md', ruleIndexPage(rules)]]);
    for (const rule of rules)
        out.set(ruleDocFileName(rule), ruleDocPage(rule));
    return out;
}
