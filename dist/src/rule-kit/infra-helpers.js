// What the infrastructure rules share: resource addresses, where to point, Dockerfile arguments.
import { cloudFormationName, cloudFormationTypeFor } from '../infra/cloudformation-resources.js';
import { address, literalOf, tfBool } from '../infra/infra-model.js';
// How a message names a resource lives with the model (the ECS environment note names one too).
export { address } from '../infra/infra-model.js';
/**
 * An attribute and a value as the resource's own language writes them, for messages:
 * `publicly_accessible = true` in Terraform, `PubliclyAccessible: true` in CloudFormation. `block`:
 * the nested block the attribute is in, when it is not the resource's own.
 */
export function attributeText(resource, attribute, value, block) {
    if (resource.cloudformation) {
        const name = (block ?? resource).written?.get(attribute) ?? cloudFormationName(resource.cloudformation.type, attribute);
        return value === undefined ? name : `${name}: ${String(value)}`;
    }
    return value === undefined ? attribute : `${attribute} = ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`;
}
/**
 * A resource type as the language of `near` writes it, for a message about what to add:
 * `aws_wafv2_web_acl_association` beside Terraform, `AWS::WAFv2::WebACLAssociation` in a template.
 */
export function typeText(near, terraformType) {
    return (near.cloudformation && cloudFormationTypeFor(terraformType)) || terraformType;
}
/** Text for a message in the resource's own language: Terraform's, or the template's. */
export function inLanguage(resource, text) {
    return resource.cloudformation ? text.cloudformation : text.terraform;
}
/** The resources of any of these types, in file order. */
export function resourcesOfTypes(infra, types) {
    return (infra?.resources ?? []).filter((r) => types.includes(r.resourceType));
}
/** Where a block's first line is: a finding about an attribute that is missing points here. */
export function blockHead(origin) {
    return { ...origin, endLine: origin.line, endColumn: origin.column + 1 };
}
/**
 * The source paths of a COPY/ADD: flags (`--chown=`, `--from=`) dropped, the JSON form read, the
 * destination (the last argument) left out. `from` is the stage or image a `--from=` names.
 */
export function copySources(instruction) {
    const words = [];
    let from;
    let rest = instruction.args;
    for (;;) {
        const flag = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest);
        if (!flag)
            break;
        if (flag[1] === 'from')
            from = flag[2];
        rest = rest.slice(flag[0].length);
    }
    if (rest.startsWith('[')) {
        try {
            const parsed = JSON.parse(rest);
            if (Array.isArray(parsed))
                words.push(...parsed.filter((w) => typeof w === 'string'));
        }
        catch {
            return { sources: [], from };
        }
    }
    else {
        words.push(...rest.split(/\s+/).filter(Boolean));
    }
    return { sources: words.slice(0, -1), from };
}
/**
 * The `protocol = "HTTP"` listeners of ALBs (aws_lb_listener, aws_alb_listener) and what their
 * default action does; a listener whose protocol is not a literal is left out (unknown).
 */
export function httpListeners(infra) {
    const out = [];
    for (const listener of resourcesOfTypes(infra, ['aws_lb_listener', 'aws_alb_listener'])) {
        if (literalOf(listener.attributes.get('protocol')) !== 'HTTP')
            continue;
        // With several actions (authenticate, then forward) the last one answers the request.
        const actions = listener.blocks.filter((b) => b.type === 'default_action');
        const last = actions[actions.length - 1];
        const type = last?.attributes.get('type');
        const redirect = last?.blocks.find((b) => b.type === 'redirect');
        const kind = literalOf(type);
        const action = kind === 'forward' ? 'forward' : kind === 'redirect' && literalOf(redirect?.attributes.get('protocol')) === 'HTTPS' ? 'redirect-https' : 'other';
        out.push({ listener, action, origin: type?.origin ?? blockHead(listener.origin) });
    }
    return out;
}
/** `aws_lb_listener.http (infra/alb.tf:12)`: a listener named for a message about the settings. */
export function listenerLabel(l) {
    return `${address(l.listener)} (${l.origin.file}:${l.origin.line})`;
}
/**
 * A boolean attribute that is off: written false (directly or through a variable's default), or
 * not written when the provider's default is false. Unknown values (decided when Terraform runs)
 * give undefined: they are never reported.
 */
export function offOrUnset(resource, name) {
    const value = resource.attributes.get(name);
    if (!value)
        return { how: 'unset', origin: blockHead(resource.origin) };
    return tfBool(value) === false ? { how: 'off', origin: value.origin } : undefined;
}
/**
 * The resource a reference names (`aws_lb.app.arn` is the aws_lb "app"), when exactly one
 * resource has that address; undefined for anything else (unknown, a literal ARN, ambiguous).
 */
export function referencedResource(infra, value) {
    if (value?.kind !== 'reference')
        return undefined;
    const matches = (infra?.resources ?? []).filter((r) => r.resourceType === value.resourceType && r.name === value.resourceName);
    return matches.length === 1 ? matches[0] : undefined;
}
/** Whether a value is a reference to this resource (any of its attributes). */
export function refersTo(value, resource) {
    return value?.kind === 'reference' && value.resourceType === resource.resourceType && value.resourceName === resource.name;
}
/** The items of a list value (`[aws_subnet.a.id, ...]`), or undefined when it is not a list. */
export function listItems(value) {
    return value?.kind === 'list' ? value.items : undefined;
}
/**
 * ElastiCache replication groups with an encryption flag off or unset. A member of a global
 * datastore (global_replication_group_id) takes the global group's encryption: left out.
 */
export function elastiCacheGroupsWithout(infra, flag) {
    const out = [];
    for (const group of resourcesOfTypes(infra, ['aws_elasticache_replication_group'])) {
        if (group.attributes.has('global_replication_group_id'))
            continue;
        const off = offOrUnset(group, flag);
        if (off)
            out.push({ group, ...off });
    }
    return out;
}
/**
 * An ElastiCache replication group's in-transit encryption: off (false or not written), required
 * (TLS only, the default once enabled) or preferred (TLS and plain both accepted, during a
 * migration); undefined when decided when Terraform runs.
 */
export function transitEncryption(group) {
    const enabled = group.attributes.get('transit_encryption_enabled');
    if (!enabled || tfBool(enabled) === false)
        return 'off';
    if (tfBool(enabled) !== true)
        return undefined;
    const mode = group.attributes.get('transit_encryption_mode');
    if (!mode)
        return 'required';
    const m = literalOf(mode);
    return m === 'required' || m === 'preferred' ? m : undefined;
}
