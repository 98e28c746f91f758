import { literalOf, tfBool } from '../src/infra/infra-model.js';
import { address, attributeText, listItems, referencedResource, refersTo, resourcesOfTypes } from '../src/rule-kit/infra-helpers.js';
import { defineRule } from '../src/rule-kit/rule.js';
/** Why a subnet is public, or undefined when it is not known to be. */
function publicBecause(infra, subnet) {
    if (tfBool(subnet.attributes.get('map_public_ip_on_launch')) === true)
        return attributeText(subnet, 'map_public_ip_on_launch', true);
    for (const association of resourcesOfTypes(infra, ['aws_route_table_association'])) {
        if (!refersTo(association.attributes.get('subnet_id'), subnet))
            continue;
        const table = referencedResource(infra, association.attributes.get('route_table_id'));
        if (table?.resourceType !== 'aws_route_table')
            continue;
        const inline = table.blocks.filter((b) => b.type === 'route');
        const separate = resourcesOfTypes(infra, ['aws_route']).filter((r) => refersTo(r.attributes.get('route_table_id'), table));
        for (const route of [...inline, ...separate]) {
            const destination = literalOf(route.attributes.get('cidr_block') ?? route.attributes.get('destination_cidr_block'));
            const gateway = route.attributes.get('gateway_id');
            if (destination === '0.0.0.0/0' && gateway?.kind === 'reference' && gateway.resourceType === 'aws_internet_gateway') {
                const named = referencedResource(infra, gateway);
                return `routed to ${named ? address(named) : `${gateway.resourceType}.${gateway.resourceName}`} by ${address(table)}`;
            }
        }
    }
    return undefined;
}
export default defineRule({
    code: 'DJS917',
    name: 'rds-public-subnet',
    level: 'warning',
    scope: 'infra',
    meta: {
        summary: 'An RDS database is placed in a public subnet (its DB subnet group holds a subnet with a route to the internet)',
        description: 'A database in a public subnet is one setting (publicly_accessible) or one security-group rule away from the internet. Databases belong in private subnets, which have no route from an internet gateway.',
        cwe: ['CWE-668'],
        securitySeverity: '5.3',
        precision: 'high',
        messages: {
            publicSubnet: '{{address}} uses {{group}}, which holds the public subnet {{subnet}} ({{why}}): the database is one {{flag}} flag or security-group rule away from the internet. Use private subnets (no route to an internet gateway) for the DB subnet group.',
        },
        docs: `
## What it does
Flags Terraform \`aws_db_instance\` and \`aws_rds_cluster\` resources whose
\`db_subnet_group_name\` references an \`aws_db_subnet_group\` whose \`subnet_ids\` reference an
\`aws_subnet\` that is public: \`map_public_ip_on_launch = true\`, or associated
(\`aws_route_table_association\`) with an \`aws_route_table\` whose route (inline or an
\`aws_route\`) sends \`0.0.0.0/0\` to an \`aws_internet_gateway\`. Only a chain of references that
is all known is judged: a subnet group or subnets from a module, a variable or a data source, and
\`count\`/\`for_each\` subnets (\`aws_subnet.private[0]\`), are not reported.
In a CloudFormation template: \`DBSubnetGroupName\` naming an \`AWS::RDS::DBSubnetGroup\` whose
\`SubnetIds\` hold an \`AWS::EC2::Subnet\` with \`MapPublicIpOnLaunch: true\` or associated
(\`AWS::EC2::SubnetRouteTableAssociation\`) with a route table whose \`AWS::EC2::Route\` sends
\`0.0.0.0/0\` to an \`AWS::EC2::InternetGateway\`.

## Why is this bad?
A subnet is public when it routes to an internet gateway. RDS gives a publicly accessible
instance an address there, so the only thing keeping the database off the internet is the
\`publicly_accessible\` flag (DJS901) and the security group (DJS903): one mistake in either, and
anyone can try the password of the Django \`DATABASES\` setting. In private subnets, both
mistakes together are still not enough.

## Example
\`\`\`hcl
resource "aws_subnet" "public_a" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.0.1.0/24"
  map_public_ip_on_launch = true
}

resource "aws_db_subnet_group" "db" {
  name       = "django-db"
  subnet_ids = [aws_subnet.public_a.id]
}

resource "aws_db_instance" "app" {
  engine               = "postgres"
  db_subnet_group_name = aws_db_subnet_group.db.name
}
\`\`\`

Use instead:
\`\`\`hcl
resource "aws_subnet" "private_a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.101.0/24"
}

resource "aws_db_subnet_group" "db" {
  name       = "django-db"
  subnet_ids = [aws_subnet.private_a.id]
}

resource "aws_db_instance" "app" {
  engine               = "postgres"
  db_subnet_group_name = aws_db_subnet_group.db.name
}
\`\`\`
`,
    },
    check(ctx) {
        for (const db of resourcesOfTypes(ctx.infra, ['aws_db_instance', 'aws_rds_cluster'])) {
            const at = db.attributes.get('db_subnet_group_name');
            const group = referencedResource(ctx.infra, at);
            if (!at || group?.resourceType !== 'aws_db_subnet_group')
                continue;
            for (const item of listItems(group.attributes.get('subnet_ids')) ?? []) {
                const subnet = referencedResource(ctx.infra, item);
                const why = subnet?.resourceType === 'aws_subnet' ? publicBecause(ctx.infra, subnet) : undefined;
                if (subnet && why) {
                    ctx.report({ messageId: 'publicSubnet', origin: at.origin, data: { address: address(db), group: address(group), subnet: address(subnet), why, flag: attributeText(db, 'publicly_accessible') } });
                    break;
                }
            }
        }
    },
});
