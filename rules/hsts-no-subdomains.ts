import { reportHstsFlagNotTrue } from '../src/rule-kit/django-checks.js';
import { defineRule } from '../src/rule-kit/rule.js';

export default defineRule({
  code: 'DJS304',
  name: 'hsts-no-subdomains',
  level: 'warning',
  meta: {
    summary: 'HSTS is on but SECURE_HSTS_INCLUDE_SUBDOMAINS is not True',
    description:
      'An HSTS policy without includeSubDomains leaves every subdomain reachable over plain HTTP, where an attacker can serve content and set cookies for the parent domain.',
    djangoCheck: 'security.W005',
    cwe: ['CWE-319'],
    securitySeverity: '4.3',
    precision: 'very-high',
    messages: {
      unset:
        'SECURE_HSTS_INCLUDE_SUBDOMAINS is not set while HSTS is on (SECURE_HSTS_SECONDS = {{hsts}}): subdomains can still be reached over plain HTTP, where an attacker can set cookies for your domain. Set SECURE_HSTS_INCLUDE_SUBDOMAINS = True once every subdomain serves HTTPS.',
      notTrue:
        'SECURE_HSTS_INCLUDE_SUBDOMAINS is {{value}}{{source}} while HSTS is on (SECURE_HSTS_SECONDS = {{hsts}}): subdomains can still be reached over plain HTTP, where an attacker can set cookies for your domain. Set SECURE_HSTS_INCLUDE_SUBDOMAINS = True once every subdomain serves HTTPS.',
    },
    docs: `
## What it does
Flags production settings where \`SecurityMiddleware\` is installed and HSTS is on
(\`SECURE_HSTS_SECONDS\` truthy) but \`SECURE_HSTS_INCLUDE_SUBDOMAINS\` is not \`True\`, exactly as
Django's \`check --deploy\` does (\`security.W005\`).

## Why is this bad?
Without \`includeSubDomains\`, browsers still talk plain HTTP to \`anything.example.com\`. An attacker
who intercepts such a request can answer it and set cookies for \`example.com\`, which the main
site then trusts (session fixation, CSRF token injection).

## Example
\`\`\`python
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
\`\`\`

Use instead:
\`\`\`python
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
\`\`\`
`,
  },
  check(ctx) {
    reportHstsFlagNotTrue(ctx, 'SECURE_HSTS_INCLUDE_SUBDOMAINS');
  },
});
