import { SECRET_KEY_MIN_LENGTH, joinReasons, secretKeyWeakness } from '../src/rule-kit/credentials.js';
import { judgeSetting } from '../src/rule-kit/django-checks.js';
import { maskSecret, pyRepr, pyTruthy } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { envNames, sourceClause } from '../src/rule-kit/rule-helpers.js';
/**
 * Django 4.2's check_secret_key: reading settings.SECRET_KEY raises ImproperlyConfigured when the
 * value is falsy (W009), else _check_secret_key() judges its strength. Undefined where the check
 * itself would raise (a non-string key): Django reports no W009 then, so neither do we.
 */
function rejected(py) {
    if (pyTruthy(py) === false)
        return true;
    const reasons = secretKeyWeakness(py);
    return reasons === undefined ? undefined : reasons.length > 0;
}
function masked(py) {
    if (typeof py === 'string')
        return py === '' ? "''" : maskSecret(py);
    if (typeof py === 'object' && py !== null && py.t === 'bytes')
        return 'b' + maskSecret(py.v);
    return pyRepr(py);
}
export default defineRule({
    code: 'DJS202',
    name: 'secret-key-weak',
    level: 'error',
    meta: {
        secret: true,
        summary: 'SECRET_KEY is missing, empty, short, low in variety, or a startproject development key',
        description: "Mirrors Django's security.W009: a SECRET_KEY shorter than 50 characters, with fewer than 5 distinct characters, or starting with 'django-insecure-' can be guessed or is already public.",
        djangoCheck: 'security.W009',
        cwe: ['CWE-326'],
        securitySeverity: '8.1',
        precision: 'very-high',
        messages: {
            missing: `SECRET_KEY is not set: Django refuses to sign anything without it (security.W009). Set it from the environment, e.g. SECRET_KEY = os.environ["DJANGO_SECRET_KEY"], with at least ${SECRET_KEY_MIN_LENGTH} random characters.`,
            required: `SECRET_KEY is {{value}}{{source}} (security.W009): Django refuses to start without it (ImproperlyConfigured), so this fails closed; make sure every deployment sets {{envVar}}, or require it explicitly with os.environ["{{envVar}}"] for a clearer error.`,
            empty: `SECRET_KEY is {{value}}{{source}} (security.W009): Django raises ImproperlyConfigured wherever it needs the key (sessions, password reset, signing). Require the variable instead, e.g. SECRET_KEY = os.environ["{{envVar}}"], so a missing key stops the deployment at start-up.`,
            weak: `SECRET_KEY {{value}}{{source}} {{reasons}} (security.W009): a short or low-variety key can be guessed, and a 'django-insecure-' key is the development key. Generate a long random key (django.core.management.utils.get_random_secret_key()) and read it from the environment.`,
        },
        docs: `
## What it does
Flags a \`SECRET_KEY\` that Django's \`check --deploy\` rejects (\`security.W009\`): unset or empty,
shorter than ${SECRET_KEY_MIN_LENGTH} characters, made of fewer than 5 distinct characters, or starting with
\`django-insecure-\` (the key \`startproject\` writes for development). Environment defaults are
judged as Django would see them with the variable unset; a key that must come from the
environment (\`os.environ["DJANGO_SECRET_KEY"]\`) or is fetched at run time is not judged.

## Why is this bad?
Every signature Django makes (sessions, password-reset tokens, signed cookies, CSRF-related
values) is only as strong as the key. A short or repetitive key can be brute-forced offline from
one signed value; a \`django-insecure-\` key was generated for a development checkout and has
usually been committed.

## Example
\`\`\`python
SECRET_KEY = "django-insecure-7x!k2q@w7e#r5t^y6u&i3o*p9a(s0d)f-g_h+j=k4l~zq"
\`\`\`

Use instead:
\`\`\`python
import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
\`\`\`
`,
    },
    check(ctx) {
        const verdict = judgeSetting(ctx, 'SECRET_KEY', rejected);
        if (!verdict)
            return;
        if (ctx.get('SECRET_KEY') === undefined) {
            ctx.report({ messageId: 'missing' });
            return;
        }
        const py = verdict.option.py;
        if (pyTruthy(py) === false) {
            const envVar = envNames(verdict.value)[0] ?? 'DJANGO_SECRET_KEY';
            // An environment lookup with no usable default fails closed: Django refuses to run without
            // the variable, so no deployment signs with a known key. A note, not an error.
            const failsClosed = verdict.value.kind === 'env';
            ctx.report({ messageId: failsClosed ? 'required' : 'empty', value: verdict.value, data: { value: masked(py), source: sourceClause(verdict.value), envVar }, ...(failsClosed ? { level: 'note' } : {}) });
            return;
        }
        ctx.report({
            messageId: 'weak',
            value: verdict.value,
            data: { value: masked(py), source: sourceClause(verdict.value), reasons: joinReasons(secretKeyWeakness(py) ?? []) },
        });
    },
});
