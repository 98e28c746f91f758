// Security-group ingress that lets the whole internet (0.0.0.0/0, ::/0) reach given ports, in the
// three ways Terraform writes it: `ingress` blocks of aws_security_group, aws_security_group_rule
// with type = "ingress", and aws_vpc_security_group_ingress_rule. Ports or CIDRs decided when
// Terraform runs are not reported.
import type { InfraModel, InfraValue, TfBlock, TfResource } from '../infra/infra-model.js';
import { literalOf, stringList, tfNumber } from '../infra/infra-model.js';
import { address, referencedResource, resourcesOfTypes } from './infra-helpers.js';

const WORLD = new Set(['0.0.0.0/0', '::/0']);

/** One world-open ingress: who writes it, the group it opens (when known), where, and which of the ports. */
export interface OpenIngress {
  /** `aws_security_group.db` or `aws_security_group_rule.app_http`: what the message names. */
  owner: string;
  /** The security group the rule belongs to; undefined when its id is not a reference. */
  group: TfResource | undefined;
  /** Where the world-open CIDR is written. */
  at: InfraValue;
  cidr: string;
  ports: number[];
}

/** The asked-for ports a rule's protocol and port range let through; undefined when not known. */
function portsOpened(ports: readonly number[], protocol: InfraValue | undefined, from: InfraValue | undefined, to: InfraValue | undefined): number[] | undefined {
  const p = literalOf(protocol);
  if (p === undefined || p === null) return undefined;
  const proto = String(p).toLowerCase();
  if (proto === '-1' || proto === 'all') return [...ports];
  if (proto !== 'tcp' && proto !== '6') return [];
  const low = tfNumber(from);
  const high = tfNumber(to);
  if (low === undefined || high === undefined) return undefined;
  return ports.filter((port) => low <= port && port <= high);
}

/** A rule block or resource with cidr_blocks / ipv6_cidr_blocks lists. */
function listRule(block: TfBlock, ports: readonly number[]): Omit<OpenIngress, 'owner' | 'group'>[] {
  const opened = portsOpened(ports, block.attributes.get('protocol'), block.attributes.get('from_port'), block.attributes.get('to_port'));
  if (!opened || opened.length === 0) return [];
  const out: Omit<OpenIngress, 'owner' | 'group'>[] = [];
  for (const name of ['cidr_blocks', 'ipv6_cidr_blocks']) {
    const value = block.attributes.get(name);
    const open = stringList(value)?.find((c) => WORLD.has(c));
    if (value && open) out.push({ at: value, cidr: open, ports: opened });
  }
  return out;
}

/** aws_vpc_security_group_ingress_rule: one CIDR a resource (cidr_ipv4 or cidr_ipv6). */
function vpcRule(block: TfBlock, ports: readonly number[]): Omit<OpenIngress, 'owner' | 'group'>[] {
  const opened = portsOpened(ports, block.attributes.get('ip_protocol'), block.attributes.get('from_port'), block.attributes.get('to_port'));
  if (!opened || opened.length === 0) return [];
  for (const name of ['cidr_ipv4', 'cidr_ipv6']) {
    const value = block.attributes.get(name);
    const cidr = literalOf(value);
    if (value && typeof cidr === 'string' && WORLD.has(cidr)) return [{ at: value, cidr, ports: opened }];
  }
  return [];
}

/** Every ingress that opens one of `ports` to the whole internet. */
export function worldOpenIngress(infra: InfraModel | undefined, ports: readonly number[]): OpenIngress[] {
  const found: OpenIngress[] = [];
  for (const group of resourcesOfTypes(infra, ['aws_security_group'])) {
    for (const block of group.blocks.filter((b) => b.type === 'ingress')) for (const rule of listRule(block, ports)) found.push({ owner: address(group), group, ...rule });
  }
  for (const r of resourcesOfTypes(infra, ['aws_security_group_rule'])) {
    if (literalOf(r.attributes.get('type')) !== 'ingress') continue;
    for (const rule of listRule(r, ports)) found.push({ owner: address(r), group: referencedResource(infra, r.attributes.get('security_group_id')), ...rule });
  }
  for (const r of resourcesOfTypes(infra, ['aws_vpc_security_group_ingress_rule'])) {
    for (const rule of vpcRule(r, ports)) found.push({ owner: address(r), group: referencedResource(infra, r.attributes.get('security_group_id')), ...rule });
  }
  return found;
}
