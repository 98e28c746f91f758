import { judgeSetting, weakestConfidence } from '../src/rule-kit/django-checks.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { show, sourceClause } from '../src/rule-kit/rule-helpers.js';
import { flagProblem, isNotTrue, sessionCheck } from './session-cookie-insecure.js';
export default defineRule({
    code: 'DJS402',
    name: 'session-cookie-httponly-off',
    level: 'warning',
    meta: {
        summary: 'SESSION_COOKIE_HTTPONLY is not True, so scripts can read the session cookie',
        description: 'Without the HttpOnly flag, any script running on your pages, including one injected through an XSS bug, can read the session cookie and send it elsewhere, turning a single XSS into a session takeover.',
        // Django reports one of three ids for this check; W015 is the usual one (app and middleware both
        // present). Each message names the exact id that applies.
        djangoCheck: 'security.W015',
        cwe: ['CWE-1004'],
        securitySeverity: '5.4',
        precision: 'very-high',
        messages: {
            falsy: 'SESSION_COOKIE_HTTPONLY is {{value}}{{source}}: scripts on your pages, including injected ones, can read the session cookie and hijack the session. Remove the setting (Django\'s default is True) or set SESSION_COOKIE_HTTPONLY = True ({{check}}).',
            notBool: 'SESSION_COOKIE_HTTPONLY is {{value}}{{source}}, not the boolean True, so Django\'s deploy check reports {{check}}. Remove the setting (Django\'s default is True) or cast it to a bool.',
        },
        docs: `
## What it does
Flags production settings where \`SESSION_COOKIE_HTTPONLY\` is not \`True\` while sessions are in
use, exactly as Django's \`check --deploy\` does. Django reports one of three ids, and the message
names the one that applies:
- \`security.W013\`: \`django.contrib.sessions\` is in \`INSTALLED_APPS\`, \`SessionMiddleware\` is not;
- \`security.W014\`: \`SessionMiddleware\` is in \`MIDDLEWARE\`, the app is not;
- \`security.W015\`: both (the usual case, and the rule's \`djangoCheck\`).

Django's default is \`True\`, so only an explicit assignment is reported; as Django tests
\`SESSION_COOKIE_HTTPONLY is True\`, a truthy string is reported too.

## Why is this bad?
\`HttpOnly\` keeps the session cookie out of \`document.cookie\`. Without it, one cross-site
scripting bug anywhere on the site lets an attacker read the cookie and reuse the session from
their own browser, long after the injected script has gone.

## Example
\`\`\`python
INSTALLED_APPS = ["django.contrib.sessions"]
MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]
SESSION_COOKIE_HTTPONLY = False
\`\`\`

Use instead:
\`\`\`python
INSTALLED_APPS = ["django.contrib.sessions"]
MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]
SESSION_COOKIE_HTTPONLY = True
\`\`\`
`,
    },
    check(ctx) {
        const verdict = judgeSetting(ctx, 'SESSION_COOKIE_HTTPONLY', isNotTrue);
        if (!verdict)
            return;
        const check = sessionCheck(ctx, { app: 'security.W013', middleware: 'security.W014', both: 'security.W015' });
        if (!check)
            return;
        // Django's default is True, so a verdict always comes from an assignment.
        const problem = flagProblem(ctx, 'SESSION_COOKIE_HTTPONLY', verdict);
        ctx.report({
            messageId: problem === 'notBool' ? 'notBool' : 'falsy',
            value: verdict.value,
            confidence: weakestConfidence(verdict.value, ...check.dependsOn),
            data: { value: show(verdict.option.py), source: sourceClause(verdict.value), check: check.id },
            // The exact id when it is certain; the rule's usual id when one precondition is undecidable.
            djangoCheck: check.id.includes(' or ') ? undefined : check.id,
        });
    },
});
