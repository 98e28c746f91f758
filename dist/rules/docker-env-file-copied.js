import { copySources } from '../src/rule-kit/infra-helpers.js';
import { defineRule } from '../src/rule-kit/rule.js';
/** `.env`, `.env.production`, `prod.env`; not the committed examples (`.env.example`, `.env.sample` ...). */
const ENV_FILE = /(^|\/)(\.env(\.[\w-]+)?|[\w-]+\.env)$/;
const EXAMPLE = /[.-](example|sample|template|dist|defaults?)$/i;
export default defineRule({
    code: 'DJS905',
    name: 'docker-env-file-copied',
    level: 'error',
    scope: 'infra',
    meta: {
        summary: 'A Dockerfile copies a .env file into the image',
        description: 'COPY or ADD of a .env file bakes the secrets it holds (SECRET_KEY, database passwords, API keys) into an image layer, where anyone who can pull the image can read them, even if a later layer deletes the file.',
        cwe: ['CWE-538'],
        securitySeverity: '7.5',
        precision: 'very-high',
        messages: {
            copied: '{{instruction}} puts {{source}} into the image: the secrets in it are readable by anyone who can pull the image, even if a later layer deletes it. Pass them at run time (ECS secrets from SSM Parameter Store or Secrets Manager) and list .env in .dockerignore.',
        },
        docs: `
## What it does
Flags \`COPY\` and \`ADD\` instructions of a Dockerfile whose source is an environment file:
\`.env\`, \`.env.production\`, \`prod.env\`. Example files meant to be committed (\`.env.example\`,
\`.env.sample\`, \`.env.template\`, \`.env.dist\`) are not reported, and neither is a copy from
another build stage (\`--from=\`). A \`COPY . .\` that would include a \`.env\` through the build
context is not judged yet (that needs \`.dockerignore\`).

## Why is this bad?
Each instruction of a Dockerfile makes a layer, and layers are kept: \`RUN rm .env\` later hides
the file but leaves it in the image, readable with \`docker save\` by anyone who can pull the
image from the registry. django-environ and python-dotenv read \`.env\` at start-up, so the file
often holds exactly the production \`SECRET_KEY\` and database password.

## Example
\`\`\`dockerfile
FROM python:3.12-slim
COPY .env /app/.env
\`\`\`

Use instead:
\`\`\`dockerfile
FROM python:3.12-slim
# values come from the task definition's environment and secrets at run time
COPY . /app
\`\`\`
`,
    },
    check(ctx) {
        for (const dockerfile of ctx.infra?.dockerfiles ?? []) {
            for (const instruction of dockerfile.instructions) {
                if (instruction.instruction !== 'COPY' && instruction.instruction !== 'ADD')
                    continue;
                const { sources, from } = copySources(instruction);
                if (from !== undefined)
                    continue;
                const source = sources.find((s) => ENV_FILE.test(s) && !EXAMPLE.test(s));
                if (source)
                    ctx.report({ messageId: 'copied', origin: instruction.origin, data: { instruction: instruction.instruction, source } });
            }
        }
    },
});
