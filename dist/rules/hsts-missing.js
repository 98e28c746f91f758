import { SECURITY_MIDDLEWARE, hasMiddleware, judgeSetting, reportSetting } from '../src/rule-kit/django-checks.js';
import { pyTruthy } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';
export default defineRule({
    code: 'DJS303',
    name: 'hsts-missing',
    level: 'warning',
    meta: {
        summary: 'SECURE_HSTS_SECONDS is unset or zero, so no Strict-Transport-Security header is sent',
        description: 'Without HSTS, browsers keep trying plain HTTP first, and an attacker on the network can intercept that first request and keep the user on HTTP (SSL stripping).',
        djangoCheck: 'security.W004',
        cwe: ['CWE-319'],
        securitySeverity: '5.3',
        precision: 'very-high',
        messages: {
            unset: 'SECURE_HSTS_SECONDS is not set: browsers will accept plain HTTP for this site. Set SECURE_HSTS_SECONDS = 31536000 once HTTPS works everywhere (try 3600 first: browsers remember the setting).',
            falsy: 'SECURE_HSTS_SECONDS is {{value}}{{source}}, so no Strict-Transport-Security header is sent and browsers will accept plain HTTP for this site. Set SECURE_HSTS_SECONDS = 31536000 once HTTPS works everywhere (try 3600 first: browsers remember the setting).',
        },
        docs: `
## What it does
Flags production settings where \`SecurityMiddleware\` is installed but \`SECURE_HSTS_SECONDS\` is
unset or falsy (\`0\`, \`None\`, or an environment default of \`0\`), exactly as Django's
\`check --deploy\` does (\`security.W004\`).

## Why is this bad?
HTTP Strict Transport Security tells browsers to use HTTPS for the site and never fall back to
plain HTTP. Without it, the first request to \`http://\` can be intercepted and the user kept on an
unencrypted connection (SSL stripping). Enable it only once every page is served over HTTPS:
browsers remember the policy for \`SECURE_HSTS_SECONDS\`.

## Example
\`\`\`python
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_HSTS_SECONDS = 0
\`\`\`

Use instead:
\`\`\`python
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_HSTS_SECONDS = 31536000
\`\`\`
`,
    },
    check(ctx) {
        // Django: check_sts passes when `not _security_middleware() or SECURE_HSTS_SECONDS` (truthiness).
        if (hasMiddleware(ctx, SECURITY_MIDDLEWARE) !== true)
            return;
        const verdict = judgeSetting(ctx, 'SECURE_HSTS_SECONDS', (py) => pyTruthy(py) === false);
        if (!verdict)
            return;
        reportSetting(ctx, 'SECURE_HSTS_SECONDS', verdict, { set: 'falsy', unset: 'unset' }, {}, [ctx.get('MIDDLEWARE')]);
    },
});
