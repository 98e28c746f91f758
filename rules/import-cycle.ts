import { defineRule } from '../src/rule-kit/rule.js';

export default defineRule({
  code: 'DJS004',
  name: 'import-cycle',
  level: 'note',
  meta: {
    summary: 'Settings modules import each other in a cycle',
    description:
      'A star-import cycle between settings modules makes the effective settings depend on which module Django loads first. djsec ignores the cyclic import and says so.',
    cwe: [],
    securitySeverity: '1.0',
    precision: 'very-high',
    messages: {
      cycle: '{{message}}',
    },
    docs: `
## What it does
Notes a cycle of star imports between settings modules (\`a.py\` imports \`b.py\`, which imports \`a.py\`).

## Why is this bad?
Python runs the second import against a half-initialised module, so which values win depends on
which module \`DJANGO_SETTINGS_MODULE\` names. Reviewers (and djsec) cannot tell which settings deploy.

## Example
\`\`\`python
from .settings import *
\`\`\`

Use instead:
\`\`\`python
from .base import *
\`\`\`
`,
  },
  check(ctx) {
    for (const note of ctx.notes) {
      if (note.kind === 'import-cycle') ctx.report({ messageId: 'cycle', origin: note.origin, data: { message: note.message }, confidence: 'high' });
    }
  },
});
