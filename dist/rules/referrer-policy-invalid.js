import { SECURITY_MIDDLEWARE, hasMiddleware, judgeSetting, pyHashable, pyStrip, reportSetting } from '../src/rule-kit/django-checks.js';
import { isConcrete } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { show } from '../src/rule-kit/rule-helpers.js';
/** django.core.checks.security.base.REFERRER_POLICY_VALUES (Django 4.2). */
const REFERRER_POLICY_VALUES = new Set([
    'no-referrer',
    'no-referrer-when-downgrade',
    'origin',
    'origin-when-cross-origin',
    'same-origin',
    'strict-origin',
    'strict-origin-when-cross-origin',
    'unsafe-url',
]);
const VALID = [...REFERRER_POLICY_VALUES].sort().join(', ');
export default defineRule({
    code: 'DJS311',
    name: 'referrer-policy-invalid',
    level: 'error',
    meta: {
        summary: 'SECURE_REFERRER_POLICY is not a valid Referrer-Policy value',
        description: 'An invalid SECURE_REFERRER_POLICY fails Django\'s deploy check (security.E023), and browsers ignore a Referrer-Policy header they cannot parse, so full URLs may leak to other sites.',
        djangoCheck: 'security.E023',
        cwe: ['CWE-200'],
        securitySeverity: '4.3',
        precision: 'very-high',
        messages: {
            invalid: 'SECURE_REFERRER_POLICY is {{value}}{{source}}: {{bad}}, so Django\'s check fails (security.E023) and browsers ignore the header. Use one or more of: {{valid}} (e.g. "same-origin").',
        },
        docs: `
## What it does
Flags production settings where \`SecurityMiddleware\` is installed and \`SECURE_REFERRER_POLICY\`
holds a value that is not a Referrer-Policy token, exactly as Django's \`check --deploy\` does
(\`security.E023\`): a string is split on commas and each part stripped; any other iterable is
taken item by item, unstripped.

## Why is this bad?
Browsers drop a \`Referrer-Policy\` header whose tokens they do not know and fall back to their
default, which may send full URLs (with tokens in paths or query strings) to other sites. A typo
such as \`'same_origin'\` or \`'strict-origin-when-crossorigin'\` silently disables the protection.

## Example
\`\`\`python
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_REFERRER_POLICY = "same_origin"
\`\`\`

Use instead:
\`\`\`python
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_REFERRER_POLICY = "same-origin"
\`\`\`
`,
    },
    check(ctx) {
        if (hasMiddleware(ctx, SECURITY_MIDDLEWARE) !== true)
            return;
        const verdict = judgeSetting(ctx, 'SECURE_REFERRER_POLICY', (py) => {
            const bad = invalidEntries(py);
            return bad === undefined ? undefined : bad.length > 0;
        });
        if (!verdict)
            return;
        const bad = invalidEntries(verdict.option.py) ?? [];
        const shown = bad.map((b) => show(b)).join(', ');
        const data = { bad: bad.length === 1 ? `${shown} is not a Referrer-Policy value` : `${shown} are not Referrer-Policy values`, valid: VALID };
        reportSetting(ctx, 'SECURE_REFERRER_POLICY', verdict, { set: 'invalid' }, data, [ctx.get('MIDDLEWARE')]);
    },
});
/**
 * The entries Django's check_referrer_policy finds invalid (empty when valid), mirroring:
 *   if value is None: W022 (not this rule)
 *   values = {v.strip() for v in value.split(",")} if isinstance(value, str) else set(value)
 *   if not values <= REFERRER_POLICY_VALUES: E023
 * Undefined when undecidable or when `set(value)` would raise (Django's check then crashes
 * instead of reporting E023).
 */
function invalidEntries(py) {
    if (py === null)
        return [];
    if (typeof py === 'string')
        return py.split(',').map(pyStrip).filter((v) => !REFERRER_POLICY_VALUES.has(v));
    const members = iterableMembers(py);
    if (members === undefined)
        return undefined;
    if (members.some((m) => pyHashable(m) !== true))
        return undefined;
    return members.filter((m) => typeof m !== 'string' || !REFERRER_POLICY_VALUES.has(m));
}
/** What `set(value)` iterates over, for the iterables the model knows. */
function iterableMembers(py) {
    if (typeof py !== 'object' || py === null)
        return undefined; // bool, int, float: not iterable
    if (py.t === 'bytes')
        return [...py.v].map((ch) => BigInt(ch.charCodeAt(0)));
    const values = py.t === 'list' || py.t === 'tuple' || py.t === 'set' ? py.items : py.t === 'dict' ? py.entries.map((e) => e.key) : undefined;
    if (values === undefined || !values.every(isConcrete))
        return undefined;
    return values.map((v) => (isConcrete(v) ? v.py : null));
}
