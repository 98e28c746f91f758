// CloudFormation and SAM templates (YAML or JSON: YAML is a superset) to the infrastructure model,
// read with the yaml package, loaded only when a run has a template. The short forms (`!Ref`,
// `!GetAtt`, `!Sub` ...) are tags of their own so they parse without warnings; every value keeps
// its line and column. Nothing is deployed or evaluated: `Ref` follows a parameter's Default or
// names a resource, `GetAtt` names a resource's attribute, a `Sub` without `${}` is its text;
// every other intrinsic, a parameter without a Default, a pseudo parameter, a dynamic reference
// (`{{resolve:...}}`) or a YAML alias is unknown. Resources are then translated into Terraform's
// shape (cloudformation-resources.ts).
import type * as Yaml from 'yaml';
import type { CollectionTag, Document, LineCounter, Node as YamlNode, ParsedNode, Scalar, ScalarTag, YAMLMap, YAMLSeq } from 'yaml';
import type { Origin } from '../model/values.js';
import { snakeCase, terraformTypeOf, translateResource } from './cloudformation-resources.js';
import type { InfraValue, TfResource } from './infra-model.js';

type YamlModule = typeof Yaml;

let loading: Promise<YamlModule> | undefined;

/** The yaml package, imported once per process and only when a run has a template (start-up stays as it was). */
export function loadYaml(): Promise<YamlModule> {
  loading ??= import('yaml');
  return loading;
}

const SHORT_FORMS = ['Ref', 'GetAtt', 'Sub', 'Join', 'If', 'Select', 'FindInMap', 'Base64', 'ImportValue', 'Equals', 'Not', 'And', 'Or', 'Split', 'GetAZs', 'Cidr', 'Condition', 'Transform', 'ToJsonString', 'Length'];

/** Each short form as a scalar, sequence and mapping tag that keeps its node (read in valueOf). */
function shortFormTags(): (ScalarTag | CollectionTag)[] {
  return SHORT_FORMS.flatMap((name): (ScalarTag | CollectionTag)[] => [
    { tag: `!${name}`, resolve: (value: string) => value },
    { tag: `!${name}`, collection: 'seq', resolve: (value: YAMLMap.Parsed | YAMLSeq.Parsed) => value },
    { tag: `!${name}`, collection: 'map', resolve: (value: YAMLMap.Parsed | YAMLSeq.Parsed) => value },
  ]);
}

export type TemplateRead = { ok: true; resources: TfResource[] } | { ok: false; reason: string };

// Deeper than any real template; a hostile one stops here (unknown), not at the stack's end.
const MAX_DEPTH = 64;

/** Reads one template. Never throws: what cannot be read is a reason for a skip note. */
export function readTemplate(yaml: YamlModule, file: string, source: string): TemplateRead {
  const lineCounter = new yaml.LineCounter();
  let doc: Document.Parsed;
  try {
    // The AST is read, never converted with toJS(): an alias is not expanded (its maxAliasCount
    // would apply there), it reads as unknown, as CloudFormation refuses aliases.
    doc = yaml.parseDocument(source, { customTags: shortFormTags(), lineCounter, prettyErrors: true });
  } catch (e) {
    return { ok: false, reason: `not a readable CloudFormation template: ${firstLine(e instanceof Error ? e.message : String(e))}` };
  }
  if (doc.errors.length > 0) return { ok: false, reason: `not a readable CloudFormation template: ${firstLine(doc.errors[0].message)}` };
  const root = doc.contents;
  if (!yaml.isMap(root)) return { ok: false, reason: 'not a CloudFormation template: its top level is not a mapping' };
  return { ok: true, resources: new TemplateReader(yaml, file, lineCounter, root).resources() };
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim().replace(/:$/, '');
}

interface Parameter {
  name: string;
  type: string | undefined;
  fallback: YamlNode | undefined;
}

class TemplateReader {
  private readonly parameters = new Map<string, Parameter>();
  /** Logical ID → the Terraform type it is read as (or its CloudFormation type when not mapped). */
  private readonly resourceTypes = new Map<string, string>();
  private readonly resourceNodes: { key: YamlNode; value: YamlNode | null }[] = [];

