import { literalOf, tfBool } from '../infra/infra-model.js';
import { referencedResource, refersTo, resourcesOfTypes } from './infra-helpers.js';
/**
 * ALBs that face the internet: `internal` not true and `load_balancer_type` "application" or not
 * written. One whose either attribute is decided when Terraform runs is left out.
 */
export function internetFacingAlbs(infra) {
    return resourcesOfTypes(infra, ['aws_lb', 'aws_alb']).filter((lb) => {
        const internal = lb.attributes.get('internal');
        const type = lb.attributes.get('load_balancer_type');
        const isInternal = internal ? tfBool(internal) : false;
        const kind = type ? literalOf(type) : 'application';
        return isInternal === false && kind === 'application';
    });
}
export function albProtection(infra, alb) {
    const out = { acls: [], unknownAssociation: false };
    for (const association of resourcesOfTypes(infra, ['aws_wafv2_web_acl_association'])) {
        const target = association.attributes.get('resource_arn');
        if (target?.kind !== 'reference')
            out.unknownAssociation = true;
        else if (refersTo(target, alb))
            out.acls.push({ association, acl: referencedResource(infra, association.attributes.get('web_acl_arn')) });
    }
    return out;
}
/**
 * The `rule` blocks of a web ACL; undefined when some are generated (`dynamic "rule"`), come from
 * rule groups, or are not a literal list (a template's `Rules: !If [...]`, kept as an attribute).
 */
export function knownRules(acl) {
    if (acl.blocks.some((b) => b.type === 'dynamic') || acl.attributes.has('rule'))
        return undefined;
    const rules = acl.blocks.filter((b) => b.type === 'rule');
    if (rules.some((r) => statementsOf(r).some((s) => s.type === 'rule_group_reference_statement')))
        return undefined;
    return rules;
}
/** Every statement block under a block (nested and/or/not and scope-down statements), but not under `skip`. */
function statementsOf(block, skip) {
    const out = [];
    for (const child of block.blocks) {
        if (child.type === skip)
            continue;
        if (child.type.endsWith('_statement'))
            out.push(child);
        out.push(...statementsOf(child, skip));
    }
    return out;
}
/** Whether a rule runs the AWS managed core rule set (AWSManagedRulesCommonRuleSet). */
export function runsCoreRuleSet(rule) {
    let unknown = false;
    for (const s of statementsOf(rule).filter((b) => b.type === 'managed_rule_group_statement')) {
        const name = literalOf(s.attributes.get('name'));
        const vendor = literalOf(s.attributes.get('vendor_name'));
        if (typeof name !== 'string' || typeof vendor !== 'string')
            unknown = true;
        else if (name === 'AWSManagedRulesCommonRuleSet' && vendor === 'AWS')
            return true;
    }
    return unknown ? undefined : false;
}
/**
 * Whether a rate-based rule limits requests to a login path: its scope-down statement has a
 * byte match on the URI path that the path satisfies. `loginPath` undefined (the admin URL is not
 * known) accepts any URI-path scope-down. Undefined when a part is not known.
 */
export function rateLimitsPath(rule, loginPath) {
    const rate = statementsOf(rule).find((s) => s.type === 'rate_based_statement');
    if (!rate)
        return false;
    const scope = rate.blocks.find((b) => b.type === 'scope_down_statement');
    if (!scope)
        return false; // a limit on all requests is sized for pages, not password guesses
    let unknown = false;
    // A match under a not_statement excludes the path: only the positive matches count.
    for (const s of statementsOf(scope, 'not_statement')) {
        if (s.type === 'regex_match_statement' || s.type === 'regex_pattern_set_reference_statement')
            unknown = true;
        if (s.type !== 'byte_match_statement' || !uriPath(s))
            continue;
        const search = literalOf(s.attributes.get('search_string'));
        const position = literalOf(s.attributes.get('positional_constraint'));
        if (typeof search !== 'string' || typeof position !== 'string') {
            unknown = true;
            continue;
        }
        if (loginPath === undefined || matches(loginPath, search, position))
            return true;
    }
    return unknown ? undefined : false;
}
function uriPath(statement) {
    return statement.blocks.some((b) => b.type === 'field_to_match' && b.blocks.some((f) => f.type === 'uri_path'));
}
/** AWS WAF's positional constraints, case-sensitive as WAF compares after a NONE transformation. */
function matches(path, search, position) {
    const variants = [path, path.replace(/\/$/, '')];
    switch (position) {
        case 'EXACTLY':
            return variants.includes(search);
        case 'STARTS_WITH':
            return path.startsWith(search);
        case 'ENDS_WITH':
            return variants.some((v) => v.endsWith(search));
        case 'CONTAINS':
        case 'CONTAINS_WORD':
            return path.includes(search);
        default:
            return false;
    }
}
/** Each web ACL associated with an internet-facing ALB, once, with the first such ALB. */
export function albWebAcls(infra) {
    const seen = new Set();
    const out = [];
    for (const alb of internetFacingAlbs(infra)) {
        for (const { acl } of albProtection(infra, alb).acls) {
            if (acl && !seen.has(acl)) {
                seen.add(acl);
                out.push({ alb, acl });
            }
        }
    }
    return out;
}
/** A web ACL in front of an internet-facing ALB with a rate-based rule on the login path, if any. */
export function adminLoginRateLimit(infra, loginPath) {
    for (const { acl } of albWebAcls(infra)) {
        // A rule written out counts even when others are generated or come from rule groups.
        const rule = acl.blocks.find((r) => r.type === 'rule' && rateLimitsPath(r, loginPath) === true);
        if (rule)
            return { acl, rule };
    }
    return undefined;
}
