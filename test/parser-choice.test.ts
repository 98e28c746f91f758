// getParser picks the binding by run size: native for a few modules (faster start), WASM from
// WASM_FROM_FILES on (cheaper tree walks); DJSEC_PARSER still forces one.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WASM_FROM_FILES, getParser, loadParser } from '../src/model/parse.js';

// Where the addon could not be built, every run falls back to WASM: nothing to choose.
// (The native packages are not dependencies: where they are not installed, loading throws.)
const nativeLoads = await (async () => {
  try {
    await loadParser('native');
    return true;
  } catch {
    return false;
  }
})();

afterEach(() => vi.unstubAllEnvs());

describe('getParser', () => {
  it.runIf(nativeLoads)('uses the native addon for small runs and WASM for large ones', async () => {
    vi.stubEnv('DJSEC_PARSER', '');
    expect((await getParser()).kind).toBe('native');
    expect((await getParser({ files: WASM_FROM_FILES - 1 })).kind).toBe('native');
    expect((await getParser({ files: WASM_FROM_FILES })).kind).toBe('wasm');
  });

  it.runIf(nativeLoads)('lets DJSEC_PARSER override the size', async () => {
    vi.stubEnv('DJSEC_PARSER', 'native');
    expect((await getParser({ files: 10 * WASM_FROM_FILES })).kind).toBe('native');
  });
});
