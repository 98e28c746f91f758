import { defineRule } from '../src/rule-kit/rule.js';
import { judge, sourceClause } from '../src/rule-kit/rule-helpers.js';
const WORLD_WRITABLE = 2n;
const octal = (mode) => `0o${mode.toString(8)}`;
/** Each setting, what it applies to, and a sensible mode. */
const SETTINGS = [
    { setting: 'FILE_UPLOAD_PERMISSIONS', what: 'uploaded files', suggested: '0o640 (or Django\'s default, 0o644)' },
    { setting: 'FILE_UPLOAD_DIRECTORY_PERMISSIONS', what: 'directories created for uploads', suggested: '0o750' },
];
const worldWritable = (py) => (typeof py === 'bigint' ? (py & WORLD_WRITABLE) !== 0n : undefined);
export default defineRule({
    code: 'DJS709',
    name: 'upload-permissions-broad',
    level: 'warning',
    meta: {
        summary: 'Uploaded files or their directories are created world-writable',
        description: 'FILE_UPLOAD_PERMISSIONS and FILE_UPLOAD_DIRECTORY_PERMISSIONS are the modes Django gives uploads on disk. A world-writable mode such as 0o666 or 0o777 lets any user or process on the host replace or plant files that the site then serves.',
        cwe: ['CWE-732'],
        securitySeverity: '5.5',
        precision: 'very-high',
        messages: {
            worldWritable: '{{setting}} is {{mode}}{{source}}: {{what}} are writable by every user on the host, so any other process or compromised service can replace them, for instance swapping an uploaded image for HTML or JavaScript served from your domain. Use {{suggested}}.',
        },
        docs: `
## What it does
Flags \`FILE_UPLOAD_PERMISSIONS\` or \`FILE_UPLOAD_DIRECTORY_PERMISSIONS\` whose mode gives write
access to everyone (the \`o+w\` bit: \`0o666\`, \`0o777\`, \`0o662\` ...), literally or as an
environment default. Django's defaults, \`0o644\` for files and the process umask for
directories, are fine.

## Why is this bad?
Django applies these modes with \`os.chmod\` to every upload saved by \`FileSystemStorage\`. With
the world-write bit, every account and service on the machine (a compromised cron job, another
application, a shared CI runner) can overwrite what users uploaded, or plant files in the upload
directories: content the site then serves from its own domain, or files other code later trusts.
Group write (\`0o660\`, \`0o770\`) is enough when a web server and the application share a group.

## Example
\`\`\`python
FILE_UPLOAD_PERMISSIONS = 0o666
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o777
\`\`\`

Use instead:
\`\`\`python
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
\`\`\`
`,
    },
    check(ctx) {
        for (const { setting, what, suggested } of SETTINGS) {
            const verdict = judge(ctx.get(setting), worldWritable);
            if (!verdict || typeof verdict.option.py !== 'bigint')
                continue;
            ctx.report({ messageId: 'worldWritable', value: verdict.value, data: { setting, what, suggested, mode: octal(verdict.option.py), source: sourceClause(verdict.value) } });
        }
    },
});
