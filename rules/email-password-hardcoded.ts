import { firstSighting, isEnvDefault, isHardcoded, maskedLeaf, sightingKey, stringLeaves, urlParsedPasswords } from '../src/rule-kit/credentials.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { sourceClause } from '../src/rule-kit/rule-helpers.js';

export default defineRule({
  code: 'DJS207',
  name: 'email-password-hardcoded',
  level: 'error',
  meta: {
    secret: true,
    summary: "EMAIL_HOST_PASSWORD is written in the settings (a literal, or an environment variable's default)",
    description:
      'An SMTP password in the source lets anyone who reads it send mail as the site: password-reset phishing from the real domain, spam that burns its sender reputation.',
    cwe: ['CWE-798'],
    securitySeverity: '8.0',
    precision: 'very-high',
    messages: {
      literal: 'EMAIL_HOST_PASSWORD is hardcoded as {{value}}{{source}}: anyone who can read the source can send mail as the site. Read it from the environment, e.g. EMAIL_HOST_PASSWORD = os.environ["EMAIL_HOST_PASSWORD"], and rotate it.',
      envDefault: 'EMAIL_HOST_PASSWORD falls back to {{value}}{{source}}: a deployment that forgets the variable uses a password published in the source. Drop the default, e.g. EMAIL_HOST_PASSWORD = os.environ["{{envVar}}"], and rotate it.',
    },
    docs: `
## What it does
Flags a non-empty \`EMAIL_HOST_PASSWORD\` written in the settings: a string literal, or the
default of an environment lookup. A password inside an email URL (\`env.email_url(default=...)\`)
is reported by DJS206 db-url-credentials instead.

## Why is this bad?
The SMTP credential lets whoever holds it send mail through the site's provider, from the
site's own domain: convincing password-reset phishing, or spam that gets the domain and the
account blocked. In the source, it is shared with everyone who can read the repository.

## Example
\`\`\`python
EMAIL_HOST = "smtp.sendgrid.net"
EMAIL_HOST_USER = "apikey"
EMAIL_HOST_PASSWORD = "SG.s3cr3t-smtp-pa55"
\`\`\`

Use instead:
\`\`\`python
import os

EMAIL_HOST = "smtp.sendgrid.net"
EMAIL_HOST_USER = "apikey"
EMAIL_HOST_PASSWORD = os.environ["EMAIL_HOST_PASSWORD"]
\`\`\`
`,
  },
  check(ctx) {
    const isNew = firstSighting();
    const passwords = stringLeaves(ctx.get('EMAIL_HOST_PASSWORD'), (leaf) => leaf.steps.length === 0 && leaf.text !== '' && isHardcoded(leaf.value));
    // A password taken from env.email_url()'s dict is reported once, by DJS206, at its URL.
    const fromUrls = urlParsedPasswords(ctx.settings.ns);
    for (const leaf of passwords) {
      if (fromUrls.has(sightingKey(leaf)) || !isNew(leaf)) continue;
      const envVar = leaf.value.kind === 'env' ? leaf.value.env.find((e) => !e.deployed)?.name : undefined;
      ctx.report({
        messageId: isEnvDefault(leaf.value) ? 'envDefault' : 'literal',
        value: leaf.value,
        data: { value: maskedLeaf(leaf), source: sourceClause(leaf.value), envVar: envVar ?? 'EMAIL_HOST_PASSWORD' },
      });
    }
  },
});
