import { weakestConfidence } from '../src/rule-kit/django-checks.js';
import { UNASSIGNED, isConcrete, pyTruthy } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { judge, member, seqItems, sourceClause } from '../src/rule-kit/rule-helpers.js';
/** Sources that let any host's scripts run: '*' and bare schemes. */
const ANY_HOST = new Set(['*', 'http:', 'https:', 'data:']);
/** Where source constants live: Django 6's django.utils.csp.CSP enum and django-csp 4's csp.constants. */
const CONSTANT_PREFIXES = ['django.utils.csp.CSP.', 'csp.constants.'];
/** The source expression a CSP constant stands for: CSP.UNSAFE_INLINE → 'unsafe-inline'. */
function constantSource(qname) {
    const prefix = CONSTANT_PREFIXES.find((p) => qname.startsWith(p));
    if (!prefix)
        return undefined;
    const name = qname.slice(prefix.length);
    return name === 'NONCE' ? "'nonce'" : `'${name.toLowerCase().replace(/_/g, '-')}'`;
}
/** The source expressions of one directive value (list items or a space-separated str); undefined if any is unknown. */
function sourcesOf(py) {
    if (typeof py === 'string')
        return py.split(/\s+/).filter((s) => s !== '');
    const items = seqItems(py);
    if (!items)
        return []; // True (a directive without sources) or something Django would str()
    const out = [];
    for (const item of items) {
        if (!isConcrete(item))
            return undefined;
        const one = itemSources(item.py);
        if (one === undefined)
            return undefined;
        out.push(...one);
    }
    return out;
}
function itemSources(py) {
    if (typeof py === 'string')
        return py.split(/\s+/).filter((s) => s !== '');
    if (typeof py === 'object' && py !== null && py.t === 'ref') {
        const source = constantSource(py.qname);
        return source === undefined ? undefined : [source];
    }
    return undefined;
}
/**
 * The first unsafe source of a script directive, after what browsers ignore: a hash or
 * 'strict-dynamic' makes CSP2+ browsers ignore 'unsafe-inline', and 'strict-dynamic' makes them
 * ignore host and scheme sources. A nonce does not count: Django and django-csp add it only to
 * responses whose template used it.
 */
