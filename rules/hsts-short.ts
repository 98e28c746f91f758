import { SECURITY_MIDDLEWARE, hasMiddleware, judgeSetting, reportSetting } from '../src/rule-kit/django-checks.js';
import type { Py } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';

/** One year: what hstspreload.org requires and what most guides recommend. */
const ONE_YEAR = 31_536_000;

/** The max-age Django would send: it formats the value with %s, so digits in a str work too. */
function seconds(py: Py): number | undefined {
  if (typeof py === 'bigint') return Number(py);
  if (typeof py === 'number') return Number.isFinite(py) ? py : undefined;
  if (typeof py === 'string' && /^\d+$/.test(py)) return Number(py);
  return undefined;
}

function duration(s: number): string {
  const units: [number, string][] = [[86_400, 'day'], [3_600, 'hour'], [60, 'minute']];
  for (const [size, name] of units) {
    if (s >= size) {
      const n = Math.round((s / size) * 10) / 10;
      return `${s % size === 0 ? '' : 'about '}${n} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  return `${s} second${s === 1 ? '' : 's'}`;
}

export default defineRule({
  code: 'DJS306',
  name: 'hsts-short',
  level: 'note',
  meta: {
    summary: 'SECURE_HSTS_SECONDS is shorter than a year',
    description:
      "A short HSTS max-age is the right first step when rolling HSTS out, but left in place it lets browsers forget the HTTPS-only policy between visits, and the browsers' preload list refuses anything under a year.",
    cwe: ['CWE-319'],
    securitySeverity: '3.1',
    precision: 'very-high',
    messages: {
      short:
        'SECURE_HSTS_SECONDS is {{value}}{{source}} ({{duration}}): a browser that has not visited for longer forgets the HTTPS-only policy, and hstspreload.org requires at least 31536000 (one year). Once the whole site (and, with SECURE_HSTS_INCLUDE_SUBDOMAINS, every subdomain) works over HTTPS, set SECURE_HSTS_SECONDS = 31536000.',
    },
    docs: `
## What it does
Reports (as a note) production settings where \`SecurityMiddleware\` sends HSTS with a
\`SECURE_HSTS_SECONDS\` above zero but below 31536000 (one year). Zero or unset is DJS303's
finding, not this one.

## Why is this bad?
\`Strict-Transport-Security: max-age=N\` makes a browser use HTTPS for the site for N seconds after
its last visit. A short max-age is how HSTS should be rolled out (start with 300 or 3600, then
raise it), but left short, users who come back after it expires make their first request over
plain HTTP again, where it can be intercepted. The HSTS preload list (hstspreload.org) only
accepts a max-age of at least one year.

## Example
\`\`\`python
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_HSTS_SECONDS = 3600
\`\`\`

Use instead:
\`\`\`python
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_HSTS_SECONDS = 31536000
\`\`\`
`,
  },
  check(ctx) {
    // SecurityMiddleware sends the header when SECURE_HSTS_SECONDS is truthy; without the
    // middleware there is no header at all (DJS301).
    if (hasMiddleware(ctx, SECURITY_MIDDLEWARE) !== true) return;
    const verdict = judgeSetting(ctx, 'SECURE_HSTS_SECONDS', (py) => {
      const s = seconds(py);
      return s === undefined ? undefined : s > 0 && s < ONE_YEAR;
    });
    if (!verdict) return;
    reportSetting(ctx, 'SECURE_HSTS_SECONDS', verdict, { set: 'short' }, { duration: duration(seconds(verdict.option.py)!) }, [ctx.get('MIDDLEWARE')]);
  },
});
