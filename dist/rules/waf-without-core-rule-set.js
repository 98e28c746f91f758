import { address, blockHead, inLanguage } from '../src/rule-kit/infra-helpers.js';
import { albWebAcls, knownRules, runsCoreRuleSet } from '../src/rule-kit/aws-waf.js';
import { defineRule } from '../src/rule-kit/rule.js';
/** The statement that runs the core rule set, as each language writes it. */
const CORE_STATEMENT = {
    terraform: 'managed_rule_group_statement { name = "AWSManagedRulesCommonRuleSet", vendor_name = "AWS" }',
    cloudformation: 'ManagedRuleGroupStatement (Name: AWSManagedRulesCommonRuleSet, VendorName: AWS)',
};
export default defineRule({
    code: 'DJS912',
    name: 'waf-without-core-rule-set',
    // A note: the web ACL may carry equivalent rules of the team's own or a vendor's.
    level: 'note',
    scope: 'infra',
    meta: {
        summary: "A WAF web ACL in front of the load balancer does not use AWS's managed core rule set (AWSManagedRulesCommonRuleSet)",
        description: "A web ACL without AWS's managed core rule set lets through the common exploit payloads it blocks (OWASP Top 10 classes, oversized bodies, bad bots' probes): the WAF is there but filters little.",
        cwe: ['CWE-693'],
        securitySeverity: '3.7',
        precision: 'medium',
        messages: {
            missing: '{{address}} (associated with {{alb}}) has no rule that runs the AWS managed rule group AWSManagedRulesCommonRuleSet: common exploit payloads reach the application. Add a rule with a {{statement}}.',
        },
        docs: `
## What it does
Notes Terraform \`aws_wafv2_web_acl\` resources associated (\`aws_wafv2_web_acl_association\`)
with an internet-facing application load balancer when none of their \`rule\` blocks has a
\`managed_rule_group_statement\` with \`name = "AWSManagedRulesCommonRuleSet"\` and
\`vendor_name = "AWS"\`. A web ACL with \`dynamic "rule"\` blocks, rules from rule groups
(\`rule_group_reference_statement\`) or a managed rule group whose name is not a literal is not
reported: its rules are not known.
In a CloudFormation template: an \`AWS::WAFv2::WebACL\` whose \`Rules\` have no
\`ManagedRuleGroupStatement\` naming \`AWSManagedRulesCommonRuleSet\` from vendor \`AWS\`;
\`Rules\` that are not a literal list (\`!If\`) are not known.

## Why is this bad?
The core rule set is AWS's baseline against the request shapes of common attacks: cross-site
scripting and path traversal probes, oversized bodies and query strings, bad user agents. A web
ACL with only a rate limit, or only an IP block list, still lets these reach Django. It is a
note: a team may run equivalent rules of its own or from a vendor.

## Example
\`\`\`hcl
resource "aws_wafv2_web_acl" "app" {
  name  = "django"
  scope = "REGIONAL"
  default_action {
    allow {}
  }
  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "django"
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl_association" "app" {
  resource_arn = aws_lb.app.arn
  web_acl_arn  = aws_wafv2_web_acl.app.arn
}

resource "aws_lb" "app" {
  load_balancer_type = "application"
}
\`\`\`

Use instead:
\`\`\`hcl
resource "aws_wafv2_web_acl" "app" {
  name  = "django"
  scope = "REGIONAL"
  default_action {
    allow {}
  }
  rule {
    name     = "core"
    priority = 1
    override_action {
      none {}
    }
    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesCommonRuleSet"
        vendor_name = "AWS"
      }
    }
    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "core"
      sampled_requests_enabled   = true
    }
  }
  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "django"
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl_association" "app" {
  resource_arn = aws_lb.app.arn
  web_acl_arn  = aws_wafv2_web_acl.app.arn
}

resource "aws_lb" "app" {
  load_balancer_type = "application"
}
\`\`\`
`,
    },
    check(ctx) {
        for (const { alb, acl } of albWebAcls(ctx.infra)) {
            const rules = knownRules(acl);
            if (rules && rules.every((r) => runsCoreRuleSet(r) === false))
                ctx.report({ messageId: 'missing', origin: blockHead(acl.origin), data: { address: address(acl), alb: address(alb), statement: inLanguage(acl, CORE_STATEMENT) } });
        }
    },
});
