import { pyTruthy } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { judge, show, sourceClause } from '../src/rule-kit/rule-helpers.js';

export default defineRule({
  code: 'DJS101',
  name: 'debug-enabled',
  level: 'error',
  meta: {
    summary: 'DEBUG is true in production settings',
    description:
      'With DEBUG on, Django answers errors with pages that show tracebacks, local variables, settings and SQL to anyone who can trigger an exception, and keeps every query in memory.',
    djangoCheck: 'security.W018',
    cwe: ['CWE-489'],
    securitySeverity: '7.5',
    precision: 'very-high',
    messages: {
      enabled: 'DEBUG is {{value}}{{source}}: error pages expose tracebacks, settings and SQL. Set DEBUG = False in production, e.g. DEBUG = env.bool("DJANGO_DEBUG", default=False).',
    },
    docs: `
## What it does
Flags production settings whose \`DEBUG\` is true, or falls back to a truthy value when its
environment variable is unset.

## Why is this bad?
With \`DEBUG = True\`, Django serves detailed error pages to anyone who can trigger an exception:
tracebacks with local variables, most settings, the SQL that ran. It also keeps every query in
memory. Django's \`check --deploy\` reports it as \`security.W018\`.

## Example
\`\`\`python
DEBUG = True
\`\`\`

Use instead:
\`\`\`python
DEBUG = env.bool("DJANGO_DEBUG", default=False)
\`\`\`
`,
  },
  check(ctx) {
    const debug = ctx.get('DEBUG');
    const verdict = judge(debug, (py) => pyTruthy(py));
    if (!verdict) return;
    ctx.report({ messageId: 'enabled', value: verdict.value, data: { value: show(verdict.option.py), source: sourceClause(verdict.value) } });
  },
});
