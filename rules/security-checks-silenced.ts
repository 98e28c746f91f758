import type { Py } from '../src/model/values.js';
import { isConcrete } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { flaggedItems, show, sourceClause } from '../src/rule-kit/rule-helpers.js';

// What Django's deploy checks (django/core/checks/security/) look at, for the message.
const CHECKS: Readonly<Record<string, string>> = {
  'security.W001': 'SecurityMiddleware missing',
  'security.W002': 'XFrameOptionsMiddleware missing',
  'security.W003': 'CsrfViewMiddleware missing',
  'security.W004': 'SECURE_HSTS_SECONDS not set',
  'security.W005': 'HSTS without includeSubDomains',
  'security.W006': 'SECURE_CONTENT_TYPE_NOSNIFF off',
  'security.W008': 'SECURE_SSL_REDIRECT off',
  'security.W009': 'weak SECRET_KEY',
  'security.W010': 'SESSION_COOKIE_SECURE off',
  'security.W011': 'SESSION_COOKIE_SECURE off',
  'security.W012': 'SESSION_COOKIE_SECURE off',
  'security.W013': 'SESSION_COOKIE_HTTPONLY off',
  'security.W014': 'SESSION_COOKIE_HTTPONLY off',
  'security.W015': 'SESSION_COOKIE_HTTPONLY off',
  'security.W016': 'CSRF_COOKIE_SECURE off',
  'security.W018': 'DEBUG on',
  'security.W019': "X_FRAME_OPTIONS not 'DENY'",
  'security.W020': 'ALLOWED_HOSTS empty',
  'security.W021': 'HSTS without preload',
  'security.W022': 'no SECURE_REFERRER_POLICY',
  'security.W025': 'weak SECRET_KEY_FALLBACKS',
  'security.E023': 'invalid SECURE_REFERRER_POLICY',
  'security.E024': 'invalid SECURE_CROSS_ORIGIN_OPENER_POLICY',
};

/** A Django security check id ('security.W004'); Django silences exact ids only. */
const securityCheck = (py: Py) => (typeof py === 'string' && /^security\.[A-Z]\d+$/.test(py) ? py : undefined);

const describe = (id: string) => (CHECKS[id] ? `${id}, ${CHECKS[id]}` : id);

export default defineRule({
  code: 'DJS801',
  name: 'security-checks-silenced',
  level: 'note',
  meta: {
    summary: "SILENCED_SYSTEM_CHECKS turns off Django's security checks in production settings",
    description:
      "Ids such as 'security.W004' in SILENCED_SYSTEM_CHECKS stop manage.py check --deploy from reporting that weakness for this deployment, so a later regression goes unnoticed. Worth a review: sometimes the proxy really does the job (HSTS at the load balancer), sometimes the warning was only in the way.",
    cwe: ['CWE-693'],
    securitySeverity: '3.1',
    precision: 'very-high',
    messages: {
      silenced:
        "SILENCED_SYSTEM_CHECKS silences {{check}}{{source}}: manage.py check --deploy no longer reports it for these production settings, so a regression goes unnoticed. Review that the protection really lives elsewhere (e.g. HSTS set by the load balancer) and say where next to the entry, or remove it and fix the setting.",
      silencedString:
        "SILENCED_SYSTEM_CHECKS is the string {{value}}{{source}}: Django tests check ids with `in`, a substring test on a str, so it silences the security checks whose ids it contains. Use a list of exact ids, and review each security check you silence.",
    },
    docs: `
## What it does
Notes every \`security.*\` id (\`"security.W004"\`, \`"security.W008"\` ...) in the
\`SILENCED_SYSTEM_CHECKS\` of a production entry, at the entry itself, and a
\`SILENCED_SYSTEM_CHECKS\` string containing \`security.\` (Django's \`in\` test then matches
substrings). Environment defaults count.

As Django does, djsec then does not report the warning of a rule that mirrors a silenced check
(DJS302 for \`security.W008\` ...) when \`SILENCED_SYSTEM_CHECKS\` is a literal list: this note is
where the decision stays visible. Error-level rules (DJS101 for \`security.W018\`, \`DEBUG\` on) are
reported whatever the settings silence.

## Why is this bad?
\`manage.py check --deploy\` is the safety net that reports a production deployment without HSTS,
secure cookies or SSL redirect. Silencing a security check hides it for good: when the setting
later regresses, or the proxy that used to do the job is replaced, nothing says so. Some silences
are legitimate (TLS redirect and HSTS done by the load balancer), which is why this is a note:
keep those, with a comment naming where the protection lives.

## Example
\`\`\`python
SILENCED_SYSTEM_CHECKS = ["security.W004", "security.W008"]
\`\`\`

Use instead:
\`\`\`python
SECURE_HSTS_SECONDS = 31536000
SECURE_SSL_REDIRECT = True
SILENCED_SYSTEM_CHECKS = ["models.W042"]
\`\`\`
`,
  },
  check(ctx) {
    const silenced = ctx.get('SILENCED_SYSTEM_CHECKS');
    if (silenced && isConcrete(silenced) && typeof silenced.py === 'string') {
      if (silenced.py.includes('security.')) ctx.report({ messageId: 'silencedString', value: silenced, data: { value: show(silenced.py), source: sourceClause(silenced) } });
      return;
    }
    for (const hit of flaggedItems(silenced, securityCheck)) {
      ctx.report({ messageId: 'silenced', value: hit.value, origin: hit.origin, data: { check: describe(hit.detail), source: sourceClause(hit.value) } });
    }
  },
});
