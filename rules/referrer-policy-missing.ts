import { SECURITY_MIDDLEWARE, hasMiddleware, judgeSetting, reportSetting } from '../src/rule-kit/django-checks.js';
import { defineRule } from '../src/rule-kit/rule.js';

export default defineRule({
  code: 'DJS310',
  name: 'referrer-policy-missing',
  level: 'warning',
  meta: {
    summary: 'SECURE_REFERRER_POLICY is None, so no Referrer-Policy header is sent',
    description:
      'Without a Referrer-Policy header, browsers fall back to their own default and may send full URLs, with paths and query strings, to other sites.',
    djangoCheck: 'security.W022',
    cwe: ['CWE-200'],
    securitySeverity: '4.0',
    precision: 'very-high',
    messages: {
      none: "SECURE_REFERRER_POLICY is None{{source}}: no Referrer-Policy header is sent, so browsers may pass full URLs (paths, query strings, tokens) to other sites. Remove the setting (Django's default is 'same-origin') or set SECURE_REFERRER_POLICY = 'strict-origin-when-cross-origin'.",
    },
    docs: `
## What it does
Flags production settings where \`SecurityMiddleware\` is installed but \`SECURE_REFERRER_POLICY\` is
\`None\`, exactly as Django's \`check --deploy\` does (\`security.W022\`). Django's default is
\`'same-origin'\`, so only an explicit \`None\` is reported.

## Why is this bad?
The \`Referer\` header carries the URL of the page a request came from. Without a policy, links and
embedded resources can hand other sites full URLs, including password-reset tokens, search terms
and object ids in paths or query strings.

## Example
\`\`\`python
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_REFERRER_POLICY = None
\`\`\`

Use instead:
\`\`\`python
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_REFERRER_POLICY = "same-origin"
\`\`\`
`,
  },
  check(ctx) {
    // Django: check_referrer_policy returns W022 when `_security_middleware()` and the setting `is None`.
    if (hasMiddleware(ctx, SECURITY_MIDDLEWARE) !== true) return;
    const verdict = judgeSetting(ctx, 'SECURE_REFERRER_POLICY', (py) => py === null);
    if (!verdict) return;
    reportSetting(ctx, 'SECURE_REFERRER_POLICY', verdict, { set: 'none' }, {}, [ctx.get('MIDDLEWARE')]);
  },
});
