// SECURE_PROXY_SSL_HEADER as a request header Django trusts: shared by the review note (DJS314)
// and its judgement with the infrastructure (DJS918).
import type { Py } from '../model/values.js';
import { isConcrete } from '../model/values.js';
import type { Verdict } from './rule-helpers.js';
import type { RuleContext } from './rule.js';
import { judgeSetting } from './django-checks.js';

type SettingsReader = Pick<RuleContext<string>, 'get' | 'getOrDefault' | 'poisoned'>;

/** The request.META key and secure value, when the setting is a (str, str) pair. */
function pair(py: Py): [string, string] | undefined {
  if (typeof py !== 'object' || py === null || (py.t !== 'tuple' && py.t !== 'list') || py.items.length !== 2) return undefined;
  const [h, v] = py.items;
  return isConcrete(h) && isConcrete(v) && typeof h.py === 'string' && typeof v.py === 'string' ? [h.py, v.py] : undefined;
}

/** HTTP_X_FORWARDED_PROTO → X-Forwarded-Proto, the header as a client or proxy writes it. */
function wireName(metaKey: string): string {
  return metaKey
    .slice('HTTP_'.length)
    .split('_')
    .map((w) => w.charAt(0) + w.slice(1).toLowerCase())
    .join('-');
}

/**
 * SECURE_PROXY_SSL_HEADER set, on every path, to a header a client can send (an `HTTP_` key):
 * the verdict, the header as written on the wire and the value Django treats as HTTPS.
 */
export function trustedProxyHeader(ctx: SettingsReader): { verdict: Verdict; header: string; secure: string } | undefined {
  const verdict = judgeSetting(ctx, 'SECURE_PROXY_SSL_HEADER', (py) => {
    const p = pair(py);
    return p !== undefined && p[0].startsWith('HTTP_');
  });
  if (!verdict) return undefined;
  const [meta, secure] = pair(verdict.option.py)!;
  return { verdict, header: wireName(meta), secure };
}
