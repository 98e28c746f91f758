import { defineRule } from '../src/rule-kit/rule.js';
import { judge, show, sourceClause } from '../src/rule-kit/rule-helpers.js';
const VARIABLE = 'DJANGO_ALLOW_ASYNC_UNSAFE';
// Django tests `if not os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")`: any non-empty string,
// "false" and "0" included, turns the guard off.
const disablesGuard = (py) => (typeof py === 'string' ? py.length > 0 : undefined);
/**
 * The writes that can decide the variable's final value: the last unconditional write and any
 * conditional ones after it. Undefined when no write certainly happens.
 */
function finalWrites(writes) {
    const mine = writes.filter((w) => w.name === VARIABLE);
    let lastCertain = -1;
    mine.forEach((w, i) => {
        if (!w.conditional)
            lastCertain = i;
    });
    return lastCertain < 0 ? undefined : mine.slice(lastCertain);
}
export default defineRule({
    code: 'DJS802',
    name: 'async-unsafe-enabled',
    level: 'warning',
    meta: {
        summary: 'The settings set DJANGO_ALLOW_ASYNC_UNSAFE, turning off Django\'s async-safety guard',
        description: 'DJANGO_ALLOW_ASYNC_UNSAFE disables the SynchronousOnlyOperation check that stops ORM and other thread-bound calls from running inside an event loop. Set by the settings, it applies to every process that loads them, including production ASGI servers, where database connections can then be shared between concurrent requests.',
        cwe: ['CWE-362'],
        securitySeverity: '4.8',
        precision: 'very-high',
        messages: {
            setItem: 'The settings set {{variable}} to {{value}}{{source}}: Django no longer raises SynchronousOnlyOperation, so ORM calls made from async code run on the event loop and can share one database connection between concurrent requests (any non-empty value does this, "false" included). Remove it; call the ORM from async code through sync_to_async() or its async methods, and set the variable only in a notebook or one-off shell that needs it.',
            setDefault: 'The settings default {{variable}} to {{value}} with os.environ.setdefault{{source}}: Django no longer raises SynchronousOnlyOperation, so ORM calls made from async code run on the event loop and can share one database connection between concurrent requests (any non-empty value does this, "false" included). Remove it; call the ORM from async code through sync_to_async() or its async methods, and set the variable only in a notebook or one-off shell that needs it.',
        },
        docs: `
## What it does
Flags settings that write a non-empty \`DJANGO_ALLOW_ASYNC_UNSAFE\` into the environment:
\`os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"\`, or
\`os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")\` (reported as a default: a value
set at deploy time wins). The finding points at the write, in the module that makes it (a base
module included). A write inside an undecidable branch is not reported unless a certain write
enables it too.

## Why is this bad?
Django refuses to run thread-bound code, the ORM above all, inside an event loop and raises
\`SynchronousOnlyOperation\` instead. \`DJANGO_ALLOW_ASYNC_UNSAFE\` turns that guard off for the
whole process. Django reads it with \`if not os.environ.get(...)\`, so any non-empty value,
\`"false"\` and \`"0"\` included, disables the guard. Written by the settings, it also applies in
production ASGI workers, where blocking queries then stall every request on the loop and a
database connection can be used by several requests at once: races, lost transactions, one
user's query running inside another's transaction. Django's documentation reserves the variable
for environments such as Jupyter notebooks.

## Example
\`\`\`python
import os

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
\`\`\`

Use instead:
\`\`\`python
# Nothing in the settings: async views call the ORM through sync_to_async() or its async API,
# and a notebook that needs the escape hatch sets DJANGO_ALLOW_ASYNC_UNSAFE itself.
DEBUG = False
\`\`\`
`,
    },
    check(ctx) {
        const writes = finalWrites(ctx.settings.envWrites);
        if (!writes)
            return;
        // Reported only when every write that may be the last one leaves the guard off.
        const verdicts = writes.map((w) => judge(w.value, disablesGuard));
        if (verdicts.some((v) => v === undefined))
            return;
        const write = writes[0];
        const verdict = verdicts[0];
        ctx.report({
            messageId: write.how === 'setitem' ? 'setItem' : 'setDefault',
            value: verdict.value,
            origin: write.origin,
            data: { variable: VARIABLE, value: show(verdict.option.py), source: sourceClause(verdict.value) },
        });
    },
});
