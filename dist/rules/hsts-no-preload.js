import { reportHstsFlagNotTrue } from '../src/rule-kit/django-checks.js';
import { defineRule } from '../src/rule-kit/rule.js';
export default defineRule({
    code: 'DJS305',
    name: 'hsts-no-preload',
    level: 'warning',
    meta: {
        summary: 'HSTS is on but SECURE_HSTS_PRELOAD is not True',
        description: "Without the preload directive the domain cannot join the browsers' HSTS preload list, so a user's very first visit can still go over plain HTTP and be intercepted.",
        djangoCheck: 'security.W021',
        cwe: ['CWE-319'],
        securitySeverity: '4.0',
        precision: 'very-high',
        messages: {
            unset: "SECURE_HSTS_PRELOAD is not set while HSTS is on (SECURE_HSTS_SECONDS = {{hsts}}): the site cannot join the browsers' HSTS preload list, so a first visit can still use plain HTTP. Set SECURE_HSTS_PRELOAD = True (with SECURE_HSTS_INCLUDE_SUBDOMAINS = True and at least a year of HSTS) and submit the domain at hstspreload.org.",
            notTrue: "SECURE_HSTS_PRELOAD is {{value}}{{source}} while HSTS is on (SECURE_HSTS_SECONDS = {{hsts}}): the site cannot join the browsers' HSTS preload list, so a first visit can still use plain HTTP. Set SECURE_HSTS_PRELOAD = True (with SECURE_HSTS_INCLUDE_SUBDOMAINS = True and at least a year of HSTS) and submit the domain at hstspreload.org.",
        },
        docs: `
## What it does
Flags production settings where \`SecurityMiddleware\` is installed and HSTS is on
(\`SECURE_HSTS_SECONDS\` truthy) but \`SECURE_HSTS_PRELOAD\` is not \`True\`, exactly as Django's
\`check --deploy\` does (\`security.W021\`).

## Why is this bad?
HSTS protects a browser only after its first HTTPS visit. Browsers ship a preload list of domains
that are HTTPS-only from the very first request; a domain can join it only if its header carries
\`preload\`. Until then, a new visitor's first plain-HTTP request can be intercepted.

## Example
\`\`\`python
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
\`\`\`

Use instead:
\`\`\`python
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
\`\`\`
`,
    },
    check(ctx) {
        reportHstsFlagNotTrue(ctx, 'SECURE_HSTS_PRELOAD');
    },
});
