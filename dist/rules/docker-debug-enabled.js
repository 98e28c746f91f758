import { keyValues } from '../src/infra/dockerfile.js';
import { defineRule } from '../src/rule-kit/rule.js';
const DEBUG_NAMES = new Set(['DEBUG', 'DJANGO_DEBUG']);
const TRUTHY = /^(1|true|yes|on|y|t)$/i;
export default defineRule({
    code: 'DJS907',
    name: 'docker-debug-enabled',
    level: 'warning',
    scope: 'infra',
    meta: {
        summary: 'The production Dockerfile sets DEBUG=1 or DJANGO_DEBUG=True in the image',
        description: 'An ENV DEBUG/DJANGO_DEBUG with a true value in the image that ships turns Django debug mode on wherever the settings read it and the deployment does not override it: tracebacks with settings and local variables go to any visitor.',
        cwe: ['CWE-489'],
        securitySeverity: '5.3',
        precision: 'high',
        messages: {
            debug: 'ENV {{name}}={{value}} is baked into the image that ships: wherever the settings read it and the deployment does not override it, Django runs in debug mode. Remove it from the production image and set it only in development (docker-compose, Dockerfile.dev).',
        },
        docs: `
## What it does
Flags \`ENV DEBUG=...\` and \`ENV DJANGO_DEBUG=...\` with a true value (\`1\`, \`true\`, \`True\`,
\`yes\`, \`on\`) in the last build stage (the image that ships) of a Dockerfile whose name does not
say development (\`Dockerfile.dev\`, \`local.Dockerfile\`, \`Dockerfile.test\` are not judged).

## Why is this bad?
Settings that read \`DEBUG = env.bool("DJANGO_DEBUG")\` take the image's value unless the
deployment sets another one, and debug mode shows any visitor full tracebacks with settings and
local variables, serves a list of URL patterns on 404s, and keeps every SQL query in memory.

## Example
\`\`\`dockerfile
FROM python:3.12-slim
ENV DJANGO_DEBUG=True
\`\`\`

Use instead:
\`\`\`dockerfile
FROM python:3.12-slim
ENV DJANGO_DEBUG=False
\`\`\`
`,
    },
    check(ctx) {
        for (const dockerfile of ctx.infra?.dockerfiles ?? []) {
            if (dockerfile.development)
                continue;
            const shipped = dockerfile.stages - 1;
            for (const instruction of dockerfile.instructions) {
                if (instruction.instruction !== 'ENV' || instruction.stage !== shipped)
                    continue;
                for (const { key, value } of keyValues(instruction.args)) {
                    if (DEBUG_NAMES.has(key.toUpperCase()) && value !== undefined && TRUTHY.test(value)) {
                        ctx.report({ messageId: 'debug', origin: instruction.origin, data: { name: key, value } });
                    }
                }
            }
        }
    },
});
