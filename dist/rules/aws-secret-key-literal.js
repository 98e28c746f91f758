import { firstSighting, isEnvDefault, isHardcoded, maskedLeaf, stringLeaves } from '../src/rule-kit/credentials.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { sourceClause } from '../src/rule-kit/rule-helpers.js';
/** django-storages' and boto3's names for the secret half of an AWS credential. */
const AWS_SECRET_SETTINGS = ['AWS_SECRET_ACCESS_KEY', 'AWS_S3_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];
export default defineRule({
    code: 'DJS209',
    name: 'aws-secret-key-literal',
    level: 'error',
    meta: {
        secret: true,
        summary: "An AWS secret access key or session token is written in the settings (a literal, or an environment variable's default)",
        description: 'With the secret access key, anyone who reads the source can act as the AWS principal it belongs to: read and overwrite the S3 buckets, and whatever else its policy allows.',
        cwe: ['CWE-798'],
        securitySeverity: '8.8',
        precision: 'very-high',
        messages: {
            literal: '{{setting}} is hardcoded as {{value}}{{source}}: anyone who can read the source can act as this AWS principal. Remove it: on AWS, give the instance or task an IAM role and let boto3 find credentials; elsewhere read it from the environment. Deactivate this key in IAM.',
            envDefault: '{{setting}} falls back to {{value}}{{source}}: the AWS secret is in the source. Drop the default (or the setting: boto3 reads AWS_SECRET_ACCESS_KEY and IAM roles itself), and deactivate this key in IAM.',
        },
        docs: `
## What it does
Flags \`AWS_SECRET_ACCESS_KEY\`, \`AWS_S3_SECRET_ACCESS_KEY\` (django-storages) or
\`AWS_SESSION_TOKEN\` written in the settings: a string literal, or the default of an
environment lookup. Keys fetched at run time (SSM Parameter Store, Secrets Manager) are not reported.

## Why is this bad?
The secret access key is the password of an AWS identity. Whoever reads it from the repository,
its history or an image can use the identity's permissions: read, replace or delete the media
and static buckets, and anything else its policy allows. Leaked keys are scraped from public
repositories within minutes.

## Example
\`\`\`python
AWS_STORAGE_BUCKET_NAME = "media"
AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
\`\`\`

Use instead:
\`\`\`python
# On AWS, an IAM role for the instance or task: boto3 finds the credentials itself.
AWS_STORAGE_BUCKET_NAME = "media"
\`\`\`
`,
    },
    check(ctx) {
        const isNew = firstSighting();
        for (const setting of AWS_SECRET_SETTINGS) {
            const secrets = stringLeaves(ctx.get(setting), (leaf) => leaf.steps.length === 0 && leaf.text !== '' && isHardcoded(leaf.value));
            for (const leaf of secrets) {
                if (!isNew(leaf))
                    continue;
                ctx.report({ messageId: isEnvDefault(leaf.value) ? 'envDefault' : 'literal', value: leaf.value, data: { setting, value: maskedLeaf(leaf), source: sourceClause(leaf.value) } });
            }
        }
    },
});
