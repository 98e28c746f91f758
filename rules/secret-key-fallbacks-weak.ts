import { firstSighting, joinReasons, maskedLeaf, secretKeyWeakness, settingPath, stringLeaves } from '../src/rule-kit/credentials.js';
import { judgeSetting } from '../src/rule-kit/django-checks.js';
import type { Py } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { sourceClause } from '../src/rule-kit/rule-helpers.js';

/** Django requires a list or tuple (anything else fails at start-up, before any check runs). */
function isListOrTuple(py: Py): boolean {
  return typeof py === 'object' && py !== null && (py.t === 'list' || py.t === 'tuple');
}

export default defineRule({
  code: 'DJS204',
  name: 'secret-key-fallbacks-weak',
  level: 'error',
  meta: {
    secret: true,
    summary: 'An entry of SECRET_KEY_FALLBACKS is short, low in variety, or a startproject development key',
    description:
      "Mirrors Django's security.W025: Django still accepts signatures made with every fallback key, so a weak fallback is as exploitable as a weak SECRET_KEY.",
    djangoCheck: 'security.W025',
    cwe: ['CWE-798'],
    securitySeverity: '7.5',
    precision: 'very-high',
    messages: {
      weak: "{{setting}} {{value}}{{source}} {{reasons}} (security.W025): Django still verifies signatures made with it. Remove keys you have rotated away from, and keep fallbacks as long and random as SECRET_KEY.",
    },
    docs: `
## What it does
Flags each entry of \`SECRET_KEY_FALLBACKS\` that Django's \`check --deploy\` rejects
(\`security.W025\`): shorter than 50 characters, fewer than 5 distinct characters, or starting with
\`django-insecure-\`.

## Why is this bad?
\`SECRET_KEY_FALLBACKS\` exists for key rotation: Django signs with \`SECRET_KEY\` but still
accepts sessions, password-reset tokens and signed values made with any fallback. A weak
fallback can be brute-forced and then used to forge those values, exactly like a weak
\`SECRET_KEY\`.

## Example
\`\`\`python
import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
SECRET_KEY_FALLBACKS = ["old-key"]
\`\`\`

Use instead:
\`\`\`python
import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
SECRET_KEY_FALLBACKS = [os.environ["DJANGO_OLD_SECRET_KEY"]]
\`\`\`
`,
  },
  check(ctx) {
    if (!judgeSetting(ctx, 'SECRET_KEY_FALLBACKS', isListOrTuple)) return;
    const isNew = firstSighting();
    // One warning per weak entry, as Django's check reports SECRET_KEY_FALLBACKS[index].
    const weak = stringLeaves(ctx.getOrDefault('SECRET_KEY_FALLBACKS'), (leaf) => leaf.steps.length === 1 && (secretKeyWeakness(leaf.bytes ? { t: 'bytes', v: leaf.text } : leaf.text)?.length ?? 0) > 0);
    for (const leaf of weak) {
      if (!isNew(leaf)) continue;
      const reasons = secretKeyWeakness(leaf.bytes ? { t: 'bytes', v: leaf.text } : leaf.text) ?? [];
      ctx.report({
        messageId: 'weak',
        value: leaf.value,
        data: { setting: settingPath('SECRET_KEY_FALLBACKS', leaf.steps), value: maskedLeaf(leaf), source: sourceClause(leaf.value), reasons: joinReasons(reasons) },
      });
    }
  },
});
