import { defineRule } from '../src/rule-kit/rule.js';
export default defineRule({
    code: 'DJS006',
    name: 'dynamic-settings',
    level: 'note',
    meta: {
        summary: 'Settings are written through globals(), locals() or exec',
        description: 'Writes through globals()/locals()/vars()/exec/setattr cannot be followed statically; djsec treats every setting after that point as unknown and stops judging them.',
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
Nobody reading the file can tell which settings deploy, and neither can djsec: every setting after
the line becomes unknown, so insecure values there go unreported.

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
