// Terraform (.tf) to the infrastructure model, read with tree-sitter's HCL grammar (its Terraform
// dialect, web-tree-sitter + the .wasm the grammar package ships). Nothing is run: literals are
// read as written, `var.x` follows a variable's default, `local.x` a local, `TYPE.NAME.attr` stays
// a reference to that resource; everything else (function calls, conditionals, for expressions,
// module outputs, data sources) is unknown. Modules from a registry are not fetched: opaque.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SyntaxNode } from '../model/parse.js';
import { initWebTreeSitter } from '../model/parse.js';
import type { Origin } from '../model/values.js';
import type { InfraValue, TfBlock, TfResource } from './infra-model.js';

export interface HclParser {
  parse(source: string): { rootNode: SyntaxNode };
}

/**
 * The grammar's .wasm: beside the bundle (dist/, copied by scripts/bundle.mjs from
 * vendor/tree-sitter-hcl/), or the vendored file when run from src/infra/ (tests).
 */
function terraformGrammarWasm(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const beside = join(here, 'tree-sitter-terraform.wasm');
  return existsSync(beside) ? beside : join(here, '..', '..', 'vendor', 'tree-sitter-hcl', 'tree-sitter-terraform.wasm');
}

let loading: Promise<HclParser> | undefined;

/** Loads the grammar once per process, and only when a run has .tf files (start-up stays as it was). */
export function getHclParser(): Promise<HclParser> {
  loading ??= (async () => {
    const { Parser, Language } = await initWebTreeSitter();
    const language = await Language.load(terraformGrammarWasm());
    const parser = new Parser();
    parser.setLanguage(language);
    return {
      parse: (source: string) => {
        const tree = parser.parse(source);
        if (!tree) throw new Error('web-tree-sitter returned no tree');
        return tree as unknown as { rootNode: SyntaxNode };
      },
    };
  })();
  return loading;
}

/** One .tf file's top-level blocks, with the file's display path in every origin. */
export interface TfFile {
  file: string;
  blocks: RawBlock[];
}

/** A block before values are resolved: attributes are still syntax nodes. */
interface RawBlock {
  type: string;
  labels: string[];
  attributes: Map<string, SyntaxNode>;
  blocks: RawBlock[];
  origin: Origin;
  file: string;
}

export function readTfFile(parser: HclParser, file: string, source: string): TfFile {
  const root = parser.parse(source).rootNode;
  const body = root.namedChildren.find((n) => n.type === 'body');
  return { file, blocks: body ? rawBlocks(body, file) : [] };
}

function originOf(node: SyntaxNode, file: string): Origin {
  return { file, line: node.startPosition.row + 1, column: node.startPosition.column + 1, endLine: node.endPosition.row + 1, endColumn: node.endPosition.column + 1 };
}

function rawBlocks(body: SyntaxNode, file: string): RawBlock[] {
  const out: RawBlock[] = [];
  for (const node of body.namedChildren) if (node.type === 'block') out.push(rawBlock(node, file));
  return out;
}

function rawBlock(node: SyntaxNode, file: string): RawBlock {
  const children = node.namedChildren;
  const labels: string[] = [];
  for (const child of children.slice(1)) {
    if (child.type === 'string_lit') labels.push(stringLitText(child));
    else if (child.type === 'identifier') labels.push(child.text);
  }
  const attributes = new Map<string, SyntaxNode>();
  const body = children.find((c) => c.type === 'body');
  for (const item of body?.namedChildren ?? []) {
    if (item.type !== 'attribute') continue;
    const [name, expression] = item.namedChildren;
    if (name && expression) attributes.set(name.text, expression);
  }
  return { type: children[0]?.text ?? '', labels, attributes, blocks: body ? rawBlocks(body, file) : [], origin: originOf(node, file), file };
}

