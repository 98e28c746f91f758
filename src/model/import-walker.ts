// Imports and includes in the statement walk: `import x`, `from m import names` (binds values
// only), star imports (the module becomes a base: its public names are copied), and
// django-split-settings include() (each matched file runs in this module's namespace). Modules are
// resolved inside the scanned tree; cycles are cut and noted; an unresolvable settings star
// import makes the unassigned settings unknown.
import type { SyntaxNode } from './parse.js';
import type { ImportEdge, ModelNote, SettingsModule } from './settings-module.js';
import { addEdges } from './settings-module.js';
import { cloneState, mergeStates } from './branch-state.js';
import { StatementWalker, describeTainted } from './walker.js';
import { expandInclude, resolveModule, resolveSubmodule } from './resolve-imports.js';
import { namedChildren, originOf } from './syntax.js';
import type { Origin, Value } from './values.js';
import { isConcrete, known, unknown, valueOrigin } from './values.js';

const PUBLIC = (name: string) => !name.startsWith('_');

/** One pattern an include() runs. */
interface IncludeArg {
  pattern: Value;
  optional: boolean;
  origin: Origin;
}

export class Walker extends StatementWalker {
  protected execImport(stmt: SyntaxNode): void {
    for (const child of namedChildren(stmt)) {
      if (child.type === 'dotted_name') {
        const top = child.text.split('.')[0];
        this.assign(top, known({ t: 'ref', qname: top }, originOf(child, this.file)), stmt);
      } else if (child.type === 'aliased_import') {
        const name = child.childForFieldName('name')?.text ?? '';
        const alias = child.childForFieldName('alias')?.text;
        if (alias) this.assign(alias, known({ t: 'ref', qname: name }, originOf(child, this.file)), stmt);
      }
    }
  }

  protected execImportFrom(stmt: SyntaxNode): void {
    const moduleNode = stmt.childForFieldName('module_name');
    if (!moduleNode) return;
    let level = 0;
    let moduleName = moduleNode.text;
    if (moduleNode.type === 'relative_import') {
      const prefix = namedChildren(moduleNode).find((c) => c.type === 'import_prefix');
      level = prefix ? prefix.text.length : 0;
      moduleName = namedChildren(moduleNode).find((c) => c.type === 'dotted_name')?.text ?? '';
    }
    const origin = originOf(stmt, this.file);
    const target = resolveModule(this.module.absPath, moduleName, level, this.evaluator.fileProbes);
    const wildcard = namedChildren(stmt).some((c) => c.type === 'wildcard_import');
    const names = stmt
      .childrenForFieldName('name')
      .filter((n): n is SyntaxNode => n !== null)
      .map((n) => (n.type === 'aliased_import' ? { name: n.childForFieldName('name')!.text, alias: n.childForFieldName('alias')!.text } : { name: n.text, alias: n.text }));

    if (!target) {
      if (wildcard) {
        // A settings module we cannot read may define any setting: the ones left unassigned
        // are unknown rather than Django's defaults, so missing-setting rules stay silent.
        const looksLikeSettings = level > 0 || /(^|\.)(settings|conf|config)(\.|$)/.test(moduleName);
        if (looksLikeSettings && this.conditional === 0 && this.worldBranches === 0) {
          const affected = this.taint(origin, `from ${'.'.repeat(level)}${moduleName} import *`);
          this.result.notes.push({ kind: 'unresolved-import', message: `\`from ${'.'.repeat(level)}${moduleName} import *\` could not be resolved in the scanned files: ${describeTainted(affected)}`, origin });
        }
        return;
      }
      for (const { name, alias } of names) {
        const qname = level > 0 ? `local:${moduleName}.${name}` : `${moduleName}.${name}`;
        this.assign(alias, known({ t: 'ref', qname }, origin), stmt);
      }
      return;
    }
    const imported = this.importModule(target, wildcard ? 'star' : 'names', origin);
    if (!imported) return;
    if (wildcard) {
      const all = imported.ns.get('__all__');
      const exported = all && isConcrete(all) && typeof all.py === 'object' && all.py !== null && (all.py.t === 'list' || all.py.t === 'tuple')
        ? all.py.items.flatMap((i) => (isConcrete(i) && typeof i.py === 'string' ? [i.py] : []))
        : [...imported.ns.keys()].filter(PUBLIC);
      for (const name of exported) {
        const value = imported.ns.get(name);
        if (value === undefined) continue;
        this.state.ns.set(name, value);
        const at = imported.assignedAt.get(name);
        if (at) this.state.assignedAt.set(name, at);
      }
      if (imported.poisoned) this.state.poisoned = true;
      return;
    }
    for (const { name, alias } of names) {
      const value = imported.ns.get(name);
      if (value !== undefined) {
        this.assign(alias, value, stmt);
        continue;
      }
      const sub = resolveSubmodule(target, name, this.evaluator.fileProbes);
      this.assign(alias, sub ? unknown(`module ${name}`, origin) : unknown(`${name} is not defined in ${imported.module.file}`, origin), stmt);
    }
  }

