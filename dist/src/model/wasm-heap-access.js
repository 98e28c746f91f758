// web-tree-sitter moves every node it hands out across the WebAssembly boundary through
// Emscripten's generic `setValue(ptr, value, type)` / `getValue(ptr, type)`: five calls per node
// marshalled or unmarshalled, each a switch over type names and a DataView access. On a cold
// corpus run they are a few percent of all CPU. web-tree-sitter reads them from the Emscripten
// module object (the options object given to Parser.init becomes it), so the 'i32' case can be
// answered from the module's Int32Array view instead; every other type, and a big-endian host
// (where the DataView's little-endian access is not the native order), keeps Emscripten's own.
import { endianness } from 'node:os';
/**
 * Replaces the module's i32 accessors with typed-array ones; returns whether it did. The view is
 * re-read from the module when the one in hand no longer covers an address: growing WebAssembly
 * memory detaches the old buffer (its views read as empty), and Emscripten then puts a new view
 * on the module.
 */
export function fastenHeapAccess(module, littleEndian = endianness() === 'LE') {
    const m = module;
    const originalSet = m.setValue;
    const originalGet = m.getValue;
    if (!littleEndian || typeof originalSet !== 'function' || typeof originalGet !== 'function' || !(m.HEAP32 instanceof Int32Array))
        return false;
    let heap = m.HEAP32;
    const covers = (index) => index < heap.length || (m.HEAP32 instanceof Int32Array && index < (heap = m.HEAP32).length);
    m.setValue = (ptr, value, type) => {
        if (type === 'i32' && ptr >= 0 && covers(ptr >>> 2))
            heap[ptr >>> 2] = value;
        else
            originalSet(ptr, value, type);
    };
    m.getValue = (ptr, type) => (type === 'i32' && ptr >= 0 && covers(ptr >>> 2) ? heap[ptr >>> 2] : originalGet(ptr, type));
    return true;
}
