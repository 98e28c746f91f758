import type { InfraValue, TfBlock, TfResource } from '../src/infra/infra-model.js';
import { literalOf, stringList, tfNumber } from '../src/infra/infra-model.js';
import { address, attributeText, resourcesOfTypes } from '../src/rule-kit/infra-helpers.js';
import { defineRule } from '../src/rule-kit/rule.js';

/** The ports a Django deployment's database and cache listen on. */
const DATA_PORTS: ReadonlyMap<number, string> = new Map([
  [5432, 'PostgreSQL'],
  [3306, 'MySQL'],
  [6379, 'Redis'],
  [11211, 'Memcached'],
]);

const WORLD = new Set(['0.0.0.0/0', '::/0']);

/** The data ports a rule's protocol and port range let through; undefined when not known. */
function portsOpened(protocol: InfraValue | undefined, from: InfraValue | undefined, to: InfraValue | undefined): number[] | undefined {
  const p = literalOf(protocol);
  if (p === undefined || p === null) return undefined;
  const proto = String(p).toLowerCase();
  if (proto === '-1' || proto === 'all') return [...DATA_PORTS.keys()];
  if (proto !== 'tcp' && proto !== '6') return [];
  const low = tfNumber(from);
  const high = tfNumber(to);
  if (low === undefined || high === undefined) return undefined;
  return [...DATA_PORTS.keys()].filter((port) => low <= port && port <= high);
}

interface OpenRule {
  /** Where the world-open CIDR is written. */
  at: InfraValue;
  cidr: string;
  ports: number[];
}

/** A rule block or resource with cidr_blocks / ipv6_cidr_blocks lists (aws_security_group ingress, aws_security_group_rule). */
function listRule(block: TfBlock): OpenRule[] {
  const ports = portsOpened(block.attributes.get('protocol'), block.attributes.get('from_port'), block.attributes.get('to_port'));
  if (!ports || ports.length === 0) return [];
  const out: OpenRule[] = [];
  for (const name of ['cidr_blocks', 'ipv6_cidr_blocks']) {
    const value = block.attributes.get(name);
    const cidrs = stringList(value);
    const open = cidrs?.find((c) => WORLD.has(c));
    if (value && open) out.push({ at: value, cidr: open, ports });
  }
  return out;
}

/** aws_vpc_security_group_ingress_rule: one CIDR a resource (cidr_ipv4 or cidr_ipv6). */
function vpcRule(block: TfBlock): OpenRule[] {
  const ports = portsOpened(block.attributes.get('ip_protocol'), block.attributes.get('from_port'), block.attributes.get('to_port'));
  if (!ports || ports.length === 0) return [];
  for (const name of ['cidr_ipv4', 'cidr_ipv6']) {
    const value = block.attributes.get(name);
    const cidr = literalOf(value);
    if (value && typeof cidr === 'string' && WORLD.has(cidr)) return [{ at: value, cidr, ports }];
  }
  return [];
}

export default defineRule({
  code: 'DJS903',
  name: 'security-group-database-open',
  level: 'error',
  scope: 'infra',
  meta: {
    summary: 'A security group opens a database or cache port (5432, 3306, 6379, 11211) to the whole internet',
    description:
      'An ingress rule from 0.0.0.0/0 or ::/0 on the PostgreSQL, MySQL, Redis or Memcached port lets anyone on the internet reach the data store the Django application uses.',
    cwe: ['CWE-284'],
    securitySeverity: '8.6',
    precision: 'very-high',
    messages: {
      open: '{{address}} opens {{ports}} to {{cidr}}: anyone on the internet can reach the data store the application uses. Allow only the application\'s security group ({{source}}) or its subnets.',
    },
    docs: `
## What it does
Flags Terraform ingress rules that let \`0.0.0.0/0\` or \`::/0\` reach port 5432 (PostgreSQL),
3306 (MySQL), 6379 (Redis) or 11211 (Memcached): \`ingress\` blocks of \`aws_security_group\`,
\`aws_security_group_rule\` resources with \`type = "ingress"\` and
\`aws_vpc_security_group_ingress_rule\` resources. A port range that covers one of these ports, and
protocol \`-1\` (all traffic), count. Ports or CIDRs decided when Terraform runs are not reported.
In CloudFormation: \`SecurityGroupIngress\` of \`AWS::EC2::SecurityGroup\` and
\`AWS::EC2::SecurityGroupIngress\` resources (\`CidrIp\`, \`CidrIpv6\`, \`IpProtocol\`, \`FromPort\`,
\`ToPort\`).

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

In CloudFormation:
\`\`\`yaml
Resources:
  DbGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: database
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 5432
          ToPort: 5432
          CidrIp: 0.0.0.0/0
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

In CloudFormation:
\`\`\`yaml
Resources:
  DbGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: database
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 5432
          ToPort: 5432
          SourceSecurityGroupId: !Ref AppGroup
\`\`\`
`,
  },
  check(ctx) {
    const found: { owner: TfResource; rule: OpenRule }[] = [];
    for (const group of resourcesOfTypes(ctx.infra, ['aws_security_group'])) {
      for (const block of group.blocks.filter((b) => b.type === 'ingress')) for (const rule of listRule(block)) found.push({ owner: group, rule });
    }
    for (const r of resourcesOfTypes(ctx.infra, ['aws_security_group_rule'])) {
      if (literalOf(r.attributes.get('type')) === 'ingress') for (const rule of listRule(r)) found.push({ owner: r, rule });
    }
    for (const r of resourcesOfTypes(ctx.infra, ['aws_vpc_security_group_ingress_rule'])) for (const rule of vpcRule(r)) found.push({ owner: r, rule });
    for (const { owner, rule } of found) {
      const ports = rule.ports.map((p) => `${p} (${DATA_PORTS.get(p)})`).join(', ');
      ctx.report({ messageId: 'open', origin: rule.at.origin, data: { address: address(owner), ports, cidr: rule.cidr, source: attributeText(owner, 'source_security_group_id') } });
    }
  },
});
