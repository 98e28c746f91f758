import { defineRule } from '../src/rule-kit/rule.js';
export default defineRule({
    code: 'DJS006',
    name: 'dynamic-settings',
    level: 'note',
    meta: {
        summary: 'Settings are written through globals(), locals() or exec',
        description: 'Writes through globals()/locals()/vars()/exec/setattr cannot be followed statically: every setting set before the write may be replaced and every unset one may be set, so djsec no longer judges them as final.',
        cwe: [],
        securitySeverity: '1.0',
        precision: 'very-high',
        messages: {
            dynamic: '{{message}}',
        },
        docs: `
## What it does
Notes a statement that writes settings dynamically: \`globals().update(...)\`,
\`globals()[name] = ...\`, \`exec(...)\`, \`setattr(...)\`.

## Why is this bad?
Nobody reading the file can tell which settings deploy, and neither can djsec: a value set before
the line may be replaced by it (so it is not judged as final) and an unset setting may be set, so
insecure values there go unreported. The note lists the settings the write may have replaced.

## Example
\`\`\`python
globals().update({"DEBUG": True})
\`\`\`

Use instead:
\`\`\`python
DEBUG = False
\`\`\`
`,
    },
    check(ctx) {
        for (const note of ctx.notes) {
            if (note.kind === 'dynamic-globals')
                ctx.report({ messageId: 'dynamic', origin: note.origin, data: { message: note.message }, confidence: 'high' });
        }
    },
});
