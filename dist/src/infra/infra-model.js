export const EMPTY_INFRA = { resources: [], dockerfiles: [] };
/**
 * How a message names a resource: `aws_db_instance.main` as Terraform does, or `Database
 * (AWS::RDS::DBInstance)` for a CloudFormation resource (its logical ID and type).
 */
export function address(resource) {
    if (resource.cloudformation)
        return `${resource.cloudformation.logicalId} (${resource.cloudformation.type})`;
    return `${resource.resourceType}.${resource.name}`;
}
/** The resources of one type, in file order. */
export function resourcesOf(model, resourceType) {
    return model.resources.filter((r) => r.resourceType === resourceType);
}
/** The literal behind a value, or undefined when it is not a literal. */
export function literalOf(value) {
    return value?.kind === 'literal' ? value.value : undefined;
}
/** Terraform's loose booleans: `true`, `"true"` (a string is converted where a bool is expected). */
export function tfBool(value) {
    const v = literalOf(value);
    if (v === true || v === 'true')
        return true;
    if (v === false || v === 'false')
        return false;
    return undefined;
}
/** The strings of a list value; undefined when the list or any item is not a literal. */
export function stringList(value) {
    if (value?.kind !== 'list')
        return undefined;
    const out = [];
    for (const item of value.items) {
        if (item.kind !== 'literal' || typeof item.value !== 'string')
            return undefined;
        out.push(item.value);
    }
    return out;
}
/** A number, or a number written as a string (`"5432"`, which Terraform converts). */
export function tfNumber(value) {
    const v = literalOf(value);
    if (typeof v === 'number')
        return v;
    if (typeof v === 'string' && /^\d+$/.test(v))
        return Number(v);
    return undefined;
}