  constructor(
    private readonly yaml: YamlModule,
    private readonly file: string,
    private readonly lines: LineCounter,
    root: YAMLMap,
  ) {
    const section = (name: string) => {
      const value = root.get(name, true);
      return this.yaml.isMap(value) ? value : undefined;
    };
    for (const pair of section('Parameters')?.items ?? []) {
      const name = this.keyName(pair.key);
      if (name === undefined || !this.yaml.isMap(pair.value)) continue;
      const type = pair.value.get('Type', true);
      this.parameters.set(name, { name, type: this.yaml.isScalar(type) && typeof type.value === 'string' ? type.value : undefined, fallback: pair.value.get('Default', true) as YamlNode | undefined });
    }
    for (const pair of section('Resources')?.items ?? []) {
      const name = this.keyName(pair.key);
      if (name === undefined || !this.yaml.isMap(pair.value)) continue;
      const type = this.plainString(pair.value.get('Type', true));
      if (type === undefined) continue;
      const properties = pair.value.get('Properties', true);
      const has = (p: string) => this.yaml.isMap(properties) && properties.has(p);
      this.resourceTypes.set(name, terraformTypeOf(type, has) ?? type);
      this.resourceNodes.push({ key: pair.key as YamlNode, value: pair.value });
    }
  }

  resources(): TfResource[] {
    const out: TfResource[] = [];
    for (const { key, value } of this.resourceNodes) {
      const map = value as YAMLMap;
      const typeNode = map.get('Type', true) as YamlNode;
      const propertiesNode = map.get('Properties', true) as YamlNode | undefined;
      const keyOrigin = this.originOf(key);
      const end = this.originOf(value!);
      const translated = translateResource({
        logicalId: this.keyName(key)!,
        type: this.plainString(typeNode)!,
        properties: propertiesNode === undefined || propertiesNode === null ? undefined : this.valueOf(propertiesNode, 0),
        origin: { ...keyOrigin, endLine: end.endLine, endColumn: end.endColumn },
        typeOrigin: this.originOf(typeNode),
      });
      if (translated) out.push(translated);
    }
    return out;
  }

  /** A mapping key as a name: plain scalars only (a complex key names nothing). */
  private keyName(key: unknown): string | undefined {
    if (!this.yaml.isScalar(key) || key.tag?.startsWith('!')) return undefined;
    const value = key.value;
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
  }

  private plainString(node: unknown): string | undefined {
    return this.yaml.isScalar(node) && !node.tag?.startsWith('!') && typeof node.value === 'string' ? node.value : undefined;
  }

