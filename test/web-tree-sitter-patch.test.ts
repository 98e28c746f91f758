// scripts/web-tree-sitter-patch.mjs moves a syntax node's WebAssembly handle from `node[0]` to a
// named property in the bundle's copy of web-tree-sitter, and has each node remember its type id:
// that copy must give the same trees as the package (types read more than once included), keep no
// integer key on its nodes, and the build must stop on a web-tree-sitter whose code the patch no
// longer matches.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { patchNodeClass } from '../scripts/web-tree-sitter-patch.mjs';
import { repoRoot } from './support/lint.js';

const require = createRequire(import.meta.url);
const packageFile = require.resolve('web-tree-sitter');
const packageText = readFileSync(packageFile, 'utf8');

interface TsNode {
  type: string;
  startIndex: number;
  endIndex: number;
  text: string;
  children: TsNode[];
  namedChildren: TsNode[];
  parent: TsNode | null;
  childForFieldName(name: string): TsNode | null;
}
interface TsBinding {
  Parser: { init(module: object): Promise<void>; new (): { setLanguage(l: unknown): void; parse(s: string): { rootNode: TsNode; delete(): void } } };
  Language: { load(bytes: Uint8Array): Promise<unknown> };
}

/** A web-tree-sitter compiled from `text` (as if it were the package's file), with the Python grammar. */
async function pythonParser(text: string) {
  const mod = new Module(packageFile);
  mod.filename = packageFile;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(packageFile));
  (mod as unknown as { _compile(source: string, file: string): void })._compile(text, packageFile);
  const binding = mod.exports as TsBinding;
  const wasm = join(dirname(packageFile), 'tree-sitter.wasm');
  await binding.Parser.init({ wasmBinary: readFileSync(wasm), locateFile: () => wasm });
  const language = await binding.Language.load(readFileSync(join(repoRoot, 'vendor', 'tree-sitter-python', 'tree-sitter-python.wasm')));
  const parser = new binding.Parser();
  parser.setLanguage(language);
  return parser;
}

/** Everything djsec reads of a tree, node by node (children, named children, fields, parents). */
function dump(root: TsNode): string {
  const out: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    const fields = ['left', 'right', 'function', 'arguments', 'object', 'attribute', 'key', 'value', 'condition', 'body']
      .map((f) => `${f}=${n.childForFieldName(f)?.startIndex ?? '-'}`)
      .join(',');
    out.push(`${n.type}@${n.startIndex}-${n.endIndex} named=${n.namedChildren.length} parent=${n.parent?.startIndex ?? '-'} ${fields} ${n.children.length === 0 ? JSON.stringify(n.text) : ''}`);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out.join('\n');
}

const fixtureFiles = (readdirSync(join(repoRoot, 'fixtures'), { recursive: true, encoding: 'utf8' }) as string[])
  .filter((f) => f.endsWith('.py'))
  .map((f) => join(repoRoot, 'fixtures', f))
  .sort()
  .slice(0, 120);

describe("the bundle's web-tree-sitter", () => {
  it('gives the same trees as the package, with no integer key on its nodes', async () => {
    const patchedText = patchNodeClass(packageText, packageFile);
    expect(patchedText).not.toBe(packageText);
    const original = await pythonParser(packageText);
    const patched = await pythonParser(patchedText);
    expect(fixtureFiles.length).toBeGreaterThan(50);
    for (const file of fixtureFiles) {
      const source = readFileSync(file, 'utf8');
      const a = original.parse(source);
      const b = patched.parse(source);
      expect(dump(b.rootNode), file).toBe(dump(a.rootNode));
      // Asked again, from the same node objects: a remembered type id.
      expect(b.rootNode.namedChildren.map((c) => [c.type, c.type].join())).toEqual(a.rootNode.namedChildren.map((c) => [c.type, c.type].join()));
      expect(Object.keys(b.rootNode).filter((k) => /^\d+$/.test(k))).toEqual([]);
      a.delete();
      b.delete();
    }
  });

  it('stops the build when web-tree-sitter no longer has the code it changes', () => {
    const moved = packageText.replace('C.setValue(address, node[0], "i32");', 'C.setValue(address, node.handle, "i32");');
    expect(() => patchNodeClass(moved, 'tree-sitter.cjs')).toThrow(/tree-sitter\.cjs: expected one .*web-tree-sitter changed/);
    expect(() => patchNodeClass(packageText + packageText, 'tree-sitter.cjs')).toThrow(/expected one/);
    const typeIdMoved = packageText.replace('  get typeId() {\n    marshalNode(this);', '  get typeId() {\n    marshalNode(this, 0);');
    expect(typeIdMoved).not.toBe(packageText);
    expect(() => patchNodeClass(typeIdMoved, 'tree-sitter.cjs')).toThrow(/expected one/);
  });
});
