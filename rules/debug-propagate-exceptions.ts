import { pyTruthy } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { judge, show, sourceClause } from '../src/rule-kit/rule-helpers.js';

export default defineRule({
  code: 'DJS103',
  name: 'debug-propagate-exceptions',
  level: 'warning',
  meta: {
    summary: 'DEBUG_PROPAGATE_EXCEPTIONS is true in production settings',
    description:
      "With DEBUG_PROPAGATE_EXCEPTIONS on, an unhandled exception skips Django's 500 handling: no handler500 page, no django.request error log (so no ADMINS mail or log-based alert), and the raw exception reaches the application server, whose error page may show it.",
    cwe: ['CWE-209'],
    securitySeverity: '5.3',
    precision: 'very-high',
    messages: {
      enabled:
        "DEBUG_PROPAGATE_EXCEPTIONS is {{value}}{{source}}: unhandled exceptions bypass handler500 and the django.request error log (no ADMINS mail, no alert) and reach the WSGI/ASGI server, which may answer with the traceback. Remove it (Django's default is False) and report errors through logging or an error tracker instead.",
    },
    docs: `
## What it does
Flags production settings whose \`DEBUG_PROPAGATE_EXCEPTIONS\` is true, or falls back to a truthy
value when its environment variable is unset.

## Why is this bad?
Django normally turns an unhandled exception into a 500 response rendered by \`handler500\` and
logs it to \`django.request\` (which mails \`ADMINS\` and feeds log-based alerting). With
\`DEBUG_PROPAGATE_EXCEPTIONS = True\`, Django re-raises instead: the exception reaches the
WSGI/ASGI server, which answers with its own error page (some show the traceback), and the
\`django.request\` error log is never written. It exists for test clients, not for deployments.

## Example
\`\`\`python
DEBUG = False
DEBUG_PROPAGATE_EXCEPTIONS = True
\`\`\`

Use instead:
\`\`\`python
DEBUG = False
# DEBUG_PROPAGATE_EXCEPTIONS left at Django's default, False
\`\`\`
`,
  },
  check(ctx) {
    // Django tests it for truth in handle_uncaught_exception().
    const verdict = judge(ctx.get('DEBUG_PROPAGATE_EXCEPTIONS'), (py) => pyTruthy(py));
    if (!verdict) return;
    ctx.report({ messageId: 'enabled', value: verdict.value, data: { value: show(verdict.option.py), source: sourceClause(verdict.value) } });
  },
});
