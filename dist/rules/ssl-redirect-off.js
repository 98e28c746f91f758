import { SECURITY_MIDDLEWARE, hasMiddleware, judgeSetting, reportSetting } from '../src/rule-kit/django-checks.js';
import { pyTruthy } from '../src/model/values.js';
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
            unset: "SECURE_SSL_REDIRECT is not set (Django's default is False): plain-HTTP requests are served instead of being redirected to HTTPS. Set SECURE_SSL_REDIRECT = True, or redirect at the load balancer and silence security.W008.",
            notTrue: 'SECURE_SSL_REDIRECT is {{value}}{{source}}{{hint}}: plain-HTTP requests are served instead of being redirected to HTTPS. Set SECURE_SSL_REDIRECT = True, e.g. env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True).',
        },
        docs: `
## What it does
Flags production settings where \`SecurityMiddleware\` is installed but \`SECURE_SSL_REDIRECT\` is
not \`True\` (unset, \`False\`, or an environment default that is not \`True\`), exactly as Django's
\`check --deploy\` does (\`security.W008\`).

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
        reportSetting(ctx, 'SECURE_SSL_REDIRECT', verdict, { set: 'notTrue', unset: 'unset' }, { hint }, [ctx.get('MIDDLEWARE')]);
    },
});
