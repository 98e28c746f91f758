import { firstSyntaxError } from './parse.js';
import { findTemplateSyntax, readSource } from './source.js';
import { originOf } from './syntax.js';
export class ModuleLoader {
    parser;
    display;
    maxBytes;
    cache = new Map();
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
            loaded = { absPath, file, text, tree, decodedAs: source.ok ? source.decodedAs : undefined, syntaxError: error ? originOf(error, file) : undefined };
        }
        this.cache.set(absPath, loaded);
        this.inOrder.push(loaded);
        return loaded;
    }
}
