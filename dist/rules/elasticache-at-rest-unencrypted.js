import { address, attributeText, elastiCacheGroupsWithout } from '../src/rule-kit/infra-helpers.js';
import { defineRule } from '../src/rule-kit/rule.js';
export default defineRule({
    code: 'DJS909',
    name: 'elasticache-at-rest-unencrypted',
    // A warning, like unencrypted RDS storage (DJS902): reaching the data needs the disks, backups
    // or snapshots, not the network path, but snapshots are copied and shared between accounts.
    level: 'warning',
    scope: 'infra',
    meta: {
        summary: 'An ElastiCache replication group does not encrypt its data at rest (at_rest_encryption_enabled is not true)',
        description: "Without encryption at rest, the Redis data Django keeps (sessions, cached pages and querysets) is stored unencrypted on the nodes' disks, in backups and in snapshots, which can be copied to another account.",
        cwe: ['CWE-311'],
        securitySeverity: '4.3',
        precision: 'very-high',
        messages: {
            unset: '{{address}} does not set {{flag}} (the default is false): sessions and cached data are stored unencrypted on disk and in snapshots. Set {{fix}} (it can only be chosen when the group is created).',
            off: '{{address}} sets {{off}}: sessions and cached data are stored unencrypted on disk and in snapshots. Set it to true (it can only be chosen when the group is created).',
        },
        docs: `
## What it does
Flags Terraform \`aws_elasticache_replication_group\` resources that do not set
\`at_rest_encryption_enabled = true\`: written \`false\` or not written (the provider's default).
A value decided when Terraform runs is not reported, nor a group in a global datastore
(\`global_replication_group_id\`), which takes its encryption from it.
In a CloudFormation template, the same on an \`AWS::ElastiCache::ReplicationGroup\` without
\`AtRestEncryptionEnabled: true\`.

## Why is this bad?
Django's sessions (with the cache session backend) and cached data land on the nodes' disks when
Redis persists or swaps, and in every automatic backup and snapshot. Snapshots can be exported to
S3 and copied to other accounts; unencrypted, whoever gets one reads the sessions. It is a warning
rather than an error (compare DJS908, traffic in clear text) because it needs access to those
copies, not just to the network path. Encryption at rest can only be chosen when the group is
created, so it is cheapest to fix before the first deployment.

## Example
\`\`\`hcl
resource "aws_elasticache_replication_group" "cache" {
  replication_group_id       = "django-cache"
  description                = "Django cache and sessions"
  transit_encryption_enabled = true
  at_rest_encryption_enabled = false
}
\`\`\`

In CloudFormation:
\`\`\`yaml
Resources:
  Cache:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: Django cache and sessions
      Engine: redis
      TransitEncryptionEnabled: true
\`\`\`

Use instead:
\`\`\`hcl
resource "aws_elasticache_replication_group" "cache" {
  replication_group_id       = "django-cache"
  description                = "Django cache and sessions"
  transit_encryption_enabled = true
  at_rest_encryption_enabled = true
}
\`\`\`

In CloudFormation:
\`\`\`yaml
Resources:
  Cache:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: Django cache and sessions
      Engine: redis
      TransitEncryptionEnabled: true
      AtRestEncryptionEnabled: true
\`\`\`
`,
    },
    check(ctx) {
        for (const { group, how, origin } of elastiCacheGroupsWithout(ctx.infra, 'at_rest_encryption_enabled')) {
            const data = { address: address(group), flag: attributeText(group, 'at_rest_encryption_enabled'), fix: attributeText(group, 'at_rest_encryption_enabled', true), off: attributeText(group, 'at_rest_encryption_enabled', false) };
            ctx.report({ messageId: how, origin, data });
        }
    },
});
