// Node built-ins that only some runs need, loaded on first use instead of at every start-up (the
// pre-commit hook's path): node:crypto (~5 ms: --output and baselines), node:worker_threads
// (large runs only).
import type * as NodeCrypto from 'node:crypto';
import { createRequire } from 'node:module';
import type * as NodeWorkerThreads from 'node:worker_threads';

const require = createRequire(import.meta.url);
let crypto: typeof NodeCrypto | undefined;
let workerThreads: typeof NodeWorkerThreads | undefined;

export function lazyCrypto(): typeof NodeCrypto {
  crypto ??= require('node:crypto') as typeof NodeCrypto;
  return crypto;
}

/** A SHA-256 hex digest (loads node:crypto on first use). */
export const sha256Hex = (data: string | Buffer): string => lazyCrypto().createHash('sha256').update(data).digest('hex');

export function lazyWorkerThreads(): typeof NodeWorkerThreads {
  workerThreads ??= require('node:worker_threads') as typeof NodeWorkerThreads;
  return workerThreads;
}
