import { describe, expect, it } from 'vitest';
import { fastenHeapAccess } from '../src/model/wasm-heap-access.js';
import { initWebTreeSitter } from '../src/model/parse.js';

/** A stand-in Emscripten module: little-endian DataView accessors as Emscripten has them, and HEAP32. */
function fakeModule(bytes = 64) {
  const calls: string[] = [];
  const module = {
    HEAP32: new Int32Array(new ArrayBuffer(bytes)),
    setValue(ptr: number, value: number, type = 'i8') {
      calls.push(`set ${type}`);
      new DataView(module.HEAP32.buffer).setInt32(ptr, value, true);
    },
    getValue(ptr: number, type = 'i8') {
      calls.push(`get ${type}`);
      return type === 'i8' ? new DataView(module.HEAP32.buffer).getInt8(ptr) : new DataView(module.HEAP32.buffer).getInt32(ptr, true);
    },
  };
  return { module, calls };
}

describe('fastenHeapAccess', () => {
  it('answers i32 reads and writes from the Int32Array view, with the same values', () => {
    const { module, calls } = fakeModule();
    expect(fastenHeapAccess(module, true)).toBe(true);
    module.setValue(8, -5, 'i32');
    module.setValue(12, 0x7fffffff, 'i32');
    expect(module.getValue(8, 'i32')).toBe(-5);
    expect(new DataView(module.HEAP32.buffer).getInt32(12, true)).toBe(0x7fffffff);
    expect(calls).toEqual([]);
  });

  it("leaves other types and addresses outside the heap to Emscripten's accessors", () => {
    const { module, calls } = fakeModule();
    fastenHeapAccess(module, true);
    module.setValue(4, 1, 'i8');
    module.getValue(4, 'i8');
    module.getValue(4);
    expect(() => module.getValue(1024, 'i32')).toThrow(RangeError);
    expect(calls).toEqual(['set i8', 'get i8', 'get i8', 'get i32']);
  });

  it('follows the module to a new view when memory growth detached the old one', () => {
    const { module, calls } = fakeModule(16);
    fastenHeapAccess(module, true);
    module.setValue(0, 7, 'i32');
    const grown = new Int32Array(new ArrayBuffer(64));
    grown.set(module.HEAP32);
    structuredClone(module.HEAP32.buffer, { transfer: [module.HEAP32.buffer] }); // detaches it, as memory.grow does
    module.HEAP32 = grown;
    module.setValue(40, 9, 'i32');
    expect([module.getValue(0, 'i32'), module.getValue(40, 'i32'), grown[10]]).toEqual([7, 9, 9]);
    expect(calls).toEqual([]);
  });

  it('changes nothing on a big-endian host or a module without the accessors', () => {
    const { module } = fakeModule();
    const { setValue, getValue } = module;
    expect(fastenHeapAccess(module, false)).toBe(false);
    expect([module.setValue, module.getValue]).toEqual([setValue, getValue]);
    expect(fastenHeapAccess({ HEAP32: new Int32Array(4) }, true)).toBe(false);
  });

  it("web-tree-sitter still reads the same nodes through the fast accessors", async () => {
    const { Parser, Language } = await initWebTreeSitter();
    const { readFileSync } = await import('node:fs');
    const parser = new Parser();
    parser.setLanguage(await Language.load(readFileSync(new URL('../vendor/tree-sitter-python/tree-sitter-python.wasm', import.meta.url))));
    const tree = parser.parse('DEBUG = True\nALLOWED_HOSTS = ["a", "b"]  # hosts\n')!;
    const hosts = tree.rootNode.namedChildren[1]!.namedChildren[0]!;
    expect(hosts.type).toBe('assignment');
    expect(hosts.childForFieldName('right')!.namedChildren.map((n) => n!.text)).toEqual(['"a"', '"b"']);
    expect(hosts.endPosition).toEqual({ row: 1, column: 26 });
    tree.delete();
  });
});
