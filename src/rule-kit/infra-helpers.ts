// What the infrastructure rules share: resource addresses, where to point, Dockerfile arguments.
import type { DockerInstruction, InfraModel, TfResource } from '../infra/infra-model.js';
import type { Origin } from '../model/values.js';

/** `aws_db_instance.main`: how Terraform names a resource (and how a message names it). */
export function address(resource: TfResource): string {
  return `${resource.resourceType}.${resource.name}`;
}

/** The resources of any of these types, in file order. */
export function resourcesOfTypes(infra: InfraModel | undefined, types: readonly string[]): TfResource[] {
  return (infra?.resources ?? []).filter((r) => types.includes(r.resourceType));
}

/** Where a block's first line is: a finding about an attribute that is missing points here. */
export function blockHead(origin: Origin): Origin {
  return { ...origin, endLine: origin.line, endColumn: origin.column + 1 };
}

/**
 * The source paths of a COPY/ADD: flags (`--chown=`, `--from=`) dropped, the JSON form read, the
 * destination (the last argument) left out. `from` is the stage or image a `--from=` names.
 */
export function copySources(instruction: DockerInstruction): { sources: string[]; from?: string } {
  const words: string[] = [];
  let from: string | undefined;
  let rest = instruction.args;
  for (;;) {
    const flag = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest);
    if (!flag) break;
    if (flag[1] === 'from') from = flag[2];
    rest = rest.slice(flag[0].length);
  }
  if (rest.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(rest);
      if (Array.isArray(parsed)) words.push(...parsed.filter((w): w is string => typeof w === 'string'));
    } catch {
      return { sources: [], from };
    }
  } else {
    words.push(...rest.split(/\s+/).filter(Boolean));
  }
  return { sources: words.slice(0, -1), from };
}
