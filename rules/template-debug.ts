import { pyTruthy } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { judge, show, sourceClause } from '../src/rule-kit/rule-helpers.js';
import { item, maxLength, member } from '../src/rule-kit/setting-paths.js';

export default defineRule({
  code: 'DJS104',
  name: 'template-debug',
  level: 'warning',
  meta: {
    summary: "A template engine's debug option is forced on in production settings",
    description:
      "TEMPLATES[*]['OPTIONS']['debug'] = True keeps template debug information (template source around the failing line) on every template error, whatever DEBUG says; error reports that render it (ADMINS mails, error trackers) then carry template source. TEMPLATE_DEBUG is the pre-1.8 spelling.",
    cwe: ['CWE-489'],
    securitySeverity: '4.3',
    precision: 'high',
    messages: {
      optionsDebug:
        "{{setting}} is {{value}}{{source}}: template errors carry template source and context into error pages and reports even with DEBUG off. Remove the 'debug' option (it then follows DEBUG) or set it to False.",
      templateDebug:
        "TEMPLATE_DEBUG is {{value}}{{source}}: on Django before 1.10 this turns on template debug pages; since 1.10 Django ignores it and uses TEMPLATES[*]['OPTIONS']['debug']. Remove it, and leave OPTIONS['debug'] unset so it follows DEBUG.",
    },
    docs: `
## What it does
Flags production settings where a template engine's \`OPTIONS['debug']\` in \`TEMPLATES\` is true
(a literal, or an environment default), and the legacy \`TEMPLATE_DEBUG\` setting set to a true
value. An engine without a \`debug\` option follows \`DEBUG\` (see DJS101) and is not reported.

## Why is this bad?
With template debug on, every template error keeps the template's source around the failing
line and its context. Django's technical error page, the mails \`AdminEmailHandler\` sends to
\`ADMINS\`, and error trackers that render the exception then show template source, and it costs
time on every render. Forcing it on in \`TEMPLATES\` survives \`DEBUG = False\`. \`TEMPLATE_DEBUG\` did
the same before Django 1.8 introduced \`TEMPLATES\`; Django 1.10 and later ignore it, so finding it
means stale settings (or a very old Django).

## Example
\`\`\`python
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"debug": True},
    },
]
\`\`\`

Use instead:
\`\`\`python
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {},  # debug follows DEBUG
    },
]
\`\`\`
`,
  },
  check(ctx) {
    // DjangoTemplates: options.setdefault('debug', settings.DEBUG), then tested for truth.
    const templates = ctx.get('TEMPLATES');
    for (let i = 0; i < maxLength(templates); i++) {
      const verdict = judge(member(member(item(templates, i), 'OPTIONS'), 'debug'), (py) => pyTruthy(py));
      if (!verdict) continue;
      ctx.report({
        messageId: 'optionsDebug',
        value: verdict.value,
        data: { setting: `TEMPLATES[${i}]['OPTIONS']['debug']`, value: show(verdict.option.py), source: sourceClause(verdict.value) },
      });
    }
    const legacy = judge(ctx.get('TEMPLATE_DEBUG'), (py) => pyTruthy(py));
    if (legacy) ctx.report({ messageId: 'templateDebug', value: legacy.value, data: { value: show(legacy.option.py), source: sourceClause(legacy.value) } });
  },
});
