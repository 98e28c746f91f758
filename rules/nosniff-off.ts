import { SECURITY_MIDDLEWARE, hasMiddleware, judgeSetting, reportSetting } from '../src/rule-kit/django-checks.js';
import { defineRule } from '../src/rule-kit/rule.js';

export default defineRule({
  code: 'DJS307',
  name: 'nosniff-off',
  level: 'warning',
  meta: {
    summary: 'SECURE_CONTENT_TYPE_NOSNIFF is not True, so no X-Content-Type-Options: nosniff header is sent',
    description:
      'Without X-Content-Type-Options: nosniff, browsers may guess a response\'s type from its content, so a user upload served as text or an image can be run as HTML or script.',
    djangoCheck: 'security.W006',
    cwe: ['CWE-693'],
    securitySeverity: '4.3',
    precision: 'very-high',
    messages: {
      notTrue:
        'SECURE_CONTENT_TYPE_NOSNIFF is {{value}}{{source}}: responses are sent without X-Content-Type-Options: nosniff, so browsers may run an uploaded file as HTML or script. Remove the setting (Django defaults to True) or set SECURE_CONTENT_TYPE_NOSNIFF = True.',
    },
    docs: `
## What it does
Flags production settings where \`SecurityMiddleware\` is installed but
\`SECURE_CONTENT_TYPE_NOSNIFF\` is not \`True\`, exactly as Django's \`check --deploy\` does
(\`security.W006\`). Django's default is \`True\`, so only an explicit override is reported.

## Why is this bad?
Browsers that sniff content types can treat a file served as \`text/plain\` or \`image/png\` as HTML
or JavaScript. On a site that serves user uploads, that turns an upload into stored cross-site
scripting. The \`nosniff\` header makes browsers trust the declared \`Content-Type\`.

## Example
\`\`\`python
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_CONTENT_TYPE_NOSNIFF = False
\`\`\`

Use instead:
\`\`\`python
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_CONTENT_TYPE_NOSNIFF = True
\`\`\`
`,
  },
  check(ctx) {
    // Django: check_content_type_nosniff passes when `not _security_middleware() or
    // SECURE_CONTENT_TYPE_NOSNIFF is True`.
    if (hasMiddleware(ctx, SECURITY_MIDDLEWARE) !== true) return;
    const verdict = judgeSetting(ctx, 'SECURE_CONTENT_TYPE_NOSNIFF', (py) => py !== true);
    if (!verdict) return;
    reportSetting(ctx, 'SECURE_CONTENT_TYPE_NOSNIFF', verdict, { set: 'notTrue' }, {}, [ctx.get('MIDDLEWARE')]);
  },
});
