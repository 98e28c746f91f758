import { isConcrete, pyTruthy } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { flaggedItems, judge, show, sourceClause } from '../src/rule-kit/rule-helpers.js';
import { sharedDomainKind } from './allowed-hosts-broad-subdomain.js';
/** An ALLOWED_HOSTS entry that accepts hosts an attacker controls: '*' or '.shared-suffix.com'. */
function openPattern(py) {
    if (py === '*')
        return "'*'";
    if (typeof py === 'string' && py.startsWith('.') && sharedDomainKind(py.slice(1)) !== undefined)
        return show(py);
    return undefined;
}
/** What ALLOWED_HOSTS lets through on every branch ('*', a shared suffix), or undefined. */
function openHosts(hosts) {
    // Django iterates a str setting character by character: its '*' allows every host.
    if (hosts && isConcrete(hosts) && typeof hosts.py === 'string')
        return hosts.py.includes('*') ? "'*'" : undefined;
    const hits = flaggedItems(hosts, openPattern);
    return hits.length > 0 ? [...new Set(hits.map((h) => h.detail))].join(', ') : undefined;
}
export default defineRule({
    code: 'DJS504',
    name: 'use-x-forwarded-host',
    level: 'note',
    meta: {
        summary: 'USE_X_FORWARDED_HOST is on: Django takes the host from X-Forwarded-Host',
        description: 'With USE_X_FORWARDED_HOST, request.get_host() and every absolute URL come from the X-Forwarded-Host header. That is safe only when every request passes a proxy that overwrites the header; otherwise the client chooses it, and with a wildcard ALLOWED_HOSTS Django accepts whatever it says.',
        cwe: ['CWE-644'],
        securitySeverity: '4.3',
        precision: 'medium',
        messages: {
            enabled: 'USE_X_FORWARDED_HOST is {{value}}{{source}}: Django builds absolute URLs (password-reset links, redirects) from the X-Forwarded-Host header instead of Host. Review that every request reaches Django through a proxy that overwrites X-Forwarded-Host: a load balancer that does not set it (an AWS ALB does not) passes the client\'s own value through. If the proxy keeps the original Host, leave USE_X_FORWARDED_HOST = False.',
            openHosts: 'USE_X_FORWARDED_HOST is {{value}}{{source}} while ALLOWED_HOSTS accepts {{hosts}}: any client can pick the host Django uses for absolute URLs by sending X-Forwarded-Host, even through a proxy or CDN that routes and caches on Host, so password-reset links, redirects and cached pages can point at an attacker\'s domain. List your exact domains in ALLOWED_HOSTS, and leave USE_X_FORWARDED_HOST = False unless your proxy overwrites the header.',
        },
        docs: `
## What it does
Reports \`USE_X_FORWARDED_HOST = True\` (literal or environment default) for review. When
\`ALLOWED_HOSTS\` also accepts any host (\`'*'\`) or every subdomain of a shared cloud suffix
(\`'.herokuapp.com'\`), the message says so: then nothing checks the header's value.

## Why is this bad?
With this setting Django reads the host from \`X-Forwarded-Host\` instead of \`Host\`, for
\`request.get_host()\`, \`build_absolute_uri()\`, password-reset e-mails and redirects. Proxies route
and caches key on \`Host\`, but many pass a client's \`X-Forwarded-Host\` through untouched (an AWS
Application Load Balancer does not set it). A client can then make Django believe it serves another
domain: \`ALLOWED_HOSTS\` is the only remaining check, and a wildcard there removes it, so a
reset link for a victim can point at the attacker's site, or a cached page can carry the
attacker's host to everyone. The setting is right only behind a proxy that rewrites \`Host\` and
sets \`X-Forwarded-Host\` itself.

## Example
\`\`\`python
ALLOWED_HOSTS = ["*"]
USE_X_FORWARDED_HOST = True
\`\`\`

Use instead:
\`\`\`python
ALLOWED_HOSTS = ["www.example.com"]
USE_X_FORWARDED_HOST = False  # the load balancer keeps the original Host header
\`\`\`
`,
    },
    check(ctx) {
        const verdict = judge(ctx.get('USE_X_FORWARDED_HOST'), (py) => pyTruthy(py));
        if (!verdict)
            return;
        const hosts = openHosts(ctx.get('ALLOWED_HOSTS'));
        const data = { value: show(verdict.option.py), source: sourceClause(verdict.value) };
        if (hosts)
            ctx.report({ messageId: 'openHosts', value: verdict.value, data: { ...data, hosts } });
        else
            ctx.report({ messageId: 'enabled', value: verdict.value, data });
    },
});
