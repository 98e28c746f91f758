import { UNASSIGNED } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { dictKeys, judge, member, show, sourceClause } from '../src/rule-kit/rule-helpers.js';
/**
 * Canned ACLs that let people outside the account read objects. authenticated-read is included:
 * its grantee, AuthenticatedUsers, is every AWS account in the world, not only yours.
 */
const PUBLIC_ACLS = {
    'public-read': 'anyone on the internet',
    'public-read-write': 'anyone on the internet',
    'authenticated-read': 'anyone with any AWS account (AuthenticatedUsers is every AWS account, not only yours)',
};
const publicAcl = (py) => (typeof py === 'string' ? py.toLowerCase() in PUBLIC_ACLS : undefined);
export default defineRule({
    code: 'DJS704',
    name: 's3-public-acl',
    level: 'warning',
    meta: {
        summary: 'django-storages uploads S3 objects with a public canned ACL',
        description: 'With AWS_DEFAULT_ACL or AWS_S3_OBJECT_PARAMETERS["ACL"] set to public-read (or public-read-write, authenticated-read), every file django-storages writes, user uploads included, can be fetched by anyone who learns or guesses its URL.',
        cwe: ['CWE-732'],
        securitySeverity: '6.5',
        precision: 'high',
        messages: {
            publicAcl: "{{setting}} is {{acl}}{{source}}: every object django-storages uploads with it, user uploads included, is readable by {{who}}. Remove it (objects then follow the bucket's private default) and hand out signed URLs (AWS_QUERYSTRING_AUTH = True) or serve through CloudFront with origin access control; if only static files must be public, set default_acl in STORAGES['staticfiles']['OPTIONS'] alone.",
        },
        docs: `
## What it does
Flags production settings where django-storages uploads objects with a public canned ACL:
\`AWS_DEFAULT_ACL\`, \`AWS_S3_OBJECT_PARAMETERS["ACL"]\`, or the \`default_acl\` /
\`object_parameters["ACL"]\` options of a \`STORAGES\` backend, set to \`public-read\`,
\`public-read-write\` or \`authenticated-read\` (whose grantee is every AWS account, not just
yours). \`STORAGES["staticfiles"]\` is not reported: static assets are public by design.

## Why is this bad?
\`AWS_DEFAULT_ACL\` and \`AWS_S3_OBJECT_PARAMETERS\` apply to every S3 storage, including the one
holding user uploads: invoices, ID scans, exports. With a public ACL each object can be read by
anyone who has or guesses its URL, with no expiry and no log of who asked. Since django-storages
1.10 the default is \`None\`: objects inherit the bucket's (private) settings. Buckets created
since April 2023 have ACLs disabled, so uploads with an ACL fail there; on older buckets they
silently succeed.

## Example
\`\`\`python
AWS_STORAGE_BUCKET_NAME = "acme-uploads"
AWS_DEFAULT_ACL = "public-read"
\`\`\`

Use instead:
\`\`\`python
AWS_STORAGE_BUCKET_NAME = "acme-uploads"
AWS_DEFAULT_ACL = None  # the bucket's private default; files are served with signed URLs
AWS_QUERYSTRING_AUTH = True
\`\`\`
`,
    },
    check(ctx) {
        const candidates = [
            { setting: 'AWS_DEFAULT_ACL', value: ctx.get('AWS_DEFAULT_ACL') ?? UNASSIGNED },
            { setting: "AWS_S3_OBJECT_PARAMETERS['ACL']", value: member(ctx.get('AWS_S3_OBJECT_PARAMETERS'), 'ACL') },
        ];
        const storages = ctx.get('STORAGES');
        for (const alias of dictKeys(storages).filter((a) => a !== 'staticfiles')) {
            const options = member(member(storages, alias), 'OPTIONS');
            candidates.push({ setting: `STORAGES['${alias}']['OPTIONS']['default_acl']`, value: member(options, 'default_acl') }, { setting: `STORAGES['${alias}']['OPTIONS']['object_parameters']['ACL']`, value: member(member(options, 'object_parameters'), 'ACL') });
        }
        for (const { setting, value } of candidates) {
            const verdict = judge(value, publicAcl);
            if (!verdict || typeof verdict.option.py !== 'string')
                continue;
            ctx.report({
                messageId: 'publicAcl',
                value: verdict.value,
                data: { setting, acl: show(verdict.option.py), who: PUBLIC_ACLS[verdict.option.py.toLowerCase()], source: sourceClause(verdict.value) },
            });
        }
    },
});
