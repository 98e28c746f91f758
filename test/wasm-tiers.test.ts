// A large run compiles the WASM parser with TurboFan up front (src/model/wasm-tiers.ts): the flag
// is on only while the modules compile, the user's own tier flags win, and the trees are the same.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyntaxNode } from '../src/model/parse.js';
import { WASM_FROM_FILES, getParser } from '../src/model/parse.js';
import { compiledByTurboFan } from '../src/model/wasm-tiers.js';
import { repoRoot } from './support/lint.js';

afterEach(() => vi.unstubAllEnvs());

/** A node:v8 stand-in that records the flags set, and a compile step that records when it ran. */
function recorder() {
  const events: string[] = [];
  return { events, v8: { setFlagsFromString: (flags: string) => void events.push(flags) } };
}

describe('compiledByTurboFan', () => {
  it('turns Liftoff off only while the modules compile', async () => {
    vi.stubEnv('NODE_OPTIONS', '');
    const { events, v8 } = recorder();
    const result = await compiledByTurboFan(async () => {
      events.push('compile');
      return 42;
    }, v8);
    expect(result).toBe(42);
    expect(events).toEqual(['--no-liftoff', 'compile', '--liftoff --wasm-dynamic-tiering']);
  });

  it('sets the flag back when compiling fails', async () => {
    vi.stubEnv('NODE_OPTIONS', '');
    const { events, v8 } = recorder();
    await expect(compiledByTurboFan(() => Promise.reject(new Error('no grammar')), v8)).rejects.toThrow('no grammar');
    expect(events).toEqual(['--no-liftoff', '--liftoff --wasm-dynamic-tiering']);
  });

  it.each(['--liftoff-only', '--no-liftoff', '--no-wasm-tier-up', '--wasm_dynamic_tiering'])('leaves the tiers to the user who set %s', async (flag) => {
    vi.stubEnv('NODE_OPTIONS', `--max-old-space-size=512 ${flag}`);
    const { events, v8 } = recorder();
    await compiledByTurboFan(async () => void events.push('compile'), v8);
    expect(events).toEqual(['compile']);
  });
});

/** Type and range of every node, in pre-order. */
function shape(root: SyntaxNode): string {
  const out: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    out.push(`${n.type}@${n.startIndex}-${n.endIndex}`);
    for (let i = n.childCount - 1; i >= 0; i--) stack.push(n.child(i)!);
  }
  return out.join('\n');
}

describe('the parser of a large run', () => {
  it('gives the same trees as the parser of a small run', async () => {
    vi.stubEnv('DJSEC_PARSER', 'wasm');
    const small = await getParser({ files: 1 });
    const large = await getParser({ files: WASM_FROM_FILES });
    expect(large).not.toBe(small);
    const source = readFileSync(join(repoRoot, 'fixtures', 'example-project', 'mysite', 'settings.py'), 'utf8');
    const a = small.parse(source);
    const b = large.parse(source);
    expect(shape(b.rootNode)).toBe(shape(a.rootNode));
    expect(b.rootNode.endIndex).toBe(source.length);
    a.delete?.();
    b.delete?.();
  });
});
