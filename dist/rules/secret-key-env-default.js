import { firstSighting, isEnvDefault, maskedLeaf, settingPath, stringLeaves } from '../src/rule-kit/credentials.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { sourceClause } from '../src/rule-kit/rule-helpers.js';
export default defineRule({
    code: 'DJS203',
    name: 'secret-key-env-default',
    level: 'error',
    meta: {
        secret: true,
        summary: 'SECRET_KEY is read from the environment with a literal fallback',
        description: 'A fallback key in the source is used whenever the variable is missing, silently: a deployment that forgets it signs sessions and tokens with a key everyone who reads the source knows.',
        cwe: ['CWE-798', 'CWE-1188'],
        securitySeverity: '8.1',
        precision: 'high',
        messages: {
            envDefault: '{{setting}} falls back to the literal {{value}}{{source}}: a deployment that forgets the variable signs sessions and tokens with a key published in the source. Make the variable required, e.g. os.environ["{{envVar}}"], and rotate this key.',
        },
        docs: `
## What it does
Flags a \`SECRET_KEY\` (or an entry of \`SECRET_KEY_FALLBACKS\`) read from the environment with a
non-empty literal default: \`os.environ.get("DJANGO_SECRET_KEY", "dev-key")\`,
\`env("DJANGO_SECRET_KEY", default="...")\`, \`config("SECRET_KEY", default="...")\`.

## Why is this bad?
The default applies whenever the variable is unset, and nothing says so: the site starts, and
signs sessions, password-reset tokens and signed cookies with a key that anyone who can read
the source knows. Requiring the variable makes a misconfigured deployment fail at start-up instead.

## Example
\`\`\`python
import os

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-n1x$8v!k2q@w7e#r5t^y6u&i3o*p9a(s0d)f-g_h")
\`\`\`

Use instead:
\`\`\`python
import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
\`\`\`
`,
    },
    check(ctx) {
        const isNew = firstSighting();
        for (const setting of ['SECRET_KEY', 'SECRET_KEY_FALLBACKS']) {
            const defaults = stringLeaves(ctx.get(setting), (leaf) => leaf.text !== '' && isEnvDefault(leaf.value) && (setting === 'SECRET_KEY' ? leaf.steps.length === 0 : leaf.steps.length === 1));
            for (const leaf of defaults) {
                if (!isNew(leaf))
                    continue;
                const envVar = leaf.value.kind === 'env' ? leaf.value.env.find((e) => !e.deployed)?.name : undefined;
                ctx.report({
                    messageId: 'envDefault',
                    value: leaf.value,
                    data: { setting: settingPath(setting, leaf.steps), value: maskedLeaf(leaf), source: sourceClause(leaf.value), envVar: envVar ?? 'DJANGO_SECRET_KEY' },
                });
            }
        }
    },
});
