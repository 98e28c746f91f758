import { address, attributeText, elastiCacheGroupsWithout } from '../src/rule-kit/infra-helpers.js';
import { defineRule } from '../src/rule-kit/rule.js';
export default defineRule({
    code: 'DJS908',
    name: 'elasticache-transit-unencrypted',
    level: 'error',
    scope: 'infra',
    meta: {
        summary: 'An ElastiCache replication group does not encrypt traffic (transit_encryption_enabled is not true)',
        description: "Without in-transit encryption, everything Django exchanges with Redis (cached pages and querysets, sessions when SESSION_ENGINE uses the cache, Celery task payloads) and the AUTH token cross the VPC in clear text.",
        cwe: ['CWE-319'],
        securitySeverity: '7.4',
        precision: 'very-high',
        messages: {
            unset: '{{address}} does not set {{flag}} (the default is false): Django\'s cache, session and Celery traffic to Redis, and the AUTH token, travel unencrypted. Set {{fix}} and connect with rediss:// URLs.',
            off: '{{address}} sets {{off}}: Django\'s cache, session and Celery traffic to Redis, and the AUTH token, travel unencrypted. Set it to true and connect with rediss:// URLs.',
        },
        docs: `
## What it does
Flags Terraform \`aws_elasticache_replication_group\` resources (Redis or Valkey) that do not
set \`transit_encryption_enabled = true\`: written \`false\` (directly, through a variable's
default or a local) or not written, which is the provider's default. A value decided when
Terraform runs (a variable without a default, a conditional) is not reported. A group that
joins a global datastore (\`global_replication_group_id\`) takes its encryption from it and is
not reported.
In a CloudFormation template, the same on an \`AWS::ElastiCache::ReplicationGroup\` without
\`TransitEncryptionEnabled: true\` (a parameter's \`Default\` counts; a parameter without one is
not reported).

## Why is this bad?
A Django deployment on AWS keeps its cache in ElastiCache, often its sessions too
(\`SESSION_ENGINE = "django.contrib.sessions.backends.cache"\`), and Celery's broker. Without
TLS, session data, cached querysets, task arguments and the Redis \`AUTH\` token are readable, and
modifiable, by anything that can see the VPC traffic. The settings side of the same problem is
DJS703 (cache-redis-no-tls): a \`redis://\` URL instead of \`rediss://\`.

## Example
\`\`\`hcl
resource "aws_elasticache_replication_group" "cache" {
  replication_group_id = "django-cache"
  description          = "Django cache and sessions"
  engine               = "redis"
  node_type            = "cache.t4g.small"
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
      CacheNodeType: cache.t4g.small
\`\`\`

Use instead:
\`\`\`hcl
resource "aws_elasticache_replication_group" "cache" {
  replication_group_id       = "django-cache"
  description                = "Django cache and sessions"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
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
      CacheNodeType: cache.t4g.small
      TransitEncryptionEnabled: true
      AtRestEncryptionEnabled: true
\`\`\`
`,
    },
    check(ctx) {
        for (const { group, how, origin } of elastiCacheGroupsWithout(ctx.infra, 'transit_encryption_enabled')) {
            const data = { address: address(group), flag: attributeText(group, 'transit_encryption_enabled'), fix: attributeText(group, 'transit_encryption_enabled', true), off: attributeText(group, 'transit_encryption_enabled', false) };
            ctx.report({ messageId: how, origin, data });
        }
    },
});
