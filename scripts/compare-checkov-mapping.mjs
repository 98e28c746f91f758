// Which djsec rule tests the same thing as which Checkov checks, for `npm run compare:checkov`.
// Pairs are keyed by djsec rule NAME, not code: codes are resolved at run time from
// `djsec --list-rules -f json`, so the mapping survives renumbering, and a pair whose rule this
// djsec does not have yet is reported as skipped, never compared.
//
// unit: 'resource' compares per Checkov resource (a djsec finding belongs to the resource whose
// file_line_range holds its line); 'file' compares per file (used when the two tools judge
// different resources of one setup, e.g. Checkov the aws_lb and djsec its listeners, or when
// Checkov reports one result per Dockerfile instruction kind).
// overlap: 'same' pairs test the same property and make the overall agreement figure; 'partial'
// pairs overlap only in part (the note says where) and get their own figure, outside the overall.
// source: the Checkov file read for the check's id and logic (bridgecrewio/checkov).

/** The Checkov release the comparison installs (pip install checkov==CHECKOV_VERSION). */
export const CHECKOV_VERSION = '3.3.30';

export const PAIRS = [
  {
    rule: 'rds-publicly-accessible',
    checkov: ['CKV_AWS_17'],
    frameworks: ['terraform', 'cloudformation'],
    unit: 'resource',
    overlap: 'same',
    note: 'Both fail publicly_accessible = true on aws_db_instance/aws_rds_cluster_instance (PubliclyAccessible on AWS::RDS::DBInstance); djsec reports only a literal, a variable default or a local, never a value decided when Terraform runs.',
    source: ['checkov/terraform/checks/resource/aws/RDSPubliclyAccessible.py', 'checkov/cloudformation/checks/resource/aws/RDSPubliclyAccessible.py'],
  },
  {
    rule: 'rds-storage-unencrypted',
    checkov: ['CKV_AWS_16', 'CKV_AWS_96'],
    frameworks: ['terraform', 'cloudformation'],
    unit: 'resource',
    overlap: 'same',
    note: 'CKV_AWS_16 judges aws_db_instance, CKV_AWS_96 aws_rds_cluster (Aurora Serverless v1 passes in both). Intended difference: djsec leaves a read replica (replicate_source_db) alone, it inherits the source\'s encryption; Checkov\'s CKV_AWS_16 fails it.',
    source: ['checkov/terraform/checks/resource/aws/RDSEncryption.py', 'checkov/terraform/checks/resource/aws/AuroraEncryption.py', 'checkov/cloudformation/checks/resource/aws/RDSEncryption.py', 'checkov/cloudformation/checks/resource/aws/AuroraEncryption.py'],
  },
  {
    rule: 'security-group-database-open',
    checkov: ['CKV_AWS_277'],
    frameworks: ['terraform', 'cloudformation'],
    unit: 'resource',
    overlap: 'partial',
    note: 'Checkov has no check for the database or Redis ports: CKV_AWS_277 fails ingress from 0.0.0.0/0 on every port (-1), which djsec also reports (it opens 5432, 3306, 6379...). djsec\'s one-port findings (5432 alone) pass CKV_AWS_277, and CKV_AWS_24/25/260 (ports 22, 3389, 80) have no djsec rule by design.',
    source: ['checkov/terraform/checks/resource/aws/SecurityGroupUnrestrictedIngressAny.py', 'checkov/terraform/checks/resource/aws/AbsSecurityGroupUnrestrictedIngress.py'],
  },
  {
    rule: 'alb-http-not-redirected',
    checkov: ['CKV_AWS_2'],
    frameworks: ['terraform', 'cloudformation'],
    unit: 'resource',
    overlap: 'same',
    note: 'Both fail an HTTP listener whose default action is not a redirect to HTTPS. Intended difference: djsec accepts a fixed-response (it serves nothing of the application), Checkov fails it; CKV_AWS_2 supports aws_lb_listener only, so an aws_alb_listener is not evaluated by Checkov.',
    source: ['checkov/terraform/checks/resource/aws/ALBListenerHTTPS.py', 'checkov/cloudformation/checks/resource/aws/ALBListenerHTTPS.py'],
  },
  {
    rule: 'alb-http-not-redirected',
    checkov: ['CKV2_AWS_20'],
    frameworks: ['terraform'],
    unit: 'file',
    overlap: 'partial',
    note: 'CKV2_AWS_20 judges the aws_lb (every listener on port 80 must redirect to 443 over HTTPS) while djsec judges each listener, so they are compared per file; Checkov has no result where the file holds no aws_lb.',
    source: ['checkov/terraform/checks/graph_checks/aws/ALBRedirectsHTTPToHTTPS.yaml'],
  },
  {
    rule: 'alb-tls-policy-outdated',
    checkov: ['CKV_AWS_103'],
    frameworks: ['terraform', 'cloudformation'],
    unit: 'resource',
    overlap: 'same',
    note: 'Both fail an HTTPS listener whose policy accepts TLS below 1.2. Intended differences: CKV_AWS_103 also fails an HTTP listener that does not redirect (djsec: alb-http-not-redirected) and any policy name outside ELBSecurityPolicy-TLS-1-2*/FS-1-2*/TLS13* (djsec never guesses an unknown name), and passes ELBSecurityPolicy-TLS13-1-0/1-1-* which djsec reports (they accept TLS 1.0/1.1).',
    source: ['checkov/terraform/checks/graph_checks/aws/AppLoadBalancerTLS12.yaml', 'checkov/cloudformation/checks/resource/aws/ALBListenerTLS12.py'],
  },
  {
    rule: 'elasticache-transit-unencrypted',
    checkov: ['CKV_AWS_30'],
    frameworks: ['terraform', 'cloudformation'],
    unit: 'resource',
    overlap: 'same',
    note: 'Both fail an aws_elasticache_replication_group (AWS::ElastiCache::ReplicationGroup) without transit_encryption_enabled = true.',
    source: ['checkov/terraform/checks/resource/aws/ElasticacheReplicationGroupEncryptionAtTransit.py', 'checkov/cloudformation/checks/resource/aws/ElasticacheReplicationGroupEncryptionAtTransit.py'],
  },
  {
    rule: 'elasticache-at-rest-unencrypted',
    checkov: ['CKV_AWS_29'],
    frameworks: ['terraform', 'cloudformation'],
    unit: 'resource',
    overlap: 'same',
    note: 'Both fail an aws_elasticache_replication_group (AWS::ElastiCache::ReplicationGroup) without at_rest_encryption_enabled = true.',
    source: ['checkov/terraform/checks/resource/aws/ElasticacheReplicationGroupEncryptionAtRest.py', 'checkov/cloudformation/checks/resource/aws/ElasticacheReplicationGroupEncryptionAtRest.py'],
  },
  {
    rule: 'alb-without-waf',
    checkov: ['CKV2_AWS_28'],
    frameworks: ['terraform'],
    unit: 'resource',
    overlap: 'same',
    note: 'Both fail an aws_lb/aws_alb with no aws_wafv2_web_acl_association (or WAF Classic regional association); internal load balancers and network/gateway ones pass.',
    source: ['checkov/terraform/checks/graph_checks/aws/ALBProtectedByWAF.yaml'],
  },
  {
    rule: 'waf-without-core-rule-set',
    checkov: ['CKV_AWS_192'],
    frameworks: ['terraform', 'cloudformation'],
    unit: 'resource',
    overlap: 'partial',
    note: 'Different managed rule groups: djsec asks for AWSManagedRulesCommonRuleSet (the core rule set), CKV_AWS_192 for AWSManagedRulesKnownBadInputsRuleSet with its Log4JRCE rule. They agree only on a web ACL that has both or neither.',
    source: ['checkov/terraform/checks/resource/aws/WAFACLCVE202144228.py', 'checkov/cloudformation/checks/resource/aws/WAFACLCVE202144228.py'],
  },
  {
    rule: 'iam-access-key',
    checkov: ['CKV_AWS_273'],
    frameworks: ['terraform'],
    unit: 'file',
    overlap: 'partial',
    note: 'CKV_AWS_273 fails every aws_iam_user (use SSO), djsec an aws_iam_access_key (a long-lived key) for the application\'s user, so they are compared per file: a user without an access key fails Checkov only.',
    source: ['checkov/terraform/checks/resource/aws/IAMUserNotUsedForAccess.py'],
  },
  {
    rule: 'iam-policy-wildcard',
    checkov: ['CKV_AWS_63', 'CKV_AWS_355', 'CKV_AWS_49', 'CKV_AWS_356'],
    frameworks: ['terraform', 'cloudformation'],
    unit: 'resource',
    overlap: 'partial',
    note: 'CKV_AWS_63/49 fail Action "*", CKV_AWS_355/356 Resource "*" for restrictable actions (policy resources and aws_iam_policy_document). djsec also fails "s3:*" and S3 actions on Resource "*", which CKV_AWS_63 passes, and judges only Allow statements it can read to the end.',
    source: ['checkov/terraform/checks/resource/aws/IAMStarActionPolicyDocument.py', 'checkov/terraform/checks/resource/aws/IAMStarResourcePolicyDocument.py', 'checkov/terraform/checks/data/aws/StarActionPolicyDocument.py', 'checkov/terraform/checks/data/aws/ResourcePolicyDocument.py', 'checkov/cloudformation/checks/resource/aws/IAMStarActionPolicyDocument.py'],
  },
  {
    rule: 'ssm-secret-not-secure-string',
    checkov: ['CKV2_AWS_34'],
    frameworks: ['terraform'],
    unit: 'resource',
    overlap: 'partial',
    note: 'CKV2_AWS_34 fails every aws_ssm_parameter that is not SecureString; djsec only those whose name says they hold a secret (a String parameter named /app/ALLOWED_HOSTS passes djsec).',
    source: ['checkov/terraform/checks/graph_checks/aws/AWSSSMParametershouldbeEncrypted.yaml'],
  },
  {
    rule: 'docker-secret-in-env',
    checkov: ['CKV_DOCKER_1005'],
    frameworks: ['dockerfile'],
    unit: 'file',
    overlap: 'partial',
    note: 'CKV_DOCKER_1005 (newer Checkov releases only) matches regexes over ENV/ARG text (key=, secret=, AKIA..., JWTs) and reports once per instruction kind, so it is compared per file; djsec names the variable, masks the value, and passes public material (GPG_KEY) and empty values.',
    source: ['checkov/dockerfile/checks/SecretsInEnvArg.py'],
  },
];

/**
 * Pairs with the djsec code of their rule, from `djsec --list-rules -f json` (its `rules` array of
 * { code, name }). Rules this djsec does not have are returned as `missing`, to be reported.
 */
export function resolvePairs(pairs, listedRules) {
  const codeOf = new Map(listedRules.map((r) => [r.name, r.code]));
  const resolved = [];
  const missing = [];
  for (const pair of pairs) {
    const code = codeOf.get(pair.rule);
    if (code === undefined) missing.push(pair);
    else resolved.push({ ...pair, code });
  }
  return { resolved, missing };
}
