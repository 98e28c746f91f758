import { literalOf } from '../src/infra/infra-model.js';
import { address, attributeText, blockHead, resourcesOfTypes } from '../src/rule-kit/infra-helpers.js';
import { defineRule } from '../src/rule-kit/rule.js';
/** What the messages recommend: TLS 1.3 and 1.2 only. */
const RECOMMENDED_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';
/** The oldest TLS version each outdated policy still accepts (AWS's table of ALB security policies). */
const OUTDATED = new Map([
    ['ELBSecurityPolicy-2016-08', 'TLS 1.0'],
    ['ELBSecurityPolicy-2015-05', 'TLS 1.0'],
    ['ELBSecurityPolicy-TLS-1-0-2015-04', 'TLS 1.0'],
    ['ELBSecurityPolicy-FS-2018-06', 'TLS 1.0'],
    ['ELBSecurityPolicy-TLS-1-1-2017-01', 'TLS 1.1'],
    ['ELBSecurityPolicy-FS-1-1-2019-08', 'TLS 1.1'],
]);
/**
 * The oldest TLS version a policy accepts when it is outdated; undefined for current policies and
 * for names djsec does not know (never guessed). The TLS13-1-0 and TLS13-1-1 families (FIPS and
 * post-quantum variants included) say their minimum in the name.
 */
function outdatedPolicy(name) {
    const listed = OUTDATED.get(name);
    if (listed)
        return listed;
    const family = /^ELBSecurityPolicy-TLS13-1-([01])-/.exec(name);
    return family ? `TLS 1.${family[1]}` : undefined;
}
export default defineRule({
    code: 'DJS910',
    name: 'alb-tls-policy-outdated',
    level: 'warning',
    scope: 'infra',
    meta: {
        summary: 'A load balancer HTTPS listener uses an SSL policy that still accepts TLS 1.0 or 1.1 (ELBSecurityPolicy-2016-08 is the default)',
        description: 'An HTTPS listener whose security policy accepts TLS 1.0 or TLS 1.1 lets clients negotiate protocol versions with known weaknesses (deprecated by RFC 8996). Terraform listeners without ssl_policy get ELBSecurityPolicy-2016-08, which accepts TLS 1.0.',
        cwe: ['CWE-327'],
        securitySeverity: '5.9',
        precision: 'very-high',
        messages: {
            outdated: '{{address}} uses {{setting}}, which still accepts {{oldest}}. Use ELBSecurityPolicy-TLS13-1-2-2021-06 (TLS 1.3 and 1.2) or a newer TLS13-1-2 policy.',
            unset: '{{address}} is an HTTPS listener without {{attribute}}, so AWS applies ELBSecurityPolicy-2016-08, which still accepts TLS 1.0. Set {{fix}} or a newer TLS13-1-2 policy.',
        },
        docs: `
## What it does
Flags Terraform \`aws_lb_listener\` (and \`aws_alb_listener\`) resources with
\`protocol = "HTTPS"\` whose \`ssl_policy\` still accepts TLS 1.0 or TLS 1.1, or that do not set
\`ssl_policy\`: AWS then applies \`ELBSecurityPolicy-2016-08\`, the default for listeners created
through the API (Terraform, CloudFormation, the CLI; only the console picks a newer one). A policy
decided when Terraform runs, or a name djsec does not know, is not reported.

| Policy | Oldest TLS version accepted |
|---|---|
| \`ELBSecurityPolicy-2016-08\` (the default) | TLS 1.0 |
| \`ELBSecurityPolicy-2015-05\` | TLS 1.0 |
| \`ELBSecurityPolicy-TLS-1-0-2015-04\` | TLS 1.0 |
| \`ELBSecurityPolicy-FS-2018-06\` | TLS 1.0 |
| \`ELBSecurityPolicy-TLS13-1-0-2021-06\` (and its FIPS/PQ variants) | TLS 1.0 |
| \`ELBSecurityPolicy-TLS-1-1-2017-01\` | TLS 1.1 |
| \`ELBSecurityPolicy-FS-1-1-2019-08\` | TLS 1.1 |
| \`ELBSecurityPolicy-TLS13-1-1-2021-06\` (and its FIPS/PQ variants) | TLS 1.1 |
| \`ELBSecurityPolicy-TLS-1-2-2017-01\`, \`-TLS-1-2-Ext-2018-06\`, \`-FS-1-2-2019-08\`, \`-FS-1-2-Res-2019-08\`, \`-FS-1-2-Res-2020-10\` | TLS 1.2 (not reported) |
| \`ELBSecurityPolicy-TLS13-1-2-2021-06\`, \`-TLS13-1-2-Res-2021-06\`, \`-TLS13-1-2-Ext1-2021-06\`, \`-TLS13-1-2-Ext2-2021-06\`, \`-TLS13-1-3-2021-06\` and later TLS13-1-2/1-3 policies | TLS 1.2 or 1.3 (not reported) |
In a CloudFormation template, an \`AWS::ElasticLoadBalancingV2::Listener\` with \`Protocol:
HTTPS\` and its \`SslPolicy\`, alike.

## Why is this bad?
TLS 1.0 and 1.1 were deprecated by RFC 8996 (2021): they rely on SHA-1 and older cipher
constructions, and PCI DSS no longer accepts them. Every browser in use speaks TLS 1.2, so
accepting the old versions only helps a downgrade. The Django side (\`SECURE_SSL_REDIRECT\`, HSTS)
assumes the HTTPS it redirects to is sound; at the load balancer, that is this policy.

## Example
\`\`\`hcl
resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.app.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = aws_acm_certificate.app.arn
  ssl_policy        = "ELBSecurityPolicy-2016-08"
}
\`\`\`

In CloudFormation:
\`\`\`yaml
Resources:
  HttpsListener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref LoadBalancer
      Port: 443
      Protocol: HTTPS
      Certificates:
        - CertificateArn: !Ref Certificate
      DefaultActions:
        - Type: forward
          TargetGroupArn: !Ref TargetGroup
\`\`\`

Use instead:
\`\`\`hcl
resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.app.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = aws_acm_certificate.app.arn
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
}
\`\`\`

In CloudFormation:
\`\`\`yaml
Resources:
  HttpsListener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref LoadBalancer
      Port: 443
      Protocol: HTTPS
      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06
      Certificates:
        - CertificateArn: !Ref Certificate
      DefaultActions:
        - Type: forward
          TargetGroupArn: !Ref TargetGroup
\`\`\`
`,
    },
    check(ctx) {
        for (const listener of resourcesOfTypes(ctx.infra, ['aws_lb_listener', 'aws_alb_listener'])) {
            if (literalOf(listener.attributes.get('protocol')) !== 'HTTPS')
                continue;
            const value = listener.attributes.get('ssl_policy');
            if (!value) {
                const fix = attributeText(listener, 'ssl_policy', RECOMMENDED_POLICY);
                ctx.report({ messageId: 'unset', origin: blockHead(listener.origin), data: { address: address(listener), attribute: attributeText(listener, 'ssl_policy'), fix } });
                continue;
            }
            const policy = literalOf(value);
            const oldest = typeof policy === 'string' ? outdatedPolicy(policy) : undefined;
            if (typeof policy === 'string' && oldest)
                ctx.report({ messageId: 'outdated', origin: value.origin, data: { address: address(listener), setting: attributeText(listener, 'ssl_policy', policy), oldest } });
        }
    },
});
