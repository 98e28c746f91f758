import { createRequire } from 'node:module';
let crypto;
export function lazyCrypto() {
    crypto ??= createRequire(import.meta.url)('node:crypto');
    return crypto;
}
