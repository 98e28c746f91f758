import { reportSetting } from '../src/rule-kit/django-checks.js';
import { appExposure } from '../src/rule-kit/aws-app-reach.js';
import { address } from '../src/rule-kit/infra-helpers.js';
import { trustedProxyHeader } from '../src/rule-kit/proxy-header.js';
import { defineRule } from '../src/rule-kit/rule.js';
// A settings rule that reads the infrastructure (ctx.infra): the setting is the finding, the
// security-group rule is the evidence the message names.
export default defineRule({
    code: 'DJS918',
    name: 'proxy-ssl-header-app-exposed',
    level: 'error',
    meta: {
        summary: 'SECURE_PROXY_SSL_HEADER trusts a header, and a security group lets the internet reach the application directly',
        description: "With SECURE_PROXY_SSL_HEADER set, Django believes a request header that says the connection was HTTPS. When the application's own security group opens its port to the internet, a client can skip the load balancer and send that header over plain HTTP.",
        cwe: ['CWE-348'],
        securitySeverity: '6.5',
        precision: 'high',
        messages: {
            exposed: "SECURE_PROXY_SSL_HEADER is {{value}}{{source}}, but {{opening}} to {{cidr}}: a client can reach Django without the load balancer and send '{{header}}: {{secure}}' over plain HTTP, which Django then treats as HTTPS (no SSL redirect, request.is_secure() true). Allow the application port from the load balancer's security group only.",
        },
        docs: `
## What it does
Reports production settings that set \`SECURE_PROXY_SSL_HEADER\` to a request header (such as
\`("HTTP_X_FORWARDED_PROTO", "https")\`) when the repository's Terraform opens an application
port to \`0.0.0.0/0\` or \`::/0\` in a security group of the application's compute: the
\`security_groups\` of an \`aws_ecs_service\`'s \`network_configuration\`, the
\`vpc_security_group_ids\` of an \`aws_instance\` or \`aws_launch_template\` (a group the load
balancer also uses is not counted). The application ports are 80, 8000 and 8080, the \`port\` of
every \`aws_lb_target_group\`, and the \`containerPort\`s of ECS task definitions when they are
known. Ingress is read as DJS903 reads it (inline \`ingress\` blocks, \`aws_security_group_rule\`,
\`aws_vpc_security_group_ingress_rule\`).

This is the settings side of DJS314 decided with the infrastructure: with the port closed and a
listener forwarding to the application, DJS314 is resolved and not reported.
In a CloudFormation template, the compute is an \`AWS::ECS::Service\`
(\`NetworkConfiguration.AwsvpcConfiguration.SecurityGroups\`), an \`AWS::EC2::Instance\` or an
\`AWS::EC2::LaunchTemplate\`, and the opening an \`AWS::EC2::SecurityGroup\`'s
\`SecurityGroupIngress\` or an \`AWS::EC2::SecurityGroupIngress\`.

## Why is this bad?
A load balancer sets \`X-Forwarded-Proto\` itself, so behind it the header is true. A client that
reaches the application's port directly sets whatever it likes: \`X-Forwarded-Proto: https\` on
a plain-HTTP request makes Django skip \`SECURE_SSL_REDIRECT\`, mark the request secure, and hand
\`Secure\` cookies over an unencrypted connection an attacker on the path can read.

## Example
\`\`\`python
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
\`\`\`

with, in the Terraform of the same repository:

\`\`\`hcl
resource "aws_security_group" "app" {
  ingress {
    protocol    = "tcp"
    from_port   = 8000
    to_port     = 8000
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_ecs_service" "web" {
  network_configuration {
    subnets         = [aws_subnet.private_a.id]
    security_groups = [aws_security_group.app.id]
  }
}
\`\`\`

Use instead:
\`\`\`python
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
\`\`\`

with the application port open to the load balancer only:

\`\`\`hcl
resource "aws_security_group" "app" {
  ingress {
    protocol        = "tcp"
    from_port       = 8000
    to_port         = 8000
    security_groups = [aws_security_group.alb.id]
  }
}
\`\`\`
`,
    },
    check(ctx) {
        const trusted = trustedProxyHeader(ctx);
        const exposure = trusted && appExposure(ctx.infra);
        if (!trusted || exposure?.kind !== 'open')
            return;
        const { ingress } = exposure;
        const where = `${ingress.owner} (${ingress.at.origin.file}:${ingress.at.origin.line})`;
        const group = ingress.group ? address(ingress.group) : '';
        const ports = `port${ingress.ports.length > 1 ? 's' : ''} ${ingress.ports.join(', ')}`;
        const opening = group === ingress.owner ? `${where}, the application's security group, opens ${ports}` : `${where} opens ${ports} of the application's security group ${group}`;
        const data = { header: trusted.header, secure: trusted.secure, opening, cidr: ingress.cidr };
        reportSetting(ctx, 'SECURE_PROXY_SSL_HEADER', trusted.verdict, { set: 'exposed' }, data);
    },
});
