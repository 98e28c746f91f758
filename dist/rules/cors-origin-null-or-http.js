import { defineRule } from '../src/rule-kit/rule.js';
import { flaggedItems, show, sourceClause } from '../src/rule-kit/rule-helpers.js';
import { judgeCorsAllowAll } from './cors-allow-all.js';
/**
 * Loopback origins: plain HTTP there never crosses a network (browsers treat them as
 * potentially trustworthy), so http://localhost:3000 is not reported.
 */
function isLoopback(host) {
    const h = host.toLowerCase().replace(/^\[|\]$/g, '');
    return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}
/** What is wrong with one CORS_ALLOWED_ORIGINS entry, if anything. */
function classify(py) {
    if (typeof py !== 'string')
        return undefined;
    if (py.trim().toLowerCase() === 'null')
        return 'nullOrigin';
    const m = /^http:\/\/(\[[^\]]*\]|[^/:?#]*)/i.exec(py.trim());
    return m && !isLoopback(m[1]) ? 'http' : undefined;
}
export default defineRule({
    code: 'DJS508',
    name: 'cors-origin-null-or-http',
    level: 'warning',
    meta: {
        summary: "CORS_ALLOWED_ORIGINS trusts the 'null' origin or a plain-HTTP origin",
        description: "django-cors-headers lets the listed origins read responses. 'null' is the origin of sandboxed iframes, data: URLs and local files, which any attacker can create; an http:// origin can be impersonated by anyone on its visitors' network path.",
        cwe: ['CWE-942'],
        securitySeverity: '5.3',
        precision: 'very-high',
        messages: {
            nullOrigin: "{{setting}} entry {{origin}}{{source}} trusts the opaque origin 'null', which sandboxed iframes, data: URLs and local files all send: any website can embed such a frame and read this site's responses from its visitors' browsers. Remove it and list the real origins of your front-ends, e.g. 'https://app.example.com'.",
            http: "{{setting}} trusts {{origin}}{{source}} over plain HTTP: anyone on its visitors' network path (public Wi-Fi, a compromised router) can inject script into that origin and read this site's responses through it. Trust only https:// origins, e.g. {{https}}.",
        },
        docs: `
## What it does
Flags entries of django-cors-headers' \`CORS_ALLOWED_ORIGINS\` (old name \`CORS_ORIGIN_WHITELIST\`)
that are \`'null'\` or \`http://\` origins. Loopback origins (\`http://localhost:3000\`,
\`http://127.0.0.1:8000\`) are not reported: plain HTTP there never leaves the machine. As in
django-cors-headers, the new name wins when both are set, and the list is not judged while
\`CORS_ALLOW_ALL_ORIGINS\` is on (DJS505). Environment defaults count, and the finding points
at the entry.

## Why is this bad?
A browser sends \`Origin: null\` from sandboxed iframes, \`data:\` and \`file:\` documents and some
redirects. Anyone can produce it: a page on any website that embeds
\`<iframe sandbox="allow-scripts" src="data:...">\` gets \`Access-Control-Allow-Origin: null\`
back and reads the responses, with the visitor's cookies when \`CORS_ALLOW_CREDENTIALS\` is on.
An \`http://\` origin is only as trustworthy as the network between its visitors and it: an
attacker on public Wi-Fi can answer for that origin, inject a script, and use the trust you gave
it.

## Example
\`\`\`python
CORS_ALLOWED_ORIGINS = ["null", "http://app.example.com"]
\`\`\`

Use instead:
\`\`\`python
CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
\`\`\`
`,
    },
    check(ctx) {
        if (judgeCorsAllowAll(ctx))
            return; // every origin is allowed: the list is never consulted
        // getattr(settings, 'CORS_ALLOWED_ORIGINS', getattr(settings, 'CORS_ORIGIN_WHITELIST', ()))
        const current = ctx.get('CORS_ALLOWED_ORIGINS');
        const legacy = ctx.get('CORS_ORIGIN_WHITELIST');
        const setting = current !== undefined ? 'CORS_ALLOWED_ORIGINS' : 'CORS_ORIGIN_WHITELIST';
        for (const hit of flaggedItems(current ?? legacy, classify, current !== undefined ? legacy : undefined)) {
            const origin = String(hit.option.py);
            ctx.report({
                messageId: hit.detail,
                value: hit.value,
                origin: hit.origin,
                data: { setting, origin: show(hit.option.py), https: show(origin.replace(/^http:/i, 'https:')), source: sourceClause(hit.value) },
            });
        }
    },
});
