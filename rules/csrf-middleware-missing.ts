import { CSRF_MIDDLEWARE, reportMissingMiddleware } from '../src/rule-kit/django-checks.js';
import { defineRule } from '../src/rule-kit/rule.js';

export default defineRule({
  code: 'DJS404',
  name: 'csrf-middleware-missing',
  level: 'error',
  meta: {
    summary: 'CsrfViewMiddleware is not in MIDDLEWARE, so views are not protected against CSRF',
    description:
      'django.middleware.csrf.CsrfViewMiddleware checks the CSRF token of every unsafe request. Without it, only views decorated with csrf_protect are protected, and any other form or API endpoint that uses cookie authentication can be driven by another website.',
    djangoCheck: 'security.W003',
    cwe: ['CWE-352'],
    securitySeverity: '8.0',
    precision: 'very-high',
    messages: {
      notListed:
        "MIDDLEWARE{{source}} does not include 'django.middleware.csrf.CsrfViewMiddleware': views without @csrf_protect accept forged cross-site POSTs from any website (security.W003). Add it to MIDDLEWARE after SessionMiddleware and CommonMiddleware.",
      unset:
        "MIDDLEWARE is not set, so Django runs no middleware and 'django.middleware.csrf.CsrfViewMiddleware' is missing: views without @csrf_protect accept forged cross-site POSTs (security.W003). Define MIDDLEWARE with CsrfViewMiddleware.",
    },
    docs: `
## What it does
Flags production settings whose \`MIDDLEWARE\` does not contain
\`django.middleware.csrf.CsrfViewMiddleware\`, exactly as Django's \`check --deploy\` does
(\`security.W003\`), including when \`MIDDLEWARE\` is never set.

## Why is this bad?
\`CsrfViewMiddleware\` makes every POST, PUT, PATCH and DELETE prove it came from your own pages.
Without it, only views decorated with \`@csrf_protect\` are checked: any other view that changes
state (a profile form, a password change, an API using session authentication) can be triggered
by a page on another website that the logged-in user happens to visit.

## Example
\`\`\`python
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
]
\`\`\`

Use instead:
\`\`\`python
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]
\`\`\`
`,
  },
  check(ctx) {
    // Django: check_csrf_middleware fires when the middleware is not `in settings.MIDDLEWARE`.
    reportMissingMiddleware(ctx, CSRF_MIDDLEWARE);
  },
});
