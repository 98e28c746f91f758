import { djangoDefault } from '../src/rule-kit/django-defaults.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { isStr, judge, show, sourceClause } from '../src/rule-kit/rule-helpers.js';

// Django's own PickleSerializer and third-party look-alikes (django-picklefield, custom
// subclasses) all unpickle what they read back.
const PICKLE = /pickle/i;

export default defineRule({
  code: 'DJS407',
  name: 'session-serializer-pickle',
  level: 'warning',
  meta: {
    summary: 'SESSION_SERIALIZER is pickle-based',
    description:
      'A pickle-based session serializer turns a leaked SECRET_KEY (with signed-cookie sessions) or write access to the session store into remote code execution, because unpickling runs code chosen by whoever wrote the data.',
    cwe: ['CWE-502'],
    securitySeverity: '8.1',
    precision: 'high',
    messages: {
      pickle:
        "SESSION_SERIALIZER is {{value}}{{source}}: unpickling session data runs code chosen by whoever can write it (anyone holding SECRET_KEY when sessions live in signed cookies). Use Django's default, SESSION_SERIALIZER = 'django.contrib.sessions.serializers.JSONSerializer'.",
    },
    docs: `
## What it does
Flags a \`SESSION_SERIALIZER\` that is pickle-based: Django's
\`django.contrib.sessions.serializers.PickleSerializer\` (deprecated in Django 4.1, removed in 5.0)
or any serializer path containing \`Pickle\`. Environment defaults count: the value used when the
variable is unset is the one judged.

## Why is this bad?
Unpickling executes code chosen by whoever produced the bytes. With the \`signed_cookies\` session
engine, anyone who learns \`SECRET_KEY\` can sign a cookie that runs code on the server; with other
engines, anyone who can write to the session store (cache, database) can. The JSON serializer
cannot be turned into code execution.

## Example
\`\`\`python
SESSION_SERIALIZER = "django.contrib.sessions.serializers.PickleSerializer"
\`\`\`

Use instead:
\`\`\`python
SESSION_SERIALIZER = "django.contrib.sessions.serializers.JSONSerializer"
\`\`\`
`,
  },
  check(ctx) {
    const verdict = judge(ctx.getOrDefault('SESSION_SERIALIZER'), (py) => isStr(py) && PICKLE.test(py), djangoDefault('SESSION_SERIALIZER'));
    if (!verdict) return;
    ctx.report({ messageId: 'pickle', value: verdict.value, data: { value: show(verdict.option.py), source: sourceClause(verdict.value) } });
  },
});
