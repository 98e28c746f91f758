import { firstSighting, isEnvDefault, isHardcoded, maskedLeaf, settingPath, stringLeaves } from '../src/rule-kit/credentials.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { sourceClause } from '../src/rule-kit/rule-helpers.js';

export default defineRule({
  code: 'DJS205',
  name: 'db-password-hardcoded',
  level: 'error',
  meta: {
    secret: true,
    summary: "A database PASSWORD is written in the settings (a literal, or an environment variable's default)",
    description:
      'A database password in the source is shared with everyone who can read the repository, its history and every image built from it; it also tends to be the same password on every environment.',
    cwe: ['CWE-798'],
    securitySeverity: '8.1',
    precision: 'very-high',
    messages: {
      literal: '{{setting}} is hardcoded as {{value}}{{source}}: everyone who can read the source can log in to the database. Read it from the environment, e.g. "PASSWORD": os.environ["DB_PASSWORD"], and rotate it.',
      envDefault: '{{setting}} falls back to {{value}}{{source}}: a deployment that forgets the variable uses a password published in the source. Drop the default, e.g. "PASSWORD": os.environ["{{envVar}}"], and rotate it.',
    },
    docs: `
## What it does
Flags a non-empty \`PASSWORD\` of a \`DATABASES\` entry that is written in the settings: a string
literal, or the default of an environment lookup (\`os.environ.get("DB_PASSWORD", "secret")\`).
An empty password (SQLite, peer authentication) is not reported. A password parsed out of a
database URL (\`env.db()\`, \`dj_database_url\`) is reported by DJS206 db-url-credentials instead.

## Why is this bad?
Whoever reads the source (the repository, its history, a built image, a leaked backup) can
connect to the database with it wherever the network allows. Passwords written in settings also
tend to be shared between development and production, and are rarely rotated.

## Example
\`\`\`python
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "app",
        "USER": "app",
        "PASSWORD": "s3cr3t-pa55",
        "HOST": "db.internal",
    }
}
\`\`\`

Use instead:
\`\`\`python
import os

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "app",
        "USER": "app",
        "PASSWORD": os.environ["DB_PASSWORD"],
        "HOST": "db.internal",
    }
}
\`\`\`
`,
  },
  check(ctx) {
    const isNew = firstSighting();
    // DATABASES[alias]['PASSWORD']; fields parsed from a URL are DJS206's (the fix is the URL's).
    const passwords = stringLeaves(ctx.get('DATABASES'), (leaf) => leaf.steps.length === 2 && leaf.steps[1] === 'PASSWORD' && leaf.text !== '' && !leaf.fromUrl && isHardcoded(leaf.value));
    for (const leaf of passwords) {
      if (!isNew(leaf)) continue;
      const envVar = leaf.value.kind === 'env' ? leaf.value.env.find((e) => !e.deployed)?.name : undefined;
      ctx.report({
        messageId: isEnvDefault(leaf.value) ? 'envDefault' : 'literal',
        value: leaf.value,
        data: { setting: settingPath('DATABASES', leaf.steps), value: maskedLeaf(leaf), source: sourceClause(leaf.value), envVar: envVar ?? 'DB_PASSWORD' },
      });
    }
  },
});
