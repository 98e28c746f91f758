import { XFRAME_MIDDLEWARE, reportMissingMiddleware } from '../src/rule-kit/django-checks.js';
import { defineRule } from '../src/rule-kit/rule.js';
export default defineRule({
    code: 'DJS308',
    name: 'xframe-middleware-missing',
    level: 'warning',
    meta: {
        summary: 'XFrameOptionsMiddleware is not in MIDDLEWARE, so pages carry no X-Frame-Options header',
        description: 'Without django.middleware.clickjacking.XFrameOptionsMiddleware, any site can load your pages in a frame and trick users into clicking on them (clickjacking).',
        djangoCheck: 'security.W002',
        cwe: ['CWE-1021'],
        securitySeverity: '4.7',
        precision: 'very-high',
        messages: {
            notListed: "MIDDLEWARE{{source}} does not include 'django.middleware.clickjacking.XFrameOptionsMiddleware': pages are sent without an X-Frame-Options header, so any site can frame them (clickjacking). Add it to MIDDLEWARE.",
            unset: "MIDDLEWARE is not set, so 'django.middleware.clickjacking.XFrameOptionsMiddleware' is missing: pages are sent without an X-Frame-Options header, so any site can frame them (clickjacking). Define MIDDLEWARE and include it.",
        },
        docs: `
## What it does
Flags production settings whose \`MIDDLEWARE\` does not contain
\`django.middleware.clickjacking.XFrameOptionsMiddleware\`, exactly as Django's \`check --deploy\`
does (\`security.W002\`).

## Why is this bad?
The middleware adds \`X-Frame-Options: DENY\` (or \`X_FRAME_OPTIONS\`) to every response. Without
it, a hostile page can load your site in an invisible frame and lure users into clicking buttons
they cannot see: changing settings, confirming payments, granting permissions.

## Example
\`\`\`python
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]
\`\`\`

Use instead:
\`\`\`python
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
\`\`\`
`,
    },
    check(ctx) {
        // Django: check_xframe_options_middleware fires when the middleware is not `in settings.MIDDLEWARE`.
        reportMissingMiddleware(ctx, XFRAME_MIDDLEWARE);
    },
});
