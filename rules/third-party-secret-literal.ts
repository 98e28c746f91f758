import { firstSighting, isEnvDefault, isHardcoded, settingNames, settingPath, stringLeaves } from '../src/rule-kit/credentials.js';
import { maskSecret } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { sourceClause } from '../src/rule-kit/rule-helpers.js';

interface Provider {
  /** What the string is, for the message. */
  kind: string;
  /** Anchored on both sides so a key inside a longer token (or a longer token) does not match. */
  pattern: RegExp;
  /** The random part, for the placeholder test. */
  randomFrom: number;
  revoke: string;
}

// Live keys only: Stripe's sk_test_/rk_test_ keys cannot move money or read live customer data.
const PROVIDERS: readonly Provider[] = [
  { kind: 'Stripe live secret key', pattern: /(?<![A-Za-z0-9_])sk_live_[0-9A-Za-z]{20,247}(?![0-9A-Za-z])/, randomFrom: 8, revoke: 'Roll it in the Stripe dashboard (Developers → API keys)' },
  { kind: 'Stripe live restricted key', pattern: /(?<![A-Za-z0-9_])rk_live_[0-9A-Za-z]{20,247}(?![0-9A-Za-z])/, randomFrom: 8, revoke: 'Roll it in the Stripe dashboard (Developers → API keys)' },
  { kind: 'Slack token', pattern: /(?<![A-Za-z0-9_-])xox[abpr]-\d+-[0-9A-Za-z-]{10,}/, randomFrom: 5, revoke: "Revoke it in the Slack app's settings (OAuth & Permissions)" },
  { kind: 'SendGrid API key', pattern: /(?<![A-Za-z0-9_.-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/, randomFrom: 3, revoke: 'Delete it in SendGrid (Settings → API Keys)' },
  { kind: 'GitHub token', pattern: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9])/, randomFrom: 4, revoke: 'Revoke it on GitHub (Settings → Developer settings)' },
  { kind: 'GitHub fine-grained token', pattern: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{82}(?![A-Za-z0-9_])/, randomFrom: 11, revoke: 'Revoke it on GitHub (Settings → Developer settings)' },
  { kind: 'Google API key', pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/, randomFrom: 4, revoke: 'Delete or regenerate it in the Google Cloud console (APIs & Services → Credentials); a key meant for browsers belongs in templates, restricted by HTTP referrer and API' },
  { kind: 'Twilio API key SID (its secret is usually next to it)', pattern: /(?<![A-Za-z0-9])SK[0-9a-f]{32}(?![A-Za-z0-9])/, randomFrom: 2, revoke: 'Delete the API key in the Twilio console' },
  { kind: 'Mailgun API key', pattern: /(?<![A-Za-z0-9_-])key-[0-9a-f]{32}(?![A-Za-z0-9])/, randomFrom: 4, revoke: 'Regenerate it in Mailgun (API Security)' },
];

/** Placeholders such as sk_live_XXXXXXXXXXXXXXXXXXXXXXXX are not keys: real ones are random. */
const MIN_DISTINCT = 6;

function findKey(text: string): { provider: Provider; key: string } | undefined {
  for (const provider of PROVIDERS) {
    const m = provider.pattern.exec(text);
    if (m && new Set(m[0].slice(provider.randomFrom)).size >= MIN_DISTINCT) return { provider, key: m[0] };
  }
  return undefined;
}

export default defineRule({
  code: 'DJS211',
  name: 'third-party-secret-literal',
  level: 'error',
  meta: {
    secret: true,
    summary: 'A third-party API key or token is written in the settings',
    description:
      'Provider-shaped credentials (Stripe live keys, Slack tokens, SendGrid, GitHub, Google API keys, Twilio and Mailgun keys) in any setting are readable by everyone who can read the repository or its history, and are what secret scanners and attackers search code for.',
    cwe: ['CWE-798'],
    securitySeverity: '8.0',
    precision: 'high',
    messages: {
      literal:
        '{{setting}} {{verb}} a {{kind}}, {{value}}{{source}}: anyone who can read the code or its history can use it. {{revoke}}, then read the new one from the environment with no default (env("{{envName}}")) or a secret manager.',
    },
    docs: `
## What it does
Flags strings in any setting (directly, inside lists and dicts, in URLs, or as the default of
an environment lookup) shaped like a third-party credential:

| provider | shape |
|---|---|
| Stripe | \`sk_live_…\`, \`rk_live_…\` |
| Slack | \`xoxa-\`, \`xoxb-\`, \`xoxp-\`, \`xoxr-\` + digits and a random part |
| SendGrid | \`SG.\` + 22 + \`.\` + 43 characters |
| GitHub | \`ghp_\`, \`gho_\`, \`ghu_\`, \`ghs_\`, \`ghr_\` + 36, \`github_pat_\` + 82 |
| Google | \`AIza\` + 35 |
| Twilio | API key SID: \`SK\` + 32 lowercase hex |
| Mailgun | \`key-\` + 32 lowercase hex |

Patterns are anchored on both sides, so longer tokens, UUIDs, hashes of static files and URLs
that merely mention a prefix do not match, and placeholders with few distinct characters
(\`sk_live_XXXX…\`) are skipped. Stripe test-mode keys (\`sk_test_\`, \`rk_test_\`) are not reported:
they cannot charge cards or read live data (keep them out of public code all the same). Values
given at deploy time (\`--env\`) or fetched at run time are not reported. Keys are masked in the
output.

## Why is this bad?
A key in the settings is in every clone, fork, CI log and backup of the repository, and stays in
its history after it is removed. Live payment, messaging and source-control keys let whoever
finds them charge customers, read their data, send mail or messages as you, or push code.
Removing the line is not enough: revoke the key at the provider, then load the new one at run
time.

## Example
\`\`\`python
# (a made-up key, split in two only so that secret scanners do not flag this page)
STRIPE_SECRET_KEY = "sk_live_" "51Mz8kLqT2vX9pRcW4nB7yHd"
\`\`\`

Use instead:
\`\`\`python
import environ

env = environ.Env()
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY")
\`\`\`
`,
  },
  check(ctx) {
    const isNew = firstSighting();
    for (const setting of settingNames(ctx.settings.ns)) {
      const leaves = stringLeaves(ctx.get(setting), (leaf) => isHardcoded(leaf.value) && findKey(leaf.text) !== undefined);
      for (const leaf of leaves) {
        if (!isNew(leaf)) continue;
        const { provider, key } = findKey(leaf.text)!;
        ctx.report({
          messageId: 'literal',
          value: leaf.value,
          data: {
            setting: settingPath(setting, leaf.steps),
            verb: isEnvDefault(leaf.value) ? 'falls back to' : leaf.text === key ? 'is' : 'contains',
            kind: provider.kind,
            value: maskSecret(key),
            source: sourceClause(leaf.value),
            revoke: provider.revoke,
            envName: setting,
          },
        });
      }
    }
  },
});