  /** Evaluates an imported module, recording the edge; undefined on a cycle. */
  protected importModule(target: string, kind: ImportEdge['kind'], origin: Origin): SettingsModule | undefined {
    addEdges(this.result, [{ from: this.module.absPath, to: target, kind, conditional: this.conditional > 0 || this.worldBranches > 0, ...(this.skipping > 0 ? { skipped: true } : {}), origin }]);
    if (this.evaluator.isCycle(target)) {
      // Noted by every evaluation that cuts it (as the same message): each chain is its own run.
      const chain = this.evaluator.cyclePath(target).map((p) => this.evaluator.loader.load(p).file);
      this.addNotes([{ kind: 'import-cycle', message: `import cycle: ${chain.join(' → ')}; the cyclic import is ignored`, origin }]);
      return undefined;
    }
    // Python runs a module once per process: imported again, it sets nothing again.
    const { module: imported, ranNow } = this.evaluator.importInto(this.result.chain, target);
    addEdges(this.result, imported.edges);
    this.addNotes(imported.notes);
    if (ranNow) this.result.envWrites.push(...imported.envWrites.map((w) => (this.conditional > 0 ? { ...w, conditional: true } : w)));
    if (kind === 'star') for (const call of imported.libraryCalls) if (!this.result.libraryCalls.includes(call)) this.result.libraryCalls.push(call);
    for (const f of imported.files) if (!this.result.files.includes(f)) this.result.files.push(f);
    return imported;
  }

  /** Notes, an import cycle once per module however many of its imports meet it. */
  protected addNotes(notes: readonly ModelNote[]): void {
    for (const note of notes) {
      if (note.kind === 'import-cycle' && this.result.notes.some((n) => n.kind === note.kind && n.message === note.message)) continue;
      this.result.notes.push(note);
    }
  }

  /**
   * The patterns of an include() call: each argument, `optional(...)` ones marked, and the items
   * of a `*parts` list built in the module. An item that only some branches append (an
   * undecidable `if`) is optional: it may not be included.
   */
  protected includeArgs(list: SyntaxNode): IncludeArg[] {
    const out: IncludeArg[] = [];
    for (const argNode of namedChildren(list)) {
      if (argNode.type === 'keyword_argument') continue;
      const origin = originOf(argNode, this.file);
      if (argNode.type === 'call' && argNode.childForFieldName('function')?.text.endsWith('optional')) {
        const inner = namedChildren(argNode.childForFieldName('arguments')!)[0];
        if (inner) out.push({ pattern: this.eval(inner), optional: true, origin });
        continue;
      }
      if (argNode.type !== 'list_splat') {
        out.push({ pattern: this.eval(argNode), optional: false, origin });
        continue;
      }
      const value = this.eval(namedChildren(argNode)[0] ?? argNode);
      const options = (value.kind === 'oneOf' ? value.options : [value]).map((v) => this.includeItems(v));
      if (options.some((o) => o === undefined)) {
        out.push({ pattern: unknown('a computed list of paths', origin), optional: false, origin });
        continue;
      }
      const lists = options as IncludeArg[][];
      const seen = new Set<string>();
      for (const item of lists.flat()) {
        const key = isConcrete(item.pattern) && typeof item.pattern.py === 'string' ? item.pattern.py : undefined;
        if (key !== undefined && seen.has(key)) continue;
        if (key !== undefined) seen.add(key);
        const everywhere = key !== undefined && lists.every((l) => l.some((i) => isConcrete(i.pattern) && i.pattern.py === key && !i.optional));
        out.push({ ...item, optional: item.optional || !everywhere, origin });
      }
    }
    return out;
  }