function unsafeSource(sources) {
    const lower = sources.map((s) => s.toLowerCase());
    const strictDynamic = lower.includes("'strict-dynamic'");
    const hashed = lower.some((s) => /^'sha(256|384|512)-/.test(s));
    const evalAt = lower.indexOf("'unsafe-eval'");
    if (evalAt >= 0)
        return { problem: 'unsafeEval', source: sources[evalAt] };
    const inlineAt = lower.indexOf("'unsafe-inline'");
    if (inlineAt >= 0 && !strictDynamic && !hashed)
        return { problem: 'unsafeInline', source: sources[inlineAt] };
    const anyAt = lower.findIndex((s) => ANY_HOST.has(s));
    if (anyAt >= 0 && !strictDynamic)
        return { problem: 'wildcard', source: sources[anyAt] };
    return undefined;
}
function isUnsafe(py) {
    const sources = sourcesOf(py);
    return sources === undefined ? undefined : unsafeSource(sources) !== undefined;
}
/**
 * The list item that carries `source`, when it is written inside the list (a constant such as
 * UNSAFE_INLINE keeps the origin of its import); the directive value otherwise.
 */
function locate(verdict, source) {
    const list = verdict.value.kind === 'known' ? verdict.value.origin : undefined;
    if (!list)
        return verdict.value;
    const items = (seqItems(verdict.option.py) ?? []).filter(isConcrete);
    const found = items.find((i) => (itemSources(i.py) ?? []).includes(source));
    return found?.origin && within(found.origin, list) ? found : verdict.value;
}
function within(inner, outer) {
    const before = (a, line, column) => a.line < line || (a.line === line && a.column <= column);
    return inner.file === outer.file && before(outer, inner.line, inner.column) && (inner.endLine < outer.endLine || (inner.endLine === outer.endLine && inner.endColumn <= outer.endColumn));
}
export default defineRule({
    code: 'DJS316',
    name: 'csp-unsafe-source',
    level: 'warning',
    meta: {
        summary: "The Content-Security-Policy lets inline, eval'd or any host's scripts run",
        description: "A CSP whose script-src (or default-src, when script-src is absent) allows 'unsafe-inline', 'unsafe-eval', '*' or a bare scheme no longer stops injected scripts, which is most of what a CSP is for.",
        cwe: ['CWE-79'],
        securitySeverity: '5.4',
        precision: 'high',
        messages: {
            unsafeInline: "{{where}} allows {{source}}{{from}}: any inline <script> or on* attribute runs, so an HTML injection anywhere becomes cross-site scripting. Move inline scripts to files, or give them a nonce ({{nonceHint}}) or a hash; keep 'unsafe-inline' only as a fallback for old browsers next to 'strict-dynamic'.",
            unsafeEval: "{{where}} allows {{source}}{{from}}: eval(), new Function() and string timers run, so a string an attacker gets into a script becomes code. Remove it and replace the code that needs eval (for WebAssembly use 'wasm-unsafe-eval').",
            wildcard: "{{where}} allows {{source}}{{from}}: scripts load from any host, including one an attacker controls, so the policy does not stop injected <script src=...>. List the hosts you load scripts from, or use nonces with 'strict-dynamic'.",
        },
        docs: `
## What it does
Flags a Content-Security-Policy whose script directives allow \`'unsafe-inline'\`,
\`'unsafe-eval'\`, \`*\` or a bare scheme (\`https:\`, \`http:\`, \`data:\`). It reads Django 6's
\`SECURE_CSP\` dict (with \`django.utils.csp.CSP\` constants), django-csp 4's
\`CONTENT_SECURITY_POLICY = {"DIRECTIVES": {...}}\` (with \`csp.constants\`), and django-csp 3's
\`CSP_SCRIPT_SRC\` / \`CSP_SCRIPT_SRC_ELEM\` / \`CSP_DEFAULT_SRC\` (skipped when \`CSP_REPORT_ONLY\` is
on). \`default-src\` is judged only when \`script-src\` is absent, since browsers use it for scripts
only then. Report-only policies are not judged. Sources browsers ignore are not reported:
\`'unsafe-inline'\` next to a hash or \`'strict-dynamic'\`, host and scheme sources next to
\`'strict-dynamic'\`. A nonce alone does not excuse \`'unsafe-inline'\`: it is only added to
responses whose template used it.

## Why is this bad?
A CSP exists to stop injected markup from running script. \`'unsafe-inline'\` lets any inline
\`<script>\` and event-handler attribute run, which is exactly what an HTML injection produces.
\`'unsafe-eval'\` turns strings into code. \`*\`, \`https:\` or \`data:\` in \`script-src\` let an
attacker load a script from their own server. With any of them the policy looks strict but
stops little.

## Example
\`\`\`python
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
    },
}
\`\`\`

Use instead:
\`\`\`python
from csp.constants import NONCE, SELF

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
    },
}
\`\`\`
`,
    },
    check(ctx) {
        const policies = [];
        // Django 6: SECURE_CSP = {"script-src": [CSP.SELF], ...}
        const secureCsp = ctx.get('SECURE_CSP');
        if (secureCsp !== undefined) {
            policies.push({ label: (d) => `SECURE_CSP['${d}']`, directive: (d) => member(secureCsp, d) });
        }
        // django-csp 4: CONTENT_SECURITY_POLICY = {"DIRECTIVES": {...}}
        const csp4 = ctx.get('CONTENT_SECURITY_POLICY');
        if (csp4 !== undefined) {
            const directives = member(csp4, 'DIRECTIVES');
            policies.push({ label: (d) => `CONTENT_SECURITY_POLICY['DIRECTIVES']['${d}']`, directive: (d) => member(directives, d) });
        }
        // django-csp 3: CSP_SCRIPT_SRC = ("'self'",), ... unless the policy is report-only.
        const reportOnly = judge(ctx.get('CSP_REPORT_ONLY'), (py) => pyTruthy(py));
        if (!reportOnly) {
            const setting = (d) => `CSP_${d.toUpperCase().replace(/-/g, '_')}`;
            policies.push({ label: setting, directive: (d) => ctx.get(setting(d)) ?? UNASSIGNED });
        }
        for (const policy of policies) {
            const defaultSrc = policy.directive('default-src');
            const scriptSrc = policy.directive('script-src');
            const judged = [];
            if (scriptSrc.kind === 'unassigned')
                judged.push({ name: 'default-src', value: defaultSrc });
            else
                judged.push({ name: 'script-src', value: scriptSrc, fallback: defaultSrc });
            const elem = policy.directive('script-src-elem');
            if (elem.kind !== 'unassigned')
                judged.push({ name: 'script-src-elem', value: elem });
            for (const { name, value, fallback } of judged) {
                const verdict = judge(value, isUnsafe, fallback);
                if (!verdict)
                    continue;
                const found = unsafeSource(sourcesOf(verdict.option.py) ?? []);
                if (!found)
                    continue;
                const at = locate(verdict, found.source);
                const where = name === 'default-src' ? `${policy.label(name)} (used for scripts, as script-src is not set)` : policy.label(name);
                ctx.report({
                    messageId: found.problem,
                    value: at,
                    confidence: weakestConfidence(verdict.value),
                    data: { where, source: found.source, from: sourceClause(verdict.value), nonceHint: policy.label(name).startsWith('SECURE_CSP') ? 'CSP.NONCE and {{ csp_nonce }}' : 'NONCE / CSP_INCLUDE_NONCE_IN and {{ request.csp_nonce }}' },
                });
            }
        }
    },
});
