// Terraform (.tf) to the infrastructure model, read with tree-sitter's HCL grammar (its Terraform
// dialect, web-tree-sitter + the .wasm the grammar package ships). Nothing is run: literals are
// read as written, `var.x` follows a variable's default, `local.x` a local, `TYPE.NAME.attr` stays
// a reference to that resource, `jsonencode(x)` is x, and a JSON document written as a string or
// heredoc (IAM policies, ECS container definitions) is read as the object it spells; everything
// else (other function calls, conditionals, for expressions, module outputs, references to data
// sources) is unknown. Data sources' own blocks are read like resources (aws_iam_policy_document).
// Modules from a registry are not fetched: opaque.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initWebTreeSitter } from '../model/parse.js';
/**
 * The grammar's .wasm: beside the bundle (dist/, copied by scripts/bundle.mjs from
 * vendor/tree-sitter-hcl/), or the vendored file when run from src/infra/ (tests).
 */
function terraformGrammarWasm() {
    const here = dirname(fileURLToPath(import.meta.url));
    const beside = join(here, 'tree-sitter-terraform.wasm');
    return existsSync(beside) ? beside : join(here, '..', '..', 'vendor', 'tree-sitter-hcl', 'tree-sitter-terraform.wasm');
}
let loading;
/** Loads the grammar once per process, and only when a run has .tf files (start-up stays as it was). */
export function getHclParser() {
    loading ??= (async () => {
        const { Parser, Language } = await initWebTreeSitter();
        const language = await Language.load(terraformGrammarWasm());
        const parser = new Parser();
        parser.setLanguage(language);
        return {
            parse: (source) => {
                const tree = parser.parse(source);
                if (!tree)
                    throw new Error('web-tree-sitter returned no tree');
                return tree;
            },
        };
    })();
    return loading;
}
export function readTfFile(parser, file, source) {
    const root = parser.parse(source).rootNode;
    const body = root.namedChildren.find((n) => n.type === 'body');
    return { file, blocks: body ? rawBlocks(body, file) : [] };
}
function originOf(node, file) {
    return { file, line: node.startPosition.row + 1, column: node.startPosition.column + 1, endLine: node.endPosition.row + 1, endColumn: node.endPosition.column + 1 };
}
function rawBlocks(body, file) {
    const out = [];
    for (const node of body.namedChildren)
        if (node.type === 'block')
            out.push(rawBlock(node, file));
    return out;
}
function rawBlock(node, file) {
    const children = node.namedChildren;
    const labels = [];
    for (const child of children.slice(1)) {
        if (child.type === 'string_lit')
            labels.push(stringLitText(child));
        else if (child.type === 'identifier')
            labels.push(child.text);
    }
    const attributes = new Map();
    const body = children.find((c) => c.type === 'body');
    for (const item of body?.namedChildren ?? []) {
        if (item.type !== 'attribute')
            continue;
        const [name, expression] = item.namedChildren;
        if (name && expression)
            attributes.set(name.text, expression);
    }
    return { type: children[0]?.text ?? '', labels, attributes, blocks: body ? rawBlocks(body, file) : [], origin: originOf(node, file), file };
}
/** The text of a `"..."` literal without interpolation, with HCL's escapes undone. */
function stringLitText(node) {
    return node.namedChildren.filter((c) => c.type === 'template_literal').map((c) => unescape(c.text)).join('');
}
const ESCAPES = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
function unescape(text) {
    return text.replace(/\\([nrt"\\])/g, (_m, c) => ESCAPES[c]);
}
/**
 * Resolves every resource and data source of a set of files: variables' defaults and locals are shared by the
 * files of one folder (a Terraform module), so they are resolved per folder.
 */
export function resolveResources(files, folderOf) {
    const byFolder = new Map();
    for (const f of files)
        byFolder.set(folderOf(f.file), [...(byFolder.get(folderOf(f.file)) ?? []), f]);
    const out = { resources: [], data: [] };
    for (const folder of byFolder.values()) {
        const scope = new ModuleScope(folder);
        for (const f of folder) {
            for (const block of f.blocks) {
                if ((block.type !== 'resource' && block.type !== 'data') || block.labels.length < 2)
                    continue;
                const resolved = scope.block(block);
                (block.type === 'resource' ? out.resources : out.data).push({ ...resolved, resourceType: block.labels[0], name: block.labels[1] });
            }
        }
    }
    return out;
}
/** Variables' defaults and locals of one Terraform module (a folder), resolved on demand. */
class ModuleScope {
    variables = new Map();
    locals = new Map();
    resolving = new Set();
    constructor(files) {
        for (const f of files) {
            for (const block of f.blocks) {
                const fallback = block.attributes.get('default');
                if (block.type === 'variable' && block.labels[0] && fallback)
                    this.variables.set(block.labels[0], { node: fallback, file: f.file });
                if (block.type === 'locals')
                    for (const [name, node] of block.attributes)
                        this.locals.set(name, { node, file: f.file });
            }
        }
    }
    block(raw) {
        const attributes = new Map();
        for (const [name, node] of raw.attributes) {
            const value = this.value(node, raw.file);
            attributes.set(name, JSON_DOCUMENTS.has(name) ? jsonDocument(value) : value);
        }
        return { type: raw.type, labels: raw.labels, attributes, blocks: raw.blocks.map((b) => this.block(b)), origin: raw.origin };
    }
    /** An expression's value; the origin stays where the attribute is written, not the default's. */
    value(node, file) {
        const origin = originOf(node, file);
        const unknown = (reason) => ({ kind: 'unknown', reason, origin });
        if (node.type === 'expression' && node.namedChildCount !== 1)
            return this.traversal(node, file, origin) ?? unknown(`${clip(node.text)} is not a literal`);
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
                if (template?.type === 'heredoc_template')
                    return this.heredoc(template, origin) ?? unknown('a heredoc with interpolation');
                return unknown('a string with interpolation');
            }
            case 'function_call':
                // jsonencode(x) is x's value serialised: rules read the document itself (IAM policies).
                if (inner.namedChildren[0]?.text === 'jsonencode') {
                    const args = inner.namedChildren.find((c) => c.type === 'function_arguments')?.namedChildren.filter((c) => c.type === 'expression') ?? [];
                    if (args.length === 1)
                        return { ...this.value(args[0], file), origin };
                }
                return unknown(`${clip(node.text)} is not a literal`);
            case 'collection_value':
                return this.collection(inner.namedChildren[0], file, origin) ?? unknown('a collection djsec does not read');
            case 'expression':
                return this.value(inner, file);
            default:
                return unknown(`${clip(node.text)} is not a literal`);
        }
    }
    /** A heredoc without interpolation: its lines, `<<-` indentation removed (as Terraform does). */
    heredoc(template, origin) {
        const parts = template.namedChildren;
        if (parts.some((p) => p.type === 'template_interpolation' || p.type === 'template_directive'))
            return undefined;
        const marks = parts.filter((p) => p.type === 'heredoc_identifier');
        if (marks.length < 2)
            return undefined;
        const base = template.startIndex;
        const raw = template.text.slice(marks[0].endIndex - base, marks[marks.length - 1].startIndex - base);
        // From the line after the opening marker to the end of the line before the closing one.
        const body = raw.slice(raw.indexOf('\n') + 1, raw.lastIndexOf('\n') + 1);
        const strip = parts.some((p) => p.type === 'heredoc_start' && p.text === '<<-');
        return { kind: 'literal', value: strip ? dedent(body) : body, origin };
    }
    literal(node, origin) {
        if (!node)
            return undefined;
        if (node.type === 'bool_lit')
            return { kind: 'literal', value: node.text === 'true', origin };
        if (node.type === 'null_lit')
            return { kind: 'literal', value: null, origin };
        if (node.type === 'numeric_lit')
            return Number.isFinite(Number(node.text)) ? { kind: 'literal', value: Number(node.text), origin } : undefined;
        if (node.type === 'string_lit')
            return { kind: 'literal', value: stringLitText(node), origin };
        return undefined;
    }
    collection(node, file, origin) {
        if (node?.type === 'tuple')
            return { kind: 'list', items: node.namedChildren.filter((c) => c.type === 'expression').map((c) => this.value(c, file)), origin };
        if (node?.type === 'object') {
            const entries = new Map();
            for (const elem of node.namedChildren) {
                if (elem.type !== 'object_elem')
                    continue;
                const key = elem.childForFieldName('key');
                const val = elem.childForFieldName('val');
                if (!key || !val)
                    continue;
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
    traversal(node, file, origin) {
        const [head, ...rest] = node.namedChildren;
        if (head?.type !== 'variable_expr' || !rest.every((c) => c.type === 'get_attr'))
            return undefined;
        const path = rest.map((c) => c.namedChildren[0]?.text ?? '');
        const root = head.text;
        if ((root === 'var' || root === 'local') && path.length === 1) {
            const table = root === 'var' ? this.variables : this.locals;
            const key = `${root}.${path[0]}`;
            const target = table.get(path[0]);
            if (!target)
                return { kind: 'unknown', reason: root === 'var' ? `variable ${path[0]} has no default (set when Terraform runs)` : `local ${path[0]} is not defined`, origin };
            if (this.resolving.has(key))
                return { kind: 'unknown', reason: `${key} refers to itself`, origin };
            this.resolving.add(key);
            try {
                return { ...this.value(target.node, target.file), origin };
            }
            finally {
                this.resolving.delete(key);
            }
        }
        if (root === 'var' || root === 'local' || root === 'module' || root === 'data' || root === 'each' || root === 'count' || root === 'path' || root === 'terraform' || root === 'self')
            return undefined;
        if (path.length >= 1)
            return { kind: 'reference', resourceType: root, resourceName: path[0], path: path.slice(1), origin };
        return undefined;
    }
}
function clip(text) {
    const one = text.replace(/\s+/g, ' ');
    return one.length > 60 ? `${one.slice(0, 57)}...` : one;
}
function dedent(text) {
    const lines = text.split('\n');
    const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)[0].length);
    const cut = indents.length > 0 ? Math.min(...indents) : 0;
    return lines.map((l) => l.slice(Math.min(cut, /^[ \t]*/.exec(l)[0].length))).join('\n');
}
/**
 * Attributes that hold a JSON document as a string (IAM policies, ECS container definitions):
 * written as a JSON string or heredoc they read as the object jsonencode() would have given.
 */
const JSON_DOCUMENTS = new Set(['policy', 'assume_role_policy', 'container_definitions']);
/** A JSON string literal as a value (objects, lists, literals), every part at the attribute. */
function jsonDocument(value) {
    if (value.kind !== 'literal' || typeof value.value !== 'string')
        return value;
    let parsed;
    try {
        parsed = JSON.parse(value.value);
    }
    catch {
        return { kind: 'unknown', reason: 'a string that is not valid JSON', origin: value.origin };
    }
    return fromJson(parsed, value.origin);
}
function fromJson(json, origin) {
    if (Array.isArray(json))
        return { kind: 'list', items: json.map((item) => fromJson(item, origin)), origin };
    if (json !== null && typeof json === 'object')
        return { kind: 'object', entries: new Map(Object.entries(json).map(([k, v]) => [k, fromJson(v, origin)])), origin };
    if (typeof json === 'string' || typeof json === 'number' || typeof json === 'boolean' || json === null)
        return { kind: 'literal', value: json, origin };
    return { kind: 'unknown', reason: 'a JSON value djsec does not read', origin };
}
