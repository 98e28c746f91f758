// Loading a module: read and decode its source (size-capped, never executed), spot templates,
// parse it, and remember it, once per path, in load order.
import type { PythonParser, SyntaxTree } from './parse.js';
import { firstSyntaxError } from './parse.js';
import type { SourceProblem } from './source.js';
import { findTemplateSyntax, readSource } from './source.js';
import type { Origin } from './values.js';
import { originOf } from './syntax.js';

export interface LoadedModule {
  absPath: string;
  /** Display path: relative to the working directory, `/` separators. */
  file: string;
  text?: string;
  tree?: SyntaxTree;
  problem?: SourceProblem;
  decodedAs?: string;
  /** The first syntax error, when the module does not parse cleanly. */
  syntaxError?: Origin;
  /** Set when the file is a Jinja/cookiecutter template: not parsed, its settings unknown. */
  template?: Origin & { tag: string };
}

export class ModuleLoader {
  private readonly cache = new Map<string, LoadedModule>();
  constructor(
    private readonly parser: PythonParser,
    private readonly display: (absPath: string) => string,
    private readonly maxBytes?: number,
  ) {}

  /** Modules in the order they were first loaded. */
  private readonly inOrder: LoadedModule[] = [];

  /** Every module loaded so far, in load order. */
  all(): IterableIterator<LoadedModule> {
    return this.inOrder.values();
  }

  /** How many modules have been loaded; with loadedSince(), what a step of the walk loaded. */
  get size(): number {
    return this.inOrder.length;
  }

  loadedSince(count: number): LoadedModule[] {
    return this.inOrder.slice(count);
  }

  load(absPath: string, override?: string): LoadedModule {
    const cached = this.cache.get(absPath);
    if (cached) return cached;
    const file = this.display(absPath);
    const source = override !== undefined ? { ok: true as const, text: override } : readSource(absPath, this.maxBytes);
    let loaded: LoadedModule;
    if (!source.ok) {
      loaded = { absPath, file, problem: source };
    } else {
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
