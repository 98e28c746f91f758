import { settingContains, weakestConfidence } from '../src/rule-kit/django-checks.js';
import type { Value } from '../src/model/values.js';
import { derived, isConcrete } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { seqItems, sourceClause } from '../src/rule-kit/rule-helpers.js';

/** How django-debug-toolbar is switched on: its app (either spelling) and its middleware. */
const TOOLBAR_ENTRIES: readonly { setting: string; entry: string }[] = [
  { setting: 'INSTALLED_APPS', entry: 'debug_toolbar' },
  { setting: 'INSTALLED_APPS', entry: 'debug_toolbar.apps.DebugToolbarConfig' },
  { setting: 'MIDDLEWARE', entry: 'debug_toolbar.middleware.DebugToolbarMiddleware' },
];

/** The list item equal to `entry` (first branch that has it), to point at the line that adds it. */
function itemOf(value: Value | undefined, entry: string): Value | undefined {
  if (value === undefined) return undefined;
  if (value.kind === 'oneOf') return value.options.map((o) => itemOf(o, entry)).find((i) => i !== undefined);
  if (!isConcrete(value)) return undefined;
  const found = seqItems(value.py)?.find((i) => isConcrete(i) && i.py === entry);
  // An item of an env default (env.list(..., default=[...])) is that default too.
  return found && value.kind === 'env' && found.kind === 'known' ? derived(found.py, [value], found.origin ?? value.origin) : found;
}

export default defineRule({
  code: 'DJS105',
  name: 'debug-toolbar-unguarded',
  level: 'warning',
  meta: {
    summary: 'django-debug-toolbar is enabled in production settings',
    description:
      "With debug_toolbar in INSTALLED_APPS or its middleware in MIDDLEWARE of a production entry, the toolbar's panels (SQL, settings, headers, templates, cache and signal calls) are one SHOW_TOOLBAR_CALLBACK or INTERNAL_IPS mistake away from being served to visitors.",
    cwe: ['CWE-489'],
    securitySeverity: '5.3',
    precision: 'high',
    messages: {
      enabled:
        "{{setting}} contains {{entry}}{{source}} in a production entry: django-debug-toolbar's panels show SQL, settings, request headers and templates to whoever SHOW_TOOLBAR_CALLBACK lets through (DEBUG plus INTERNAL_IPS by default, which a proxy or a custom callback defeats). Add it only in development settings (e.g. settings/local.py) or under `if DEBUG:` with DEBUG False in production, and keep the package out of production requirements.",
    },
    docs: `
## What it does
Flags production entries whose effective \`INSTALLED_APPS\` contains \`'debug_toolbar'\` (or
\`'debug_toolbar.apps.DebugToolbarConfig'\`) or whose \`MIDDLEWARE\` contains
\`'debug_toolbar.middleware.DebugToolbarMiddleware'\`. Under an \`if DEBUG:\` guard that can be
decided (DEBUG a literal in that entry) only the branch that runs counts, so a guard with
\`DEBUG = False\` is silent. Under a guard that depends on the environment, the toolbar is present
on one branch only and nothing is reported. Development modules (\`local.py\`, \`dev.py\`) are not
linted unless \`--include-dev\` is given.

## Why is this bad?
django-debug-toolbar renders every SQL query with its parameters, the settings, request and
response headers, template context, cache calls and logging records. Its default
\`SHOW_TOOLBAR_CALLBACK\` shows it when \`DEBUG\` is on and the client's address is in
\`INTERNAL_IPS\`, and behind a load balancer or with a custom callback that check is easily
defeated. Installed in production, it also adds its URLs and per-request overhead. It belongs in
development settings only.

## Example
\`\`\`python
INSTALLED_APPS = ["django.contrib.admin", "debug_toolbar"]
MIDDLEWARE = ["debug_toolbar.middleware.DebugToolbarMiddleware"]
\`\`\`

Use instead:
\`\`\`python
DEBUG = False
INSTALLED_APPS = ["django.contrib.admin"]
MIDDLEWARE = []
if DEBUG:
    INSTALLED_APPS += ["debug_toolbar"]
    MIDDLEWARE += ["debug_toolbar.middleware.DebugToolbarMiddleware"]
\`\`\`
`,
  },
  check(ctx) {
    for (const { setting, entry } of TOOLBAR_ENTRIES) {
      // Python's `in`, true only when every branch agrees (a guard on an env DEBUG is silent).
      if (settingContains(ctx, setting, entry) !== true) continue;
      const whole = ctx.get(setting);
      const at = itemOf(whole, entry) ?? whole;
      ctx.report({
        messageId: 'enabled',
        value: at,
        confidence: weakestConfidence(whole, at),
        data: { setting, entry: `'${entry}'`, source: at ? sourceClause(at) : '' },
      });
    }
  },
});
