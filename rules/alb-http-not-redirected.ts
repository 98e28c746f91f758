import { address, attributeText, httpListeners } from '../src/rule-kit/infra-helpers.js';
import { defineRule } from '../src/rule-kit/rule.js';

export default defineRule({
  code: 'DJS904',
  name: 'alb-http-not-redirected',
  level: 'warning',
  scope: 'infra',
  meta: {
    summary: 'A load balancer HTTP listener forwards to the application instead of redirecting to HTTPS',
    description:
      'An HTTP listener whose default action forwards to a target group serves the application over plain HTTP: sessions and form data travel unencrypted unless Django itself redirects (SECURE_SSL_REDIRECT).',
    cwe: ['CWE-319'],
    securitySeverity: '5.3',
    precision: 'high',
    messages: {
      forwards:
        '{{address}} listens on plain HTTP and forwards to the application instead of redirecting to HTTPS. Make its default action a redirect with {{protocol}} and {{status}}.',
    },
    docs: `
## What it does
Flags Terraform \`aws_lb_listener\` (and \`aws_alb_listener\`) resources with \`protocol = "HTTP"\`
whose default action is \`forward\`. A listener whose default action redirects (to
\`protocol = "HTTPS"\`) or answers with a fixed response is not reported, and neither is one whose
protocol is decided when Terraform runs or not written. CloudFormation's
\`AWS::ElasticLoadBalancingV2::Listener\` is read the same way (\`Protocol\`, \`DefaultActions\`,
\`RedirectConfig\`).

## Why is this bad?
Users who type the bare domain, or follow an old \`http://\` link, reach the application in clear
text: anyone on the network path can read and change the traffic, including session cookies
that are not marked \`Secure\`. Redirecting at the load balancer is the usual way on AWS; Django's
\`SECURE_SSL_REDIRECT\` is the other, and one of the two is needed.

## Example
\`\`\`hcl
resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.app.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}
\`\`\`

In CloudFormation:
\`\`\`yaml
Resources:
  HttpListener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Alb
      Port: 80
      Protocol: HTTP
      DefaultActions:
        - Type: forward
          TargetGroupArn: !Ref Targets
\`\`\`

Use instead:
\`\`\`hcl
resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.app.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}
\`\`\`

In CloudFormation:
\`\`\`yaml
Resources:
  HttpListener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Alb
      Port: 80
      Protocol: HTTP
      DefaultActions:
        - Type: redirect
          RedirectConfig:
            Port: "443"
            Protocol: HTTPS
            StatusCode: HTTP_301
\`\`\`
`,
  },
  check(ctx) {
    for (const { listener, action, origin } of httpListeners(ctx.infra)) {
      if (action !== 'forward') continue;
      const data = { address: address(listener), protocol: attributeText(listener, 'protocol', 'HTTPS'), status: attributeText(listener, 'status_code', 'HTTP_301') };
      ctx.report({ messageId: 'forwards', origin, data });
    }
  },
});
