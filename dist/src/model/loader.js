import { firstSyntaxError } from './parse.js';
import { findTemplateSyntax, readSource } from './source.js';
import { originOf } from './syntax.js';
export class ModuleLoader {
    parser;
    display;
    maxBytes;
    cache = new Map();
    trees = new Map();
    /** How many times a module was parsed again after its tree was freed (tests, benchmarks). */
    reparses = 0;
    constructor(parser, display, maxBytes) {
        this.parser = parser;
        this.display = display;
        this.maxBytes = maxBytes;
    }
    /** Modules in the order they were first loaded. */
    inOrder = [];
    /** Every module loaded so far, in load order. */
    all() {
        return this.inOrder.values();
    }
    /** How many modules have been loaded; with loadedSince(), what a step of the walk loaded. */
    get size() {
        return this.inOrder.length;
    }
    loadedSince(count) {
        return this.inOrder.slice(count);
    }
    load(absPath, override) {
        const cached = this.cache.get(absPath);
        if (cached)
            return cached;
        const file = this.display(absPath);
        const source = override !== undefined ? { ok: true, text: override } : readSource(absPath, this.maxBytes);
        let loaded;
        if (!source.ok) {
            loaded = { absPath, file, problem: source };
        }
        else {
            const text = source.text;
            const template = findTemplateSyntax(text, absPath);
            if (template) {
                const { tag, ...at } = template;
                loaded = { absPath, file, text, decodedAs: source.decodedAs, template: { file, ...at, tag } };
                this.cache.set(absPath, loaded);
                this.inOrder.push(loaded);
                return loaded;
            }
            const tree = this.parser.parse(text);
            const error = firstSyntaxError(tree.rootNode);
            loaded = { absPath, file, text, parsed: true, decodedAs: source.ok ? source.decodedAs : undefined, syntaxError: error ? originOf(error, file) : undefined };
            // Kept until the first walk of it ends (loading is followed by a walk, or by nothing).
            this.trees.set(loaded, { tree, walks: 0, kept: false });
        }
        this.cache.set(absPath, loaded);
        this.inOrder.push(loaded);
        return loaded;
    }
    /** The tree of a module about to be walked (parsed again if it was freed); releaseTree after. */
    acquireTree(module) {
        if (!module.parsed || module.text === undefined)
            return undefined;
        let live = this.trees.get(module);
        if (!live) {
            this.reparses++;
            live = { tree: this.parser.parse(module.text), walks: 0, kept: false };
            this.trees.set(module, live);
        }
        live.walks++;
        return live.tree;
    }
    /** A walk of the module ended: its tree is freed when no other walk of it runs and nothing kept it. */
    releaseTree(module) {
        const live = this.trees.get(module);
        if (!live || --live.walks > 0 || live.kept)
            return;
        this.trees.delete(module);
        // WebAssembly trees live in the parser's memory until deleted; native ones when collected.
        live.tree.delete?.();
    }
    /** A value keeps a node of the module's tree (a function's body): the tree is never freed. */
    keepTree(module) {
        const live = this.trees.get(module);
        if (live)
            live.kept = true;
    }
}
