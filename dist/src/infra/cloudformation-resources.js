const RULE_PROPS = {
    IpProtocol: 'protocol',
    CidrIp: { list: 'cidr_blocks' },
    CidrIpv6: { list: 'ipv6_cidr_blocks' },
    SourceSecurityGroupId: { list: 'security_groups' },
    DestinationSecurityGroupId: { list: 'security_groups' },
    SourcePrefixListId: { list: 'prefix_list_ids' },
    DestinationPrefixListId: { list: 'prefix_list_ids' },
};
const STANDALONE_RULE_PROPS = { ...RULE_PROPS, GroupId: 'security_group_id', SourceSecurityGroupId: 'source_security_group_id', DestinationSecurityGroupId: 'source_security_group_id' };
const LISTENER_ACTION_PROPS = {
    RedirectConfig: { block: 'redirect' },
    FixedResponseConfig: { block: 'fixed_response' },
    ForwardConfig: { block: 'forward', deep: true },
    AuthenticateOidcConfig: { block: 'authenticate_oidc' },
    AuthenticateCognitoConfig: { block: 'authenticate_cognito' },
};
const POLICY_PROPS = { PolicyName: 'name', PolicyDocument: 'policy' };
const RESOURCE_SPECS = {
    'AWS::RDS::DBInstance': {
        // An instance in an Aurora cluster is Terraform's aws_rds_cluster_instance (its storage is the cluster's).
        type: (has) => (has('DBClusterIdentifier') ? 'aws_rds_cluster_instance' : 'aws_db_instance'),
        props: {
            DBInstanceIdentifier: 'identifier',
            DBInstanceClass: 'instance_class',
            MasterUsername: 'username',
            MasterUserPassword: 'password',
            VPCSecurityGroups: 'vpc_security_group_ids',
            SourceDBInstanceIdentifier: 'replicate_source_db',
            DBSnapshotIdentifier: 'snapshot_identifier',
            DBClusterIdentifier: 'cluster_identifier',
        },
    },
    'AWS::RDS::DBCluster': { type: 'aws_rds_cluster', props: { DBClusterIdentifier: 'cluster_identifier', MasterUsername: 'master_username', MasterUserPassword: 'master_password' } },
    'AWS::RDS::DBSubnetGroup': { type: 'aws_db_subnet_group', props: { DBSubnetGroupName: 'name', DBSubnetGroupDescription: 'description' } },
    'AWS::EC2::SecurityGroup': {
        type: 'aws_security_group',
        props: { GroupName: 'name', GroupDescription: 'description', SecurityGroupIngress: { block: 'ingress', props: RULE_PROPS }, SecurityGroupEgress: { block: 'egress', props: RULE_PROPS } },
    },
    'AWS::EC2::SecurityGroupIngress': { type: 'aws_security_group_rule', props: STANDALONE_RULE_PROPS, fixed: { type: 'ingress' } },
    'AWS::EC2::SecurityGroupEgress': { type: 'aws_security_group_rule', props: STANDALONE_RULE_PROPS, fixed: { type: 'egress' } },
    'AWS::EC2::Subnet': { type: 'aws_subnet' },
    'AWS::EC2::Instance': {
        type: 'aws_instance',
        props: { SecurityGroupIds: 'vpc_security_group_ids', NetworkInterfaces: { block: 'network_interfaces', props: { GroupSet: 'security_groups' } } },
    },
    'AWS::EC2::VPC': { type: 'aws_vpc' },
    'AWS::EC2::InternetGateway': { type: 'aws_internet_gateway' },
    'AWS::EC2::NatGateway': { type: 'aws_nat_gateway' },
    'AWS::EC2::RouteTable': { type: 'aws_route_table' },
    'AWS::EC2::Route': { type: 'aws_route' },
    'AWS::EC2::SubnetRouteTableAssociation': { type: 'aws_route_table_association' },
    'AWS::ElasticLoadBalancingV2::LoadBalancer': { type: 'aws_lb', props: { Type: 'load_balancer_type', Scheme: { attribute: 'internal', literal: (v) => (typeof v === 'string' ? v === 'internal' : null) } } },
    'AWS::ElasticLoadBalancingV2::Listener': { type: 'aws_lb_listener', props: { DefaultActions: { block: 'default_action', props: LISTENER_ACTION_PROPS } } },
    'AWS::ElasticLoadBalancingV2::TargetGroup': { type: 'aws_lb_target_group' },
    'AWS::ElastiCache::ReplicationGroup': {
        type: 'aws_elasticache_replication_group',
        props: { ReplicationGroupDescription: 'description', CacheNodeType: 'node_type', CacheSubnetGroupName: 'subnet_group_name' },
    },
    'AWS::ElastiCache::CacheCluster': { type: 'aws_elasticache_cluster', props: { ClusterName: 'cluster_id', CacheNodeType: 'node_type', CacheSubnetGroupName: 'subnet_group_name' } },
    'AWS::WAFv2::WebACL': {
        type: 'aws_wafv2_web_acl',
        props: { DefaultAction: { block: 'default_action', deep: true }, Rules: { block: 'rule', deep: true }, VisibilityConfig: { block: 'visibility_config', deep: true } },
    },
    'AWS::WAFv2::WebACLAssociation': { type: 'aws_wafv2_web_acl_association' },
    'AWS::IAM::AccessKey': { type: 'aws_iam_access_key', props: { UserName: 'user' } },
    'AWS::IAM::User': { type: 'aws_iam_user', props: { UserName: 'name' } },
    // An AWS::IAM::Policy is an inline policy of the roles (users, groups) it names.
    'AWS::IAM::Policy': { type: 'aws_iam_role_policy', props: POLICY_PROPS },
    'AWS::IAM::ManagedPolicy': { type: 'aws_iam_policy', props: { ManagedPolicyName: 'name', PolicyDocument: 'policy' } },
    'AWS::IAM::Role': { type: 'aws_iam_role', props: { RoleName: 'name', AssumeRolePolicyDocument: 'assume_role_policy', Policies: { block: 'inline_policy', props: POLICY_PROPS } } },
    // CloudFormation cannot create a SecureString parameter: Type is String or StringList.
    'AWS::SSM::Parameter': { type: 'aws_ssm_parameter' },
    'AWS::EC2::LaunchTemplate': {
        type: 'aws_launch_template',
        props: {
            LaunchTemplateName: 'name',
            LaunchTemplateData: { flatten: { SecurityGroupIds: 'vpc_security_group_ids', NetworkInterfaces: { block: 'network_interfaces', props: { Groups: 'security_groups' } } } },
        },
    },
    // Only what the rules read: the web ACL in front of the load balancer (DJS911).
    'AWS::CloudFront::Distribution': { type: 'aws_cloudfront_distribution', props: { DistributionConfig: { flatten: { WebACLId: 'web_acl_id' } } } },
    'AWS::ECS::Service': {
        type: 'aws_ecs_service',
        props: { ServiceName: 'name', NetworkConfiguration: { block: 'network_configuration', unwrap: 'AwsvpcConfiguration' }, LoadBalancers: { block: 'load_balancer' } },
    },
    'AWS::ECS::TaskDefinition': { type: 'aws_ecs_task_definition', props: { ContainerDefinitions: { ecs: 'container_definitions' } } },
};
/** Names whose snake_case Terraform spells differently (CloudWatch is one word there). */
const SNAKE_EXCEPTIONS = { CloudWatchMetricsEnabled: 'cloudwatch_metrics_enabled' };
/** `DBInstanceClass` → `db_instance_class`, `WebACLArn` → `web_acl_arn`, `CidrIpv6` → `cidr_ipv6`. */
export function snakeCase(name) {
    if (Object.hasOwn(SNAKE_EXCEPTIONS, name))
        return SNAKE_EXCEPTIONS[name];
    return name
        .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
        .replace(/([a-z\d])([A-Z])/g, '$1_$2')
        .toLowerCase();
}
/** The Terraform type a CloudFormation type is read as, or undefined when it is not mapped. */
export function terraformTypeOf(cfnType, has) {
    const spec = Object.hasOwn(RESOURCE_SPECS, cfnType) ? RESOURCE_SPECS[cfnType] : undefined;
    if (!spec)
        return undefined;
    return typeof spec.type === 'string' ? spec.type : spec.type(has);
}
/** The CloudFormation type read as this Terraform type (the first in the map), for messages. */
export function cloudFormationTypeFor(terraformType) {
    return Object.entries(RESOURCE_SPECS).find(([, spec]) => spec.type === terraformType)?.[0];
}
/** The resource in Terraform's shape, or undefined for a type djsec does not map. */
export function translateResource(input) {
    const spec = Object.hasOwn(RESOURCE_SPECS, input.type) ? RESOURCE_SPECS[input.type] : undefined;
    if (!spec)
        return undefined;
    const properties = input.properties?.kind === 'object' ? input.properties : undefined;
    const resourceType = terraformTypeOf(input.type, (p) => properties?.entries.has(p) ?? false);
    const body = translateBody(properties, spec.props, false);
    for (const [name, value] of Object.entries(spec.fixed ?? {}))
        body.attributes.set(name, { kind: 'literal', value, origin: input.typeOrigin });
    return {
        type: 'resource',
        labels: [resourceType, input.logicalId],
        ...body,
        origin: input.origin,
        resourceType,
        name: input.logicalId,
        format: 'cloudformation',
        cloudformation: { logicalId: input.logicalId, type: input.type },
    };
}
function translateBody(value, props, deep) {
    const body = { attributes: new Map(), blocks: [], written: new Map() };
    for (const [key, v] of value?.entries ?? []) {
        const prop = props && Object.hasOwn(props, key) ? props[key] : undefined;
        if (prop === undefined) {
            if (key === 'Tags' && !deep)
                setAttribute(body, 'tags', key, tagsObject(v));
            else if (deep && isBlockValue(v))
                addBlocks(body, { block: singular(snakeCase(key)), deep }, key, v);
            else
                setAttribute(body, snakeCase(key), key, v);
        }
        else if (typeof prop === 'string') {
            setAttribute(body, prop, key, v);
        }
        else if ('block' in prop) {
            addBlocks(body, prop, key, v);
        }
        else if ('flatten' in prop) {
            if (v.kind === 'object')
                mergeBody(body, translateBody(v, prop.flatten, false));
            else
                unknownFlattened(body, prop.flatten, key, v);
        }
        else if ('list' in prop) {
            setAttribute(body, prop.list, key, v.kind === 'list' ? v : { kind: 'list', items: [v], origin: v.origin });
        }
        else if ('ecs' in prop) {
            setAttribute(body, prop.ecs, key, ecsForm(v));
        }
        else {
            setAttribute(body, prop.attribute, key, v.kind === 'literal' ? { ...v, value: prop.literal(v.value) } : v);
        }
    }
    return body;
}
/**
 * A mapping to flatten that is not a literal mapping (`DistributionConfig: !If [...]`): each
 * attribute a rule reads from it is unknown, so "not written" is never concluded.
 */