/** The text of a `"..."` literal without interpolation, with HCL's escapes undone. */
function stringLitText(node: SyntaxNode): string {
  return node.namedChildren.filter((c) => c.type === 'template_literal').map((c) => unescape(c.text)).join('');
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

function unescape(text: string): string {
  return text.replace(/\\([nrt"\\])/g, (_m, c: string) => ESCAPES[c]);
}

/**
 * Resolves every resource of a set of files: variables' defaults and locals are shared by the
 * files of one folder (a Terraform module), so they are resolved per folder.
 */
export function resolveResources(files: readonly TfFile[], folderOf: (file: string) => string): TfResource[] {
  const byFolder = new Map<string, TfFile[]>();
  for (const f of files) byFolder.set(folderOf(f.file), [...(byFolder.get(folderOf(f.file)) ?? []), f]);
  const resources: TfResource[] = [];
  for (const folder of byFolder.values()) {
    const scope = new ModuleScope(folder);
    for (const f of folder) {
      for (const block of f.blocks) {
        if (block.type !== 'resource' || block.labels.length < 2) continue;
        const resolved = scope.block(block);
        resources.push({ ...resolved, resourceType: block.labels[0], name: block.labels[1], format: 'terraform' });
      }
    }
  }
  return resources;
}

/** Variables' defaults and locals of one Terraform module (a folder), resolved on demand. */
class ModuleScope {
  private readonly variables = new Map<string, { node: SyntaxNode; file: string }>();
  private readonly locals = new Map<string, { node: SyntaxNode; file: string }>();
  private readonly resolving = new Set<string>();

  constructor(files: readonly TfFile[]) {
    for (const f of files) {
      for (const block of f.blocks) {
        const fallback = block.attributes.get('default');
        if (block.type === 'variable' && block.labels[0] && fallback) this.variables.set(block.labels[0], { node: fallback, file: f.file });
        if (block.type === 'locals') for (const [name, node] of block.attributes) this.locals.set(name, { node, file: f.file });
      }
    }
  }

  block(raw: RawBlock): TfBlock {
    const attributes = new Map<string, InfraValue>();
    for (const [name, node] of raw.attributes) attributes.set(name, this.value(node, raw.file));
    return { type: raw.type, labels: raw.labels, attributes, blocks: raw.blocks.map((b) => this.block(b)), origin: raw.origin };
  }

  /** An expression's value; the origin stays where the attribute is written, not the default's. */
  value(node: SyntaxNode, file: string): InfraValue {
    const origin = originOf(node, file);
    const unknown = (reason: string): InfraValue => ({ kind: 'unknown', reason, origin });
    if (node.type === 'expression' && node.namedChildCount !== 1) return this.traversal(node, file, origin) ?? unknown(`${clip(node.text)} is not a literal`);
    const inner = node.type === 'expression' ? node.namedChildren[0] : node;
    switch (inner.type) {
      case 'literal_value':
        return this.literal(inner.namedChildren[0], origin) ?? unknown(`literal ${inner.text}`);
      case 'template_expr': {
        const template = inner.namedChildren[0];
        const parts = template?.namedChildren ?? [];
        if (template?.type === 'quoted_template' && parts.every((p) => p.type !== 'template_interpolation' && p.type !== 'template_directive')) {
          return { kind: 'literal', value: parts.filter((p) => p.type === 'template_literal').map((p) => unescape(p.text)).join(''), origin };
        }
        return unknown('a string with interpolation');
      }
      case 'collection_value':
        return this.collection(inner.namedChildren[0], file, origin) ?? unknown('a collection djsec does not read');
      case 'expression':
        return this.value(inner, file);
      default:
        return unknown(`${clip(node.text)} is not a literal`);
    }
  }

  private literal(node: SyntaxNode | undefined, origin: Origin): InfraValue | undefined {
    if (!node) return undefined;
    if (node.type === 'bool_lit') return { kind: 'literal', value: node.text === 'true', origin };
    if (node.type === 'null_lit') return { kind: 'literal', value: null, origin };
    if (node.type === 'numeric_lit') return Number.isFinite(Number(node.text)) ? { kind: 'literal', value: Number(node.text), origin } : undefined;
    if (node.type === 'string_lit') return { kind: 'literal', value: stringLitText(node), origin };
    return undefined;
  }

  private collection(node: SyntaxNode | undefined, file: string, origin: Origin): InfraValue | undefined {
    if (node?.type === 'tuple') return { kind: 'list', items: node.namedChildren.filter((c) => c.type === 'expression').map((c) => this.value(c, file)), origin };
    if (node?.type === 'object') {
      const entries = new Map<string, InfraValue>();
      for (const elem of node.namedChildren) {
        if (elem.type !== 'object_elem') continue;
        const key = elem.childForFieldName('key');
        const val = elem.childForFieldName('val');
        if (!key || !val) continue;
        const keyValue = this.value(key, file);
        // `{ Name = "x" }` writes the key as a bare identifier; `{ "Name" = "x" }` as a string.
        const name = keyValue.kind === 'literal' ? String(keyValue.value) : key.text;
        entries.set(name, this.value(val, file));
      }
      return { kind: 'object', entries, origin };
    }
    return undefined;
  }

  /** `var.x`, `local.x`, `TYPE.NAME.attr`: an expression of a variable and attribute accesses only. */
  private traversal(node: SyntaxNode, file: string, origin: Origin): InfraValue | undefined {
    const [head, ...rest] = node.namedChildren;
    if (head?.type !== 'variable_expr' || !rest.every((c) => c.type === 'get_attr')) return undefined;
    const path = rest.map((c) => c.namedChildren[0]?.text ?? '');
    const root = head.text;
    if ((root === 'var' || root === 'local') && path.length === 1) {
      const table = root === 'var' ? this.variables : this.locals;
      const key = `${root}.${path[0]}`;
      const target = table.get(path[0]);
      if (!target) return { kind: 'unknown', reason: root === 'var' ? `variable ${path[0]} has no default (set when Terraform runs)` : `local ${path[0]} is not defined`, origin };
      if (this.resolving.has(key)) return { kind: 'unknown', reason: `${key} refers to itself`, origin };
      this.resolving.add(key);
      try {
        return { ...this.value(target.node, target.file), origin };
      } finally {
        this.resolving.delete(key);
      }
    }
    if (root === 'var' || root === 'local' || root === 'module' || root === 'data' || root === 'each' || root === 'count' || root === 'path' || root === 'terraform' || root === 'self') return undefined;
    if (path.length >= 1) return { kind: 'reference', resourceType: root, resourceName: path[0], path: path.slice(1), origin };
    return undefined;
  }
}

function clip(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 60 ? `${one.slice(0, 57)}...` : one;
}
