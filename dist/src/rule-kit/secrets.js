import { isConcrete, maskSecret, pyRepr, strRepr } from '../model/values.js';
import { parseUrl } from '../model/env-casts.js';
const SECRET_NAME = /(SECRET|PASSWORD|PASSWD|PASS$|TOKEN|CREDENTIAL|PRIVATE|API_?KEY|ACCESS_KEY|AUTH_KEY|_KEY$|^KEY$|DSN)/i;
export function isSecretName(name) {
    return SECRET_NAME.test(name);
}
/** Words one of which every name SECRET_NAME accepts contains: a text without any holds no secret's name (a cheap test before the exact one). */
const SECRET_NAME_WORD = /SECRET|PASS|TOKEN|CREDENTIAL|PRIVATE|KEY|DSN/i;
export function mayHoldSecretName(text) {
    return SECRET_NAME_WORD.test(text);
}
/** A URL with its password replaced by a mask: postgres://app:'pa…' (12 chars)@db/app. */
export function maskUrlPassword(url) {
    const p = parseUrl(url);
    if (!p || !p.password)
        return url;
    const at = url.lastIndexOf('@');
    const schemeEnd = url.indexOf('://') + 3;
    const userinfo = url.slice(schemeEnd, at);
    const colon = userinfo.indexOf(':');
    return `${url.slice(0, schemeEnd)}${userinfo.slice(0, colon + 1)}${maskSecret(p.password)}${url.slice(at)}`;
}
/** Python repr with secrets masked: strings under secret-looking names, URL passwords. */
export function safeRepr(py, nameHint = '', depth = 0) {
    if (typeof py === 'string') {
        if (isSecretName(nameHint) && py.length > 0)
            return maskSecret(py);
        if (/^[a-z][a-z0-9+.-]*:\/\/[^/@\s]*:[^/@\s]*@/i.test(py))
            return strRepr(maskUrlPassword(py));
        return pyRepr(py, 120);
    }
    if (depth > 4 || typeof py !== 'object' || py === null)
        return pyRepr(py);
    const inner = (v, hint) => (isConcrete(v) ? safeRepr(v.py, hint, depth + 1) : v.kind === 'oneOf' ? v.options.map((o) => inner(o, hint)).join(' | ') : '<unknown>');
    switch (py.t) {
        case 'list':
            return `[${py.items.map((i) => inner(i, nameHint)).join(', ')}]`;
        case 'tuple':
            return `(${py.items.map((i) => inner(i, nameHint)).join(', ')}${py.items.length === 1 ? ',' : ''})`;
        case 'set':
            return `{${py.items.map((i) => inner(i, nameHint)).join(', ')}}`;
        case 'dict':
            return `{${py.entries.map((e) => `${inner(e.key, '')}: ${inner(e.value, isConcrete(e.key) && typeof e.key.py === 'string' ? e.key.py : nameHint)}`).join(', ')}}`;
        default:
            return pyRepr(py);
    }
}
