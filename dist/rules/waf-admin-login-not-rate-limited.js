import { address, blockHead, inLanguage } from '../src/rule-kit/infra-helpers.js';
import { albWebAcls, knownRules, rateLimitsPath } from '../src/rule-kit/aws-waf.js';
import { adminInstalled, adminLoginPath, noBruteForceProtection } from '../src/rule-kit/django-admin.js';
import { defineRule } from '../src/rule-kit/rule.js';
// A settings rule that reads the infrastructure (ctx.infra), not an infrastructure rule: only an
// entry knows whether the admin is installed and where; the finding points at the web ACL and is
// reported once however many entries ask.
/** The rule to add, as each language writes it (the message ends it with the path). */
const RATE_STATEMENT = {
    terraform: 'a rate_based_statement (aggregate_key_type = "IP") whose scope_down_statement byte-matches the URI path',
    cloudformation: 'a RateBasedStatement (AggregateKeyType: IP) whose ScopeDownStatement is a ByteMatchStatement on the UriPath',
};
export default defineRule({
    code: 'DJS913',
    name: 'waf-admin-login-not-rate-limited',
    level: 'warning',
    meta: {
        summary: 'The settings install the Django admin, and the WAF web ACL in front of the load balancer has no rate-based rule on its login path',
        description: 'django.contrib.admin accepts unlimited login attempts. The settings have no throttling app, and the WAF web ACL in front of the application has no rate-based rule scoped to the admin login path, so nothing limits password guessing against staff accounts.',
        cwe: ['CWE-307'],
        securitySeverity: '5.3',
        precision: 'high',
        messages: {
            noRateRule: '{{address}} (in front of {{alb}}) has no rate-based rule scoped to {{path}}, and the settings install django.contrib.admin with no login throttling: staff passwords can be guessed without limit. Add a rule with {{statement}} {{path}}.',
        },
        docs: `
## What it does
Warns when the settings install \`django.contrib.admin\` with no brute-force protection Django can
see (no django-axes, django-defender or django-ratelimit, as DJS604 tests) and an AWS WAF web ACL
(\`aws_wafv2_web_acl\`) associated with an internet-facing application load balancer has no
\`rule\` with a \`rate_based_statement\` whose \`scope_down_statement\` byte-matches the admin
login path on the URI (\`field_to_match { uri_path {} }\`; \`EXACTLY\`, \`STARTS_WITH\`,
\`ENDS_WITH\` or \`CONTAINS\`). The path is \`/admin/login/\`, or \`/<ADMIN_URL>login/\` when the
settings define \`ADMIN_URL\` (cookiecutter-django's convention); when \`ADMIN_URL\` comes from the
environment, any rate-based rule scoped to a URI path counts, since the path is not known.

A rate-based rule without a scope-down statement does not count: a per-address limit sized for
page views (hundreds a minute) allows thousands of password guesses an hour. Not reported: web
ACLs with \`dynamic "rule"\` blocks or rules from rule groups, and scope-downs that use regular
expressions (not known). With no web ACL at all, DJS911 reports the load balancer.

This is a settings rule that reads the infrastructure: it runs on each set of production
settings, and its finding, placed on the web ACL, is reported once.
In a CloudFormation template, the same on an \`AWS::WAFv2::WebACL\`: a \`RateBasedStatement\`
whose \`ScopeDownStatement\` has a \`ByteMatchStatement\` on the \`UriPath\`.

## Why is this bad?
Staff accounts hold the most powerful credentials of a Django site, and they are the ones sprayed
with common and leaked passwords. The WAF is already in front of the application; a rate-based
rule on the login path turns an online guessing attack from hours into years, at no cost to
normal use. The settings-side note (DJS604) is resolved by such a rule.

## Example
\`\`\`python
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
]
\`\`\`

with, in the Terraform of the same repository:

\`\`\`hcl
resource "aws_wafv2_web_acl" "app" {
  name  = "django"
  scope = "REGIONAL"
  default_action {
    allow {}
  }
}

resource "aws_wafv2_web_acl_association" "app" {
  resource_arn = aws_lb.app.arn
  web_acl_arn  = aws_wafv2_web_acl.app.arn
}
\`\`\`

Use instead:
\`\`\`python
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
]
\`\`\`

with a rate-based rule on the admin login path in the web ACL (or django-axes in the settings):

\`\`\`hcl
resource "aws_wafv2_web_acl" "app" {
  name  = "django"
  scope = "REGIONAL"
  default_action {
    allow {}
  }
  rule {
    name     = "admin-login-rate"
    priority = 1
    action {
      block {}
    }
    statement {
      rate_based_statement {
        limit              = 100
        aggregate_key_type = "IP"
        scope_down_statement {
          byte_match_statement {
            search_string         = "/admin/login/"
            positional_constraint = "STARTS_WITH"
            field_to_match {
              uri_path {}
            }
            text_transformation {
              priority = 0
              type     = "NONE"
            }
          }
        }
      }
    }
  }
}
\`\`\`
`,
    },
    check(ctx) {
        if (!ctx.infra || !adminInstalled(ctx) || !noBruteForceProtection(ctx))
            return;
        const path = adminLoginPath(ctx);
        for (const { alb, acl } of albWebAcls(ctx.infra)) {
            const rules = knownRules(acl);
            if (rules && rules.every((r) => rateLimitsPath(r, path) === false)) {
                ctx.report({ messageId: 'noRateRule', origin: blockHead(acl.origin), data: { address: address(acl), alb: address(alb), path: path ?? 'the admin login path (ADMIN_URL is not known)', statement: inLanguage(acl, RATE_STATEMENT) } });
            }
        }
    },
});
