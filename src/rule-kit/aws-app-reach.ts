// How the Django application is reached on AWS, as Terraform declares it: the security groups of
// its compute (ECS services, EC2 instances, launch templates), the ports it may listen on, and
// whether a load balancer forwards to it. Kept simple and stated in the rules' docs.
import type { InfraModel, InfraValue, TfResource } from '../infra/infra-model.js';
import { literalOf, tfNumber } from '../infra/infra-model.js';
import { listItems, referencedResource, resourcesOfTypes } from './infra-helpers.js';
import type { OpenIngress } from './security-groups.js';
import { worldOpenIngress } from './security-groups.js';

/** Ports a Django application server commonly listens on (gunicorn/runserver 8000, 8080, plain 80). */
export const COMMON_APP_PORTS: readonly number[] = [80, 8000, 8080];

/** Security-group references of the application's compute: ECS services, EC2 instances, launch templates. */
function computeGroupRefs(infra: InfraModel | undefined): InfraValue[] {
  const refs: InfraValue[] = [];
  for (const service of resourcesOfTypes(infra, ['aws_ecs_service'])) {
    for (const net of service.blocks.filter((b) => b.type === 'network_configuration')) refs.push(...(listItems(net.attributes.get('security_groups')) ?? []));
  }
  for (const host of resourcesOfTypes(infra, ['aws_instance', 'aws_launch_template'])) {
    for (const name of ['vpc_security_group_ids', 'security_groups']) refs.push(...(listItems(host.attributes.get(name)) ?? []));
    for (const nic of host.blocks.filter((b) => b.type === 'network_interfaces')) refs.push(...(listItems(nic.attributes.get('security_groups')) ?? []));
  }
  return refs;
}

/** The application's security groups (those of its compute that no load balancer also uses). */
export function appSecurityGroups(infra: InfraModel | undefined): Set<TfResource> {
  const lbGroups = new Set<TfResource>();
  for (const lb of resourcesOfTypes(infra, ['aws_lb', 'aws_alb'])) {
    for (const ref of listItems(lb.attributes.get('security_groups')) ?? []) {
      const group = referencedResource(infra, ref);
      if (group) lbGroups.add(group);
    }
  }
  const out = new Set<TfResource>();
  for (const ref of computeGroupRefs(infra)) {
    const group = referencedResource(infra, ref);
    if (group?.resourceType === 'aws_security_group' && !lbGroups.has(group)) out.add(group);
  }
  return out;
}

/** The ports the application may listen on: the common ones, target groups' and ECS containers' ports. */
export function appPorts(infra: InfraModel | undefined): number[] {
  const ports = new Set(COMMON_APP_PORTS);
  for (const tg of resourcesOfTypes(infra, ['aws_lb_target_group', 'aws_alb_target_group'])) {
    const port = tfNumber(tg.attributes.get('port'));
    if (port !== undefined) ports.add(port);
  }
  for (const task of resourcesOfTypes(infra, ['aws_ecs_task_definition'])) {
    for (const container of listItems(task.attributes.get('container_definitions')) ?? []) {
      if (container.kind !== 'object') continue;
      for (const mapping of listItems(container.entries.get('portMappings')) ?? []) {
        const port = mapping.kind === 'object' ? tfNumber(mapping.entries.get('containerPort')) : undefined;
        if (port !== undefined) ports.add(port);
      }
    }
  }
  return [...ports].sort((a, b) => a - b);
}

/** Load-balancer listeners whose default action forwards to a target group (the app is behind them). */
export function forwardingListeners(infra: InfraModel | undefined): TfResource[] {
  return resourcesOfTypes(infra, ['aws_lb_listener', 'aws_alb_listener']).filter((listener) => {
    const actions = listener.blocks.filter((b) => b.type === 'default_action');
    return literalOf(actions[actions.length - 1]?.attributes.get('type')) === 'forward';
  });
}

/**
 * Whether clients can reach the application without the load balancer, as far as Terraform says:
 * `open` when a security group of its compute opens an application port to the internet; `behind`
 * when a listener forwards to it and its security groups (all known) open no such port; undefined
 * when the infrastructure does not tell (no compute security group, no forwarding listener).
 */
export function appExposure(infra: InfraModel | undefined): { kind: 'open'; ingress: OpenIngress } | { kind: 'behind'; listener: TfResource } | undefined {
  const groups = appSecurityGroups(infra);
  if (groups.size === 0) return undefined;
  const open = worldOpenIngress(infra, appPorts(infra)).find((o) => o.group !== undefined && groups.has(o.group));
  if (open) return { kind: 'open', ingress: open };
  const listener = forwardingListeners(infra)[0];
  return listener ? { kind: 'behind', listener } : undefined;
}
