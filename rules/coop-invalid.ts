import { SECURITY_MIDDLEWARE, hasMiddleware, judgeSetting, pyHashable, reportSetting } from '../src/rule-kit/django-checks.js';
import type { Py } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';

/** django.core.checks.security.base.CROSS_ORIGIN_OPENER_POLICY_VALUES (Django 4.2). */
const CROSS_ORIGIN_OPENER_POLICY_VALUES = new Set(['same-origin', 'same-origin-allow-popups', 'unsafe-none']);
const VALID = [...CROSS_ORIGIN_OPENER_POLICY_VALUES].sort().join(', ');

export default defineRule({
  code: 'DJS312',
  name: 'coop-invalid',
  level: 'error',
  meta: {
    summary: 'SECURE_CROSS_ORIGIN_OPENER_POLICY is not a valid Cross-Origin-Opener-Policy value',
    description:
      "An invalid SECURE_CROSS_ORIGIN_OPENER_POLICY fails Django's deploy check (security.E024), and browsers ignore the header, so pages opened from other origins keep a handle on your window.",
    djangoCheck: 'security.E024',
    cwe: ['CWE-693'],
    securitySeverity: '4.3',
    precision: 'very-high',
    messages: {
      invalid:
        "SECURE_CROSS_ORIGIN_OPENER_POLICY is {{value}}{{source}}, which is not a Cross-Origin-Opener-Policy value: Django's check fails (security.E024) and browsers ignore the header. Use one of: {{valid}} (Django's default is 'same-origin'), or None to send no header.",
    },
    docs: `
## What it does
Flags production settings where \`SecurityMiddleware\` is installed and
\`SECURE_CROSS_ORIGIN_OPENER_POLICY\` is neither \`None\` nor one of \`'same-origin'\`,
\`'same-origin-allow-popups'\`, \`'unsafe-none'\`, exactly as Django's \`check --deploy\` does
(\`security.E024\`). Unlike the referrer policy, the value is not split on commas.

## Why is this bad?
The \`Cross-Origin-Opener-Policy\` header isolates your pages from windows opened by (or opening)
other origins, which blocks cross-window attacks such as tabnabbing and XS-Leaks. A value the
browser does not recognise is ignored, so a typo silently removes the protection.

## Example
\`\`\`python
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same_origin"
\`\`\`

Use instead:
\`\`\`python
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
\`\`\`
`,
  },
  check(ctx) {
    // Django: check_cross_origin_opener_policy returns E024 when `_security_middleware()` and the
    // setting `is not None` and `not in CROSS_ORIGIN_OPENER_POLICY_VALUES`.
    if (hasMiddleware(ctx, SECURITY_MIDDLEWARE) !== true) return;
    const verdict = judgeSetting(ctx, 'SECURE_CROSS_ORIGIN_OPENER_POLICY', isInvalid);
    if (!verdict) return;
    reportSetting(ctx, 'SECURE_CROSS_ORIGIN_OPENER_POLICY', verdict, { set: 'invalid' }, { valid: VALID }, [ctx.get('MIDDLEWARE')]);
  },
});

/** `value is not None and value not in VALUES`; undefined where `in` on a set would raise (unhashable). */
function isInvalid(py: Py): boolean | undefined {
  if (py === null) return false;
  if (typeof py === 'string') return !CROSS_ORIGIN_OPENER_POLICY_VALUES.has(py);
  return pyHashable(py) === true ? true : undefined;
}