function unknownFlattened(body, props, key, v) {
    const unknown = v.kind === 'unknown' ? v : { kind: 'unknown', reason: `${key} is not a mapping`, origin: v.origin };
    for (const [inner, prop] of Object.entries(props)) {
        const name = typeof prop === 'string' ? prop : 'block' in prop ? prop.block : 'list' in prop ? prop.list : snakeCase(inner);
        setAttribute(body, name, `${key}.${inner}`, unknown);
    }
}
/** A flattened mapping's attributes and blocks, as if written on the resource. */
function mergeBody(body, inner) {
    for (const [name, value] of inner.attributes)
        setAttribute(body, name, inner.written.get(name) ?? name, value);
    body.blocks.push(...inner.blocks);
    for (const [name, written] of inner.written)
        if (!body.written.has(name))
            body.written.set(name, written);
}
function setAttribute(body, name, written, value) {
    body.attributes.set(name, value);
    body.written.set(name, written);
}
/** A mapping, or a list of mappings: what Terraform writes as nested blocks. */
function isBlockValue(v) {
    return v.kind === 'object' || (v.kind === 'list' && v.items.length > 0 && v.items.every((i) => i.kind === 'object'));
}
/**
 * One block per mapping. A value that is not a literal mapping or list of mappings (an `!If`, a
 * `!Ref` to a parameter) is kept as an unknown attribute under the block's name, so a rule that
 * looks for a block can tell "not written" from "not known".
 */
