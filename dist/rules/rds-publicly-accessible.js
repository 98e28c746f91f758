import { tfBool } from '../src/infra/infra-model.js';
import { address, attributeText, resourcesOfTypes } from '../src/rule-kit/infra-helpers.js';
import { defineRule } from '../src/rule-kit/rule.js';
export default defineRule({
    code: 'DJS901',
    name: 'rds-publicly-accessible',
    level: 'error',
    scope: 'infra',
    meta: {
        summary: 'An RDS instance is publicly accessible (Terraform publicly_accessible = true, CloudFormation PubliclyAccessible: true)',
        description: 'A database instance with publicly_accessible = true gets a public DNS name and address, so anyone on the internet whom the security groups let through can reach the database port and try the credentials the Django settings use.',
        cwe: ['CWE-284'],
        securitySeverity: '8.1',
        precision: 'very-high',
        messages: {
            public: '{{address}} sets {{setting}}: the database gets a public address, so it is one security-group rule away from the internet. Set {{fix}} and reach it from the application subnets only.',
        },
        docs: `
## What it does
Flags Terraform \`aws_db_instance\` and \`aws_rds_cluster_instance\` resources that set
\`publicly_accessible = true\`, written directly or through a variable's default or a local, and
CloudFormation \`AWS::RDS::DBInstance\` resources with \`PubliclyAccessible: true\` (directly or
through a parameter's \`Default\`).

## Why is this bad?
A publicly accessible instance resolves to a public IP address. Then the only thing between the
internet and the database is its security group: one rule too broad (see DJS903), and anyone can
try the \`DATABASES\` password of the Django settings, or an unpatched database server. The Django
application, in the same VPC, never needs a public address to reach it.

## Example
\`\`\`hcl
resource "aws_db_instance" "app" {
  engine              = "postgres"
  publicly_accessible = true
}
\`\`\`

In CloudFormation:
\`\`\`yaml
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      PubliclyAccessible: true
\`\`\`

Use instead:
\`\`\`hcl
resource "aws_db_instance" "app" {
  engine              = "postgres"
  publicly_accessible = false
}
\`\`\`


In CloudFormation:
\`\`\`yaml
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      PubliclyAccessible: false
\`\`\`
`,
    },
    check(ctx) {
        for (const db of resourcesOfTypes(ctx.infra, ['aws_db_instance', 'aws_rds_cluster_instance'])) {
            const value = db.attributes.get('publicly_accessible');
            // A variable without a default is decided when Terraform runs: unknown, not reported.
            if (tfBool(value) === true && value) {
                const data = { address: address(db), setting: attributeText(db, 'publicly_accessible', true), fix: attributeText(db, 'publicly_accessible', false) };
                ctx.report({ messageId: 'public', origin: value.origin, data });
            }
        }
    },
});
