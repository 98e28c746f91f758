import { SECURITY_MIDDLEWARE, hasMiddleware, judgeSetting, weakestConfidence } from '../src/rule-kit/django-checks.js';
import { isConcrete, pyTruthy } from '../src/model/values.js';
import { matchesAll } from '../src/rule-kit/python-regex.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { judge, seqItems, show, sourceClause } from '../src/rule-kit/rule-helpers.js';
/**
 * Paths as SecurityMiddleware tests them (request.path with the leading '/' stripped). A pattern
 * that re.search-matches all of them exempts, in practice, the whole site.
 */
const PROBE_PATHS = ['admin/login/', 'accounts/password/reset/', 'api/v1/orders/42/', 'checkout/pay', 'x'];
const isCatchAll = (pattern) => matchesAll(pattern, 'search', PROBE_PATHS);
/** Catch-all patterns on every possible value (a oneOf only when every branch has one). */
function catchAlls(value) {
    if (value === undefined)
        return undefined;
    const found = [];
    for (const option of value.kind === 'oneOf' ? value.options : [value]) {
        if (!isConcrete(option))
            return undefined; // unknown, or unassigned: Django's default [] is fine
        const here = [];
        if (typeof option.py === 'string') {
            const char = [...option.py].find((c) => isCatchAll(c) === true);
            if (char !== undefined)
                here.push({ pattern: char, whole: option.py, origin: option.origin, value });
        }
        for (const item of seqItems(option.py) ?? []) {
            const verdict = judge(item, (py) => (typeof py === 'string' ? isCatchAll(py) : undefined));
            if (verdict && typeof verdict.option.py === 'string') {
                here.push({ pattern: verdict.option.py, origin: item.kind === 'unassigned' ? undefined : item.origin ?? verdict.option.origin, value: value.kind === 'known' ? item : value });
            }
        }
        if (here.length === 0)
            return undefined;
        found.push(...here);
    }
    return found;
}
export default defineRule({
    code: 'DJS315',
    name: 'ssl-redirect-exempt-broad',
    level: 'warning',
    meta: {
        summary: 'SECURE_REDIRECT_EXEMPT has a pattern that matches every path',
        description: 'SecurityMiddleware skips the HTTPS redirect for paths matching any SECURE_REDIRECT_EXEMPT pattern (re.search). A catch-all pattern such as r".*", r"^" or r"" exempts the whole site, silently undoing SECURE_SSL_REDIRECT.',
        cwe: ['CWE-319'],
        securitySeverity: '5.9',
        precision: 'very-high',
        messages: {
            catchAll: 'SECURE_REDIRECT_EXEMPT entry {{pattern}}{{source}} matches every path (Django tests it with re.search on the path without its leading slash), so SECURE_SSL_REDIRECT redirects nothing and the site stays reachable over plain HTTP. Exempt only what must stay on HTTP, anchored at both ends, e.g. r"^healthz/$".',
            notAList: 'SECURE_REDIRECT_EXEMPT is a str, {{whole}}{{source}}: Django iterates it character by character and compiles each as a pattern, and {{pattern}} matches every path, so SECURE_SSL_REDIRECT redirects nothing. Make it a list: SECURE_REDIRECT_EXEMPT = [{{whole}}].',
        },
        docs: `
## What it does
Flags production settings where \`SECURE_SSL_REDIRECT\` is on and \`SECURE_REDIRECT_EXEMPT\`
contains a pattern that matches every path: \`r".*"\`, \`r"^"\`, \`r""\`, \`r"$"\`, \`r".+"\`,
\`r"[a-z]"\` and the like, judged the way \`SecurityMiddleware\` applies it (\`re.search\` on
\`request.path\` without its leading slash). A \`str\` instead of a list is reported too: Django
then compiles each character as a pattern, and \`^\`, \`$\` or \`.\` among them matches everything.

## Why is this bad?
\`SECURE_REDIRECT_EXEMPT\` exists for the few URLs that must answer over plain HTTP, such as a
load balancer's health check. A pattern that matches every path switches the HTTPS redirect off
for the whole site while \`SECURE_SSL_REDIRECT = True\` suggests it is on: logins and forms can be
submitted over plain HTTP, and cookies without \`Secure\` travel in clear text.

## Example
\`\`\`python
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_SSL_REDIRECT = True
SECURE_REDIRECT_EXEMPT = [r".*"]
\`\`\`

Use instead:
\`\`\`python
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_SSL_REDIRECT = True
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
\`\`\`
`,
    },
    check(ctx) {
        // SecurityMiddleware.process_request: redirect when SECURE_SSL_REDIRECT and no exempt pattern
        // re.search-matches request.path.lstrip('/'); without the redirect there is nothing to exempt.
        if (hasMiddleware(ctx, SECURITY_MIDDLEWARE) !== true)
            return;
        const redirect = judgeSetting(ctx, 'SECURE_SSL_REDIRECT', (py) => pyTruthy(py) === true);
        if (!redirect)
            return;
        for (const hit of catchAlls(ctx.get('SECURE_REDIRECT_EXEMPT')) ?? []) {
            ctx.report({
                messageId: hit.whole === undefined ? 'catchAll' : 'notAList',
                value: hit.value,
                origin: hit.origin,
                confidence: weakestConfidence(hit.value, redirect.value, ctx.get('MIDDLEWARE')),
                data: { pattern: show(hit.pattern), whole: hit.whole === undefined ? '' : show(hit.whole), source: sourceClause(hit.value) },
            });
        }
    },
});
