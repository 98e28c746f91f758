import type { Leaf } from '../src/rule-kit/credentials.js';
import { firstSighting, isEnvDefault, isHardcoded, isParsedPassword, maskedLeaf, settingNames, settingPath, stringLeaves } from '../src/rule-kit/credentials.js';
import { parseUrl } from '../src/model/env-casts.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { sourceClause } from '../src/rule-kit/rule-helpers.js';
import { maskUrlPassword } from '../src/rule-kit/secrets.js';

/**
 * The password of a scheme://user:pass@host URL, or undefined. RabbitMQ's built-in guest:guest,
 * which RabbitMQ accepts only over loopback, is a published default, not a leaked secret.
 */
function urlPassword(text: string): string | undefined {
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(text)) return undefined;
  const url = parseUrl(text);
  if (url?.user === 'guest' && url.password === 'guest' && LOOPBACK.has(url.host.toLowerCase())) return undefined;
  return url?.password ? url.password : undefined;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export default defineRule({
  code: 'DJS206',
  name: 'db-url-credentials',
  level: 'error',
  meta: {
    secret: true,
    summary: 'A URL with a password in it (scheme://user:pass@host) is written in the settings',
    description:
      'Database, broker and cache URLs often carry the password inline. Written as a literal or as the default of DATABASE_URL, the credential is in the source for anyone who can read it.',
    cwe: ['CWE-798'],
    securitySeverity: '8.1',
    precision: 'very-high',
    messages: {
      url: '{{setting}} {{verb}} a URL with a password in it, {{url}}{{source}}: everyone who can read the source can use it. Read the whole URL from the environment with no default, e.g. os.environ["{{envVar}}"], and rotate the password.',
      parsed: '{{setting}} is parsed from a URL with the password {{value}} written in it{{source}}: everyone who can read the source can use it. Read the URL from the environment with no default, e.g. os.environ["{{envVar}}"], and rotate the password.',
    },
    docs: `
## What it does
Flags a URL with a non-empty password (\`scheme://user:pass@host\`) written in the settings: the
default of \`env.db()\`, \`dj_database_url.config(default=...)\` or \`env("DATABASE_URL", default=...)\`,
\`CELERY_BROKER_URL\`, \`BROKER_URL\`, a cache \`LOCATION\`, or any other setting whose value is
such a URL, including the dicts \`env.db()\`, \`dj_database_url\` and \`env.email_url()\` parse it into.
A password parsed out of a URL is reported here, once, rather than as DJS205
db-password-hardcoded or DJS207 email-password-hardcoded: the fix is the URL's.

## Why is this bad?
A password inside a URL is still a password in the source: anyone who can read the repository,
its history or a built image can connect to the database, broker or cache. Defaults such as
\`env.db(default="postgres://app:app@localhost/app")\` are also what runs when a deployment forgets
the variable.

## Example
\`\`\`python
import environ

env = environ.Env()
DATABASES = {"default": env.db("DATABASE_URL", default="postgres://app:s3cr3t@db.internal/app")}
\`\`\`

Use instead:
\`\`\`python
import environ

env = environ.Env()
DATABASES = {"default": env.db("DATABASE_URL")}
\`\`\`
`,
  },
  check(ctx) {
    const isNew = firstSighting();
    const reportedPasswords = new Set<string>();
    const envVarOf = (leaf: Leaf, fallback: string) => (leaf.value.kind === 'env' ? leaf.value.env.find((e) => !e.deployed)?.name : undefined) ?? fallback;
    for (const setting of settingNames(ctx.settings.ns)) {
      const urls = stringLeaves(ctx.get(setting), (leaf) => urlPassword(leaf.text) !== undefined && isHardcoded(leaf.value));
      for (const leaf of urls) {
        reportedPasswords.add(urlPassword(leaf.text)!);
        if (!isNew(leaf)) continue;
        ctx.report({
          messageId: 'url',
          value: leaf.value,
          data: {
            setting: settingPath(setting, leaf.steps),
            verb: isEnvDefault(leaf.value) ? 'falls back to' : 'is',
            url: maskUrlPassword(leaf.text),
            source: sourceClause(leaf.value),
            envVar: envVarOf(leaf, leaf.steps.length === 0 ? setting : setting === 'CACHES' ? 'CACHE_URL' : `${setting}_URL`),
          },
        });
      }
    }
    // Dicts parsed from a URL (env.db(), dj_database_url, env.email_url()) keep no URL, only fields.
    for (const setting of settingNames(ctx.settings.ns)) {
      const parsed = stringLeaves(ctx.get(setting), (leaf) => isParsedPassword(leaf) && isHardcoded(leaf.value));
      for (const leaf of parsed) {
        // The same URL already reported where it is written (DATABASE_URL = env(..., default=...)).
        if (reportedPasswords.has(leaf.text) || !isNew(leaf)) continue;
        ctx.report({
          messageId: 'parsed',
          value: leaf.value,
          data: {
            setting: settingPath(setting, leaf.steps.slice(0, -1)),
            value: maskedLeaf(leaf),
            source: sourceClause(leaf.value),
            envVar: envVarOf(leaf, setting === 'DATABASES' ? 'DATABASE_URL' : `${setting}_URL`),
          },
        });
      }
    }
  },
});
