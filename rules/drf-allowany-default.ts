import { hasInstalledApp } from '../src/rule-kit/django-checks.js';
import type { Py } from '../src/model/values.js';
import { isConcrete, known } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { judge, member, seqItems, sourceClause } from '../src/rule-kit/rule-helpers.js';

const ALLOW_ANY = 'rest_framework.permissions.AllowAny';
const FIX = 'REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"] = ["rest_framework.permissions.IsAuthenticated"]';
// DRF's own default when the key is missing (rest_framework/settings.py).
const DRF_DEFAULT = known({ t: 'list', items: [known(ALLOW_ANY)] });

type Open = 'allowAny' | 'empty';

/** A permission class given by dotted path or by the imported class itself. */
function className(py: Py): string | undefined {
  if (typeof py === 'string') return py.trim();
  return typeof py === 'object' && py !== null && py.t === 'ref' ? py.qname : undefined;
}

/**
 * Whether a DEFAULT_PERMISSION_CLASSES value lets every request through. DRF requires every listed
 * class to grant access, so AllowAny next to IsAuthenticated restricts nothing and is not reported;
 * only a list of nothing but AllowAny, or an empty list (no check at all), is open.
 */
function openDefault(py: Py): Open | undefined {
  const items = seqItems(py);
  if (!items) return undefined;
  if (items.length === 0) return 'empty';
  const names = items.map((i) => (isConcrete(i) ? className(i.py) : undefined));
  if (names.some((n) => n === undefined)) return undefined;
  return names.every((n) => n === ALLOW_ANY) ? 'allowAny' : undefined;
}

export default defineRule({
  code: 'DJS603',
  name: 'drf-allowany-default',
  level: 'warning',
  meta: {
    summary: "Django REST framework's default permission lets anonymous users call every API view",
    description:
      "REST_FRAMEWORK['DEFAULT_PERMISSION_CLASSES'] applies to every API view that does not set its own permission_classes. When it is AllowAny, empty, or left unset (DRF's default is AllowAny), a view whose author forgot permission_classes is open to anonymous requests.",
    cwe: ['CWE-862'],
    securitySeverity: '6.5',
    precision: 'medium',
    messages: {
      allowAny:
        "REST_FRAMEWORK['DEFAULT_PERMISSION_CLASSES'] is AllowAny{{source}}: every API view without its own permission_classes answers anonymous requests, so one forgotten attribute exposes an endpoint. Deny by default with {{fix}}, and open public views one by one with permission_classes = [AllowAny].",
      empty:
        "REST_FRAMEWORK['DEFAULT_PERMISSION_CLASSES'] is empty{{source}}: DRF then checks no permission at all, so every API view without its own permission_classes answers anonymous requests. Deny by default with {{fix}}, and open public views one by one with permission_classes = [AllowAny].",
      unsetKey:
        "REST_FRAMEWORK does not set DEFAULT_PERMISSION_CLASSES, and DRF's default is AllowAny: every API view without its own permission_classes answers anonymous requests. Deny by default with {{fix}}, and open public views one by one with permission_classes = [AllowAny].",
      unsetSetting:
        "rest_framework is installed but REST_FRAMEWORK is not set, so DEFAULT_PERMISSION_CLASSES is DRF's default, AllowAny: every API view without its own permission_classes answers anonymous requests. Deny by default with REST_FRAMEWORK = {\"DEFAULT_PERMISSION_CLASSES\": [\"rest_framework.permissions.IsAuthenticated\"]}, and open public views one by one with permission_classes = [AllowAny].",
    },
    docs: `
## What it does
Flags Django REST framework settings whose default permission lets every request through:
\`REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"]\` that lists only \`AllowAny\` (as a dotted path or the
imported class), an empty list, or no \`DEFAULT_PERMISSION_CLASSES\` at all while DRF is in use
(\`rest_framework\` in \`INSTALLED_APPS\`, or a \`REST_FRAMEWORK\` dict): DRF's own default is
\`AllowAny\`. \`AllowAny\` next to another class is not reported, since DRF requires every listed class
to grant access; deliberate read-only defaults such as \`IsAuthenticatedOrReadOnly\` are not
reported either.

## Why is this bad?
The default permission applies to every view that does not set \`permission_classes\` itself. With
\`AllowAny\`, security depends on every developer remembering that attribute on every view,
viewset and \`@api_view\`: one omission publishes an endpoint, often with write access, to anonymous
users. Denying by default turns that omission into a 403 that someone notices, and public
endpoints state their openness explicitly.

## Example
\`\`\`python
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "rest_framework"]
REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
}
\`\`\`

Use instead:
\`\`\`python
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "rest_framework"]
REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
}
\`\`\`
`,
  },
  check(ctx) {
    const settings = ctx.get('REST_FRAMEWORK');
    const classes = member(settings, 'DEFAULT_PERMISSION_CLASSES');
    if (classes.kind !== 'unassigned') {
      // A branch that leaves the key out gets DRF's default.
      const verdict = judge(classes, (py) => openDefault(py) !== undefined, DRF_DEFAULT);
      const open = verdict && openDefault(verdict.option.py);
      if (!verdict || !open) return;
      const messageId = verdict.option === DRF_DEFAULT ? 'unsetKey' : open;
      ctx.report({ messageId, value: verdict.value, data: { source: sourceClause(verdict.value), fix: FIX } });
      return;
    }
    if (settings !== undefined) {
      // REST_FRAMEWORK is assigned without the key: DRF is configured, so in use.
      if (isConcrete(settings)) ctx.report({ messageId: 'unsetKey', value: settings, data: { fix: FIX } });
      return;
    }
    if (ctx.poisoned || hasInstalledApp(ctx, 'rest_framework') !== true) return;
    ctx.report({ messageId: 'unsetSetting' });
  },
});
