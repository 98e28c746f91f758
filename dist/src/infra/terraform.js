// Terraform (.tf) to the infrastructure model, read with tree-sitter's HCL grammar (its Terraform
// dialect, web-tree-sitter + the .wasm the grammar package ships). Nothing is run: literals are
// read as written, `var.x` follows a variable's default, `local.x` a local, `TYPE.NAME.attr` stays
// a reference to that resource; everything else (function calls, conditionals, for expressions,
// module outputs, data sources) is unknown. Modules from a registry are not fetched: opaque.
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
 * Resolves every resource of a set of files: variables' defaults and locals are shared by the
 * files of one folder (a Terraform module), so they are resolved per folder.
 */
export function resolveResources(files, folderOf) {
    const byFolder = new Map();
    for (const f of files)
        byFolder.set(folderOf(f.file), [...(byFolder.get(folderOf(f.file)) ?? []), f]);
    const resources = [];
    for (const folder of byFolder.values()) {
        const scope = new ModuleScope(folder);
        for (const f of folder) {
            for (const block of f.blocks) {
                if (block.type !== 'resource' || block.labels.length < 2)
                    continue;
                const resolved = scope.block(block);
                resources.push({ ...resolved, resourceType: block.labels[0], name: block.labels[1] });
            }
        }
    }
    return resources;
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
        for (const [name, node] of raw.attributes)
            attributes.set(name, this.value(node, raw.file));
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
