// Loading a module: read and decode its source (size-capped, never executed), spot templates,
// parse it, and remember it, once per path, in load order. A module's syntax tree lives only
// while a walk of it runs (acquireTree/releaseTree): a run of 2,000 modules kept every tree
// (native 515 MB, WASM 362 MB peak); a module walked again, in another import chain, is parsed
// again. A tree one of its values holds a node of (a function's body) is kept (keepTree).
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
  /** True when the module is Python to walk (read, not a template); its tree: acquireTree. */
  parsed?: boolean;
  problem?: SourceProblem;
  decodedAs?: string;
  /** The first syntax error, when the module does not parse cleanly. */
  syntaxError?: Origin;
  /** Set when the file is a Jinja/cookiecutter template: not parsed, its settings unknown. */
  template?: Origin & { tag: string };
}

interface LiveTree {
  tree: SyntaxTree;
  /** Walks of the module running now (an included module is walked inside its includer's walk). */
  walks: number;
  /** Never freed: a value holds one of its nodes. */
  kept: boolean;
}

export class ModuleLoader {
  private readonly cache = new Map<string, LoadedModule>();
  private readonly trees = new Map<LoadedModule, LiveTree>();
  /** How many times a module was parsed again after its tree was freed (tests, benchmarks). */
  reparses = 0;
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
      loaded = { absPath, file, text, parsed: true, decodedAs: source.ok ? source.decodedAs : undefined, syntaxError: error ? originOf(error, file) : undefined };
      // Kept until the first walk of it ends (loading is followed by a walk, or by nothing).
      this.trees.set(loaded, { tree, walks: 0, kept: false });
    }
    this.cache.set(absPath, loaded);
    this.inOrder.push(loaded);
    return loaded;
  }

  /** The tree of a module about to be walked (parsed again if it was freed); releaseTree after. */
  acquireTree(module: LoadedModule): SyntaxTree | undefined {
    if (!module.parsed || module.text === undefined) return undefined;
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
  releaseTree(module: LoadedModule): void {
    const live = this.trees.get(module);
    if (!live || --live.walks > 0 || live.kept) return;
    this.trees.delete(module);
    // WebAssembly trees live in the parser's memory until deleted; native ones when collected.
    live.tree.delete?.();
  }

  /** A value keeps a node of the module's tree (a function's body): the tree is never freed. */
  keepTree(module: LoadedModule): void {
    const live = this.trees.get(module);
    if (live) live.kept = true;
  }
}
