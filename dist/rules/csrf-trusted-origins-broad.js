import { isConcrete } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { judge, seqItems, show, sourceClause } from '../src/rule-kit/rule-helpers.js';
import { isSharedHostingSuffix } from '../src/rule-kit/hosting-suffixes.js';
// Second-level registries of country-code domains: co.uk, com.au, ne.jp ...
const CCTLD_SECOND_LEVEL = /^(?:co|com|net|org|gov|edu|ac|or|ne|go|gob|mil|nom|ltd|plc)\.[a-z]{2}$/;
/** What is wrong with one CSRF_TRUSTED_ORIGINS entry, as Django 4.2's CsrfViewMiddleware reads it. */
function classify(origin) {
    // 4_0.E001, exactly as Django tests it.
    if (!origin.includes('://'))
        return { problem: 'noScheme' };
    const scheme = origin.slice(0, origin.indexOf('://')).toLowerCase();
    const netloc = origin.slice(origin.indexOf('://') + 3).split(/[/?#]/)[0];
    // Django strips leading '*' from the netloc and trusts subdomains of what is left.
    if (netloc.startsWith('*')) {
        const rest = netloc.replace(/^\*+/, '');
        const host = rest.replace(/:\d*$/, '').replace(/\.$/, '').toLowerCase();
        if (host === '')
            return { problem: 'bareWildcard' };
        if (host.startsWith('.') && isBroad(host.slice(1)))
            return { problem: 'broadWildcard', domain: host.slice(1) };
    }
    if (scheme === 'http')
        return { problem: 'http' };
    return undefined;
}
function isBroad(domain) {
    if (!domain.includes('.'))
        return true; // a top-level domain: *.com
    if (CCTLD_SECOND_LEVEL.test(domain))
        return true;
    // AWS service endpoints are shared by every customer at any depth (*.elb.amazonaws.com,
    // *.execute-api.us-east-1.amazonaws.com, *.s3.amazonaws.com ...).
    if (domain === 'amazonaws.com' || domain.endsWith('.amazonaws.com'))
        return true;
    return isSharedHostingSuffix(domain);
}
/** Offending entries on every possible value (a oneOf only when every branch has one). */
function hits(value) {
    const options = value.kind === 'oneOf' ? value.options : [value];
    const found = [];
    for (const option of options) {
        if (!isConcrete(option))
            return undefined; // unknown, or unassigned: Django's default [] is fine
        const here = hitsIn(option, value);
        if (here.length === 0)
            return undefined;
        found.push(...here);
    }
    return found;
}
function hitsIn(option, whole) {
    // A str is iterated character by character: no character contains '://'.
    if (typeof option.py === 'string')
        return option.py === '' ? [] : [{ verdict: { problem: 'notAList' }, option, origin: option.origin, value: whole }];
    const out = [];
    for (const item of seqItems(option.py) ?? []) {
        let found;
        // An entry that is a oneOf counts only when every branch is bad (the first branch's reason).
        const verdict = judge(item, (py) => {
            if (typeof py !== 'string')
                return undefined;
            const v = classify(py);
            found ??= v;
            return v !== undefined;
        });
        if (!verdict || !found || item.kind === 'unassigned')
            continue;
        out.push({ verdict: found, option: verdict.option, origin: item.origin ?? verdict.option.origin, value: whole.kind === 'known' ? item : whole });
    }
    return out;
}
export default defineRule({
    code: 'DJS405',
    name: 'csrf-trusted-origins-broad',
    level: 'error',
    meta: {
        summary: 'CSRF_TRUSTED_ORIGINS has an entry without scheme, over plain HTTP, or a wildcard over a shared domain',
        description: 'CSRF_TRUSTED_ORIGINS lists the origins allowed to send unsafe requests. Entries without a scheme are rejected by Django 4.0+ (4_0.E001) and match nothing; http:// entries and wildcards over public or shared hosting domains let pages an attacker controls pass the CSRF origin check.',
        djangoCheck: '4_0.E001',
        cwe: ['CWE-352'],
        securitySeverity: '6.5',
        precision: 'high',
        messages: {
            noScheme: "CSRF_TRUSTED_ORIGINS entry {{origin}}{{source}} has no scheme: Django 4.0+ reports 4_0.E001 and the entry never matches a request. Write the full origin, e.g. 'https://www.example.com'.",
            notAList: 'CSRF_TRUSTED_ORIGINS is the string {{origin}}{{source}}: Django iterates it character by character and reports 4_0.E001 for each (no character has a scheme). Use a list, e.g. CSRF_TRUSTED_ORIGINS = ["https://www.example.com"].',
            http: "CSRF_TRUSTED_ORIGINS trusts {{origin}}{{source}} over plain HTTP: anyone on the network path can inject a page into that origin and send requests that pass Django's CSRF origin check. Trust only https:// origins.",
            broadWildcard: "CSRF_TRUSTED_ORIGINS entry {{origin}}{{source}} trusts every subdomain of {{domain}}, where anyone can get a name: a page on an attacker's subdomain passes Django's CSRF origin check. List your own origins, e.g. 'https://app.example.com'.",
            bareWildcard: "CSRF_TRUSTED_ORIGINS entry {{origin}}{{source}} asks to trust every host (Django 4.2 matches no host for a bare '*', so today it only states that intent). Remove it and list your own origins, e.g. 'https://app.example.com'.",
        },
        docs: `
## What it does
Flags entries of \`CSRF_TRUSTED_ORIGINS\` that are:
- without a scheme (\`"example.com"\`): exactly what Django 4.0+ reports as \`4_0.E001\` (a plain
  \`check\` error, not only \`--deploy\`); a string instead of a list is reported too, as Django does;
- \`http://\` origins;
- wildcards over a top-level or public suffix (\`https://*.com\`, \`https://*.co.uk\`), over shared
  hosting domains (\`https://*.amazonaws.com\`, \`https://*.herokuapp.com\`, \`https://*.vercel.app\`),
  or a bare \`https://*\`.

The rule mirrors Django's \`4_0.E001\` (its \`djangoCheck\`): it fires on every entry Django
rejects. The other two kinds go beyond Django, and their messages cite no Django check.
Environment defaults count (\`env.list("CSRF_TRUSTED_ORIGINS", default=[...])\`), and the finding
points at the offending entry.

## Why is this bad?
Since Django 4.0 an entry without a scheme matches nothing, so the form that depended on it fails
with 403 in production. An \`http://\` origin can be impersonated by anyone on the network path,
and a wildcard over a domain where anyone can register a name (\`*.herokuapp.com\`) trusts every
other tenant: their pages can post forms that pass Django's CSRF origin check.

## Example
\`\`\`python
CSRF_TRUSTED_ORIGINS = ["example.com", "https://*.herokuapp.com"]
\`\`\`

Use instead:
\`\`\`python
CSRF_TRUSTED_ORIGINS = ["https://example.com", "https://myapp.herokuapp.com"]
\`\`\`
`,
    },
    check(ctx) {
        const origins = ctx.get('CSRF_TRUSTED_ORIGINS');
        if (origins === undefined)
            return;
        for (const hit of hits(origins) ?? []) {
            const data = { origin: show(hit.option.py), source: sourceClause(hit.value), domain: hit.verdict.domain ?? '' };
            // Only the missing-scheme cases are Django's 4_0.E001; http:// and broad wildcards go further.
            const mirrors = hit.verdict.problem === 'noScheme' || hit.verdict.problem === 'notAList';
            ctx.report({ messageId: hit.verdict.problem, value: hit.value, origin: hit.origin, data, djangoCheck: mirrors ? undefined : null });
        }
    },
});