function addBlocks(body, prop, key, v) {
    const items = v.kind === 'list' ? v.items : [v];
    for (const outer of items) {
        const item = prop.unwrap && outer.kind === 'object' ? (outer.entries.get(prop.unwrap) ?? { kind: 'unknown', reason: `${key} without ${prop.unwrap}`, origin: outer.origin }) : outer;
        if (item.kind !== 'object') {
            setAttribute(body, prop.block, key, item.kind === 'unknown' ? item : { kind: 'unknown', reason: `${key} is not a list of mappings`, origin: item.origin });
            continue;
        }
        const inner = translateBody(item, prop.props, prop.deep ?? false);
        body.blocks.push({ type: prop.block, labels: [], attributes: inner.attributes, blocks: inner.blocks, origin: item.origin, written: inner.written });
        body.written.set(prop.block, key);
    }
}
/** `rules` → `rule`, `text_transformations` → `text_transformation`: Terraform names a repeated block in the singular. */
function singular(name) {
    return name.endsWith('s') && !name.endsWith('ss') ? name.slice(0, -1) : name;
}
/** `Tags: [{Key: Name, Value: x}]` → `tags = { Name = "x" }`; any other shape is kept as written. */
function tagsObject(v) {
    if (v.kind !== 'list')
        return v;
    const entries = new Map();
    for (const item of v.items) {
        const key = item.kind === 'object' ? item.entries.get('Key') : undefined;
        const value = item.kind === 'object' ? item.entries.get('Value') : undefined;
        if (key?.kind !== 'literal' || value === undefined)
            return v;
        entries.set(String(key.value), value);
    }
    return { kind: 'object', entries, origin: v.origin };
}
// Mappings whose keys are the user's own names (Docker labels, log driver options): kept as written.
const USER_KEYED = new Set(['DockerLabels', 'Options']);
/** Container definitions with the ECS API's keys: `Name` → `name`, `ValueFrom` → `valueFrom`. */
function ecsForm(v, keepKeys = false) {
    if (v.kind === 'list')
        return { ...v, items: v.items.map((i) => ecsForm(i)) };
    if (v.kind !== 'object')
        return v;
    const entries = new Map();
    for (const [key, value] of v.entries) {
        // A leading acronym is lowered whole, as the ECS API writes it: `DNSServers` → `dnsServers`.
        const name = keepKeys ? key : key.replace(/^[A-Z]+(?=[A-Z][a-z]|$)|^[A-Z]/, (m) => m.toLowerCase());
        entries.set(name, keepKeys ? value : ecsForm(value, USER_KEYED.has(key)));
    }
    return { ...v, entries };
}
/**
 * The CloudFormation property for a Terraform attribute of a translated type: from the rename
 * table (top level or a nested block's), else by case (`storage_encrypted` → `StorageEncrypted`).
 */
export function cloudFormationName(cfnType, attribute) {
    const spec = Object.hasOwn(RESOURCE_SPECS, cfnType) ? RESOURCE_SPECS[cfnType] : undefined;
    const found = spec?.props ? renamedFrom(spec.props, attribute, 0) : undefined;
    return found ?? attribute.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}
function renamedFrom(props, attribute, depth) {
    for (const [key, prop] of Object.entries(props)) {
        if (typeof prop === 'string' && prop === attribute)
            return key;
        if (typeof prop === 'object' && 'block' in prop && prop.block === attribute)
            return key;
    }
    if (depth > 2)
        return undefined;
    for (const prop of Object.values(props)) {
        if (typeof prop === 'object' && 'block' in prop && prop.props) {
            const nested = renamedFrom(prop.props, attribute, depth + 1);
            if (nested)
                return nested;
        }
    }
    return undefined;
}
