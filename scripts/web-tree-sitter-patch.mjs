// A change to web-tree-sitter's JavaScript as scripts/bundle.mjs bundles it (the package itself is
// not changed). It keeps each syntax node's WebAssembly handle under an integer key (`node[0]`),
// and V8 stores an integer-keyed property in a separate elements array made through a slow path:
// on the bench's 2,000-module corpus, creating nodes cost ~2.5% of a cold run's CPU. The bundle's
// copy keeps the handle in a named property. A node's type id is read through a WebAssembly call
// each time (djsec asks about twice per node: 948,000 calls for 493,000 nodes on that corpus);
// the bundle's copy remembers it on the node (a node's symbol never changes). test/web-tree-sitter-patch.test.ts
// checks both copies give the same trees.

/**
 * web-tree-sitter's Node with its handle in `_djsecHandle` instead of `[0]`: the class field, the
 * constructor's store and marshalNode's read, the only places a node's `[0]` is used (a Tree,
 * Parser or cursor keeps its own `[0]`); and its type id remembered in `_djsecTypeId` (-1 until
 * read). Each must be found exactly once, or the build fails: a web-tree-sitter that changed them
 * needs this looked at again.
 */
export function patchNodeClass(text, file) {
  const edits = [
    ['var Node = class {\n  static {\n    __name(this, "Node");\n  }\n  /** @internal */\n  // @ts-expect-error: never read\n  [0] = 0;', '[0] = 0;', '_djsecHandle = 0;\n  _djsecTypeId = -1;'],
    ['    assertInternal(internal);\n    this[0] = other;\n    this.id = id;', 'this[0] = other;', 'this._djsecHandle = other;'],
    [
      '  get typeId() {\n    marshalNode(this);\n    return C._ts_node_symbol_wasm(this.tree[0]);\n  }',
      '    marshalNode(this);\n    return C._ts_node_symbol_wasm(this.tree[0]);',
      '    if (this._djsecTypeId >= 0) return this._djsecTypeId;\n    marshalNode(this);\n    return this._djsecTypeId = C._ts_node_symbol_wasm(this.tree[0]);',
    ],
    ['  C.setValue(address, node[0], "i32");\n}\n__name(marshalNode, "marshalNode");', 'node[0]', 'node._djsecHandle'],
  ];
  let out = text;
  for (const [context, from, to] of edits) {
    const at = out.indexOf(context);
    if (at < 0 || out.indexOf(context, at + 1) >= 0) throw new Error(`${file}: expected one ${JSON.stringify(context)} (web-tree-sitter changed: see scripts/web-tree-sitter-patch.mjs)`);
    out = out.slice(0, at) + context.replace(from, to) + out.slice(at + context.length);
  }
  return out;
}
