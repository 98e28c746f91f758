import { literalOf, tfBool } from '../src/infra/infra-model.js';
import { address, attributeText, blockHead, resourcesOfTypes } from '../src/rule-kit/infra-helpers.js';
import { defineRule } from '../src/rule-kit/rule.js';
export default defineRule({
    code: 'DJS902',
    name: 'rds-storage-unencrypted',
    level: 'warning',
    scope: 'infra',
    meta: {
        summary: 'An RDS instance or Aurora cluster stores its data unencrypted (storage_encrypted not true)',
        description: 'Without storage_encrypted = true, the database volume, its automated backups, snapshots and read replicas are stored unencrypted; encryption cannot be switched on later without restoring from a snapshot.',
        cwe: ['CWE-311'],
        securitySeverity: '5.3',
        precision: 'high',
        messages: {
            off: '{{address}} sets {{setting}}: the database, its backups and snapshots are stored unencrypted. Set {{fix}} (with {{key}} for a key of your own).',
            unset: "{{address}} does not set {{attribute}} (the default is false): the database, its backups and snapshots are stored unencrypted. Set {{fix}}.",
        },
        docs: `
## What it does
Flags Terraform \`aws_db_instance\` and \`aws_rds_cluster\` resources whose \`storage_encrypted\` is
\`false\` or not set (the provider's default is \`false\`). A read replica
(\`replicate_source_db\`) inherits its source's encryption and an Aurora Serverless v1 cluster
(\`engine_mode = "serverless"\`) is always encrypted: neither is reported. A value decided when
Terraform runs (a variable without a default) is not reported. CloudFormation's
\`AWS::RDS::DBInstance\` and \`AWS::RDS::DBCluster\` are read the same way (\`StorageEncrypted\`,
\`SourceDBInstanceIdentifier\`, \`EngineMode\`); an instance in an Aurora cluster
(\`DBClusterIdentifier\`) takes the cluster's encryption.

## Why is this bad?
Everything the Django application stores (users, password hashes, sessions in a database
backend, personal data) sits on the volume, in automated backups and in every snapshot, which
may be shared or copied to other accounts. Encryption at rest cannot be turned on for an
existing instance: it has to be restored from an encrypted copy of a snapshot.

## Example
\`\`\`hcl
resource "aws_db_instance" "app" {
  engine = "postgres"
}
\`\`\`

In CloudFormation:
\`\`\`yaml
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
\`\`\`

Use instead:
\`\`\`hcl
resource "aws_db_instance" "app" {
  engine            = "postgres"
  storage_encrypted = true
}
\`\`\`


In CloudFormation:
\`\`\`yaml
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      StorageEncrypted: true
\`\`\`
`,
    },
    check(ctx) {
        for (const db of resourcesOfTypes(ctx.infra, ['aws_db_instance', 'aws_rds_cluster'])) {
            if (db.attributes.has('replicate_source_db'))
                continue;
            if (db.resourceType === 'aws_rds_cluster' && literalOf(db.attributes.get('engine_mode')) === 'serverless')
                continue;
            const value = db.attributes.get('storage_encrypted');
            const data = {
                address: address(db),
                attribute: attributeText(db, 'storage_encrypted'),
                setting: attributeText(db, 'storage_encrypted', false),
                fix: attributeText(db, 'storage_encrypted', true),
                key: attributeText(db, 'kms_key_id'),
            };
            if (!value)
                ctx.report({ messageId: 'unset', origin: blockHead(db.origin), data });
            else if (tfBool(value) === false)
                ctx.report({ messageId: 'off', origin: value.origin, data });
        }
    },
});
