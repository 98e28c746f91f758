import { literalOf } from '../infra/infra-model.js';
import { address, resourcesOfTypes } from './infra-helpers.js';
const POLICY_RESOURCES = ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy'];
/** A string or a list of strings (IAM accepts both); undefined when any part is not a literal. */
function strings(value) {
    if (value?.kind === 'literal' && typeof value.value === 'string')
        return [value.value];
    if (value?.kind !== 'list')
        return undefined;
    const out = [];
    for (const item of value.items) {
        const v = literalOf(item);
        if (typeof v !== 'string')
            return undefined;
        out.push(v);
    }
    return out;
}
/** The Allow statements of one policy document (an object: jsonencode, a JSON string, a template's mapping). */
function documentAllows(doc, label) {
    if (doc?.kind !== 'object')
        return [];
    const out = [];
    const listed = doc.entries.get('Statement');
    const statements = listed?.kind === 'list' ? listed.items : listed ? [listed] : [];
    for (const s of statements) {
        if (s.kind !== 'object' || literalOf(s.entries.get('Effect')) !== 'Allow')
            continue;
        const action = s.entries.get('Action');
        const resource = s.entries.get('Resource');
        if (!action || !resource)
            continue; // NotAction / NotResource: not judged
        out.push({ label, actions: strings(action), resources: strings(resource), actionsAt: action.origin, resourcesAt: resource.origin });
    }
    return out;
}
/** The Allow statements of every identity policy the model holds. */
export function allowStatements(infra) {
    const out = [];
    for (const owner of resourcesOfTypes(infra, POLICY_RESOURCES))
        out.push(...documentAllows(owner.attributes.get('policy'), address(owner)));
    // A role's inline policies: Terraform's inline_policy blocks, a template's Role Policies.
    for (const role of resourcesOfTypes(infra, ['aws_iam_role'])) {
        for (const inline of role.blocks.filter((b) => b.type === 'inline_policy')) {
            const name = literalOf(inline.attributes.get('name'));
            const label = `${address(role)} ${typeof name === 'string' ? `policy "${name}"` : 'inline policy'}`;
            out.push(...documentAllows(inline.attributes.get('policy'), label));
        }
    }
    for (const owner of (infra?.data ?? []).filter((d) => d.resourceType === 'aws_iam_policy_document')) {
        for (const s of owner.blocks.filter((b) => b.type === 'statement')) {
            const effect = s.attributes.get('effect');
            if (effect && literalOf(effect) !== 'Allow')
                continue; // Allow is the default
            const action = s.attributes.get('actions');
            const resource = s.attributes.get('resources');
            if (!action || !resource)
                continue;
            out.push({ label: `data.${address(owner)}`, actions: strings(action), resources: strings(resource), actionsAt: action.origin, resourcesAt: resource.origin });
        }
    }
    return out;
}
