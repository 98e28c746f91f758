// CloudFormation and SAM templates to the infrastructure model: recognised by a cheap sniff, read
// with the yaml package (short-form tags, positions), and translated into Terraform's shape so the
// same rules read both. Intrinsics other than Ref/GetAtt/literal Sub stay unknown; hostile input
// is refused with a note, never a crash.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isTemplateName, looksLikeTemplate } from '../src/infra/files.js';
import type { InfraValue, TfBlock, TfResource } from '../src/infra/infra-model.js';
import { loadInfra } from '../src/infra/load.js';
import { cloudFormationName } from '../src/infra/cloudformation-resources.js';
import { discover } from '../src/project/discover.js';
import { address, attributeText, inLanguage, typeText } from '../src/rule-kit/infra-helpers.js';
import { taskEnvironment } from '../src/infra/ecs-env.js';

const tmp = mkdtempSync(join(tmpdir(), 'djsec-cfn-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function load(text: string, name = 'template.yaml') {
  const abs = join(tmp, name);
  return loadInfra([abs], () => name, undefined, new Map([[abs, text]]));
}

async function resources(text: string, name = 'template.yaml'): Promise<TfResource[]> {
  const result = await load(text, name);
  expect(result.skipped).toEqual([]);
  expect(result.errors).toEqual([]);
  return result.model.resources;
}

async function only(text: string, name?: string): Promise<TfResource> {
  const [r, ...rest] = await resources(text, name);
  expect(rest).toEqual([]);
  return r;
}

const plain = (v: InfraValue | undefined): unknown => {
  if (!v) return undefined;
  if (v.kind === 'literal') return v.value;
  if (v.kind === 'list') return v.items.map(plain);
  if (v.kind === 'object') return Object.fromEntries([...v.entries].map(([k, x]) => [k, plain(x)]));
  if (v.kind === 'reference') return `ref:${v.resourceType}.${v.resourceName}${v.path.map((p) => `.${p}`).join('')}`;
  return 'unknown';
};

const attrs = (b: TfBlock): Record<string, unknown> => Object.fromEntries([...b.attributes].map(([k, v]) => [k, plain(v)]));
const blocksOf = (b: TfBlock, type: string) => b.blocks.filter((x) => x.type === type);

const template = (resourcesYaml: string, head = '') => `AWSTemplateFormatVersion: "2010-09-09"\n${head}Resources:\n${resourcesYaml}`;

describe('recognising templates', () => {
  it('takes template names and leaves configuration that is obviously something else', () => {
    for (const name of ['/r/template.yaml', '/r/infra/stack.yml', '/r/cfn/app.json', '/r/app.template', '/r/app.template.json', '/r/cdk.out/App.template.json']) expect(isTemplateName(name), name).toBe(true);
    for (const name of [
      '/r/.github/workflows/deploy.yml',
      '/r/docker-compose.yml',
      '/r/docker-compose.prod.yaml',
      '/r/compose.yaml',
      '/r/package.json',
      '/r/package-lock.json',
      '/r/tsconfig.json',
      '/r/tsconfig.build.json',
      '/r/.pre-commit-config.yaml',
      '/r/.gitlab-ci.yml',
      '/r/mkdocs.yml',
      '/r/.readthedocs.yaml',
      '/r/settings.py',
      '/r/main.tf',
      '/r/.circleci/config.yml',
    ]) {
      expect(isTemplateName(name), name).toBe(false);
    }
  });

  it('sniffs the version key, a SAM transform, or top-level Resources with AWS types, in YAML and JSON', () => {
    expect(looksLikeTemplate('AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n')).toBe(true);
    expect(looksLikeTemplate('Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n')).toBe(true);
    expect(looksLikeTemplate('Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n')).toBe(true);
    expect(looksLikeTemplate('{\n  "Resources": {\n    "Db": {\n      "Type": "AWS::RDS::DBInstance"\n    }\n  }\n}\n')).toBe(true);
    expect(looksLikeTemplate('{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}')).toBe(true);
    // Things that mention AWS but are not templates.
    expect(looksLikeTemplate('name: deploy\non: push\njobs:\n  deploy:\n    steps:\n      - run: aws cloudformation deploy --template-file template.yaml\n')).toBe(false);
    expect(looksLikeTemplate('services:\n  web:\n    image: app\n    environment:\n      Type: AWS::RDS::DBInstance\n')).toBe(false);
    expect(looksLikeTemplate('openapi: 3.0.0\npaths:\n  /x:\n    get:\n      x-amazon-apigateway-integration:\n        type: aws_proxy\n')).toBe(false);
    expect(looksLikeTemplate('[{"model": "auth.user", "pk": 1, "fields": {"username": "Resources"}}]')).toBe(false);
  });

  it('sniffs a hostile head (a quarter megabyte of blanks, braces or commas) in linear time', () => {
    for (const filler of ['\n', ' ', '{', ',', '\n \t', 'Resources:\n', '{"Type": ']) {
      const head = filler.repeat(Math.ceil((256 * 1024) / filler.length));
      const started = performance.now();
      looksLikeTemplate(head);
      expect(performance.now() - started, JSON.stringify(filler)).toBeLessThan(250);
    }
  });
});

describe('reading a template', () => {
  it('translates an RDS instance, keeping positions, the logical ID, the type and the names as written', async () => {
    const r = await only(template('  Database:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.t4g.small\n      PubliclyAccessible: true\n      StorageEncrypted: "false"\n      MasterUserPassword: !Ref DbPassword\n', 'Parameters:\n  DbPassword:\n    Type: String\n    NoEcho: true\n'));
    expect(r.resourceType).toBe('aws_db_instance');
    expect(r.name).toBe('Database');
    expect(r.format).toBe('cloudformation');
    expect(r.cloudformation).toEqual({ logicalId: 'Database', type: 'AWS::RDS::DBInstance' });
    expect(attrs(r)).toEqual({ engine: 'postgres', instance_class: 'db.t4g.small', publicly_accessible: true, storage_encrypted: 'false', password: 'unknown' });
    expect(r.written?.get('publicly_accessible')).toBe('PubliclyAccessible');
    expect(r.written?.get('instance_class')).toBe('DBInstanceClass');
    expect(r.attributes.get('publicly_accessible')!.origin).toMatchObject({ file: 'template.yaml', line: 12, column: 27, endLine: 12, endColumn: 31 });
    expect(r.origin).toMatchObject({ line: 7, column: 3 });
    expect(address(r)).toBe('Database (AWS::RDS::DBInstance)');
  });

  it('makes an instance of an Aurora cluster an aws_rds_cluster_instance, and a cluster an aws_rds_cluster', async () => {
    const [instance, cluster] = await resources(template('  Writer:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      DBClusterIdentifier: !Ref Cluster\n      PubliclyAccessible: true\n  Cluster:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-postgresql\n      EngineMode: serverless\n      StorageEncrypted: true\n'));
    expect(instance.resourceType).toBe('aws_rds_cluster_instance');
    expect(attrs(instance)).toEqual({ cluster_identifier: 'ref:aws_rds_cluster.Cluster', publicly_accessible: true });
    expect(cluster.resourceType).toBe('aws_rds_cluster');
    expect(attrs(cluster)).toEqual({ engine: 'aurora-postgresql', engine_mode: 'serverless', storage_encrypted: true });
  });

  it('reads a read replica as replicate_source_db, and a DB subnet group and subnet', async () => {
    const [replica, group, subnet] = await resources(template('  Replica:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      SourceDBInstanceIdentifier: !Ref Database\n  Subnets:\n    Type: AWS::RDS::DBSubnetGroup\n    Properties:\n      DBSubnetGroupDescription: db\n      SubnetIds: [!Ref PublicA]\n  PublicA:\n    Type: AWS::EC2::Subnet\n    Properties:\n      MapPublicIpOnLaunch: true\n      CidrBlock: 10.0.0.0/24\n  Database:\n    Type: AWS::RDS::DBInstance\n'));
    expect(attrs(replica)).toEqual({ replicate_source_db: 'ref:aws_db_instance.Database' });
    expect(group.resourceType).toBe('aws_db_subnet_group');
    expect(attrs(group)).toEqual({ description: 'db', subnet_ids: ['ref:aws_subnet.PublicA'] });
    expect(subnet.resourceType).toBe('aws_subnet');
    expect(attrs(subnet)).toEqual({ map_public_ip_on_launch: true, cidr_block: '10.0.0.0/24' });
  });

  it('turns SecurityGroupIngress into ingress blocks with CIDR lists, and a standalone ingress into a rule', async () => {
    const [group, rule, v6] = await resources(
      template(
        '  DbGroup:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: db\n      SecurityGroupIngress:\n        - IpProtocol: tcp\n          FromPort: 5432\n          ToPort: 5432\n          CidrIp: 0.0.0.0/0\n        - IpProtocol: tcp\n          FromPort: 5432\n          ToPort: 5432\n          SourceSecurityGroupId: !GetAtt AppGroup.GroupId\n  RedisOpen:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties:\n      GroupId: !Ref DbGroup\n      IpProtocol: "6"\n      FromPort: "6379"\n      ToPort: "6379"\n      CidrIpv6: ::/0\n  Egress:\n    Type: AWS::EC2::SecurityGroupEgress\n    Properties:\n      GroupId: !Ref DbGroup\n      IpProtocol: "-1"\n      CidrIp: 0.0.0.0/0\n  AppGroup:\n    Type: AWS::EC2::SecurityGroup\n',
      ),
    );
    expect(group.resourceType).toBe('aws_security_group');
    const ingress = blocksOf(group, 'ingress');
    expect(ingress.map(attrs)).toEqual([
      { protocol: 'tcp', from_port: 5432, to_port: 5432, cidr_blocks: ['0.0.0.0/0'] },
      { protocol: 'tcp', from_port: 5432, to_port: 5432, security_groups: ['ref:aws_security_group.AppGroup.group_id'] },
    ]);
    // The CIDR list points at the CidrIp value.
    expect(ingress[0].attributes.get('cidr_blocks')!.origin).toMatchObject({ line: 11, column: 19 });
    expect(ingress[0].written?.get('cidr_blocks')).toBe('CidrIp');
    expect(rule.resourceType).toBe('aws_security_group_rule');
    expect(attrs(rule)).toEqual({ type: 'ingress', security_group_id: 'ref:aws_security_group.DbGroup', protocol: '6', from_port: '6379', to_port: '6379', ipv6_cidr_blocks: ['::/0'] });
    expect(attrs(v6)).toMatchObject({ type: 'egress', protocol: '-1', cidr_blocks: ['0.0.0.0/0'] });
  });

  it('reads an ALB, its listeners (default actions, redirect config, SSL policy) and target group', async () => {
    const [lb, http, https] = await resources(
      template(
        '  Alb:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      Type: application\n      Scheme: internet-facing\n      Subnets: [subnet-1, subnet-2]\n  Http:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n      LoadBalancerArn: !Ref Alb\n      Port: 80\n      Protocol: HTTP\n      DefaultActions:\n        - Type: redirect\n          RedirectConfig:\n            Protocol: HTTPS\n            Port: "443"\n            StatusCode: HTTP_301\n  Https:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n      LoadBalancerArn: !Ref Alb\n      Port: 443\n      Protocol: HTTPS\n      SslPolicy: ELBSecurityPolicy-2016-08\n      DefaultActions:\n        - Type: forward\n          TargetGroupArn: !Ref Targets\n  Targets:\n    Type: AWS::ElasticLoadBalancingV2::TargetGroup\n    Properties:\n      Port: 8000\n      Protocol: HTTP\n',
      ),
    );
    expect(lb.resourceType).toBe('aws_lb');
    expect(attrs(lb)).toEqual({ load_balancer_type: 'application', internal: false, subnets: ['subnet-1', 'subnet-2'] });
    expect(http.resourceType).toBe('aws_lb_listener');
    expect(attrs(http)).toEqual({ load_balancer_arn: 'ref:aws_lb.Alb', port: 80, protocol: 'HTTP' });
    const [action] = blocksOf(http, 'default_action');
    expect(attrs(action)).toEqual({ type: 'redirect' });
    expect(attrs(blocksOf(action, 'redirect')[0])).toEqual({ protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' });
    expect(attrs(https)).toMatchObject({ ssl_policy: 'ELBSecurityPolicy-2016-08', protocol: 'HTTPS' });
    expect(attrs(blocksOf(https, 'default_action')[0])).toEqual({ type: 'forward', target_group_arn: 'ref:aws_lb_target_group.Targets' });
  });

  it('reads ElastiCache replication groups with their encryption flags', async () => {
    const r = await only(template('  Cache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n      ReplicationGroupDescription: cache\n      Engine: redis\n      CacheNodeType: cache.t4g.small\n      TransitEncryptionEnabled: false\n      AtRestEncryptionEnabled: "true"\n'));
    expect(r.resourceType).toBe('aws_elasticache_replication_group');
    expect(attrs(r)).toEqual({ description: 'cache', engine: 'redis', node_type: 'cache.t4g.small', transit_encryption_enabled: false, at_rest_encryption_enabled: 'true' });
  });

  it('reads a WAF web ACL as nested blocks (rate-based and managed rule statements) and its association', async () => {
    const [acl, association] = await resources(
      template(
        '  Acl:\n    Type: AWS::WAFv2::WebACL\n    Properties:\n      Scope: REGIONAL\n      DefaultAction:\n        Allow: {}\n      VisibilityConfig:\n        SampledRequestsEnabled: true\n        CloudWatchMetricsEnabled: true\n        MetricName: acl\n      Rules:\n        - Name: core\n          Priority: 0\n          OverrideAction:\n            None: {}\n          Statement:\n            ManagedRuleGroupStatement:\n              VendorName: AWS\n              Name: AWSManagedRulesCommonRuleSet\n        - Name: admin-login\n          Priority: 1\n          Action:\n            Block: {}\n          Statement:\n            RateBasedStatement:\n              Limit: 100\n              AggregateKeyType: IP\n              ScopeDownStatement:\n                ByteMatchStatement:\n                  SearchString: /admin/login/\n                  PositionalConstraint: STARTS_WITH\n                  FieldToMatch:\n                    UriPath: {}\n                  TextTransformations:\n                    - Priority: 0\n                      Type: NONE\n  AclAlb:\n    Type: AWS::WAFv2::WebACLAssociation\n    Properties:\n      ResourceArn: !Ref Alb\n      WebACLArn: !GetAtt Acl.Arn\n  Alb:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n',
      ),
    );
    expect(acl.resourceType).toBe('aws_wafv2_web_acl');
    expect(attrs(acl)).toEqual({ scope: 'REGIONAL' });
    expect(blocksOf(blocksOf(acl, 'default_action')[0], 'allow')).toHaveLength(1);
    expect(attrs(blocksOf(acl, 'visibility_config')[0])).toEqual({ sampled_requests_enabled: true, cloudwatch_metrics_enabled: true, metric_name: 'acl' });
    const [core, admin] = blocksOf(acl, 'rule');
    expect(attrs(core)).toEqual({ name: 'core', priority: 0 });
    const managed = blocksOf(blocksOf(core, 'statement')[0], 'managed_rule_group_statement')[0];
    expect(attrs(managed)).toEqual({ vendor_name: 'AWS', name: 'AWSManagedRulesCommonRuleSet' });
    const rate = blocksOf(blocksOf(admin, 'statement')[0], 'rate_based_statement')[0];
    expect(attrs(rate)).toEqual({ limit: 100, aggregate_key_type: 'IP' });
    const match = blocksOf(blocksOf(rate, 'scope_down_statement')[0], 'byte_match_statement')[0];
    expect(attrs(match)).toEqual({ search_string: '/admin/login/', positional_constraint: 'STARTS_WITH' });
    expect(blocksOf(blocksOf(match, 'field_to_match')[0], 'uri_path')).toHaveLength(1);
    expect(blocksOf(match, 'text_transformation').map(attrs)).toEqual([{ priority: 0, type: 'NONE' }]);
    expect(association.resourceType).toBe('aws_wafv2_web_acl_association');
    expect(attrs(association)).toEqual({ resource_arn: 'ref:aws_lb.Alb', web_acl_arn: 'ref:aws_wafv2_web_acl.Acl.arn' });
  });

  it('keeps a block property that is not a literal list as an unknown attribute (rules can tell it from absent)', async () => {
    const r = await only(template('  Acl:\n    Type: AWS::WAFv2::WebACL\n    Properties:\n      Rules: !If [Prod, [], []]\n'));
    expect(blocksOf(r, 'rule')).toEqual([]);
    expect(r.attributes.get('rule')?.kind).toBe('unknown');
  });

  it('reads IAM access keys, policies, managed policies and roles with their documents as objects', async () => {
    const [key, policy, managed, role] = await resources(
      template(
        '  Key:\n    Type: AWS::IAM::AccessKey\n    Properties:\n      UserName: !Ref AppUser\n  Inline:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: app\n      Roles: [!Ref TaskRole]\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Action: "s3:*"\n            Resource: "*"\n  Managed:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          Effect: Allow\n          Action: ["ssm:GetParameters"]\n          Resource: !Sub "arn:aws:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/*"\n  TaskRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: {Service: ecs-tasks.amazonaws.com}\n            Action: sts:AssumeRole\n      Policies:\n        - PolicyName: all\n          PolicyDocument:\n            Statement:\n              - {Effect: Allow, Action: "*", Resource: "*"}\n  AppUser:\n    Type: AWS::IAM::User\n',
      ),
    );
    expect(key.resourceType).toBe('aws_iam_access_key');
    expect(attrs(key)).toEqual({ user: 'ref:aws_iam_user.AppUser' });
    expect(policy.resourceType).toBe('aws_iam_role_policy');
    expect(attrs(policy)).toEqual({ name: 'app', roles: ['ref:aws_iam_role.TaskRole'], policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } });
    expect(managed.resourceType).toBe('aws_iam_policy');
    expect(attrs(managed)).toEqual({ policy: { Statement: { Effect: 'Allow', Action: ['ssm:GetParameters'], Resource: 'unknown' } } });
    expect(role.resourceType).toBe('aws_iam_role');
    expect(attrs(role).assume_role_policy).toEqual({ Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    expect(blocksOf(role, 'inline_policy').map(attrs)).toEqual([{ name: 'all', policy: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }]);
  });

  it('reads SSM parameters and ECS task definitions (container definitions in the ECS API form)', async () => {
    const [param, task] = await resources(
      template(
        '  DbPassword:\n    Type: AWS::SSM::Parameter\n    Properties:\n      Name: /app/db-password\n      Type: String\n      Value: hunter2-not-real\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: app\n      TaskRoleArn: !GetAtt TaskRole.Arn\n      ContainerDefinitions:\n        - Name: web\n          Image: app:latest\n          Environment:\n            - Name: DJANGO_DEBUG\n              Value: "False"\n          Secrets:\n            - Name: DJANGO_SECRET_KEY\n              ValueFrom: !Ref SecretKeyParam\n          DockerLabels:\n            Team: Web\n          DNSServers: [10.0.0.2]\n  TaskRole:\n    Type: AWS::IAM::Role\n  SecretKeyParam:\n    Type: AWS::SSM::Parameter\n',
      ),
    );
    expect(param.resourceType).toBe('aws_ssm_parameter');
    expect(attrs(param)).toEqual({ name: '/app/db-password', type: 'String', value: 'hunter2-not-real' });
    expect(task.resourceType).toBe('aws_ecs_task_definition');
    expect(attrs(task)).toEqual({
      family: 'app',
      task_role_arn: 'ref:aws_iam_role.TaskRole.arn',
      container_definitions: [
        {
          name: 'web',
          image: 'app:latest',
          environment: [{ name: 'DJANGO_DEBUG', value: 'False' }],
          secrets: [{ name: 'DJANGO_SECRET_KEY', valueFrom: 'ref:aws_ssm_parameter.SecretKeyParam' }],
          // Label names are the user's own: kept as written.
          dockerLabels: { Team: 'Web' },
          dnsServers: ['10.0.0.2'],
        },
      ],
    });
  });

  it('reads an ECS service (its awsvpc configuration as network_configuration), an EC2 instance, and routes to an internet gateway', async () => {
    const [service, instance, table, route, association, gateway] = await resources(
      template(
        '  Service:\n    Type: AWS::ECS::Service\n    Properties:\n      ServiceName: web\n      NetworkConfiguration:\n        AwsvpcConfiguration:\n          AssignPublicIp: DISABLED\n          SecurityGroups: [!Ref AppSg]\n      LoadBalancers:\n        - ContainerName: web\n          ContainerPort: 8000\n  Host:\n    Type: AWS::EC2::Instance\n    Properties:\n      SecurityGroupIds: [!Ref AppSg]\n      NetworkInterfaces:\n        - DeviceIndex: "0"\n          GroupSet: [!Ref AppSg]\n  Public:\n    Type: AWS::EC2::RouteTable\n  Default:\n    Type: AWS::EC2::Route\n    Properties:\n      RouteTableId: !Ref Public\n      DestinationCidrBlock: 0.0.0.0/0\n      GatewayId: !Ref Igw\n  Assoc:\n    Type: AWS::EC2::SubnetRouteTableAssociation\n    Properties:\n      SubnetId: subnet-0a\n      RouteTableId: !Ref Public\n  Igw:\n    Type: AWS::EC2::InternetGateway\n  AppSg:\n    Type: AWS::EC2::SecurityGroup\n',
      ),
    );
    expect(service.resourceType).toBe('aws_ecs_service');
    expect(blocksOf(service, 'network_configuration').map(attrs)).toEqual([{ assign_public_ip: 'DISABLED', security_groups: ['ref:aws_security_group.AppSg'] }]);
    expect(blocksOf(service, 'load_balancer').map(attrs)).toEqual([{ container_name: 'web', container_port: 8000 }]);
    expect(attributeText(service, 'network_configuration')).toBe('NetworkConfiguration');
    expect(instance.resourceType).toBe('aws_instance');
    expect(attrs(instance)).toEqual({ vpc_security_group_ids: ['ref:aws_security_group.AppSg'] });
    expect(blocksOf(instance, 'network_interfaces').map(attrs)).toEqual([{ device_index: '0', security_groups: ['ref:aws_security_group.AppSg'] }]);
    expect([table, route, association, gateway].map((r) => r.resourceType)).toEqual(['aws_route_table', 'aws_route', 'aws_route_table_association', 'aws_internet_gateway']);
    expect(attrs(route)).toEqual({ route_table_id: 'ref:aws_route_table.Public', destination_cidr_block: '0.0.0.0/0', gateway_id: 'ref:aws_internet_gateway.Igw' });
  });

  it('reads LaunchTemplateData of a launch template and DistributionConfig of a distribution as attributes of the resource itself', async () => {
    const [template_, distribution] = await resources(
      template('  Lt:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateName: web\n      LaunchTemplateData:\n        SecurityGroupIds: [sg-1]\n        NetworkInterfaces:\n          - Groups: [sg-2]\n  Cdn:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n        Enabled: true\n        WebACLId: arn:aws:wafv2:us-east-1:1:global/webacl/edge/1\n'),
    );
    expect(attrs(template_)).toEqual({ name: 'web', vpc_security_group_ids: ['sg-1'] });
    expect(blocksOf(template_, 'network_interfaces').map(attrs)).toEqual([{ security_groups: ['sg-2'] }]);
    expect(attributeText(template_, 'vpc_security_group_ids')).toBe('SecurityGroupIds');
    expect(distribution.resourceType).toBe('aws_cloudfront_distribution');
    expect(attrs(distribution)).toEqual({ enabled: true, web_acl_id: 'arn:aws:wafv2:us-east-1:1:global/webacl/edge/1' });
    const unknown = await only(template('  Lt:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateData: !If [Prod, {}, {}]\n'));
    expect(unknown.attributes.get('vpc_security_group_ids')?.kind).toBe('unknown');
    expect(unknown.attributes.get('network_interfaces')?.kind).toBe('unknown');
  });

  it('keeps an ECS NetworkConfiguration without AwsvpcConfiguration as unknown', async () => {
    const service = await only(template('  Service:\n    Type: AWS::ECS::Service\n    Properties:\n      NetworkConfiguration: {}\n'));
    expect(blocksOf(service, 'network_configuration')).toEqual([]);
    expect(service.attributes.get('network_configuration')?.kind).toBe('unknown');
  });

  it('turns a Tags list into a tags object and leaves SAM and unmapped types out', async () => {
    const all = await resources(template('  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.handler\n  Queue:\n    Type: AWS::SQS::Queue\n  Net:\n    Type: AWS::EC2::Subnet\n    Properties:\n      Tags:\n        - Key: Name\n          Value: public-a\n', 'Transform: AWS::Serverless-2016-10-31\n'));
    expect(all.map((r) => r.resourceType)).toEqual(['aws_subnet']);
    expect(attrs(all[0])).toEqual({ tags: { Name: 'public-a' } });
  });
});

describe('values', () => {
  const param = (body: string, props: string) => template(`  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n${props}`, `Parameters:\n${body}`);

  it('follows Ref to a parameter default, keeping the Ref as the origin; no default is unknown', async () => {
    const r = await only(param('  Public:\n    Type: String\n    Default: "true"\n    AllowedValues: ["true", "false"]\n  Engine:\n    Type: String\n', '      PubliclyAccessible: !Ref Public\n      Engine: !Ref Engine\n      StorageEncrypted: {"Ref": "Public"}\n'));
    expect(attrs(r)).toEqual({ publicly_accessible: 'true', engine: 'unknown', storage_encrypted: 'true' });
    expect(r.attributes.get('publicly_accessible')!.origin).toMatchObject({ line: 13 });
    const engine = r.attributes.get('engine')!;
    expect(engine.kind === 'unknown' && engine.reason).toMatch(/Engine has no Default/);
  });

  it('splits list parameters, and leaves SSM-typed parameters and pseudo parameters unknown', async () => {
    const r = await only(param('  Cidrs:\n    Type: CommaDelimitedList\n    Default: "0.0.0.0/0, 10.0.0.0/8"\n  Flag:\n    Type: AWS::SSM::Parameter::Value<String>\n    Default: /app/public\n', '      VPCSecurityGroups: !Ref Cidrs\n      PubliclyAccessible: !Ref Flag\n      AvailabilityZone: !Ref AWS::Region\n'));
    expect(attrs(r)).toEqual({ vpc_security_group_ids: ['0.0.0.0/0', '10.0.0.0/8'], publicly_accessible: 'unknown', availability_zone: 'unknown' });
  });

  it('reads a Sub without ${} as a literal, ${!x} as its literal text, and every other intrinsic as unknown', async () => {
    const r = await only(
      param(
        '  Env:\n    Type: String\n    Default: prod\n',
        '      DBName: !Sub plain\n      DBInstanceIdentifier: !Sub "app-${!Literal}"\n      Engine: !Sub "app-${Env}"\n      EngineVersion: !Sub ["x-${A}", {A: !Ref Env}]\n      MasterUsername: {"Fn::Sub": "admin"}\n      MultiAZ: !If [Prod, true, false]\n      Port: !Select [0, [5432]]\n      DBSubnetGroupName: !Join ["-", [a, b]]\n      KmsKeyId: !FindInMap [Keys, !Ref AWS::Region, Id]\n      OptionGroupName: !ImportValue shared-options\n      UserData: !Base64 x\n      Timezone: !GetAZs ""\n      LicenseModel: !Split [",", "a,b"]\n      CharacterSetName: !Cidr [10.0.0.0/16, 2, 8]\n      Domain: !Equals [a, a]\n      DomainIAMRoleName: !Not [!Equals [a, b]]\n      MonitoringRoleArn: !And [!Condition A, !Condition B]\n      PerformanceInsightsKMSKeyId: !Or [!Condition A, !Condition B]\n      Iops: !Weird 3\n      CACertificateIdentifier: "{{resolve:ssm:/app/ca}}"\n      AllocatedStorage: {"Fn::GetAtt": ["Other", "Endpoint.Port"]}\n      StorageType: {"Fn::Join": ["", [a]]}\n',
      ),
    );
    const a = attrs(r);
    expect(a.db_name).toBe('plain');
    expect(a.identifier).toBe('app-${Literal}');
    // A GetAtt of a logical ID the template does not declare names nothing.
    expect(a.allocated_storage).toBe('unknown');
    for (const name of ['engine', 'engine_version', 'multi_az', 'port', 'db_subnet_group_name', 'kms_key_id', 'option_group_name', 'user_data', 'timezone', 'license_model', 'character_set_name', 'domain', 'domain_iam_role_name', 'monitoring_role_arn', 'performance_insights_kms_key_id', 'iops', 'ca_certificate_identifier', 'storage_type']) {
      expect(a[name], name).toBe('unknown');
    }
    expect(a.username).toBe('admin');
  });

  it('reads a JSON template through the same path, with positions', async () => {
    const [r] = await resources(
      '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n    "Database": {\n      "Type": "AWS::RDS::DBInstance",\n      "Properties": {\n        "PubliclyAccessible": true,\n        "VPCSecurityGroups": [{"Fn::GetAtt": ["DbGroup", "GroupId"]}],\n        "Port": {"Fn::GetAtt": "DbGroup.Endpoint.Port"}\n      }\n    },\n    "DbGroup": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "db"}}\n  }\n}\n',
      'template.json',
    );
    expect(r.resourceType).toBe('aws_db_instance');
    // A dotted attribute is a path (`Endpoint.Port` → endpoint.port), in either GetAtt form.
    expect(attrs(r)).toEqual({ publicly_accessible: true, vpc_security_group_ids: ['ref:aws_security_group.DbGroup.group_id'], port: 'ref:aws_security_group.DbGroup.endpoint.port' });
    expect(r.attributes.get('publicly_accessible')!.origin).toMatchObject({ file: 'template.json', line: 7, column: 31 });
  });
});

describe('hostile and broken templates', () => {
  it('a template that does not parse is a skip note naming the line; other files still load', async () => {
    const bad = join(tmp, 'bad.yaml');
    const good = join(tmp, 'good.yaml');
    const result = await loadInfra([bad, good], (p) => p.slice(tmp.length + 1), undefined, new Map([
      [bad, 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Db:\n    Type: [AWS::RDS::DBInstance\n  X: }\n'],
      [good, template('  Db:\n    Type: AWS::RDS::DBInstance\n')],
    ]));
    expect(result.errors).toEqual([]);
    expect(result.skipped).toHaveLength(1);
    expect(result.skipped[0].file).toBe('bad.yaml');
    expect(result.skipped[0].reason).toMatch(/^not a readable CloudFormation template: .*line \d+/);
    expect(result.model.resources.map((r) => r.name)).toEqual(['Db']);
  });

  it('refuses YAML aliases (CloudFormation rejects them) without expanding a billion laughs', async () => {
    const lines = ['AWSTemplateFormatVersion: "2010-09-09"', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 0; i < 9; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`);
    lines.push('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      VPCSecurityGroups: *j', '      PubliclyAccessible: true');
    const started = Date.now();
    const r = await only(`${lines.join('\n')}\n`);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(attrs(r)).toEqual({ vpc_security_group_ids: 'unknown', publicly_accessible: true });
  });

  it('survives deep nesting, a non-mapping top level, odd keys and a Resources entry that is not a mapping', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const nested = await load(template(`  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Tags: ${deep}\n`));
    expect(nested.errors).toEqual([]);
    const top = await load('- AWSTemplateFormatVersion\n- Resources\n');
    expect(top.skipped[0]?.reason).toMatch(/top level is not a mapping/);
    const odd = await resources(template('  ? [complex, key]\n  : Type: AWS::RDS::DBInstance\n  Plain: just a string\n  NoType:\n    Properties: {}\n  BadType:\n    Type: !Ref X\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties: !If [C, {}, {}]\n'));
    expect(odd.map((r) => r.name)).toEqual(['Db']);
    expect(odd[0].attributes.size).toBe(0);
  });

  it('reads template files like every other file: size cap, binary refused, symlinks not followed', async () => {
    const dir = mkdtempSync(join(tmp, 'files-'));
    mkdirSync(join(dir, 'infra'));
    const body = template('  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n');
    writeFileSync(join(dir, 'infra', 'big.yaml'), `${body}# ${'x'.repeat(4096)}\n`);
    writeFileSync(join(dir, 'infra', 'binary.yaml'), Buffer.concat([Buffer.from(body), Buffer.from([0, 1, 2, 0])]));
    writeFileSync(join(dir, 'real.yaml'), body);
    symlinkSync(join(dir, 'real.yaml'), join(dir, 'infra', 'link.yaml'));
    const found = discover([dir], dir).infra.map((f) => f.slice(dir.length + 1)).sort();
    expect(found).toEqual(['infra/big.yaml', 'infra/binary.yaml', 'real.yaml']);
    const result = await loadInfra(found.map((f) => join(dir, f)), (p) => p.slice(dir.length + 1), 2048);
    expect(result.skipped.map((s) => s.file).sort()).toEqual(['infra/big.yaml', 'infra/binary.yaml']);
    expect(result.model.resources.map((r) => r.cloudformation?.logicalId)).toEqual(['Db']);
  });

  it('never turns __proto__ or constructor keys into anything but plain entries', async () => {
    const r = await only(template('  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      __proto__: {PubliclyAccessible: true}\n      constructor: x\n'));
    expect(r.attributes.get('publicly_accessible')).toBeUndefined();
    expect(({} as Record<string, unknown>).PubliclyAccessible).toBeUndefined();
  });
});

describe('naming for messages', () => {
  it('writes an attribute in the language of the resource', async () => {
    const [db] = await resources(template('  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      PubliclyAccessible: true\n'));
    expect(attributeText(db, 'publicly_accessible', true)).toBe('PubliclyAccessible: true');
    expect(attributeText(db, 'storage_encrypted', false)).toBe('StorageEncrypted: false');
    const tf: TfResource = { type: 'resource', labels: [], attributes: new Map(), blocks: [], origin: db.origin, resourceType: 'aws_db_instance', name: 'app', format: 'terraform' };
    expect(attributeText(tf, 'publicly_accessible', true)).toBe('publicly_accessible = true');
    expect(attributeText(tf, 'protocol', 'HTTPS')).toBe('protocol = "HTTPS"');
    expect(address(tf)).toBe('aws_db_instance.app');
  });

  it('names a type to add, and a task definition in the ECS environment note, in the language of the resource', async () => {
    const [alb, task] = await resources(
      template('  Lb:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: web\n          Environment:\n            - {Name: DJANGO_DEBUG, Value: "False"}\n'),
    );
    expect(typeText(alb, 'aws_wafv2_web_acl_association')).toBe('AWS::WAFv2::WebACLAssociation');
    expect(inLanguage(alb, { terraform: 'tf', cloudformation: 'cfn' })).toBe('cfn');
    expect(taskEnvironment({ resources: [task], dockerfiles: [] })?.source).toBe('Task (AWS::ECS::TaskDefinition) (container "web")');
    const tf: TfResource = { ...alb, resourceType: 'aws_lb', name: 'app', format: 'terraform', cloudformation: undefined };
    expect(typeText(tf, 'aws_wafv2_web_acl_association')).toBe('aws_wafv2_web_acl_association');
    expect(inLanguage(tf, { terraform: 'tf', cloudformation: 'cfn' })).toBe('tf');
  });

  it('names properties back through the rename table, or by case', () => {
    expect(cloudFormationName('AWS::RDS::DBInstance', 'replicate_source_db')).toBe('SourceDBInstanceIdentifier');
    expect(cloudFormationName('AWS::EC2::SecurityGroup', 'source_security_group_id')).toBe('SourceSecurityGroupId');
    expect(cloudFormationName('AWS::ElastiCache::ReplicationGroup', 'transit_encryption_enabled')).toBe('TransitEncryptionEnabled');
    expect(cloudFormationName('AWS::ElasticLoadBalancingV2::Listener', 'status_code')).toBe('StatusCode');
  });
});
