import { firstSighting, isEnvDefault, isHardcoded, settingNames, settingPath, stringLeaves } from '../src/rule-kit/credentials.js';
import { maskSecret } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { sourceClause } from '../src/rule-kit/rule-helpers.js';
/** The settings that hold an access key id by name (boto3 and django-storages). */
const AWS_KEY_ID_SETTINGS = ['AWS_ACCESS_KEY_ID', 'AWS_S3_ACCESS_KEY_ID'];
/** An AWS access key id: a 4-letter prefix by key type, then 16 base32 characters. */
const AWS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}(?![A-Z0-9])/;
export default defineRule({
    code: 'DJS208',
    name: 'aws-access-key-literal',
    level: 'error',
    meta: {
        secret: true,
        summary: 'An AWS access key id is written in the settings',
        description: 'AWS_ACCESS_KEY_ID (or any string shaped like an access key id) in the source means an AWS credential lives in the code, and its secret half is usually next to it.',
        cwe: ['CWE-798'],
        securitySeverity: '8.0',
        precision: 'high',
        messages: {
            named: '{{setting}} {{verb}} {{value}}{{source}}: an AWS credential in the source. Remove it: on AWS, give the instance or task an IAM role and let boto3 find credentials; elsewhere read it from the environment with no default. Deactivate this key in IAM.',
            shaped: '{{setting}} contains an AWS access key id, {{value}}{{source}}: an AWS credential in the source. Read it from the environment or use an IAM role, and deactivate this key in IAM.',
        },
        docs: `
## What it does
Flags \`AWS_ACCESS_KEY_ID\` or \`AWS_S3_ACCESS_KEY_ID\` written in the settings (a string literal,
or the default of an environment lookup), and any string in any setting shaped like an AWS
access key id: \`AKIA\`, \`ASIA\`, \`ABIA\`, \`ACCA\` or \`A3T?\` followed by 16 characters of
\`A-Z2-7\`. Keys fetched at run time are not reported.

## Why is this bad?
The access key id alone is not enough to sign requests, but it names a long-lived IAM user key
whose secret half is almost always committed next to it (see DJS209). It also reveals the AWS
account, and it is what secret scanners and attackers search public code for.

## Example
\`\`\`python
AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
\`\`\`

Use instead:
\`\`\`python
import os

AWS_ACCESS_KEY_ID = os.environ["AWS_ACCESS_KEY_ID"]
\`\`\`
`,
    },
    check(ctx) {
        const isNew = firstSighting();
        for (const setting of AWS_KEY_ID_SETTINGS) {
            const ids = stringLeaves(ctx.get(setting), (leaf) => leaf.steps.length === 0 && leaf.text !== '' && isHardcoded(leaf.value));
            for (const leaf of ids) {
                if (!isNew(leaf))
                    continue;
                ctx.report({ messageId: 'named', value: leaf.value, data: { setting, verb: isEnvDefault(leaf.value) ? 'falls back to' : 'is hardcoded as', value: maskSecret(leaf.text), source: sourceClause(leaf.value) } });
            }
        }
        // Key-shaped strings anywhere else: STORAGES options, custom dicts, URLs.
        for (const setting of settingNames(ctx.settings.ns).filter((s) => !AWS_KEY_ID_SETTINGS.includes(s))) {
            const shaped = stringLeaves(ctx.get(setting), (leaf) => AWS_KEY_ID.test(leaf.text) && isHardcoded(leaf.value));
            for (const leaf of shaped) {
                if (!isNew(leaf))
                    continue;
                const keyId = AWS_KEY_ID.exec(leaf.text)[0];
                ctx.report({ messageId: 'shaped', value: leaf.value, data: { setting: settingPath(setting, leaf.steps), value: maskSecret(keyId), source: sourceClause(leaf.value) } });
            }
        }
    },
});
