import { literalOf, stringList, tfNumber } from '../infra/infra-model.js';
import { address, referencedResource, resourcesOfTypes } from './infra-helpers.js';
const WORLD = new Set(['0.0.0.0/0', '::/0']);
/** The asked-for ports a rule's protocol and port range let through; undefined when not known. */
function portsOpened(ports, protocol, from, to) {
    const p = literalOf(protocol);
    if (p === undefined || p === null)
        return undefined;
    const proto = String(p).toLowerCase();
    if (proto === '-1' || proto === 'all')
        return [...ports];
    if (proto !== 'tcp' && proto !== '6')
        return [];
    const low = tfNumber(from);
    const high = tfNumber(to);
    if (low === undefined || high === undefined)
        return undefined;
    return ports.filter((port) => low <= port && port <= high);
}
/** A rule block or resource with cidr_blocks / ipv6_cidr_blocks lists. */
function listRule(block, ports) {
    const opened = portsOpened(ports, block.attributes.get('protocol'), block.attributes.get('from_port'), block.attributes.get('to_port'));
    if (!opened || opened.length === 0)
        return [];
    const out = [];
    for (const name of ['cidr_blocks', 'ipv6_cidr_blocks']) {
        const value = block.attributes.get(name);
        const open = stringList(value)?.find((c) => WORLD.has(c));
        if (value && open)
            out.push({ at: value, cidr: open, ports: opened });
    }
    return out;
}
/** aws_vpc_security_group_ingress_rule: one CIDR a resource (cidr_ipv4 or cidr_ipv6). */
function vpcRule(block, ports) {
    const opened = portsOpened(ports, block.attributes.get('ip_protocol'), block.attributes.get('from_port'), block.attributes.get('to_port'));
    if (!opened || opened.length === 0)
        return [];
    for (const name of ['cidr_ipv4', 'cidr_ipv6']) {
        const value = block.attributes.get(name);
        const cidr = literalOf(value);
        if (value && typeof cidr === 'string' && WORLD.has(cidr))
            return [{ at: value, cidr, ports: opened }];
    }
    return [];
}
/** Every ingress that opens one of `ports` to the whole internet. */
export function worldOpenIngress(infra, ports) {
    const found = [];
    for (const group of resourcesOfTypes(infra, ['aws_security_group'])) {
        for (const block of group.blocks.filter((b) => b.type === 'ingress'))
            for (const rule of listRule(block, ports))
                found.push({ owner: address(group), group, ...rule });
    }
    for (const r of resourcesOfTypes(infra, ['aws_security_group_rule'])) {
        if (literalOf(r.attributes.get('type')) !== 'ingress')
            continue;
        for (const rule of listRule(r, ports))
            found.push({ owner: address(r), group: referencedResource(infra, r.attributes.get('security_group_id')), ...rule });
    }
    for (const r of resourcesOfTypes(infra, ['aws_vpc_security_group_ingress_rule'])) {
        for (const rule of vpcRule(r, ports))
            found.push({ owner: address(r), group: referencedResource(infra, r.attributes.get('security_group_id')), ...rule });
    }
    return found;
}
