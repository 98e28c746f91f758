import { SECURITY_MIDDLEWARE, hasMiddleware, judgeSetting, reportSetting } from '../src/rule-kit/django-checks.js';
import { pyTruthy } from '../src/model/values.js';
import { httpListeners, listenerLabel } from '../src/rule-kit/infra-helpers.js';
import { defineRule } from '../src/rule-kit/rule.js';
export default defineRule({
    code: 'DJS302',
    name: 'ssl-redirect-off',
    level: 'warning',
    meta: {
        summary: 'SECURE_SSL_REDIRECT is not True, so plain-HTTP requests are not redirected to HTTPS',
        description: 'With SecurityMiddleware installed and SECURE_SSL_REDIRECT not True, Django answers plain-HTTP requests instead of redirecting them to HTTPS, so sessions and form data can travel unencrypted.',
        djangoCheck: 'security.W008',
        cwe: ['CWE-319'],
        securitySeverity: '5.3',
        precision: 'very-high',
        messages: {
            unset: "SECURE_SSL_REDIRECT is not set (Django's default is False): plain-HTTP requests are served instead of being redirected to HTTPS.{{alb}} Set SECURE_SSL_REDIRECT = True, or redirect at the load balancer and silence security.W008.",
            notTrue: 'SECURE_SSL_REDIRECT is {{value}}{{source}}{{hint}}: plain-HTTP requests are served instead of being redirected to HTTPS.{{alb}} Set SECURE_SSL_REDIRECT = True, e.g. env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True).',
            unsetRedirected: "SECURE_SSL_REDIRECT is not set (Django's default is False), but the load balancer redirects plain HTTP to HTTPS: {{listeners}}. Django's check (security.W008) still warns: silence it, or also set SECURE_SSL_REDIRECT = True (with SECURE_PROXY_SSL_HEADER behind the load balancer).",
            notTrueRedirected: 'SECURE_SSL_REDIRECT is {{value}}{{source}}{{hint}}, but the load balancer redirects plain HTTP to HTTPS: {{listeners}}. Django\'s check (security.W008) still warns: silence it, or also set SECURE_SSL_REDIRECT = True (with SECURE_PROXY_SSL_HEADER behind the load balancer).',
        },
        docs: `
## What it does
Flags production settings where \`SecurityMiddleware\` is installed but \`SECURE_SSL_REDIRECT\` is
not \`True\` (unset, \`False\`, or an environment default that is not \`True\`), exactly as Django's
\`check --deploy\` does (\`security.W008\`).

When the repository's Terraform has an ALB listener on plain HTTP (\`protocol = "HTTP"\`), the
finding is judged together with it: if every such listener redirects to HTTPS, the finding becomes
a note naming them (the redirect happens before Django); if one forwards to the application, the
finding stays and names it.

## Why is this bad?
Without the redirect, a user who types the bare domain or follows an old \`http://\` link talks to
the site in clear text: anyone on the network path can read and change the traffic, including
session cookies that are not marked \`Secure\`. Django's check tests \`SECURE_SSL_REDIRECT is True\`,
so a truthy string such as \`"True"\` also fails it.

## Example
\`\`\`python
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_SSL_REDIRECT = False
\`\`\`

Use instead:
\`\`\`python
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_SSL_REDIRECT = True
\`\`\`
`,
    },
    check(ctx) {
        // Django: check_ssl_redirect passes when `not _security_middleware() or SECURE_SSL_REDIRECT is True`.
        if (hasMiddleware(ctx, SECURITY_MIDDLEWARE) !== true)
            return;
        const verdict = judgeSetting(ctx, 'SECURE_SSL_REDIRECT', (py) => py !== true);
        if (!verdict)
            return;
        const hint = pyTruthy(verdict.option.py) ? " (truthy, but Django's check wants the boolean True)" : '';
        const deps = [ctx.get('MIDDLEWARE')];
        // Judged with the infrastructure: the load balancer may redirect before Django sees the request.
        const listeners = httpListeners(ctx.infra);
        const forwarding = listeners.filter((l) => l.action === 'forward');
        if (listeners.length > 0 && listeners.every((l) => l.action === 'redirect-https')) {
            const names = listeners.map(listenerLabel).join(', ');
            reportSetting(ctx, 'SECURE_SSL_REDIRECT', verdict, { set: 'notTrueRedirected', unset: 'unsetRedirected' }, { hint, listeners: names }, deps, 'note');
            return;
        }
        const alb = forwarding.length > 0 ? ` The load balancer does not redirect either: ${forwarding.map(listenerLabel).join(', ')} forwards plain HTTP to the application.` : '';
        reportSetting(ctx, 'SECURE_SSL_REDIRECT', verdict, { set: 'notTrue', unset: 'unset' }, { hint, alb }, deps);
    },
});
