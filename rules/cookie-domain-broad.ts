import { judgeSetting, reportSetting } from '../src/rule-kit/django-checks.js';
import { isSharedHostingSuffix } from '../src/rule-kit/hosting-suffixes.js';
import type { Py } from '../src/model/values.js';
import { pyTruthy } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';

const COOKIES = [
  { name: 'session', setting: 'SESSION_COOKIE_DOMAIN' },
  { name: 'CSRF', setting: 'CSRF_COOKIE_DOMAIN' },
] as const;

/** The domain the cookie is scoped to, as a browser reads the Domain attribute (leading dot ignored). */
function domainOf(py: Py): string | undefined {
  return typeof py === 'string' && py.replace(/^\.+/, '') !== '' ? py.replace(/^\.+/, '').replace(/\.$/, '').toLowerCase() : undefined;
}

export default defineRule({
  code: 'DJS409',
  name: 'cookie-domain-broad',
  level: 'note',
  meta: {
    summary: 'The session or CSRF cookie is shared with every subdomain',
    description:
      'SESSION_COOKIE_DOMAIN or CSRF_COOKIE_DOMAIN set to a domain sends the cookie to every subdomain of it, so any of those sites, or whoever takes over a forgotten one, can read or overwrite it.',
    cwe: ['CWE-668'],
    securitySeverity: '4.3',
    precision: 'high',
    messages: {
      broad:
        "{{setting}} is {{value}}{{source}}: the {{cookie}} cookie is sent to {{domain}} and every subdomain of it, so any of them (a marketing site, user-uploaded content, a forgotten staging app, a dangling DNS record someone takes over) can read or overwrite it. Leave {{setting}} = None (host-only cookie) unless you really need it across subdomains, and then keep every subdomain under your control.",
      shared:
        "{{setting}} is {{value}}{{source}}: {{domain}} is a shared hosting suffix where other customers' apps live. Browsers that know it as a public suffix reject the {{cookie}} cookie; others send it to every app under {{domain}}, including an attacker's. Set {{setting}} = None so the cookie stays on your own host.",
    },
    docs: `
## What it does
Reports (as a note) production settings that set \`SESSION_COOKIE_DOMAIN\` or
\`CSRF_COOKIE_DOMAIN\` to a domain, such as \`".example.com"\`. A domain that is itself a shared
hosting suffix (\`.herokuapp.com\`, \`.elasticbeanstalk.com\`, \`elb.amazonaws.com\`, \`.vercel.app\`
...) gets a stronger message. The CSRF cookie is skipped when \`CSRF_USE_SESSIONS\` is on.

## Why is this bad?
By default Django's cookies are host-only: the browser returns them only to the host that set
them. With a \`Domain\` attribute (with or without a leading dot) the browser sends the cookie to
that domain and all of its subdomains. Every subdomain then receives the session cookie and can
set cookies that shadow it (session fixation, CSRF token injection): a blog on a hosted
platform, user-content hosts, old staging sites, or a subdomain whose DNS record points at a
deleted cloud resource and can be taken over. On a shared hosting suffix those subdomains are
other customers' applications.

## Example
\`\`\`python
SESSION_COOKIE_DOMAIN = ".example.com"
\`\`\`

Use instead:
\`\`\`python
SESSION_COOKIE_DOMAIN = None  # host-only: sent back only to the host that set it
\`\`\`
`,
  },
  check(ctx) {
    for (const cookie of COOKIES) {
      if (cookie.name === 'CSRF' && !judgeSetting(ctx, 'CSRF_USE_SESSIONS', (py) => pyTruthy(py) === false)) continue;
      const verdict = judgeSetting(ctx, cookie.setting, (py) => domainOf(py) !== undefined);
      if (!verdict) continue;
      const domain = domainOf(verdict.option.py)!;
      reportSetting(ctx, cookie.setting, verdict, { set: isSharedHostingSuffix(domain) ? 'shared' : 'broad' }, { setting: cookie.setting, cookie: cookie.name, domain });
    }
  },
});
