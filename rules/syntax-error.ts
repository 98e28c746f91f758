import { defineRule } from '../src/rule-kit/rule.js';

export default defineRule({
  code: 'DJS001',
  name: 'syntax-error',
  level: 'error',
  scope: 'module',
  meta: {
    summary: 'The settings module does not parse',
    description:
      'A settings module with a syntax error cannot be imported by Django. djsec reports the first error and still judges what parsed, but settings after the error may be missing from the model.',
    cwe: [],
    securitySeverity: '5.0',
    precision: 'very-high',
    messages: {
      syntax: 'Syntax error: the module does not parse here; settings after this point may be missing from the analysis.',
    },
    docs: `
## What it does
Reports the first syntax error of a settings module.

## Why is this bad?
Django cannot import a settings module that does not parse, and djsec can only judge the
statements it could read: findings after the error may be missing.

## Example
\`\`\`python
DEBUG = (False
\`\`\`

Use instead:
\`\`\`python
DEBUG = False
\`\`\`
`,
  },
  check(ctx) {
    const error = ctx.settings.module.syntaxError;
    if (error) ctx.report({ messageId: 'syntax', origin: error, confidence: 'high' });
  },
});
