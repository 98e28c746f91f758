import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
let crypto;
let workerThreads;
export function lazyCrypto() {
    crypto ??= require('node:crypto');
    return crypto;
}
/** A SHA-256 hex digest (loads node:crypto on first use). */
export const sha256Hex = (data) => lazyCrypto().createHash('sha256').update(data).digest('hex');
export function lazyWorkerThreads() {
    workerThreads ??= require('node:worker_threads');
    return workerThreads;
}
