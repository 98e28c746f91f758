import { XFRAME_MIDDLEWARE, hasMiddleware, judgeSetting, reportSetting } from '../src/rule-kit/django-checks.js';
import type { Py } from '../src/model/values.js';
import { pyEquals } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';

export default defineRule({
  code: 'DJS309',
  name: 'xframe-not-deny',
  level: 'warning',
  meta: {
    summary: "X_FRAME_OPTIONS is not 'DENY' while XFrameOptionsMiddleware is installed",
    description:
      "With X_FRAME_OPTIONS other than 'DENY', pages may be framed: by your own origin with 'SAMEORIGIN', by anyone when the value is one browsers ignore.",
    djangoCheck: 'security.W019',
    cwe: ['CWE-1021'],
    securitySeverity: '4.3',
    precision: 'very-high',
    messages: {
      notDeny: "X_FRAME_OPTIONS is {{value}}{{source}}, not 'DENY'{{hint}}. Set X_FRAME_OPTIONS = 'DENY' and mark the few views that must be framed with @xframe_options_sameorigin.",
    },
    docs: `
## What it does
Flags production settings where \`XFrameOptionsMiddleware\` is installed but \`X_FRAME_OPTIONS\` is
not exactly \`'DENY'\`, as Django's \`check --deploy\` does (\`security.W019\`). Django's default is
\`'DENY'\`, so only an explicit override is reported.

## Why is this bad?
\`'SAMEORIGIN'\` lets any page on your own origin frame the site, so one HTML injection or user
upload page is enough for clickjacking. Values browsers do not understand (\`'ALLOW-FROM …'\`) are
ignored, leaving pages frameable by anyone. Django's check compares with \`'DENY'\` exactly, so
\`'deny'\` is reported too even though the middleware upper-cases it.

## Example
\`\`\`python
MIDDLEWARE = ["django.middleware.clickjacking.XFrameOptionsMiddleware"]
X_FRAME_OPTIONS = "SAMEORIGIN"
\`\`\`

Use instead:
\`\`\`python
MIDDLEWARE = ["django.middleware.clickjacking.XFrameOptionsMiddleware"]
X_FRAME_OPTIONS = "DENY"
\`\`\`
`,
  },
  check(ctx) {
    // Django: check_xframe_deny passes when `not _xframe_middleware() or X_FRAME_OPTIONS == "DENY"`.
    if (hasMiddleware(ctx, XFRAME_MIDDLEWARE) !== true) return;
    const verdict = judgeSetting(ctx, 'X_FRAME_OPTIONS', (py) => {
      const eq = pyEquals(py, 'DENY');
      return eq === undefined ? undefined : !eq;
    });
    if (!verdict) return;
    reportSetting(ctx, 'X_FRAME_OPTIONS', verdict, { set: 'notDeny' }, { hint: hint(verdict.option.py) }, [ctx.get('MIDDLEWARE')]);
  },
});

/** What the header then does, as XFrameOptionsMiddleware sends `X_FRAME_OPTIONS.upper()`. */
function hint(py: Py): string {
  if (typeof py !== 'string') return ': it is not a string, and the middleware calls .upper() on it, so responses fail or carry no usable header';
  const sent = py.toUpperCase();
  if (sent === 'DENY') return ": the middleware upper-cases it, but Django's check (security.W019) compares exactly";
  if (sent === 'SAMEORIGIN') return ': any page on your own origin can frame the site, so one injectable page is enough for clickjacking';
  return ': browsers ignore X-Frame-Options values other than DENY and SAMEORIGIN, so any site can frame your pages (clickjacking)';
}
