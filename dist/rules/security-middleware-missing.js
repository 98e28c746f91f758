import { SECURITY_MIDDLEWARE, reportMissingMiddleware } from '../src/rule-kit/django-checks.js';
import { defineRule } from '../src/rule-kit/rule.js';
export default defineRule({
    code: 'DJS301',
    name: 'security-middleware-missing',
    level: 'warning',
    meta: {
        summary: "SecurityMiddleware is not in MIDDLEWARE, so Django's HTTPS and header settings do nothing",
        description: 'django.middleware.security.SecurityMiddleware is what applies SECURE_SSL_REDIRECT, HSTS, X-Content-Type-Options, Referrer-Policy and Cross-Origin-Opener-Policy. Without it those settings are silently ignored.',
        djangoCheck: 'security.W001',
        cwe: ['CWE-693'],
        securitySeverity: '5.3',
        precision: 'very-high',
        messages: {
            notListed: "MIDDLEWARE{{source}} does not include 'django.middleware.security.SecurityMiddleware': SECURE_SSL_REDIRECT, SECURE_HSTS_SECONDS, SECURE_CONTENT_TYPE_NOSNIFF, SECURE_REFERRER_POLICY and SECURE_CROSS_ORIGIN_OPENER_POLICY have no effect. Add it as the first entry of MIDDLEWARE.",
            unset: "MIDDLEWARE is not set, so Django runs no middleware and 'django.middleware.security.SecurityMiddleware' is missing: HTTPS redirects, HSTS and security headers are never applied. Define MIDDLEWARE with SecurityMiddleware first.",
        },
        docs: `
## What it does
Flags production settings whose \`MIDDLEWARE\` does not contain
\`django.middleware.security.SecurityMiddleware\`, exactly as Django's \`check --deploy\` does
(\`security.W001\`).

## Why is this bad?
\`SecurityMiddleware\` is the piece of Django that redirects HTTP to HTTPS
(\`SECURE_SSL_REDIRECT\`) and sends the \`Strict-Transport-Security\`, \`X-Content-Type-Options\`,
\`Referrer-Policy\` and \`Cross-Origin-Opener-Policy\` headers. Without it, every one of those
settings is silently ignored, however carefully it is configured.

## Example
\`\`\`python
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
]
\`\`\`

Use instead:
\`\`\`python
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
]
\`\`\`
`,
    },
    check(ctx) {
        // Django: check_security_middleware fires when the middleware is not `in settings.MIDDLEWARE`.
        reportMissingMiddleware(ctx, SECURITY_MIDDLEWARE);
    },
});
