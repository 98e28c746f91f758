// node:crypto takes ~5 ms to load, and only --output and baselines need it: it loads on first use
// instead of on every start-up (the pre-commit hook's path).
import type * as NodeCrypto from 'node:crypto';
import { createRequire } from 'node:module';

let crypto: typeof NodeCrypto | undefined;

export function lazyCrypto(): typeof NodeCrypto {
  crypto ??= createRequire(import.meta.url)('node:crypto') as typeof NodeCrypto;
  return crypto;
}
