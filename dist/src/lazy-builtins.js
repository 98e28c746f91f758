import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
let crypto;
let workerThreads;
export function lazyCrypto() {
    crypto ??= require('node:crypto');
    return crypto;
}
export function lazyWorkerThreads() {
    workerThreads ??= require('node:worker_threads');
    return workerThreads;
}