  private originOf(node: YamlNode): Origin {
    const [start, end] = (node as ParsedNode).range ?? [0, 0];
    const a = this.lines.linePos(start);
    const b = this.lines.linePos(end);
    return { file: this.file, line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  }

  /** A node's value, intrinsics resolved as far as they can be without deploying. */
  private valueOf(node: YamlNode, depth: number): InfraValue {
    const origin = this.originOf(node);
    const unknown = (reason: string): InfraValue => ({ kind: 'unknown', reason, origin });
    if (depth > MAX_DEPTH) return unknown('nested deeper than djsec reads');
    if (this.yaml.isAlias(node)) return unknown('a YAML alias (CloudFormation does not accept anchors and aliases)');
    const tag = node.tag;
    if (tag?.startsWith('!')) {
      const name = tag.slice(1);
      return SHORT_FORMS.includes(name) ? this.intrinsic(name, node, origin) : unknown(`the tag ${tag} is not CloudFormation's`);
    }
    if (this.yaml.isScalar(node)) return this.scalar(node, origin);
    if (this.yaml.isSeq(node)) return { kind: 'list', items: node.items.map((i) => this.valueOf(i as YamlNode, depth + 1)), origin };
    if (this.yaml.isMap(node)) {
      // The long form of an intrinsic: a one-key mapping `Ref` or `Fn::Name`.
      if (node.items.length === 1) {
        const only = this.keyName(node.items[0].key);
        if (only === 'Ref' || only?.startsWith('Fn::')) {
          const name = only === 'Ref' ? 'Ref' : only.slice(4);
          const argument = node.items[0].value as YamlNode | null;
          return argument ? this.intrinsic(name, argument, origin) : unknown(`${only} without an argument`);
        }
      }
      const entries = new Map<string, InfraValue>();
      for (const pair of node.items) {
        const key = this.keyName(pair.key);
        if (key === undefined) continue;
        entries.set(key, pair.value === null ? { kind: 'literal', value: null, origin: this.originOf(pair.key as YamlNode) } : this.valueOf(pair.value as YamlNode, depth + 1));
      }
      return { kind: 'object', entries, origin };
    }
    return unknown('not a value djsec reads');
  }

  private scalar(node: Scalar, origin: Origin): InfraValue {
    const value = node.value;
    if (typeof value === 'string') {
      if (value.includes('{{resolve:')) return { kind: 'unknown', reason: 'a dynamic reference, resolved when the stack deploys', origin };
      return { kind: 'literal', value, origin };
    }
    if (typeof value === 'boolean' || value === null) return { kind: 'literal', value, origin };
    if (typeof value === 'number' && Number.isFinite(value)) return { kind: 'literal', value, origin };
    return { kind: 'unknown', reason: 'not a literal djsec reads', origin };
  }

  /** `!Ref`, `!GetAtt`, a literal `!Sub`; anything else is worked out when the stack deploys. */
  private intrinsic(name: string, argument: YamlNode, origin: Origin): InfraValue {
    const unknown = (reason: string): InfraValue => ({ kind: 'unknown', reason, origin });
    // The short form's node is its own argument (`!Ref X`); the long form's is untagged (`Ref: X`).
    const text = this.yaml.isScalar(argument) && (argument.tag === undefined || argument.tag === `!${name}`) && typeof argument.value === 'string' ? argument.value : undefined;
    if (name === 'Ref') {
      const target = text;
      return target === undefined ? unknown('a Ref to something that is not a name') : this.ref(target, origin);
    }
    if (name === 'GetAtt') {
      let parts: string[] | undefined;
      if (text !== undefined) {
        const [id, ...rest] = text.split('.');
        parts = [id, rest.join('.')];
      } else if (this.yaml.isSeq(argument) && argument.items.length === 2) {
        const [id, attr] = argument.items.map((i) => this.plainString(i));
        if (id !== undefined && attr !== undefined) parts = [id, attr];
      }
      if (!parts || !parts[1]) return unknown('a GetAtt djsec cannot read');
      const type = this.resourceTypes.get(parts[0]);
      if (type === undefined) return unknown(`GetAtt of ${parts[0]}, which is not a resource of this template`);
      return { kind: 'reference', resourceType: type, resourceName: parts[0], path: parts[1].split('.').map(snakeCase), origin };
    }
    if (name === 'Sub') {
      const first = this.yaml.isSeq(argument) ? argument.items[0] : undefined;
      const template = text ?? (this.yaml.isScalar(first) && first.tag === undefined && typeof first.value === 'string' ? first.value : undefined);
      if (template === undefined) return unknown('a Sub djsec cannot read');
      // `${!Name}` is the literal text `${Name}`; any other `${...}` is filled in when the stack deploys.
      if (/\$\{(?!!)/.test(template)) return unknown('a Sub with ${} placeholders, filled in when the stack deploys');
      return this.scalar({ value: template.replace(/\$\{!/g, '${') } as Scalar, origin);
    }
    return unknown(`Fn::${name} is worked out when the stack deploys`);
  }

  private ref(target: string, origin: Origin): InfraValue {
    const unknown = (reason: string): InfraValue => ({ kind: 'unknown', reason, origin });
    if (target.startsWith('AWS::')) return unknown(`the pseudo parameter ${target} is known when the stack deploys`);
    const parameter = this.parameters.get(target);
    if (parameter) return this.parameterValue(parameter, origin);
    const type = this.resourceTypes.get(target);
    if (type !== undefined) return { kind: 'reference', resourceType: type, resourceName: target, path: [], origin };
    return unknown(`${target} is neither a parameter nor a resource of this template`);
  }

  /** A parameter's Default, at the place that refers to it; list types split on commas. */
  private parameterValue(parameter: Parameter, origin: Origin): InfraValue {
    const unknown = (reason: string): InfraValue => ({ kind: 'unknown', reason, origin });
    if (parameter.type?.startsWith('AWS::SSM::Parameter::Value')) return unknown(`parameter ${parameter.name} is read from SSM when the stack deploys`);
    if (parameter.fallback === undefined || parameter.fallback === null) return unknown(`parameter ${parameter.name} has no Default (set when the stack deploys)`);
    // A Default is a literal: no intrinsics are resolved inside it (and so no cycle can form).
    const value = this.yaml.isScalar(parameter.fallback) && !parameter.fallback.tag?.startsWith('!') ? this.scalar(parameter.fallback, origin) : undefined;
    if (!value) return unknown(`parameter ${parameter.name} has a Default djsec does not read`);
    const isList = parameter.type === 'CommaDelimitedList' || parameter.type?.startsWith('List<');
    if (isList && value.kind === 'literal' && typeof value.value === 'string') {
      return { kind: 'list', items: value.value.split(',').map((item) => ({ kind: 'literal', value: item.trim(), origin })), origin };
    }
    return value;
  }
}
