import { ADMIN_APPS, adminInstalled, adminLoginPath, noBruteForceProtection } from '../src/rule-kit/django-admin.js';
import { adminLoginRateLimit } from '../src/rule-kit/aws-waf.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { flaggedItems } from '../src/rule-kit/rule-helpers.js';

export default defineRule({
  code: 'DJS604',
  name: 'admin-without-brute-force-protection',
  level: 'note',
  meta: {
    summary: 'The Django admin is installed with no brute-force protection in the settings',
    description:
      'django.contrib.admin accepts unlimited login attempts unless something throttles them. With no django-axes, django-defender or django-ratelimit app or middleware, /admin/login/ is protected only if a load balancer or WAF in front rate-limits it.',
    cwe: ['CWE-307'],
    securitySeverity: '5.3',
    precision: 'medium',
    messages: {
      unprotected:
        "django.contrib.admin is installed with no brute-force protection in the settings (no django-axes, django-defender or django-ratelimit app or middleware): /admin/login/ takes unlimited password guesses. Unless something in front of Django limits them, add django-axes ('axes' in INSTALLED_APPS, 'axes.middleware.AxesMiddleware' last in MIDDLEWARE, 'axes.backends.AxesStandaloneBackend' first in AUTHENTICATION_BACKENDS), or rate-limit POST /admin/login/ at the load balancer or WAF, e.g. an AWS WAF rate-based rule scoped to that path.",
    },
    docs: `
## What it does
Notes production settings that install \`django.contrib.admin\` without any login throttling
Django can see: no \`axes\` (django-axes), \`defender\` (django-defender) or \`django_ratelimit\`
app in \`INSTALLED_APPS\`, and none of their middleware in \`MIDDLEWARE\`. It is a note, to
review: protection may live in front of Django instead.

When the repository's Terraform associates an AWS WAF web ACL with an internet-facing ALB, and
the web ACL has a rate-based rule whose scope-down statement matches the admin login path on the
URI (\`/admin/login/\`, or \`/<ADMIN_URL>login/\` when the settings define \`ADMIN_URL\`), the
admin is protected at the edge and nothing is reported. DJS913 reports such web ACLs that lack
the rule.

## Why is this bad?
Django's admin login form accepts any number of attempts, at the speed the server answers.
Staff accounts hold the most powerful credentials of the site, and they are the ones reused,
phished and sprayed with common passwords. Lock-outs (django-axes, django-defender) or rate
limits turn an online guessing attack from hours into years. The same can be done at the edge:
a load balancer or WAF rule that rate-limits \`POST /admin/login/\` per client address, such as
an AWS WAF rate-based rule with a scope-down statement on that path in front of an ALB or
CloudFront. If that is in place, suppress this note with a comment saying where.

## Example
\`\`\`python
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
]
\`\`\`

Use instead:
\`\`\`python
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "axes",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "axes.middleware.AxesMiddleware",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
\`\`\`
`,
  },
  check(ctx) {
    if (!adminInstalled(ctx)) return;
    // Silent unless every protection is certainly absent (an unknown INSTALLED_APPS may hold one).
    if (!noBruteForceProtection(ctx)) return;
    // Judged with the infrastructure: a WAF rate-based rule on the login path, in front of the
    // internet-facing load balancer, is the protection (the note would only ask to check for it).
    if (adminLoginRateLimit(ctx.infra, adminLoginPath(ctx))) return;
    const apps = ctx.get('INSTALLED_APPS');
    const admin = flaggedItems(apps, (py) => (typeof py === 'string' && ADMIN_APPS.includes(py) ? true : undefined))[0];
    ctx.report({ messageId: 'unprotected', value: admin?.value ?? apps, origin: admin?.origin });
  },
});
