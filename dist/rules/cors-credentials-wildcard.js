import { weakestConfidence } from '../src/rule-kit/django-checks.js';
import { isConcrete, known, pyTruthy } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { judge, seqItems, show, sourceClause } from '../src/rule-kit/rule-helpers.js';
import { judgeCorsAllowAll } from './cors-allow-all.js';
import { pythonRegex } from '../src/rule-kit/python-regex.js';
// Origins no allow-list should accept. django-cors-headers tests regexes with re.match, which
// anchors at the start only; a pattern that accepts both is a catch-all ('.*', '^https?://.*$').
const ATTACKER_ORIGINS = ['https://attacker.example', 'https://evil-site.net'];
/** True when a Python regex accepts any origin; undefined when it cannot be translated. */
export function isCatchAllRegex(pattern) {
    const regex = pythonRegex(pattern, 'match');
    if (!regex)
        return undefined;
    return ATTACKER_ORIGINS.every((origin) => {
        regex.lastIndex = 0;
        return regex.test(origin);
    });
}
/** Catch-all entries of a regex list on every possible value (a oneOf only when every branch has one). */
function catchAlls(value, fallback) {
    if (value === undefined)
        return undefined;
    const options = value.kind === 'oneOf' ? value.options : [value];
    const found = [];
    for (const raw of options) {
        const option = raw.kind === 'unassigned' ? fallback : raw;
        if (!option || !isConcrete(option))
            return undefined;
        const here = [];
        for (const item of seqItems(option.py) ?? []) {
            const verdict = judge(item, (py) => (typeof py === 'string' ? isCatchAllRegex(py) : undefined));
            if (verdict && item.kind !== 'unassigned')
                here.push({ option: verdict.option, origin: item.origin ?? verdict.option.origin, value: value.kind === 'known' ? item : value });
        }
        if (here.length === 0)
            return undefined;
        found.push(...here);
    }
    return found;
}
export default defineRule({
    code: 'DJS506',
    name: 'cors-credentials-wildcard',
    level: 'error',
    meta: {
        summary: 'django-cors-headers allows credentials for every origin',
        description: 'With CORS_ALLOW_CREDENTIALS and every origin allowed (CORS_ALLOW_ALL_ORIGINS, or a catch-all regex), django-cors-headers echoes any Origin back with Access-Control-Allow-Credentials: true, so any website can act as the logged-in user and read the responses.',
        cwe: ['CWE-942'],
        securitySeverity: '8.1',
        precision: 'very-high',
        messages: {
            allowAll: '{{name}} is {{value}}{{source}} while CORS_ALLOW_CREDENTIALS is {{credentials}}{{credentialsSource}}: django-cors-headers echoes every Origin back with Access-Control-Allow-Credentials, so any website can send requests with your users\' cookies and read the responses. List trusted origins in CORS_ALLOWED_ORIGINS, or turn CORS_ALLOW_CREDENTIALS off.',
            regex: "{{name}} entry {{pattern}}{{source}} matches any origin while CORS_ALLOW_CREDENTIALS is {{credentials}}{{credentialsSource}}: any website can send requests with your users' cookies and read the responses. Anchor the pattern to your own domains, e.g. r'^https://([a-z0-9-]+\\.)?example\\.com$', or list exact origins in CORS_ALLOWED_ORIGINS.",
        },
        docs: `
## What it does
Flags \`CORS_ALLOW_CREDENTIALS = True\` together with every origin allowed: \`CORS_ALLOW_ALL_ORIGINS\`
(or its old name \`CORS_ORIGIN_ALLOW_ALL\`) true, or a catch-all pattern such as \`r".*"\`,
\`r"^.*$"\` or \`r"^https?://.*$"\` in \`CORS_ALLOWED_ORIGIN_REGEXES\` (old name
\`CORS_ORIGIN_REGEX_WHITELIST\`). A pattern counts as a catch-all when it accepts unrelated
\`https://\` origins the way django-cors-headers tests it (\`re.match\`). Environment defaults
count; a branch counts only when every branch allows it.

## Why is this bad?
Browsers refuse \`Access-Control-Allow-Origin: *\` with credentials, so django-cors-headers echoes
the request's \`Origin\` instead. Any website a logged-in user visits can then send requests that
carry the session cookie and read the responses: the same-origin policy no longer protects the
user's data, and state-changing API calls that rely on CORS are open too.

## Example
\`\`\`python
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = True
\`\`\`

Use instead:
\`\`\`python
CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
CORS_ALLOW_CREDENTIALS = True
\`\`\`
`,
    },
    check(ctx) {
        const credentials = judge(ctx.get('CORS_ALLOW_CREDENTIALS'), (py) => pyTruthy(py), known(false));
        if (!credentials)
            return;
        const about = (verdict) => ({ credentials: show(credentials.option.py), credentialsSource: sourceClause(credentials.value), source: sourceClause(verdict.value) });
        const allowAll = judgeCorsAllowAll(ctx);
        if (allowAll) {
            ctx.report({
                messageId: 'allowAll',
                value: allowAll.value,
                confidence: weakestConfidence(allowAll.value, credentials.value),
                data: { ...about(allowAll), name: allowAll.name, value: show(allowAll.option.py) },
            });
            return; // with every origin allowed, the regexes are never consulted
        }
        // getattr(settings, 'CORS_ALLOWED_ORIGIN_REGEXES', getattr(settings, 'CORS_ORIGIN_REGEX_WHITELIST', ()))
        const current = ctx.get('CORS_ALLOWED_ORIGIN_REGEXES');
        const legacy = ctx.get('CORS_ORIGIN_REGEX_WHITELIST');
        const name = current !== undefined ? 'CORS_ALLOWED_ORIGIN_REGEXES' : 'CORS_ORIGIN_REGEX_WHITELIST';
        for (const hit of catchAlls(current ?? legacy, current !== undefined ? legacy : undefined) ?? []) {
            ctx.report({
                messageId: 'regex',
                value: hit.value,
                origin: hit.origin,
                confidence: weakestConfidence(hit.value, credentials.value),
                data: { ...about({ option: hit.option, value: hit.value }), name, pattern: show(hit.option.py) },
            });
        }
    },
});