  /** The include patterns of one list value, or undefined when it is not a list the model knows. */
  private includeItems(value: Value): IncludeArg[] | undefined {
    if (!isConcrete(value) || typeof value.py !== 'object' || value.py === null || (value.py.t !== 'list' && value.py.t !== 'tuple')) return undefined;
    const listOrigin = value.origin;
    return value.py.items.map((item) => {
      const origin = valueOrigin(item) ?? listOrigin ?? { file: this.file, line: 1, column: 1, endLine: 1, endColumn: 1 };
      const call = this.optionalCallAt(item);
      const inner = call && namedChildren(call.childForFieldName('arguments')!)[0];
      return inner ? { pattern: this.eval(inner), optional: true, origin } : { pattern: item, optional: false, origin };
    });
  }

  /** The `optional("...")` call in this module that an unknown list item came from, if it did. */
  private optionalCallAt(item: Value): SyntaxNode | undefined {
    if (item.kind !== 'unknown' || !item.origin || item.origin.file !== this.file || !/split_settings\.tools\.optional/.test(item.reason)) return undefined;
    const row = item.origin.line - 1;
    const column = item.origin.column - 1;
    const before = (p: { row: number; column: number }) => p.row < row || (p.row === row && p.column <= column);
    // Down from the root through the children that span the position, to the call starting there.
    const tree = this.evaluator.loader.acquireTree(this.module);
    try {
      let node = tree?.rootNode;
      while (node) {
        if (node.type === 'call' && node.startPosition.row === row && node.startPosition.column === column) {
          return node.childForFieldName('function')?.text.endsWith('optional') ? node : undefined;
        }
        node = node.namedChildren.find((c) => before(c.startPosition) && !before(c.endPosition));
      }
      return undefined;
    } finally {
      if (tree) this.evaluator.loader.releaseTree(this.module);
    }
  }

  /** django-split-settings include(): runs each matched file in this module's namespace. */
  protected execInclude(call: SyntaxNode): void {
    const list = call.childForFieldName('arguments');
    if (!list) return;
    for (const { pattern, optional, origin } of this.includeArgs(list)) {
      if (!isConcrete(pattern) || typeof pattern.py !== 'string' || pattern.kind === 'env') {
        // The file it runs is decided where it deploys: it may set anything.
        const definite = this.conditional === 0 && this.worldBranches === 0;
        const affected = definite ? this.taint(origin, 'include() of a computed path') : [];
        this.result.notes.push({ kind: 'unresolved-import', message: `include() of a computed path is not followed${definite ? `: ${describeTainted(affected)}` : ''}`, origin });
        continue;
      }
      const files = expandInclude(this.module.absPath, pattern.py, this.evaluator.fileProbes, this.evaluator.folderListings);
      if (files.length === 0 && !optional) {
        // Like an unresolvable star import: a file put there at deploy time may set anything.
        const definite = this.conditional === 0 && this.worldBranches === 0;
        const affected = definite ? this.taint(origin, `include(${JSON.stringify(pattern.py)})`) : [];
        this.result.notes.push({ kind: 'unresolved-import', message: `include(${JSON.stringify(pattern.py)}) matched no file in the scanned tree${definite ? `: ${describeTainted(affected)}` : ''}`, origin });
      }
      for (const file of files) {
        addEdges(this.result, [{ from: this.module.absPath, to: file, kind: 'include', conditional: this.conditional > 0 || this.worldBranches > 0 || optional, ...(this.skipping > 0 ? { skipped: true } : {}), origin }]);
        if (this.evaluator.isCycle(file)) continue;
        const loaded = this.evaluator.loader.load(file);
        const tree = this.evaluator.loader.acquireTree(loaded);
        if (!tree) continue;
        if (!this.result.files.includes(file)) this.result.files.push(file);
        this.evaluator.enter(file);
        try {
          const walker = new Walker(this.evaluator, loaded, this.state, this.result);
          walker.conditional = this.conditional + (optional ? 1 : 0);
          walker.worldBranches = this.worldBranches;
          walker.skipping = this.skipping;
          if (optional) {
            // An optional include may be absent at deploy time (local settings).
            const before = this.state;
            const withFile = cloneState(before);
            walker.state = withFile;
            walker.run(tree.rootNode);
            mergeStates(before, [withFile, cloneState(before)]);
          } else {
            walker.run(tree.rootNode);
            this.state = walker.state;
          }
        } finally {
          this.evaluator.leave();
          this.evaluator.loader.releaseTree(loaded);
        }
      }
    }
  }
}
