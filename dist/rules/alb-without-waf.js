import { resourcesOfTypes, address, blockHead, typeText } from '../src/rule-kit/infra-helpers.js';
import { albProtection, internetFacingAlbs } from '../src/rule-kit/aws-waf.js';
import { defineRule } from '../src/rule-kit/rule.js';
export default defineRule({
    code: 'DJS911',
    name: 'alb-without-waf',
    level: 'warning',
    scope: 'infra',
    meta: {
        summary: 'An internet-facing application load balancer has no AWS WAF web ACL associated',
        description: 'Without a WAF web ACL, every request from the internet reaches Django unfiltered: no managed rules against common exploits and bad bots, and no rate limit on the admin login or the API.',
        cwe: ['CWE-693'],
        securitySeverity: '4.3',
        precision: 'medium',
        messages: {
            unprotected: '{{address}} faces the internet with no {{association}} naming it: requests reach the application unfiltered and unthrottled. Associate a WAFv2 web ACL (with the AWS managed core rule set and a rate-based rule on the login paths).',
        },
        docs: `
## What it does
Flags Terraform \`aws_lb\` (and \`aws_alb\`) resources that face the internet (\`internal\` not
true, \`load_balancer_type\` \`"application"\` or not written) when no
\`aws_wafv2_web_acl_association\` has a \`resource_arn\` that references them. Not reported: a
load balancer whose \`internal\` or type is decided when Terraform runs, any load balancer when
an association's \`resource_arn\` is not a reference (it may name this one), and any when a
CloudFront distribution with a \`web_acl_id\` exists (the WAF may sit in front of CloudFront).
In a CloudFormation template: an \`AWS::ElasticLoadBalancingV2::LoadBalancer\` (\`Scheme\` not
\`internal\`, \`Type\` \`application\` or not written) that no \`AWS::WAFv2::WebACLAssociation\`
names in its \`ResourceArn\` (\`!Ref\` of the load balancer is its ARN); an
\`AWS::CloudFront::Distribution\` with a \`WebACLId\` counts as the Terraform one does.

## Why is this bad?
A Django application answers whatever reaches it. A WAF in front of the load balancer drops the
bulk of automated attacks (scanners, known exploit payloads, credential stuffing) before they
cost a worker, and is the one place on AWS to rate-limit per client address: Django itself does
not throttle its login pages (see DJS604). It is a warning, not an error: a WAF is defence in
depth, and a small site may accept the risk.

## Example
\`\`\`hcl
resource "aws_lb" "app" {
  name               = "django"
  load_balancer_type = "application"
  subnets            = aws_subnet.public[*].id
}
\`\`\`

In CloudFormation:
\`\`\`yaml
Resources:
  LoadBalancer:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: application
      Subnets: !Ref PublicSubnets
\`\`\`

Use instead:
\`\`\`hcl
resource "aws_lb" "app" {
  name               = "django"
  load_balancer_type = "application"
  subnets            = aws_subnet.public[*].id
}

resource "aws_wafv2_web_acl_association" "app" {
  resource_arn = aws_lb.app.arn
  web_acl_arn  = aws_wafv2_web_acl.app.arn
}
\`\`\`

In CloudFormation:
\`\`\`yaml
Resources:
  LoadBalancer:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: application
      Subnets: !Ref PublicSubnets
  WebAclAssociation:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: !Ref LoadBalancer
      WebACLArn: !GetAtt WebAcl.Arn
\`\`\`
`,
    },
    check(ctx) {
        const cloudFrontWaf = resourcesOfTypes(ctx.infra, ['aws_cloudfront_distribution']).some((d) => d.attributes.has('web_acl_id'));
        if (cloudFrontWaf)
            return;
        for (const alb of internetFacingAlbs(ctx.infra)) {
            const protection = albProtection(ctx.infra, alb);
            if (protection.acls.length === 0 && !protection.unknownAssociation)
                ctx.report({ messageId: 'unprotected', origin: blockHead(alb.origin), data: { address: address(alb), association: typeText(alb, 'aws_wafv2_web_acl_association') } });
        }
    },
});
