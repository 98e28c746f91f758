import { djangoDefault } from '../src/rule-kit/django-defaults.js';
import { pyTruthy } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { judge, show, sourceClause } from '../src/rule-kit/rule-helpers.js';
export default defineRule({
    code: 'DJS501',
    name: 'allowed-hosts-empty',
    level: 'note',
    meta: {
        summary: 'ALLOWED_HOSTS is empty in production settings',
        description: 'With DEBUG off and an empty ALLOWED_HOSTS, Django rejects every request with 400 Bad Request; the usual "fix" under pressure is ALLOWED_HOSTS = ["*"], which disables host-header validation.',
        djangoCheck: 'security.W020',
        cwe: ['CWE-16'],
        securitySeverity: '4.0',
        precision: 'very-high',
        messages: {
            missing: 'ALLOWED_HOSTS is not set: Django\'s default [] rejects every request once DEBUG is off (security.W020). List the domains you serve, e.g. ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS").',
            empty: 'ALLOWED_HOSTS is {{value}}{{source}}: Django rejects every request once DEBUG is off (security.W020). List the domains you serve, e.g. ALLOWED_HOSTS = ["www.example.com"], or read them from a required environment variable.',
        },
        docs: `
## What it does
Flags production settings whose \`ALLOWED_HOSTS\` is empty (any falsy value: \`[]\`, \`()\`, \`""\`,
\`None\`), including when it is never set (Django's default is \`[]\`) and when an environment
lookup falls back to an empty list. It fires exactly when Django's \`check --deploy\` reports
\`security.W020\`.

## Why is this bad?
With \`DEBUG = False\`, Django answers every request whose \`Host\` header is not in
\`ALLOWED_HOSTS\` with 400 Bad Request, so an empty list takes the site down. That fails closed (no
request is served with a forged host), so this is a note rather than a warning; the risk is the
quick fix people reach for in production, \`ALLOWED_HOSTS = ["*"]\`, which turns host-header
validation off entirely (DJS502).

## Example
\`\`\`python
ALLOWED_HOSTS = []
\`\`\`

Use instead:
\`\`\`python
ALLOWED_HOSTS = ["www.example.com", "example.com"]
\`\`\`
`,
    },
    check(ctx) {
        // Django: `[] if settings.ALLOWED_HOSTS else [W020]`, i.e. Python truthiness.
        const verdict = judge(ctx.getOrDefault('ALLOWED_HOSTS'), (py) => pyTruthy(py) === false, djangoDefault('ALLOWED_HOSTS'));
        if (!verdict)
            return;
        if (ctx.get('ALLOWED_HOSTS') === undefined) {
            ctx.report({ messageId: 'missing', value: verdict.value });
            return;
        }
        ctx.report({ messageId: 'empty', value: verdict.value, data: { value: show(verdict.option.py), source: sourceClause(verdict.value) } });
    },
});
