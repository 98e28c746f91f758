// Which of V8's two WebAssembly compilers compiles the parser. Liftoff compiles in one fast pass
// to slow code; TurboFan optimises. bin/djsec.js raises V8's tier-up budget so that a short run
// never pays for TurboFan compiles it has no time to use, but then a large run parses megabytes on
// Liftoff code until each hot function has spent that budget. A large run therefore compiles the
// parser's modules with TurboFan from the start (`--no-liftoff` while they are compiled: V8 fixes
// a module's tier when it compiles it, and its functions are then compiled on first call). That
// costs about 100 ms of compiling, which about 100 modules repay: parsing the bench's 2,000-module
// corpus (4.9 MB) took a median 1.03 s of CPU against 1.23 s (BENCHMARKS.md, issue 17 goal 3).
import type * as NodeV8 from 'node:v8';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The part of node:v8 this file uses (tests hand in a recorder). */
export type FlagSetter = Pick<typeof NodeV8, 'setFlagsFromString'>;

/** True when the user chose WebAssembly tiers themselves (their flags win). */
function userChoseWasmTiers(): boolean {
  const flags = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
  return /--(?:no[-_])?(?:liftoff|wasm[-_]tier[-_]up|wasm[-_]dynamic[-_]tiering)\b/.test(flags);
}

/**
 * Runs `compile` (which compiles and instantiates WebAssembly modules) with TurboFan as the
 * modules' only tier, then sets V8's flags back: code caches (bin/djsec.js writes one at exit) and
 * modules compiled later (the Terraform grammar) see V8's usual flags.
 */
export async function compiledByTurboFan<T>(compile: () => Promise<T>, v8: FlagSetter = require('node:v8') as FlagSetter): Promise<T> {
  if (userChoseWasmTiers()) return compile();
  v8.setFlagsFromString('--no-liftoff');
  try {
    return await compile();
  } finally {
    // `--no-liftoff` also turned dynamic tiering off (a V8 flag implication): both go back, or
    // the code cache written at exit is keyed by other flags and rejected by the next run.
    v8.setFlagsFromString('--liftoff --wasm-dynamic-tiering');
  }
}
