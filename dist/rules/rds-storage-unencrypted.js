import { literalOf, tfBool } from '../src/infra/infra-model.js';
import { address, blockHead, resourcesOfTypes } from '../src/rule-kit/infra-helpers.js';
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
            off: '{{address}} sets storage_encrypted = false: the database, its backups and snapshots are stored unencrypted. Set storage_encrypted = true (with kms_key_id for a key of your own).',
            unset: "{{address}} does not set storage_encrypted (the AWS provider's default is false): the database, its backups and snapshots are stored unencrypted. Set storage_encrypted = true.",
        },
        docs: `
## What it does
Flags Terraform \`aws_db_instance\` and \`aws_rds_cluster\` resources whose \`storage_encrypted\` is
\`false\` or not set (the provider's default is \`false\`). A read replica
(\`replicate_source_db\`) inherits its source's encryption and an Aurora Serverless v1 cluster
(\`engine_mode = "serverless"\`) is always encrypted: neither is reported. A value decided when
Terraform runs (a variable without a default) is not reported.

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

Use instead:
\`\`\`hcl
resource "aws_db_instance" "app" {
  engine            = "postgres"
  storage_encrypted = true
}
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
            if (!value)
                ctx.report({ messageId: 'unset', origin: blockHead(db.origin), data: { address: address(db) } });
            else if (tfBool(value) === false)
                ctx.report({ messageId: 'off', origin: value.origin, data: { address: address(db) } });
        }
    },
});
