import { pyRepr } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';
/** True when DEBUG is the environment's raw string with no cast, on every branch. */
function isRawEnvString(v) {
    if (v.kind === 'env' || v.kind === 'unknown')
        return v.rawString === true;
    if (v.kind === 'oneOf')
        return v.options.every(isRawEnvString);
    return false;
}
/** The variable DEBUG is read from, for the message. */
function variableOf(v) {
    if (v.kind === 'env')
        return v.env[0]?.name;
    if (v.kind === 'unknown')
        return v.requiredEnv;
    if (v.kind === 'oneOf')
        for (const o of v.options) {
            const name = variableOf(o);
            if (name)
                return name;
        }
    return undefined;
}
/** What the raw string is right now: as deployed, or the default when unset. */
function currentValue(v) {
    if (v.kind !== 'env')
        return '';
    if (v.env.every((e) => e.deployed))
        return ` (as deployed: ${pyRepr(v.py)}, which is ${typeof v.py === 'string' && v.py !== '' ? 'true' : 'false'})`;
    return '';
}
export default defineRule({
    code: 'DJS102',
    name: 'debug-env-truthy-string',
    level: 'warning',
    meta: {
        summary: 'DEBUG is read from the environment as a raw string, with no cast',
        description: 'os.environ.get("DEBUG") returns a string, and every non-empty string is true in Python: DEBUG=False or DEBUG=0 in the environment turns debug mode on.',
        cwe: ['CWE-704'],
        securitySeverity: '6.5',
        precision: 'high',
        messages: {
            raw: 'DEBUG is the raw string of ${{envVar}} with no cast{{current}}: any non-empty value, even "False" or "0", makes DEBUG true. Cast it: DEBUG = os.environ.get("{{envVar}}", "") == "True", or env.bool("{{envVar}}", default=False).',
        },
        docs: `
## What it does
Flags a \`DEBUG\` read straight from the environment (\`os.environ.get\`, \`os.getenv\`,
\`os.environ[...]\`, decouple's \`config()\` or environs' \`env()\` with no cast), whatever its default.

## Why is this bad?
Environment variables are strings, and Python treats every non-empty string as true. An operator
who sets \`DJANGO_DEBUG=False\` or \`DJANGO_DEBUG=0\` to turn debugging off turns it on: error pages
then show tracebacks, settings and SQL to anyone. The default does not help: it only applies while
the variable is unset.

## Example
\`\`\`python
import os

DEBUG = os.environ.get("DJANGO_DEBUG", False)
\`\`\`

Use instead:
\`\`\`python
import os

DEBUG = os.environ.get("DJANGO_DEBUG", "False") == "True"
\`\`\`
`,
    },
    check(ctx) {
        const debug = ctx.get('DEBUG');
        if (debug === undefined || !isRawEnvString(debug))
            return;
        const envVar = variableOf(debug) ?? 'DJANGO_DEBUG';
        // The pattern is certain even when the value is not: confidence is high.
        ctx.report({ messageId: 'raw', value: debug, confidence: 'high', data: { envVar, current: currentValue(debug) } });
    },
});
