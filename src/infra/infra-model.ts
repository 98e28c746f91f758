// The infrastructure model: what the Terraform, CloudFormation templates and Dockerfiles of a
// repository declare, as plain data with positions. CloudFormation resources are translated into
// Terraform's shape (src/infra/cloudformation-resources.ts), so one rule reads both. Rules read it
// (ctx.infra); they never see a syntax tree or source text.
import type { Origin } from '../model/values.js';

/**
 * A Terraform expression's value as far as djsec can tell without running Terraform: a literal
 * (after following `var.x` to a variable's default and `local.x` to a local), a reference to
 * another resource's attribute, a list or an object, or unknown (function calls, conditionals,
 * variables without defaults, module outputs). Unknown stays unknown: rules never guess.
 */
export type InfraValue =
  | { kind: 'literal'; value: string | number | boolean | null; origin: Origin }
  | { kind: 'list'; items: InfraValue[]; origin: Origin }
  | { kind: 'object'; entries: Map<string, InfraValue>; origin: Origin }
  /** `aws_lb.main.arn`: the resource type, its name and the attribute path. */
  | { kind: 'reference'; resourceType: string; resourceName: string; path: string[]; origin: Origin }
  | { kind: 'unknown'; reason: string; origin: Origin };

/** A Terraform block (resource, nested block such as `ingress` or `default_action`). */
export interface TfBlock {
  /** `resource`, `ingress`, `default_action` ... */
  type: string;
  labels: string[];
  attributes: Map<string, InfraValue>;
  blocks: TfBlock[];
  origin: Origin;
  /** CloudFormation: each attribute's property name as the template writes it (`PubliclyAccessible`). */
  written?: ReadonlyMap<string, string>;
}

/** A `resource "TYPE" "NAME" { ... }` block. */
export interface TfResource extends TfBlock {
  /** The Terraform type (`aws_db_instance`), also for a translated CloudFormation resource. */
  resourceType: string;
  /** The Terraform name, or the CloudFormation logical ID. */
  name: string;
  /** Where it is declared; absent means Terraform. */
  format?: 'terraform' | 'cloudformation';
  /** A CloudFormation resource's logical ID and type as the template writes them. */
  cloudformation?: { logicalId: string; type: string };
}

export interface DockerInstruction {
  /** Upper-cased: FROM, ENV, ARG, COPY, ADD, RUN ... */
  instruction: string;
  /** The arguments after the instruction, continuation lines joined with a space. */
  args: string;
  origin: Origin;
  /** The 0-based index of the build stage (each FROM starts one) this instruction belongs to. */
  stage: number;
}

export interface Dockerfile {
  file: string;
  instructions: DockerInstruction[];
  /** How many FROM instructions the file has (the last stage is the image that ships). */
  stages: number;
  /** Its name says development or test (Dockerfile.dev, local.Dockerfile): not the production image. */
  development: boolean;
}

export interface InfraModel {
  resources: TfResource[];
  /** Terraform data sources (`data "aws_iam_policy_document" "x"`), read like resources; absent when none. */
  data?: TfResource[];
  dockerfiles: Dockerfile[];
}

export const EMPTY_INFRA: InfraModel = { resources: [], dockerfiles: [] };

/**
 * How a message names a resource: `aws_db_instance.main` as Terraform does, or `Database
 * (AWS::RDS::DBInstance)` for a CloudFormation resource (its logical ID and type).
 */
export function address(resource: TfResource): string {
  if (resource.cloudformation) return `${resource.cloudformation.logicalId} (${resource.cloudformation.type})`;
  return `${resource.resourceType}.${resource.name}`;
}

/** The resources of one type, in file order. */
export function resourcesOf(model: InfraModel, resourceType: string): TfResource[] {
  return model.resources.filter((r) => r.resourceType === resourceType);
}

/** The literal behind a value, or undefined when it is not a literal. */
export function literalOf(value: InfraValue | undefined): string | number | boolean | null | undefined {
  return value?.kind === 'literal' ? value.value : undefined;
}

/** Terraform's loose booleans: `true`, `"true"` (a string is converted where a bool is expected). */
export function tfBool(value: InfraValue | undefined): boolean | undefined {
  const v = literalOf(value);
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  return undefined;
}

/** The strings of a list value; undefined when the list or any item is not a literal. */
export function stringList(value: InfraValue | undefined): string[] | undefined {
  if (value?.kind !== 'list') return undefined;
  const out: string[] = [];
  for (const item of value.items) {
    if (item.kind !== 'literal' || typeof item.value !== 'string') return undefined;
    out.push(item.value);
  }
  return out;
}

/** A number, or a number written as a string (`"5432"`, which Terraform converts). */
export function tfNumber(value: InfraValue | undefined): number | undefined {
  const v = literalOf(value);
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return undefined;
}
