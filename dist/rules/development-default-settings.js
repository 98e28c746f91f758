import { defineRule } from '../src/rule-kit/rule.js';
export default defineRule({
    code: 'DJS007',
    name: 'development-default-settings',
    level: 'warning',
    // Once a run: the default is a fact of the deployment, not of any one entry's settings.
    scope: 'infra',
    meta: {
        summary: "wsgi.py/asgi.py's default DJANGO_SETTINGS_MODULE, or the settings switch it runs, picks development settings",
        description: 'The DJANGO_SETTINGS_MODULE default in wsgi.py or asgi.py is what a server runs when the deployment does not set the variable; a settings switch (settings/__init__.py importing one module or another by an environment variable) picks its default branch when the variable is unset. When either lands on development or test settings (DEBUG on, a throwaway SECRET_KEY), forgetting the variable once deploys them.',
        cwe: ['CWE-1188'],
        securitySeverity: '5.0',
        precision: 'high',
        messages: {
            fallback: 'The default DJANGO_SETTINGS_MODULE here, {{module}}, is not production settings ({{reason}}): a server started without the variable runs them. Make the default the production module, e.g. os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings.production"), and set the variable where you develop (manage.py may keep the local default).',
            configuration: 'The default DJANGO_CONFIGURATION here, {{module}}, is a development class ({{reason}}) of the settings this server runs: a server started without the variable runs it. Make the default the production class, e.g. os.environ.setdefault("DJANGO_CONFIGURATION", "Production"), and set the variable where you develop.',
            switch: 'With every environment variable unset, this switch picks {{module}} ({{reason}}), and the deployment runs the switch: a server started without the variable runs development settings. Make the default branch pick the production module (or require the variable, e.g. os.environ["DJANGO_ENV"]), and set the variable where you develop.',
        },
        docs: `
## What it does
Reports a \`wsgi.py\` or \`asgi.py\` whose \`os.environ.setdefault("DJANGO_SETTINGS_MODULE", ...)\`
names a module that djsec skips as development, test or build-only settings (by its name, or
because a compose dev service, a build step or a test configuration names it). The finding points
at the \`setdefault\` line. djsec reads the default from the project's files as text; the rule
needs a project (a folder), not a single module.

It also reports a settings *switch* that the deployment runs (wsgi.py's default or deploy
configuration names it) when, with every environment variable unset, the switch imports
development settings (\`if os.environ.get("DJANGO_ENV", "development") == "production": ...
else: from .development import *\`). The finding points at that import. A switch whose condition
cannot be decided is not reported. With django-configurations, a \`wsgi.py\`/\`asgi.py\` whose
\`DJANGO_CONFIGURATION\` default names a development class (\`Local\`, \`Dev\`) of the deployed
settings module is reported the same way.

## Why is this bad?
The default applies whenever the variable is missing: a new host, a container started by hand, a
process manager whose environment was not copied. The server then starts with development
settings (\`DEBUG = True\`, a development \`SECRET_KEY\`, \`ALLOWED_HOSTS = ["*"]\`) and nothing fails
loudly. A deployment that sets the variable is safe today; the default decides what happens the
day it does not.

## Example
\`\`\`python
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings.local")
\`\`\`

Use instead:
\`\`\`python
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings.production")
\`\`\`
`,
    },
    check(ctx) {
        for (const note of ctx.deployment) {
            if (note.kind === 'unresolved-evidence')
                continue;
            const origin = { file: note.file, line: note.line, column: 1, endLine: note.line, endColumn: 1 };
            const messageId = note.kind === 'development-switch' ? 'switch' : note.kind === 'development-configuration' ? 'configuration' : 'fallback';
            ctx.report({ messageId, origin, data: { module: note.module, reason: note.reason ?? 'development settings' }, confidence: 'medium' });
        }
    },
});
