import { judgeSetting, weakestConfidence } from '../src/rule-kit/django-checks.js';
import { known, pyTruthy } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { isLocalHost, judge, show, sourceClause } from '../src/rule-kit/rule-helpers.js';
const SMTP_BACKEND = 'django.core.mail.backends.smtp.EmailBackend';
// Backends that end in Django's SMTP backend (django-celery-email hands messages to it by default).
const SMTP_BACKENDS = new Set([SMTP_BACKEND, 'djcelery_email.backends.CeleryEmailBackend']);
const off = (py) => !pyTruthy(py);
export default defineRule({
    code: 'DJS707',
    name: 'email-no-tls',
    level: 'warning',
    meta: {
        summary: 'E-mail goes to a remote SMTP server without TLS',
        description: "With both EMAIL_USE_TLS and EMAIL_USE_SSL off, Django's SMTP backend sends the SMTP login and every message, password-reset links included, to a remote EMAIL_HOST in clear text.",
        cwe: ['CWE-319'],
        securitySeverity: '5.9',
        precision: 'high',
        messages: {
            noTls: "E-mail goes to {{host}}{{hostSource}} with neither EMAIL_USE_TLS nor EMAIL_USE_SSL on{{source}}: Django's SMTP backend sends the SMTP login and every message, password-reset links included, across the network in clear text. Set EMAIL_USE_TLS = True (STARTTLS, usually port 587) or EMAIL_USE_SSL = True (port 465).",
        },
        docs: `
## What it does
Flags production settings that send e-mail through Django's SMTP backend (the default
\`EMAIL_BACKEND\`, or django-celery-email) to a remote \`EMAIL_HOST\` while \`EMAIL_USE_TLS\` and
\`EMAIL_USE_SSL\` are both off (Django's defaults). Local relays are not reported: \`localhost\`
(Django's default host), loopback addresses and single-label names such as \`mailhog\` or
\`postfix\` (a service on the same machine). Environment defaults count.

## Why is this bad?
Without TLS the SMTP conversation is plain text: the \`EMAIL_HOST_USER\` / \`EMAIL_HOST_PASSWORD\`
login and the content of every message cross the network readable and modifiable. Those
messages include password-reset and sign-in links, which let whoever reads them take over the
account. Every mainstream provider, Amazon SES included, supports STARTTLS on port 587 and TLS
on port 465.

## Example
\`\`\`python
EMAIL_HOST = "email-smtp.eu-west-1.amazonaws.com"
EMAIL_PORT = 587
\`\`\`

Use instead:
\`\`\`python
EMAIL_HOST = "email-smtp.eu-west-1.amazonaws.com"
EMAIL_PORT = 587
EMAIL_USE_TLS = True
\`\`\`
`,
    },
    check(ctx) {
        if (ctx.poisoned)
            return;
        const backend = judge(ctx.get('EMAIL_BACKEND') ?? known(SMTP_BACKEND), (py) => (typeof py === 'string' ? SMTP_BACKENDS.has(py) : undefined));
        const host = judgeSetting(ctx, 'EMAIL_HOST', (py) => (typeof py === 'string' ? !isLocalHost(py) : undefined));
        const tls = judgeSetting(ctx, 'EMAIL_USE_TLS', off);
        const ssl = judgeSetting(ctx, 'EMAIL_USE_SSL', off);
        if (!backend || !host || !tls || !ssl)
            return;
        // Point at the EMAIL_USE_TLS line when there is one (the fix goes there), else at EMAIL_HOST.
        const tlsAssigned = ctx.get('EMAIL_USE_TLS');
        const at = tlsAssigned ? tls : host;
        const hostSource = sourceClause(host.value);
        const tlsSource = tlsAssigned ? sourceClause(tls.value) : '';
        ctx.report({
            messageId: 'noTls',
            value: at.value,
            confidence: weakestConfidence(backend.value, host.value, tls.value, ssl.value),
            data: {
                host: show(host.option.py),
                hostSource,
                // Both from one e-mail URL: say where once.
                source: tlsSource === hostSource ? '' : tlsSource,
            },
        });
    },
});
