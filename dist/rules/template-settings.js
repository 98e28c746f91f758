import { defineRule } from '../src/rule-kit/rule.js';
// The loader recognises template syntax (src/model/source.ts findTemplateSyntax) and does not parse the
// file; this rule only says so, at the first tag, so a skipped file is never silent.
export default defineRule({
    code: 'DJS003',
    name: 'template-settings',
    level: 'note',
    scope: 'module',
    meta: {
        summary: 'The settings file is a Jinja/cookiecutter template, not Python yet',
        description: 'A settings file containing template tags ({% … %}, {{ … }}) or living in a cookiecutter folder is not Python until it is rendered. djsec skips it and treats its settings as unknown, so nothing is guessed from the unrendered text.',
        cwe: [],
        securitySeverity: '1.0',
        precision: 'very-high',
        messages: {
            template: 'This file is a template ({{tag}}): it is not Python until rendered, so djsec skipped it and its settings are unknown; lint the rendered project instead.',
        },
        docs: `
## What it does
Notes a settings file that is a Jinja or cookiecutter template: a \`{% … %}\` or \`{{ name }}\` tag
outside strings, \`{{ cookiecutter.… }}\` inside a string, or a file under a
\`{{cookiecutter.project_slug}}/\` folder. The file is skipped; modules that import it see its
settings as unknown.

## Why is this bad?
A template is not the settings that deploy: its values are filled in when it is rendered. Judging
the unrendered text would report placeholders as secrets and miss what the template generates, so
djsec says it skipped the file instead of staying silent.

## Example
\`\`\`python
{% if cookiecutter.use_sentry == "y" %}
SENTRY_DSN = env("SENTRY_DSN")
{% endif %}
\`\`\`

Use instead: render the template (\`cookiecutter --no-input\`) and lint the generated project.
\`\`\`python
SENTRY_DSN = env("SENTRY_DSN")
\`\`\`
`,
    },
    check(ctx) {
        const template = ctx.settings.module.template;
        if (!template)
            return;
        const { tag, ...origin } = template;
        ctx.report({ messageId: 'template', origin, data: { tag }, confidence: 'high' });
    },
});
