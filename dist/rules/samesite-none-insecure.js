import { judgeSetting, reportSetting } from '../src/rule-kit/django-checks.js';
import { pyTruthy } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { show, sourceClause } from '../src/rule-kit/rule-helpers.js';
/** The cookies Django sets with a SameSite setting, each with the setting that makes it Secure. */
const COOKIES = [
    { name: 'session', samesite: 'SESSION_COOKIE_SAMESITE', secure: 'SESSION_COOKIE_SECURE' },
    { name: 'CSRF', samesite: 'CSRF_COOKIE_SAMESITE', secure: 'CSRF_COOKIE_SECURE' },
    { name: 'language', samesite: 'LANGUAGE_COOKIE_SAMESITE', secure: 'LANGUAGE_COOKIE_SECURE' },
];
/** The string 'None' (any case, as Django accepts it), not Python's None, which omits the attribute. */
const isSameSiteNone = (py) => (typeof py === 'string' ? py.toLowerCase() === 'none' : py === null ? false : undefined);
export default defineRule({
    code: 'DJS406',
    name: 'samesite-none-insecure',
    level: 'warning',
    meta: {
        summary: "A cookie is SameSite='None' without its matching *_SECURE = True",
        description: "SameSite=None asks browsers to send the cookie on cross-site requests; without Secure, current browsers reject the cookie outright and older ones send it cross-site over plain HTTP.",
        cwe: ['CWE-1275'],
        securitySeverity: '5.4',
        precision: 'very-high',
        messages: {
            insecure: "{{setting}} is {{value}}{{source}} but {{secureSetting}} {{secureState}}: current browsers reject a SameSite=None cookie without Secure, so the {{cookie}} cookie is dropped, and older browsers send it on cross-site requests over plain HTTP. Set {{secureSetting}} = True, or use 'Lax' unless the cookie really must travel in cross-site requests (embeds, third-party iframes).",
        },
        docs: `
## What it does
Flags production settings where \`SESSION_COOKIE_SAMESITE\`, \`CSRF_COOKIE_SAMESITE\` or
\`LANGUAGE_COOKIE_SAMESITE\` is the string \`'None'\` while the matching \`SESSION_COOKIE_SECURE\`,
\`CSRF_COOKIE_SECURE\` or \`LANGUAGE_COOKIE_SECURE\` is not true (unset counts: Django's default is
False). The CSRF cookie is skipped when \`CSRF_USE_SESSIONS\` is on. Python's \`None\`, which leaves
the attribute out, is not reported.

## Why is this bad?
\`SameSite=None\` opts the cookie out of the browser's cross-site protection: it is sent with
requests other sites trigger, which is what CSRF defences rely on not happening. Browsers only
accept that together with \`Secure\`: Chrome, Firefox and Safari reject a \`SameSite=None\` cookie
without it, so logins or CSRF checks break in ways that invite weaker workarounds, and older
browsers send the cookie cross-site over plain HTTP, where it can be read or replaced.

## Example
\`\`\`python
SESSION_COOKIE_SAMESITE = "None"
SESSION_COOKIE_SECURE = False
\`\`\`

Use instead:
\`\`\`python
SESSION_COOKIE_SAMESITE = "None"  # only if the session must work inside third-party iframes
SESSION_COOKIE_SECURE = True
\`\`\`
`,
    },
    check(ctx) {
        for (const cookie of COOKIES) {
            // CsrfViewMiddleware keeps the token in the session instead of a cookie.
            if (cookie.name === 'CSRF' && !judgeSetting(ctx, 'CSRF_USE_SESSIONS', (py) => pyTruthy(py) === false))
                continue;
            // Unassigned LANGUAGE_COOKIE_SAMESITE is None (not in the defaults table: unknown, silent).
            const samesite = judgeSetting(ctx, cookie.samesite, isSameSiteNone);
            if (!samesite)
                continue;
            // HttpResponse.set_cookie(secure=settings.X_COOKIE_SECURE or None): truthiness.
            const secure = judgeSetting(ctx, cookie.secure, (py) => pyTruthy(py) === false);
            if (!secure)
                continue;
            const assigned = ctx.get(cookie.secure);
            const secureState = assigned === undefined ? "is not set (Django's default is False)" : `is ${show(secure.option.py)}${sourceClause(assigned)}`;
            reportSetting(ctx, cookie.samesite, samesite, { set: 'insecure' }, { setting: cookie.samesite, secureSetting: cookie.secure, secureState, cookie: cookie.name }, [secure.value]);
        }
    },
});
