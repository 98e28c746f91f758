import { known, pyTruthy } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { judge, show, sourceClause } from '../src/rule-kit/rule-helpers.js';
/**
 * django-cors-headers reads its settings as `getattr(settings, NEW, getattr(settings, OLD,
 * default))` (corsheaders/conf.py): the new name wins whenever it is set, even to a safe value.
 * Judges that effective value; branches that leave NEW unassigned fall back to OLD.
 */
export function judgeCorsSetting(ctx, name, legacy, fallback, isInsecure) {
    const current = ctx.get(name);
    const old = ctx.get(legacy);
    const unset = old ?? (ctx.poisoned ? undefined : known(fallback));
    if (current === undefined) {
        const verdict = judge(unset, isInsecure);
        return verdict && { ...verdict, name: legacy };
    }
    const verdict = judge(current, isInsecure, unset);
    return verdict && { ...verdict, name };
}
/** CORS_ALLOW_ALL_ORIGINS (or its old name CORS_ORIGIN_ALLOW_ALL) is truthy, as the middleware tests it. */
export function judgeCorsAllowAll(ctx) {
    return judgeCorsSetting(ctx, 'CORS_ALLOW_ALL_ORIGINS', 'CORS_ORIGIN_ALLOW_ALL', false, (py) => pyTruthy(py));
}
export default defineRule({
    code: 'DJS505',
    name: 'cors-allow-all',
    level: 'warning',
    meta: {
        summary: 'django-cors-headers allows every origin',
        description: 'CORS_ALLOW_ALL_ORIGINS (CORS_ORIGIN_ALLOW_ALL before django-cors-headers 3.5) lets every website read this site\'s responses from its visitors\' browsers, including anything the server returns based on the visitor\'s network position.',
        cwe: ['CWE-942'],
        securitySeverity: '5.3',
        precision: 'very-high',
        messages: {
            allowAll: 'CORS_ALLOW_ALL_ORIGINS is {{value}}{{source}}: django-cors-headers lets every website read this site\'s responses from its visitors\' browsers. List the origins you trust instead, e.g. CORS_ALLOWED_ORIGINS = ["https://app.example.com"].',
            allowAllLegacy: 'CORS_ORIGIN_ALLOW_ALL (the old name of CORS_ALLOW_ALL_ORIGINS) is {{value}}{{source}}: django-cors-headers lets every website read this site\'s responses from its visitors\' browsers. List the origins you trust instead, e.g. CORS_ALLOWED_ORIGINS = ["https://app.example.com"].',
        },
        docs: `
## What it does
Flags \`CORS_ALLOW_ALL_ORIGINS\`, or its old name \`CORS_ORIGIN_ALLOW_ALL\`, when true, literally or
as the default of an environment lookup. As in django-cors-headers, the new name wins when both
are set: \`CORS_ALLOW_ALL_ORIGINS = False\` overrides \`CORS_ORIGIN_ALLOW_ALL = True\`.

## Why is this bad?
With every origin allowed, any website a visitor opens can call this site's endpoints from the
visitor's browser and read the responses. That exposes whatever the server returns based on
where the request comes from (intranet-only data, IP allow-lists) and turns on
\`CORS_ALLOW_CREDENTIALS\` into full account takeover (see DJS506). Public, anonymous APIs are the
rare exception: allow-list the front-ends that call you instead.

## Example
\`\`\`python
CORS_ALLOW_ALL_ORIGINS = True
\`\`\`

Use instead:
\`\`\`python
CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
\`\`\`
`,
    },
    check(ctx) {
        const verdict = judgeCorsAllowAll(ctx);
        if (!verdict)
            return;
        const messageId = verdict.name === 'CORS_ALLOW_ALL_ORIGINS' ? 'allowAll' : 'allowAllLegacy';
        ctx.report({ messageId, value: verdict.value, data: { value: show(verdict.option.py), source: sourceClause(verdict.value) } });
    },
});
