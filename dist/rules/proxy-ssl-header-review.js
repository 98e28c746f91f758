import { reportSetting } from '../src/rule-kit/django-checks.js';
import { appExposure } from '../src/rule-kit/aws-app-reach.js';
import { trustedProxyHeader } from '../src/rule-kit/proxy-header.js';
import { defineRule } from '../src/rule-kit/rule.js';
export default defineRule({
    code: 'DJS314',
    name: 'proxy-ssl-header-review',
    level: 'note',
    meta: {
        summary: 'SECURE_PROXY_SSL_HEADER trusts a request header: check that the proxy overwrites it',
        description: 'With SECURE_PROXY_SSL_HEADER set, Django believes a request header that says the connection was HTTPS. That is only safe when every request passes through a proxy that sets the header itself, replacing whatever the client sent.',
        cwe: ['CWE-348'],
        securitySeverity: '3.7',
        precision: 'medium',
        messages: {
            review: "SECURE_PROXY_SSL_HEADER is {{value}}{{source}}: Django treats any request carrying '{{header}}: {{secure}}' as HTTPS. That is safe only if every request reaches Django through a proxy that overwrites {{header}} (an AWS ALB does; nginx needs `proxy_set_header {{header}} $scheme;`) and the application port is not reachable directly. Otherwise a client can send the header over plain HTTP and get HTTPS treatment: no SSL redirect, and request.is_secure() is true.",
        },
        docs: `
## What it does
Reports (as a note, for review) production settings that set \`SECURE_PROXY_SSL_HEADER\` to a
request header, such as \`("HTTP_X_FORWARDED_PROTO", "https")\`. Nothing is reported when it is
unset, and a malformed value is DJS313's finding. Keys without the \`HTTP_\` prefix (\`HTTPS\`,
set by mod_wsgi or uWSGI) are variables of the server, not headers a client can send, and are
not reported.

When the repository's Terraform tells how the application is reached, the note is decided there
instead: behind a load-balancer listener that forwards to it, with the application's security
groups (of its ECS services, EC2 instances or launch templates) opening no application port to
the internet, the header is trustworthy and nothing is reported; with such a port open, DJS918
reports an error.

## Why is this bad?
It is not bad in itself: behind a TLS-terminating proxy it is how Django learns that the
original request was HTTPS. But Django then trusts the header completely. If a client can reach
the application without the proxy, or the proxy passes a client's own \`X-Forwarded-Proto\`
through instead of overwriting it, a plain-HTTP request that carries the header is treated as
secure: \`SECURE_SSL_REDIRECT\` does not redirect it and \`request.is_secure()\` is true. An AWS
Application Load Balancer overwrites \`X-Forwarded-Proto\` on every request; with nginx, set it
yourself (\`proxy_set_header X-Forwarded-Proto $scheme;\`) and keep the application port private.

## Example
\`\`\`python
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
\`\`\`

Use instead:
\`\`\`python
# Only behind a proxy that overwrites X-Forwarded-Proto, with the app port closed to the
# world; otherwise leave SECURE_PROXY_SSL_HEADER unset.
SECURE_PROXY_SSL_HEADER = None
\`\`\`
`,
    },
    check(ctx) {
        const trusted = trustedProxyHeader(ctx);
        if (!trusted)
            return;
        // Judged with the infrastructure: behind a forwarding ALB with the app port closed to the
        // world the header is trustworthy (resolved); with the port open, DJS918 reports an error.
        if (appExposure(ctx.infra))
            return;
        reportSetting(ctx, 'SECURE_PROXY_SSL_HEADER', trusted.verdict, { set: 'review' }, { header: trusted.header, secure: trusted.secure });
    },
});
