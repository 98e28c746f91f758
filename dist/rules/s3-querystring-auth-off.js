import { weakestConfidence } from '../src/rule-kit/django-checks.js';
import { UNASSIGNED, known, pyTruthy } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { judge, member, orElse, show, sourceClause } from '../src/rule-kit/rule-helpers.js';
const S3_BACKEND = /^storages\.backends\.(s3|s3boto3|s3boto)\./;
// Django's own storages and django-storages' other clouds do not read AWS_QUERYSTRING_AUTH.
const OTHER_BACKEND = /^(django\.core\.files\.storage\.|storages\.backends\.(?!s3))/;
/**
 * The storage behind user uploads (default_storage) and its OPTIONS: STORAGES['default'] when
 * STORAGES is set, else DEFAULT_FILE_STORAGE, else Django's FileSystemStorage.
 */
function mediaStorage(ctx) {
    const storages = ctx.get('STORAGES');
    if (storages !== undefined) {
        const media = member(storages, 'default');
        return { backend: member(media, 'BACKEND'), options: member(media, 'OPTIONS') };
    }
    return { backend: ctx.get('DEFAULT_FILE_STORAGE') ?? known('django.core.files.storage.FileSystemStorage'), options: UNASSIGNED };
}
export default defineRule({
    code: 'DJS705',
    name: 's3-querystring-auth-off',
    level: 'warning',
    meta: {
        summary: 'User uploads in S3 are served by unsigned URLs (AWS_QUERYSTRING_AUTH = False)',
        description: "With querystring auth off, django-storages hands out plain S3 URLs for the upload storage. They only work when the objects are public, so every uploaded file can be fetched by anyone who has or guesses its URL, with no expiry.",
        cwe: ['CWE-284'],
        securitySeverity: '5.3',
        precision: 'medium',
        messages: {
            off: "{{setting}} is {{value}}{{source}} while user uploads go to S3 ({{backend}}): django-storages hands out plain, unsigned URLs, which work only if the objects are public, so anyone who has or guesses a URL can read the file, forever. Keep signed URLs (AWS_QUERYSTRING_AUTH = True, with a short AWS_QUERYSTRING_EXPIRE) and turn querystring_auth off only in STORAGES['staticfiles']['OPTIONS'].",
        },
        docs: `
## What it does
Flags \`AWS_QUERYSTRING_AUTH = False\` (or \`querystring_auth: False\` in
\`STORAGES["default"]["OPTIONS"]\`, which overrides it) when user uploads are stored in S3: the
default storage (\`STORAGES["default"]["BACKEND"]\`, or the older \`DEFAULT_FILE_STORAGE\`) is a
django-storages S3 backend, or a project class while \`AWS_STORAGE_BUCKET_NAME\` is set (usually
an \`S3Boto3Storage\` subclass; if yours sets \`querystring_auth = True\` itself, suppress the
finding). Projects that keep only static files in S3 are not reported: static assets are public
by design, and \`STORAGES["staticfiles"]\` is the place to turn signing off.

## Why is this bad?
Signed URLs expire and prove that the application handed them out. Without them django-storages
builds plain \`https://bucket.s3.amazonaws.com/path\` URLs, which only work when the objects are
publicly readable: invoices, ID scans and exports uploaded by users become readable by anyone
who obtains or guesses a link, from a referrer header, a forwarded e-mail or a log, with no way
to revoke it.

## Example
\`\`\`python
STORAGES = {"default": {"BACKEND": "storages.backends.s3.S3Storage"}}
AWS_QUERYSTRING_AUTH = False
\`\`\`

Use instead:
\`\`\`python
STORAGES = {
    "default": {"BACKEND": "storages.backends.s3.S3Storage"},
    "staticfiles": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"querystring_auth": False}},
}
AWS_QUERYSTRING_AUTH = True
AWS_QUERYSTRING_EXPIRE = 300
\`\`\`
`,
    },
    check(ctx) {
        const { backend, options } = mediaStorage(ctx);
        const bucketConfigured = ctx.get('AWS_STORAGE_BUCKET_NAME') !== undefined;
        const onS3 = judge(backend, (py) => (typeof py === 'string' ? S3_BACKEND.test(py) || (!OTHER_BACKEND.test(py) && bucketConfigured) : undefined));
        if (!onS3)
            return;
        const global = ctx.get('AWS_QUERYSTRING_AUTH') ?? known(true);
        const own = member(options, 'querystring_auth');
        // The backend's OPTIONS win over the AWS_* setting; a branch without the option uses the setting.
        const verdict = judge(orElse(own, global), (py) => !pyTruthy(py), global);
        if (!verdict)
            return;
        const setting = own.kind === 'unassigned' ? 'AWS_QUERYSTRING_AUTH' : "STORAGES['default']['OPTIONS']['querystring_auth']";
        ctx.report({
            messageId: 'off',
            value: verdict.value,
            confidence: weakestConfidence(verdict.value, onS3.value),
            data: { setting, value: show(verdict.option.py), backend: show(onS3.option.py), source: sourceClause(verdict.value) },
        });
    },
});
