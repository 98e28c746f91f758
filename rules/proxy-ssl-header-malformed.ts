import { judgeSetting, pyStrip, reportSetting } from '../src/rule-kit/django-checks.js';
import type { Py } from '../src/model/values.js';
import { isConcrete, pyTruthy, strRepr } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';

type ProblemId = 'notPair' | 'notString' | 'headerNotMeta' | 'inverted' | 'valueNeverMatches' | 'valueNotHttps';
interface Problem {
  id: ProblemId;
  data: Record<string, string>;
}

/** META keys of headers that carry the scheme itself, whose secure value is always 'https'. */
const SCHEME_HEADERS = new Set([
  'HTTP_X_FORWARDED_PROTO',
  'HTTP_X_FORWARDED_PROTOCOL',
  'HTTP_X_FORWARDED_SCHEME',
  'HTTP_X_SCHEME',
  'HTTP_X_URL_SCHEME',
  'HTTP_CLOUDFRONT_FORWARDED_PROTO',
]);
const FIX = "('HTTP_X_FORWARDED_PROTO', 'https')";

export default defineRule({
  code: 'DJS313',
  name: 'proxy-ssl-header-malformed',
  level: 'error',
  meta: {
    summary: 'SECURE_PROXY_SSL_HEADER is not a usable (header, value) pair',
    description:
      "Django reads SECURE_PROXY_SSL_HEADER as a (META key, secure value) pair on every request.scheme. A value that does not unpack, names a header as it is spelled on the wire, or expects a value proxies never send breaks HTTPS detection; expecting 'http' inverts it.",
    cwe: ['CWE-693'],
    securitySeverity: '5.0',
    precision: 'high',
    messages: {
      notPair:
        'SECURE_PROXY_SSL_HEADER is {{value}}{{source}}, not a (header, value) pair: Django raises an error whenever it checks request.scheme (every HTTPS redirect, CSRF check, absolute URL). Set SECURE_PROXY_SSL_HEADER = ' + FIX + ' if your proxy sets X-Forwarded-Proto.',
      notString:
        'SECURE_PROXY_SSL_HEADER is {{value}}{{source}}: its {{part}} is not a string, so it never matches and Django never sees a request as HTTPS (redirect loops with SECURE_SSL_REDIRECT, failed CSRF checks). Set SECURE_PROXY_SSL_HEADER = ' + FIX + '.',
      headerNotMeta:
        'SECURE_PROXY_SSL_HEADER is {{value}}{{source}}: Django looks the header up in request.META, where it is spelled {{meta}}, so it is never found and requests are never seen as HTTPS. Write SECURE_PROXY_SSL_HEADER = ({{meta}}, {{secure}}).',
      inverted:
        "SECURE_PROXY_SSL_HEADER is {{value}}{{source}}: requests the proxy marks as plain HTTP are treated as secure (no HTTPS redirect, CSRF and cookies behave as if encrypted) and real HTTPS requests are not. Set the second item to 'https'.",
      valueNeverMatches:
        "SECURE_PROXY_SSL_HEADER is {{value}}{{source}}: Django compares {{secure}} with the header's first comma-separated part, stripped, so it can never match and requests are never seen as HTTPS. Set the second item to 'https'.",
      valueNotHttps:
        "SECURE_PROXY_SSL_HEADER is {{value}}{{source}}: proxies send the scheme in lower case ('https') and Django compares exactly, so requests are never seen as HTTPS (redirect loops with SECURE_SSL_REDIRECT). Set the second item to 'https'.",
    },
    docs: `
## What it does
Flags a \`SECURE_PROXY_SSL_HEADER\` that Django cannot use: not a two-item (header, value)
sequence, items that are not strings, a header written as on the wire (\`'X-Forwarded-Proto'\`)
instead of its \`request.META\` key (\`'HTTP_X_FORWARDED_PROTO'\`), a secure value that can never
match (empty, padded, containing a comma, or not \`'https'\` for a scheme header), and the
inverted \`'http'\`.

## Why is this bad?
Django decides whether a request is secure by unpacking \`header, secure_value =
SECURE_PROXY_SSL_HEADER\` and comparing \`request.META[header]\` (first comma-separated part,
stripped) with \`secure_value\`. A value that does not unpack raises on every request. One that
never matches makes every request look like plain HTTP: \`SECURE_SSL_REDIRECT\` loops, CSRF checks
fail, and teams switch the protections off. Expecting \`'http'\` is worse: plain-HTTP requests are
treated as secure.

## Example
\`\`\`python
SECURE_PROXY_SSL_HEADER = ("X-Forwarded-Proto", "https")
\`\`\`

Use instead:
\`\`\`python
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
\`\`\`
`,
  },
  check(ctx) {
    const verdict = judgeSetting(ctx, 'SECURE_PROXY_SSL_HEADER', (py) => {
      const p = problemOf(py);
      return p === undefined ? undefined : p !== null;
    });
    if (!verdict) return;
    const problem = problemOf(verdict.option.py);
    if (!problem) return;
    reportSetting(ctx, 'SECURE_PROXY_SSL_HEADER', verdict, { set: problem.id }, problem.data);
  },
});

/**
 * Mirrors HttpRequest.scheme (Django 4.2):
 *   if settings.SECURE_PROXY_SSL_HEADER:
 *       header, secure_value = settings.SECURE_PROXY_SSL_HEADER   # ValueError -> ImproperlyConfigured
 *       header_value = self.META.get(header)
 *       if header_value is not None:
 *           header_value, *_ = header_value.split(",", 1)
 *           return "https" if header_value.strip() == secure_value else "http"
 * null when usable, undefined when undecidable.
 */
function problemOf(py: Py): Problem | null | undefined {
  if (pyTruthy(py) === false) return null; // falsy: Django ignores the setting
  if (typeof py !== 'object' || py === null || py.t === 'bytes' || py.t === 'path') return { id: 'notPair', data: {} };
  if (py.t === 'set' || py.t === 'dict') return { id: 'notPair', data: {} }; // unpacks, but in no reliable order
  if (py.t !== 'list' && py.t !== 'tuple') return undefined;
  if (py.items.length !== 2) return { id: 'notPair', data: {} };
  const [h, v] = py.items;
  if (!isConcrete(h) || !isConcrete(v)) return undefined;
  const header = h.py;
  const secure = v.py;
  if (typeof header !== 'string') return { id: 'notString', data: { part: 'header name' } };
  if (typeof secure !== 'string') return { id: 'notString', data: { part: 'secure value' } };
  const meta = metaKey(header);
  if (meta !== header) return { id: 'headerNotMeta', data: { meta: strRepr(meta), secure: strRepr(secure) } };
  if (secure.toLowerCase() === 'http') return { id: 'inverted', data: {} };
  if (secure === '' || secure.includes(',') || pyStrip(secure) !== secure) return { id: 'valueNeverMatches', data: { secure: strRepr(secure) } };
  if (SCHEME_HEADERS.has(header) && secure !== 'https') return { id: 'valueNotHttps', data: {} };
  return null;
}

/**
 * The request.META key under which a header written as `name` would appear: WSGI servers
 * upper-case header names, turn '-' into '_' and prefix HTTP_. Names that are neither
 * HTTP_-prefixed nor contain '-' are left alone: they may be environ keys set by the server
 * (mod_wsgi's HTTPS = 'on').
 */
function metaKey(name: string): string {
  const upper = name.toUpperCase().replace(/-/g, '_');
  if (upper.startsWith('HTTP_')) return upper;
  return name.includes('-') ? `HTTP_${upper}` : name;
}
