import { judgeSetting, reportSetting } from '../src/rule-kit/django-checks.js';
import { defineRule } from '../src/rule-kit/rule.js';
const SIGNED_COOKIES = 'django.contrib.sessions.backends.signed_cookies';
export default defineRule({
    code: 'DJS408',
    name: 'session-signed-cookies',
    level: 'note',
    meta: {
        summary: 'Sessions are stored client-side in signed cookies',
        description: 'With the signed_cookies session engine the whole session lives in the browser: readable by the user (signed, not encrypted), impossible to revoke on the server before it expires, and forgeable by anyone who learns SECRET_KEY.',
        cwe: ['CWE-565'],
        securitySeverity: '3.7',
        precision: 'very-high',
        messages: {
            signed: "SESSION_ENGINE is {{value}}{{source}}: session data is stored in the browser, signed but not encrypted, so users can read it; logging out does not revoke a copied cookie before SESSION_COOKIE_AGE runs out; and a leaked SECRET_KEY lets anyone forge sessions. Keep nothing secret in the session, keep SESSION_COOKIE_AGE short, or use a server-side engine (e.g. 'django.contrib.sessions.backends.cache' with Redis, or the default 'db').",
        },
        docs: `
## What it does
Reports (as a note) production settings whose \`SESSION_ENGINE\` is
\`'django.contrib.sessions.backends.signed_cookies'\`.

## Why is this bad?
The signed-cookie backend keeps the session data itself in the cookie. It is signed with
\`SECRET_KEY\`, not encrypted: the user (and anything that reads the cookie) can decode what is in
it. The server keeps no record, so a session cannot be revoked: a stolen or copied cookie stays
valid until \`SESSION_COOKIE_AGE\` expires, even after the user logs out. Anyone who obtains
\`SECRET_KEY\` can mint sessions for any user, and with a pickle-based serializer (DJS407) that is
remote code execution. It is a trade-off to make deliberately, not a default.

## Example
\`\`\`python
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
\`\`\`

Use instead:
\`\`\`python
SESSION_ENGINE = "django.contrib.sessions.backends.cache"  # or the default, "...backends.db"
\`\`\`
`,
    },
    check(ctx) {
        const verdict = judgeSetting(ctx, 'SESSION_ENGINE', (py) => (typeof py === 'string' ? py === SIGNED_COOKIES : undefined));
        if (!verdict)
            return;
        reportSetting(ctx, 'SESSION_ENGINE', verdict, { set: 'signed' });
    },
});
