import { SESSION_MIDDLEWARE, hasInstalledApp, hasMiddleware, judgeSetting, weakestConfidence } from '../src/rule-kit/django-checks.js';
import { pyTruthy } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { show, sourceClause } from '../src/rule-kit/rule-helpers.js';
/**
 * Django's cookie checks test `settings.X is True`: anything but the boolean True fails, even a
 * truthy string such as os.getenv("X", "True"). Objects the model does not describe are not judged.
 */
export function isNotTrue(py) {
    if (typeof py === 'object' && py !== null && (py.t === 'ref' || py.t === 'obj' || py.t === 'func' || py.t === 'bound'))
        return undefined;
    return py !== true;
}
/** How a flag that should be True failed: never set, falsy, or truthy but not the boolean True. */
export function flagProblem(ctx, setting, verdict) {
    if (ctx.get(setting) === undefined)
        return 'unset';
    return pyTruthy(verdict.option.py) === true ? 'notBool' : 'falsy';
}
/**
 * Which of Django's paired session checks fires (check_session_cookie_secure/_httponly): the
 * app-only id when 'django.contrib.sessions' is installed, the middleware-only id when
 * SessionMiddleware is listed, the combined id when both are. Undefined when neither is certain.
 */
export function sessionCheck(ctx, ids) {
    const app = hasInstalledApp(ctx, 'django.contrib.sessions');
    const middleware = hasMiddleware(ctx, SESSION_MIDDLEWARE);
    const dependsOn = [app === true ? ctx.get('INSTALLED_APPS') : undefined, middleware === true ? ctx.get('MIDDLEWARE') : undefined];
    if (app === true && middleware === true)
        return { id: ids.both, dependsOn };
    if (app === true && middleware === false)
        return { id: ids.app, dependsOn };
    if (app === false && middleware === true)
        return { id: ids.middleware, dependsOn };
    if (app === true)
        return { id: `${ids.app} or ${ids.both}`, dependsOn };
    if (middleware === true)
        return { id: `${ids.middleware} or ${ids.both}`, dependsOn };
    return undefined;
}
export default defineRule({
    code: 'DJS401',
    name: 'session-cookie-insecure',
    level: 'warning',
    meta: {
        summary: 'SESSION_COOKIE_SECURE is not True, so the session cookie can travel over plain HTTP',
        description: 'Without SESSION_COOKIE_SECURE = True the browser also sends the session cookie over unencrypted HTTP, where anyone on the network path can copy it and take over the session.',
        // Django reports one of three ids for this check; W012 is the usual one (app and middleware both
        // present). Each message names the exact id that applies.
        djangoCheck: 'security.W012',
        cwe: ['CWE-614'],
        securitySeverity: '6.5',
        precision: 'very-high',
        messages: {
            unset: 'SESSION_COOKIE_SECURE is not set (Django\'s default is False): the session cookie is also sent over plain HTTP, where anyone on the network can steal it and hijack the session. Set SESSION_COOKIE_SECURE = True ({{check}}).',
            falsy: 'SESSION_COOKIE_SECURE is {{value}}{{source}}: the session cookie is also sent over plain HTTP, where anyone on the network can steal it and hijack the session. Set SESSION_COOKIE_SECURE = True ({{check}}).',
            notBool: 'SESSION_COOKIE_SECURE is {{value}}{{source}}, not the boolean True, so Django\'s deploy check reports {{check}}. Cast the value to a bool, e.g. SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True).',
        },
        docs: `
## What it does
Flags production settings where \`SESSION_COOKIE_SECURE\` is not \`True\` while sessions are in use,
exactly as Django's \`check --deploy\` does. Django reports one of three ids, and the message names
the one that applies:
- \`security.W010\`: \`django.contrib.sessions\` is in \`INSTALLED_APPS\`, \`SessionMiddleware\` is not;
- \`security.W011\`: \`SessionMiddleware\` is in \`MIDDLEWARE\`, the app is not;
- \`security.W012\`: both (the usual case, and the rule's \`djangoCheck\`).

Django tests \`SESSION_COOKIE_SECURE is True\`, so a truthy string such as
\`os.getenv("SESSION_COOKIE_SECURE", "True")\` is reported too. Unset, Django's default is \`False\`.

## Why is this bad?
Without the \`Secure\` flag the browser also sends the session cookie over plain HTTP: one request
to \`http://\` (a typed URL, an old link, an injected image) is enough for anyone on the network
path to copy the cookie and take over the session.

## Example
\`\`\`python
INSTALLED_APPS = ["django.contrib.sessions"]
MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]
SESSION_COOKIE_SECURE = False
\`\`\`

Use instead:
\`\`\`python
INSTALLED_APPS = ["django.contrib.sessions"]
MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]
SESSION_COOKIE_SECURE = True
\`\`\`
`,
    },
    check(ctx) {
        const verdict = judgeSetting(ctx, 'SESSION_COOKIE_SECURE', isNotTrue);
        if (!verdict)
            return;
        const check = sessionCheck(ctx, { app: 'security.W010', middleware: 'security.W011', both: 'security.W012' });
        if (!check)
            return;
        const problem = flagProblem(ctx, 'SESSION_COOKIE_SECURE', verdict);
        ctx.report({
            messageId: problem,
            value: verdict.value,
            confidence: weakestConfidence(verdict.value, ...check.dependsOn),
            data: { value: show(verdict.option.py), source: sourceClause(verdict.value), check: check.id },
            // The exact id when it is certain; the rule's usual id when one precondition is undecidable.
            djangoCheck: check.id.includes(' or ') ? undefined : check.id,
        });
    },
});
