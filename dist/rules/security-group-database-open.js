import { worldOpenIngress } from '../src/rule-kit/security-groups.js';
import { defineRule } from '../src/rule-kit/rule.js';
/** The ports a Django deployment's database and cache listen on. */
const DATA_PORTS = new Map([
    [5432, 'PostgreSQL'],
    [3306, 'MySQL'],
    [6379, 'Redis'],
    [11211, 'Memcached'],
]);
export default defineRule({
    code: 'DJS903',
    name: 'security-group-database-open',
    level: 'error',
    scope: 'infra',
    meta: {
        summary: 'A security group opens a database or cache port (5432, 3306, 6379, 11211) to the whole internet',
        description: 'An ingress rule from 0.0.0.0/0 or ::/0 on the PostgreSQL, MySQL, Redis or Memcached port lets anyone on the internet reach the data store the Django application uses.',
        cwe: ['CWE-284'],
        securitySeverity: '8.6',
        precision: 'very-high',
        messages: {
            open: '{{address}} opens {{ports}} to {{cidr}}: anyone on the internet can reach the data store the application uses. Allow only the application\'s security group (source_security_group_id) or its subnets.',
        },
        docs: `
## What it does
Flags Terraform ingress rules that let \`0.0.0.0/0\` or \`::/0\` reach port 5432 (PostgreSQL),
3306 (MySQL), 6379 (Redis) or 11211 (Memcached): \`ingress\` blocks of \`aws_security_group\`,
\`aws_security_group_rule\` resources with \`type = "ingress"\` and
\`aws_vpc_security_group_ingress_rule\` resources. A port range that covers one of these ports, and
protocol \`-1\` (all traffic), count. Ports or CIDRs decided when Terraform runs are not reported.

## Why is this bad?
The database and the cache hold what the Django application stores, and Redis and Memcached
commonly run without a password. Bots scan the whole IPv4 space for these ports within minutes of
an address appearing. Only the application (its security group) needs to reach them.

## Example
\`\`\`hcl
resource "aws_security_group" "db" {
  ingress {
    protocol    = "tcp"
    from_port   = 5432
    to_port     = 5432
    cidr_blocks = ["0.0.0.0/0"]
  }
}
\`\`\`

Use instead:
\`\`\`hcl
resource "aws_security_group" "db" {
  ingress {
    protocol        = "tcp"
    from_port       = 5432
    to_port         = 5432
    security_groups = [aws_security_group.app.id]
  }
}
\`\`\`
`,
    },
    check(ctx) {
        for (const rule of worldOpenIngress(ctx.infra, [...DATA_PORTS.keys()])) {
            const ports = rule.ports.map((p) => `${p} (${DATA_PORTS.get(p)})`).join(', ');
            ctx.report({ messageId: 'open', origin: rule.at.origin, data: { address: rule.owner, ports, cidr: rule.cidr } });
        }
    },
});
