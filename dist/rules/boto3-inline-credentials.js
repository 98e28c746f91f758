import { isEnvDefault, isHardcoded, stringLeaves } from '../src/rule-kit/credentials.js';
import { weakestConfidence } from '../src/rule-kit/django-checks.js';
import { isConcrete, maskSecret } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { envNames } from '../src/rule-kit/rule-helpers.js';
const CREDENTIALS = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token'];
/** Where the credentials sit positionally: boto3.client/resource(service, region, api_version, use_ssl, verify, endpoint_url, key, secret, token), Session(key, secret, token). */
function positionOf(callee) {
    if (/^boto3\.(session\.)?Session$/.test(callee))
        return 0;
    if (/^boto3\.(client|resource)$/.test(callee))
        return 6;
    return undefined; // setup_default_session(**kwargs) and others: keywords only
}
/** The hardcoded credentials a boto3 call is given (literals, or env defaults). */
function credentialsOf(call) {
    const at = positionOf(call.callee);
    const out = [];
    CREDENTIALS.forEach((name, i) => {
        const arg = call.keywords.get(name) ?? (at === undefined ? undefined : call.positional[at + i]);
        const [leaf] = stringLeaves(arg, (l) => l.steps.length === 0 && l.text !== '' && isHardcoded(l.value));
        if (leaf)
            out.push({ name, text: leaf.text, value: leaf.value });
    });
    return out;
}
const MAX_DEPTH = 8;
/**
 * boto3 calls with hardcoded credentials that a value comes from or contains. Below a oneOf,
 * only when every branch has one (a local-only branch with test keys is not reported).
 */
function callsIn(v, depth = 0) {
    if (v === undefined || depth > MAX_DEPTH)
        return [];
    if (v.kind === 'unknown')
        return v.call && credentialsOf(v.call).length > 0 ? [v.call] : [];
    if (v.kind === 'oneOf') {
        const perBranch = v.options.map((o) => callsIn(o, depth + 1));
        return perBranch.every((calls) => calls.length > 0) ? perBranch.flat() : [];
    }
    if (!isConcrete(v) || typeof v.py !== 'object' || v.py === null)
        return [];
    const py = v.py;
    if (py.t === 'list' || py.t === 'tuple' || py.t === 'set')
        return py.items.flatMap((i) => callsIn(i, depth + 1));
    if (py.t === 'dict')
        return py.entries.flatMap((e) => callsIn(e.value, depth + 1));
    return [];
}
function describe(c) {
    const names = envNames(c.value);
    return `${c.name}=${maskSecret(c.text)}${isEnvDefault(c.value) && names.length > 0 ? ` (the default of ${names.join(', ')})` : ''}`;
}
export default defineRule({
    code: 'DJS210',
    name: 'boto3-inline-credentials',
    level: 'error',
    meta: {
        secret: true,
        summary: 'A boto3 client, resource or session in the settings is given AWS credentials written in the source',
        description: 'boto3.client(..., aws_access_key_id="AKIA...", aws_secret_access_key="...") in settings puts a long-lived AWS key in the code, readable by everyone with the repository, instead of letting boto3 find credentials from the task role, instance profile or environment.',
        cwe: ['CWE-798'],
        securitySeverity: '8.0',
        precision: 'high',
        messages: {
            inline: '{{callee}}() is given AWS credentials written in the source: {{args}}. Anyone who can read the code can use this key. Remove the credential arguments: on AWS (ECS task role, EC2 instance profile, Lambda) boto3 finds credentials itself; elsewhere use the AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY environment variables or a profile. Deactivate this key in IAM.',
        },
        docs: `
## What it does
Flags \`boto3.client(...)\`, \`boto3.resource(...)\`, \`boto3.Session(...)\` (and other \`boto3.*\`
calls) in the settings that are given \`aws_access_key_id\`, \`aws_secret_access_key\` or
\`aws_session_token\` as a string literal, or as the default of an environment lookup, by keyword
or by position. The call is reported where it is written, whether its result is a setting, a
private name, or used inside a helper such as \`get_secret()\` (a client built in \`base.py\` and
used through an imported helper counts). Credentials read from the environment with no default,
or given at deploy time, are not reported. Known gaps: a bare \`boto3.setup_default_session(...)\`
statement whose result is not kept, and credentials passed to \`session.client(...)\` of a session
created without them.

## Why is this bad?
Settings often create a boto3 client at import time, typically to fetch secrets from SSM
Parameter Store or Secrets Manager. Passing an access key to it puts a long-lived IAM user key in
the repository, its history and every clone, which defeats the point of the secret store. boto3
already looks up credentials on its own (environment variables, shared config, the ECS task role,
the EC2 instance profile), so the arguments are not needed.

## Example
\`\`\`python
import boto3

_ssm = boto3.client(
    "ssm",
    aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
    aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
)
\`\`\`

Use instead:
\`\`\`python
import boto3

_ssm = boto3.client("ssm", region_name="eu-west-1")  # credentials from the task role
\`\`\`
`,
    },
    check(ctx) {
        const seen = new Set();
        // Every call the module made, kept in a name or not (a bare statement, a name rebound later,
        // an alias of boto3: the key is in the source), then every name of the module, private ones
        // too (`_ssm = boto3.client(...)` is not a setting).
        const made = ctx.settings.libraryCalls.filter((call) => credentialsOf(call).length > 0);
        for (const calls of [made, ...[...ctx.settings.ns.values()].map((value) => callsIn(value))]) {
            for (const call of calls) {
                const key = `${call.origin.file}:${call.origin.line}:${call.origin.column}`;
                if (seen.has(key))
                    continue;
                seen.add(key);
                const credentials = credentialsOf(call);
                ctx.report({
                    messageId: 'inline',
                    origin: call.origin,
                    confidence: weakestConfidence(...credentials.map((c) => c.value)),
                    data: { callee: call.callee, args: credentials.map(describe).join(', ') },
                });
            }
        }
    },
});
