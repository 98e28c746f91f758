// Parses Python with tree-sitter: the native addon when it is installed (`tree-sitter` and
// `tree-sitter-python`, not dependencies of the package: building the addon takes a minute where
// no prebuilt binary exists), otherwise web-tree-sitter with the grammar's .wasm.
// Callers that know a run is large ask for WASM, whose trees are cheaper to walk (getParser).
// DJSEC_PARSER=native|wasm forces one.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.js';
import { fastenHeapAccess } from './wasm-heap-access.js';
import { compiledByTurboFan } from './wasm-tiers.js';
const require = createRequire(import.meta.url);
function loadNative() {
    const Parser = require('tree-sitter');
    const python = require('tree-sitter-python');
    python.nodeSubclasses ??= lazyNodeSubclasses(Parser.SyntaxNode);
    const parser = new Parser();
    parser.setLanguage(python);
    return {
        kind: 'native',
        // The native binding copies input through a buffer; size it to the source to avoid re-reads.
        parse: (source) => parser.parse(source, undefined, { bufferSize: Math.max(32 * 1024, source.length * 2 + 16) }),
    };
}
/**
 * node-tree-sitter's setLanguage builds one SyntaxNode subclass per node type with `new Function`
 * unless the language already has them (`nodeSubclasses`, indexed by type id): about 4 ms of every
 * start-up, as much as parsing a settings file. These are made on first use instead, and each
 * learns its constant `type` from its first node (one binding call per type, as before).
 * test/parsers.test.ts checks that the native trees still equal the WASM ones.
 */
function lazyNodeSubclasses(SyntaxNode) {
    const typeOf = Object.getOwnPropertyDescriptor(SyntaxNode.prototype, 'type')?.get;
    if (!typeOf)
        return undefined; // another binding version: let it build its own classes
    const made = [];
    return new Proxy(made, {
        get(target, key) {
            if (typeof key !== 'string' || !/^\d+$/.test(key))
                return Reflect.get(target, key);
            const id = Number(key);
            if (!made[id]) {
                const NodeOfType = class extends SyntaxNode {
                    get type() {
                        const type = typeOf.call(this);
                        Object.defineProperty(NodeOfType.prototype, 'type', { value: type, enumerable: true });
                        return type;
                    }
                };
                made[id] = NodeOfType;
            }
            return made[id];
        },
    });
}
/**
 * The Python grammar as WebAssembly: beside the bundle (dist/tree-sitter-python.wasm, copied by
 * scripts/bundle.mjs from vendor/tree-sitter-python/), so neither an install nor a checkout needs
 * the tree-sitter-python package, whose install script compiles C where it has no prebuilt binary.
 * Run from src/model/ (tests), it is the vendored file.
 */
function pythonGrammarWasm() {
    const here = dirname(fileURLToPath(import.meta.url));
    const beside = join(here, 'tree-sitter-python.wasm');
    return existsSync(beside) ? beside : join(here, '..', '..', 'vendor', 'tree-sitter-python', 'tree-sitter-python.wasm');
}
/**
 * web-tree-sitter's runtime .wasm: beside the bundle (scripts/bundle.mjs copies it from the
 * web-tree-sitter it bundles, so the two always match), else through the package (tests run from
 * src/). Resolving `web-tree-sitter/tree-sitter.wasm` through the package's exports map loads
 * Node's ES module resolver: about 5 ms of a one-file run's start-up.
 */
function runtimeWasm() {
    const beside = join(dirname(fileURLToPath(import.meta.url)), 'tree-sitter.wasm');
    return existsSync(beside) ? beside : require.resolve('web-tree-sitter/tree-sitter.wasm');
}
/**
 * A grammar's bytes for Language.load: given a path, web-tree-sitter reads it with
 * `import('fs/promises')`, which loads fs/promises, readline and the file watchers (~2 ms).
 */
