import { defineRule } from '../src/rule-kit/rule.js';

export default defineRule({
  code: 'DJS005',
  name: 'unresolved-import',
  level: 'note',
  meta: {
    summary: 'A star import or include() of settings could not be resolved',
    description:
      'djsec follows `from .base import *` and django-split-settings include() inside the scanned files. When the target is not there, the settings it defines are not modelled, so findings may be missing.',
    cwe: [],
    securitySeverity: '1.0',
    precision: 'very-high',
    messages: {
      unresolved: '{{message}}',
    },
    docs: `
## What it does
Notes an unconditional relative star import (or a split-settings \`include()\`) whose target is not
in the scanned files. Optional imports (\`try: from .local import * except ImportError: pass\`) are
expected to be absent and are not noted.

## Why is this bad?
The imported module may set \`DEBUG\`, secrets or security headers: djsec cannot judge what it cannot
read. Scan the directory that contains it, or name it with \`--settings\`.

## Example
\`\`\`python
from .missing_base import *
\`\`\`

Use instead:
\`\`\`python
DEBUG = False
\`\`\`
`,
  },
  check(ctx) {
    for (const note of ctx.notes) {
      if (note.kind === 'unresolved-import') ctx.report({ messageId: 'unresolved', origin: note.origin, data: { message: note.message }, confidence: 'high' });
    }
  },
});
