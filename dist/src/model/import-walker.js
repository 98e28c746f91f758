import { addEdges } from './settings-module.js';
import { cloneState, mergeStates } from './branch-state.js';
import { StatementWalker } from './walker.js';
import { expandInclude, resolveModule, resolveSubmodule } from './resolve-imports.js';
import { namedChildren, originOf } from './syntax.js';
import { isConcrete, known, unknown } from './values.js';
const PUBLIC = (name) => !name.startsWith('_');
export class Walker extends StatementWalker {
    execImport(stmt) {
        for (const child of namedChildren(stmt)) {
            if (child.type === 'dotted_name') {
                const top = child.text.split('.')[0];
                this.assign(top, known({ t: 'ref', qname: top }, originOf(child, this.file)), stmt);
            }
            else if (child.type === 'aliased_import') {
                const name = child.childForFieldName('name')?.text ?? '';
                const alias = child.childForFieldName('alias')?.text;
                if (alias)
                    this.assign(alias, known({ t: 'ref', qname: name }, originOf(child, this.file)), stmt);
            }
        }
    }
    execImportFrom(stmt) {
        const moduleNode = stmt.childForFieldName('module_name');
        if (!moduleNode)
            return;
        let level = 0;
        let moduleName = moduleNode.text;
        if (moduleNode.type === 'relative_import') {
            const prefix = namedChildren(moduleNode).find((c) => c.type === 'import_prefix');
            level = prefix ? prefix.text.length : 0;
            moduleName = namedChildren(moduleNode).find((c) => c.type === 'dotted_name')?.text ?? '';
        }
        const origin = originOf(stmt, this.file);
        const target = resolveModule(this.module.absPath, moduleName, level);
        const wildcard = namedChildren(stmt).some((c) => c.type === 'wildcard_import');
        const names = stmt
            .childrenForFieldName('name')
            .filter((n) => n !== null)
            .map((n) => (n.type === 'aliased_import' ? { name: n.childForFieldName('name').text, alias: n.childForFieldName('alias').text } : { name: n.text, alias: n.text }));
        if (!target) {
            if (wildcard) {
                // A settings module we cannot read may define any setting: the ones left unassigned
                // are unknown rather than Django's defaults, so missing-setting rules stay silent.
                const looksLikeSettings = level > 0 || /(^|\.)(settings|conf|config)(\.|$)/.test(moduleName);
                if (looksLikeSettings && this.conditional === 0 && this.worldBranches === 0) {
                    this.state.poisoned = true;
                    this.result.notes.push({ kind: 'unresolved-import', message: `\`from ${'.'.repeat(level)}${moduleName} import *\` could not be resolved in the scanned files; settings it may define are treated as unknown`, origin });
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
        if (!imported)
            return;
        if (wildcard) {
            const all = imported.ns.get('__all__');
            const exported = all && isConcrete(all) && typeof all.py === 'object' && all.py !== null && (all.py.t === 'list' || all.py.t === 'tuple')
                ? all.py.items.flatMap((i) => (isConcrete(i) && typeof i.py === 'string' ? [i.py] : []))
                : [...imported.ns.keys()].filter(PUBLIC);
            for (const name of exported) {
                const value = imported.ns.get(name);
                if (value === undefined)
                    continue;
                this.state.ns.set(name, value);
                const at = imported.assignedAt.get(name);
                if (at)
                    this.state.assignedAt.set(name, at);
            }
            if (imported.poisoned)
                this.state.poisoned = true;
            return;
        }
        for (const { name, alias } of names) {
            const value = imported.ns.get(name);
            if (value !== undefined) {
                this.assign(alias, value, stmt);
                continue;
            }
            const sub = resolveSubmodule(target, name);
            this.assign(alias, sub ? unknown(`module ${name}`, origin) : unknown(`${name} is not defined in ${imported.module.file}`, origin), stmt);
        }
    }
    /** Evaluates an imported module, recording the edge; undefined on a cycle. */
    importModule(target, kind, origin) {
        addEdges(this.result, [{ from: this.module.absPath, to: target, kind, conditional: this.conditional > 0 || this.worldBranches > 0, origin }]);
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
        if (ranNow)
            this.result.envWrites.push(...imported.envWrites.map((w) => (this.conditional > 0 ? { ...w, conditional: true } : w)));
        if (kind === 'star')
            for (const call of imported.libraryCalls)
                if (!this.result.libraryCalls.includes(call))
                    this.result.libraryCalls.push(call);
        for (const f of imported.files)
            if (!this.result.files.includes(f))
                this.result.files.push(f);
        return imported;
    }
    /** Notes, an import cycle once per module however many of its imports meet it. */
    addNotes(notes) {
        for (const note of notes) {
            if (note.kind === 'import-cycle' && this.result.notes.some((n) => n.kind === note.kind && n.message === note.message))
                continue;
            this.result.notes.push(note);
        }
    }
    /** django-split-settings include(): runs each matched file in this module's namespace. */
    execInclude(call) {
        const list = call.childForFieldName('arguments');
        if (!list)
            return;
        for (const argNode of namedChildren(list)) {
            if (argNode.type === 'keyword_argument')
                continue;
            let patternNode = argNode;
            let optional = false;
            if (argNode.type === 'call' && argNode.childForFieldName('function')?.text.endsWith('optional')) {
                optional = true;
                patternNode = namedChildren(argNode.childForFieldName('arguments'))[0];
                if (!patternNode)
                    continue;
            }
            const pattern = this.eval(patternNode);
            const origin = originOf(argNode, this.file);
            if (!isConcrete(pattern) || typeof pattern.py !== 'string') {
                this.result.notes.push({ kind: 'unresolved-import', message: 'include() with a computed pattern is not modelled', origin });
                continue;
            }
            const files = expandInclude(this.module.absPath, pattern.py);
            if (files.length === 0 && !optional) {
                this.result.notes.push({ kind: 'unresolved-import', message: `include(${JSON.stringify(pattern.py)}) matched no file in the scanned tree`, origin });
            }
            for (const file of files) {
                addEdges(this.result, [{ from: this.module.absPath, to: file, kind: 'include', conditional: this.conditional > 0 || this.worldBranches > 0 || optional, origin }]);
                if (this.evaluator.isCycle(file))
                    continue;
                const loaded = this.evaluator.loader.load(file);
                if (!loaded.tree)
                    continue;
                if (!this.result.files.includes(file))
                    this.result.files.push(file);
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
                        walker.run(loaded.tree.rootNode);
                        mergeStates(before, [withFile, cloneState(before)]);
                    }
                    else {
                        walker.run(loaded.tree.rootNode);
                        this.state = walker.state;
                    }
                }
                finally {
                    this.evaluator.leave();
                }
            }
        }
    }
}