function readGrammar(file) {
    return readFileSync(file);
}
let webTreeSitter;
/**
 * web-tree-sitter, initialised once per process: a second Parser.init would swap the WebAssembly
 * module under parsers made before it. Shared by the Python parser and src/infra/terraform.ts.
 */
export function initWebTreeSitter() {
    webTreeSitter ??= (async () => {
        const binding = await import('web-tree-sitter');
        // web-tree-sitter is bundled into dist/djsec.cjs (its 160 KB of JavaScript then comes from the
        // code cache, ~8 ms less per start), so its runtime .wasm is handed over, read synchronously
        // (locateFile is still asked for a name, never read).
        const wasm = runtimeWasm();
        const module = { wasmBinary: readFileSync(wasm), locateFile: () => wasm };
        await binding.Parser.init(module);
        fastenHeapAccess(module);
        return binding;
    })();
    return webTreeSitter;
}
/** A large run (`large`) has its WebAssembly compiled by TurboFan up front (wasm-tiers.ts). */
async function loadWasm(large = false) {
    const load = async () => {
        const { Parser, Language } = await initWebTreeSitter();
        return { Parser, language: await Language.load(readGrammar(pythonGrammarWasm())) };
    };
    const { Parser, language } = large ? await compiledByTurboFan(load) : await load();
    const parser = new Parser();
    parser.setLanguage(language);
    return {
        kind: 'wasm',
        parse: (source) => {
            const tree = parser.parse(source);
            if (!tree)
                throw new Error('web-tree-sitter returned no tree');
            return tree;
        },
    };
}
/**
 * From this many modules on, the WASM parser is the cheaper one overall. It starts slower (about
 * 25 ms to load and 100 ms of cold, not yet optimised parsing), but walking its trees costs far
 * less than the native addon's N-API call per node access. Measured break-even: about 100 settings
 * modules (BENCHMARKS.md). It is also where compiling the WASM parser with TurboFan up front
 * starts to pay (wasm-tiers.ts).
 */
export const WASM_FROM_FILES = 100;
const cached = new Map();
/**
 * Loads the parser once per process. `files`, how many modules the run will parse, picks the
 * binding that costs less for that many; DJSEC_PARSER=native|wasm overrides the choice.
 */
export function getParser(options = {}) {
    const forced = process.env.DJSEC_PARSER;
    const large = (options.files ?? 0) >= WASM_FROM_FILES;
    const key = `${forced ?? ''}:${large ? 'large' : 'small'}`;
    let parser = cached.get(key);
    if (!parser) {
        parser = choose(forced, large);
        cached.set(key, parser);
    }
    return parser;
}
/** Loads one parser explicitly (tests compare both). */
export function loadParser(kind) {
    return kind === 'native' ? Promise.resolve(loadNative()) : loadWasm();
}
async function choose(forced, large) {
    if (forced === 'wasm')
        return loadWasm(large);
    if (forced === 'native')
        return loadNative();
    if (forced !== undefined && forced !== '') {
        throw new UsageError(`DJSEC_PARSER must be "native" or "wasm", not ${JSON.stringify(forced)}`);
    }
    if (large) {
        try {
            return await loadWasm(true);
        }
        catch {
            // fall through to the native addon
        }
    }
    try {
        return loadNative();
    }
    catch {
        return loadWasm();
    }
}
/** The first syntax error of a tree, depth-first in source order, or undefined. */
export function firstSyntaxError(root) {
    if (!root.hasError)
        return undefined;
    // Iterative descent: deeply nested input must not overflow the stack.
    let node = root;
    for (;;) {
        if (node.type === 'ERROR' || node.isMissing)
            return node;
        let next;
        for (let i = 0; i < node.childCount; i++) {
            const child = node.child(i);
            if (child && (child.hasError || child.isMissing || child.type === 'ERROR')) {
                next = child;
                break;
            }
        }
        if (!next)
            return node;
        node = next;
    }
}
