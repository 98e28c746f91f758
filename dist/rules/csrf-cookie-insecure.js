import { CSRF_MIDDLEWARE, hasMiddleware, judgeSetting, weakestConfidence } from '../src/rule-kit/django-checks.js';
import { pyTruthy } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { show, sourceClause } from '../src/rule-kit/rule-helpers.js';
import { flagProblem, isNotTrue } from './session-cookie-insecure.js';
export default defineRule({
    code: 'DJS403',
    name: 'csrf-cookie-insecure',
    level: 'warning',
    meta: {
        summary: 'CSRF_COOKIE_SECURE is not True, so the CSRF cookie can travel over plain HTTP',
        description: 'With CsrfViewMiddleware on and the token kept in a cookie, CSRF_COOKIE_SECURE = True keeps the browser from sending that cookie over unencrypted HTTP, where a network attacker can read it.',
        djangoCheck: 'security.W016',
        cwe: ['CWE-614'],
        securitySeverity: '4.3',
        precision: 'very-high',
        messages: {
            unset: 'CSRF_COOKIE_SECURE is not set (Django\'s default is False): the CSRF cookie is also sent over plain HTTP, where anyone on the network can read the token (security.W016). Set CSRF_COOKIE_SECURE = True.',
            falsy: 'CSRF_COOKIE_SECURE is {{value}}{{source}}: the CSRF cookie is also sent over plain HTTP, where anyone on the network can read the token (security.W016). Set CSRF_COOKIE_SECURE = True.',
            notBool: 'CSRF_COOKIE_SECURE is {{value}}{{source}}, not the boolean True, so Django\'s deploy check reports security.W016. Cast the value to a bool, e.g. CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True).',
        },
        docs: `
## What it does
Flags production settings where \`CSRF_COOKIE_SECURE\` is not \`True\` while
\`django.middleware.csrf.CsrfViewMiddleware\` is in \`MIDDLEWARE\` and \`CSRF_USE_SESSIONS\` is off,
exactly as Django's \`check --deploy\` reports \`security.W016\`. Django tests
\`CSRF_COOKIE_SECURE is True\`, so a truthy string is reported too; unset, the default is \`False\`.
With \`CSRF_USE_SESSIONS = True\` the token lives in the session, and the session cookie's flags
(DJS401) matter instead.

## Why is this bad?
Without the \`Secure\` flag, the CSRF cookie also travels over plain HTTP. A network attacker who
reads it, or who plants a cookie of their own over HTTP, learns the token that Django compares
form submissions against, which weakens the protection CSRF tokens give.

## Example
\`\`\`python
MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]
CSRF_COOKIE_SECURE = False
\`\`\`

Use instead:
\`\`\`python
MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]
CSRF_COOKIE_SECURE = True
\`\`\`
`,
    },
    check(ctx) {
        // Django: passed = CSRF_USE_SESSIONS or not _csrf_middleware() or CSRF_COOKIE_SECURE is True.
        if (hasMiddleware(ctx, CSRF_MIDDLEWARE) !== true)
            return;
        const cookieToken = judgeSetting(ctx, 'CSRF_USE_SESSIONS', (py) => pyTruthy(py) === false);
        if (!cookieToken)
            return;
        const verdict = judgeSetting(ctx, 'CSRF_COOKIE_SECURE', isNotTrue);
        if (!verdict)
            return;
        ctx.report({
            messageId: flagProblem(ctx, 'CSRF_COOKIE_SECURE', verdict),
            value: verdict.value,
            confidence: weakestConfidence(verdict.value, cookieToken.value, ctx.get('MIDDLEWARE')),
            data: { value: show(verdict.option.py), source: sourceClause(verdict.value) },
        });
    },
});
