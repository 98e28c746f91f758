import { keyValues } from '../src/infra/dockerfile.js';
import { maskSecret } from '../src/model/values.js';
import { isSecretName } from '../src/rule-kit/secrets.js';
import { defineRule } from '../src/rule-kit/rule.js';
/** Names that look like secrets but hold public material (the official Python image's GPG_KEY fingerprint). */
const PUBLIC_NAME = /(^GPG_KEY$|PUBLIC|_KEY_ID$|_FILE$|_PATH$)/i;
const AWS_KEY_ID = /^AWS_ACCESS_KEY_ID$/i;
export default defineRule({
    code: 'DJS906',
    name: 'docker-secret-in-env',
    level: 'error',
    scope: 'infra',
    meta: {
        summary: 'A Dockerfile ENV or ARG carries a secret (SECRET_KEY, a password, an AWS key)',
        description: 'ENV values are stored in the image configuration and ARG values in its build history: a SECRET_KEY, password or AWS key set there is readable by anyone who can pull the image (docker inspect, docker history).',
        cwe: ['CWE-798'],
        securitySeverity: '7.5',
        precision: 'high',
        secret: true,
        messages: {
            env: '{{instruction}} {{name}} = {{masked}} is stored in the image ({{where}}): anyone who can pull it can read the secret. Pass it at run time instead (ECS secrets from SSM Parameter Store or Secrets Manager).',
            buildArg: 'ARG {{name}} takes a secret at build time: build arguments are recorded in the image history (docker history). Use a BuildKit secret mount (RUN --mount=type=secret) or pass the value at run time.',
        },
        docs: `
## What it does
Flags Dockerfile \`ENV\` instructions that set a secret-looking variable (\`SECRET_KEY\`,
\`DJANGO_SECRET_KEY\`, \`*_PASSWORD\`, \`*_TOKEN\`, \`AWS_SECRET_ACCESS_KEY\`, \`AWS_ACCESS_KEY_ID\`
...), and \`ARG\` instructions of such a name, with a default (an error) or without one (a note: the
value passed with \`--build-arg\` is still recorded). Names that hold public material (\`GPG_KEY\`,
the key fingerprint of the official Python images, \`*_PUBLIC_*\`, \`*_FILE\`) are not reported.
Values are masked in the message.

## Why is this bad?
\`ENV\` values are part of the image configuration (\`docker inspect\`) and \`ARG\` values of its
history (\`docker history\`). Whoever can pull the image — a CI job, a developer laptop, an
attacker with registry read access — holds the production \`SECRET_KEY\` (forge sessions, password
reset links) or the AWS key. \`ENV SECRET_KEY=$SECRET_KEY\` bakes the build argument in just the same.

## Example
\`\`\`dockerfile
FROM python:3.12-slim
ENV DJANGO_SECRET_KEY=s3cr3t-value-from-my-laptop
\`\`\`

Use instead:
\`\`\`dockerfile
FROM python:3.12-slim
# DJANGO_SECRET_KEY comes from the task definition's secrets (SSM Parameter Store) at run time
\`\`\`
`,
    },
    check(ctx) {
        for (const dockerfile of ctx.infra?.dockerfiles ?? []) {
            for (const instruction of dockerfile.instructions) {
                if (instruction.instruction !== 'ENV' && instruction.instruction !== 'ARG')
                    continue;
                for (const { key, value } of keyValues(instruction.args)) {
                    if (!(isSecretName(key) || AWS_KEY_ID.test(key)) || (PUBLIC_NAME.test(key) && !AWS_KEY_ID.test(key)))
                        continue;
                    if (instruction.instruction === 'ARG' && (value === undefined || value === '')) {
                        ctx.report({ messageId: 'buildArg', origin: instruction.origin, data: { name: key }, level: 'note' });
                    }
                    else if (value !== undefined && value !== '') {
                        const where = instruction.instruction === 'ENV' ? 'docker inspect shows it' : 'docker history shows it';
                        ctx.report({ messageId: 'env', origin: instruction.origin, data: { instruction: instruction.instruction, name: key, masked: maskSecret(value), where } });
                    }
                }
            }
        }
    },
});
