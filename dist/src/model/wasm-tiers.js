import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
/** True when the user chose WebAssembly tiers themselves (their flags win). */
function userChoseWasmTiers() {
    const flags = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
    return /--(?:no[-_])?(?:liftoff|wasm[-_]tier[-_]up|wasm[-_]dynamic[-_]tiering)\b/.test(flags);
}
/**
 * Runs `compile` (which compiles and instantiates WebAssembly modules) with TurboFan as the
 * modules' only tier, then sets V8's flags back: code caches (bin/djsec.js writes one at exit) and
 * modules compiled later (the Terraform grammar) see V8's usual flags.
 */
export async function compiledByTurboFan(compile, v8 = require('node:v8')) {
    if (userChoseWasmTiers())
        return compile();
    v8.setFlagsFromString('--no-liftoff');
    try {
        return await compile();
    }
    finally {
        // `--no-liftoff` also turned dynamic tiering off (a V8 flag implication): both go back, or
        // the code cache written at exit is keyed by other flags and rejected by the next run.
        v8.setFlagsFromString('--liftoff --wasm-dynamic-tiering');
    }
}
