import { firstSighting, maskedLeaf, settingPath, stringLeaves } from '../src/rule-kit/credentials.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { sourceClause } from '../src/rule-kit/rule-helpers.js';

export default defineRule({
  code: 'DJS201',
  name: 'secret-key-hardcoded',
  level: 'error',
  meta: {
    secret: true,
    summary: 'SECRET_KEY is a string literal in the source',
    description:
      'Anyone who can read the source (a repository, a leaked image, a former contractor) can forge sessions, password-reset links and anything else Django signs with the key.',
    cwe: ['CWE-798'],
    securitySeverity: '9.1',
    precision: 'very-high',
    messages: {
      hardcoded:
        '{{setting}} is hardcoded as {{value}}{{source}}: anyone with the source can forge sessions, password-reset tokens and signed data. Read it from the environment (os.environ["DJANGO_SECRET_KEY"]) or a secrets manager, and rotate this key.',
    },
    docs: `
## What it does
Flags a \`SECRET_KEY\` written as a string literal in a production settings module, and literal
entries of \`SECRET_KEY_FALLBACKS\` (old keys Django still accepts).

## Why is this bad?
Django signs sessions, password-reset tokens, messages and \`signing.dumps()\` data with the
secret key. Whoever has the key can forge any of them: log in as any user when sessions are
signed cookies, or craft password-reset links. A key in the source is shared with everyone who
can read the repository, its history and every image built from it.

## Example
\`\`\`python
SECRET_KEY = "n1x$8v!k2q@w7e#r5t^y6u&i3o*p9a(s0d)f-g_h+j=k4l~z"
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
      // Only plain literals: an env default is DJS203, a value fetched at run time is unknown.
      const literals = stringLeaves(ctx.get(setting), (leaf) => leaf.text !== '' && leaf.value.kind === 'known' && (setting === 'SECRET_KEY' ? leaf.steps.length === 0 : leaf.steps.length === 1));
      for (const leaf of literals) {
        if (!isNew(leaf)) continue;
        ctx.report({ messageId: 'hardcoded', value: leaf.value, data: { setting: settingPath(setting, leaf.steps), value: maskedLeaf(leaf), source: sourceClause(leaf.value) } });
      }
    }
  },
});
