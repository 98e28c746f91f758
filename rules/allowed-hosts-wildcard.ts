import type { Concrete, Origin, Value } from '../src/model/values.js';
import { isConcrete } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { judge, seqItems, show, sourceClause } from '../src/rule-kit/rule-helpers.js';

interface Wildcard {
  /** The value that is (or contains) '*'. */
  option: Concrete;
  /** Where to point: the '*' item itself when it has its own origin. */
  origin?: Origin;
  /** What the finding's wording and confidence follow: the item when the list itself is a literal. */
  value: Value;
}

/**
 * The '*' entries of ALLOWED_HOSTS on every possible value, or undefined when some value has none
 * (a oneOf is reported only when every branch allows any host). Django iterates a str character
 * by character, so a string containing '*' is a wildcard too.
 */
function wildcards(value: Value): Wildcard[] | undefined {
  const options = value.kind === 'oneOf' ? value.options : [value];
  const found: Wildcard[] = [];
  for (const option of options) {
    if (!isConcrete(option)) return undefined; // unknown, or unassigned (Django's default [] has no '*')
    const here = wildcardsIn(option, value);
    if (here.length === 0) return undefined;
    found.push(...here);
  }
  return found;
}

function wildcardsIn(option: Concrete, whole: Value): Wildcard[] {
  if (typeof option.py === 'string') return option.py.includes('*') ? [{ option, origin: option.origin, value: whole }] : [];
  const out: Wildcard[] = [];
  for (const item of seqItems(option.py) ?? []) {
    const verdict = judge(item, (py) => py === '*');
    if (!verdict || item.kind === 'unassigned') continue;
    // ["*"] is a literal, [os.getenv("HOST", "*")] an env default: say which.
    out.push({ option: verdict.option, origin: item.origin ?? verdict.option.origin, value: whole.kind === 'known' ? item : whole });
  }
  return out;
}

export default defineRule({
  code: 'DJS502',
  name: 'allowed-hosts-wildcard',
  level: 'warning',
  meta: {
    summary: "ALLOWED_HOSTS accepts any host ('*')",
    description:
      "A '*' in ALLOWED_HOSTS turns off Django's Host header validation, so request.get_host() and every absolute URL built from it (password-reset links, redirects, cache keys) can be chosen by the client.",
    cwe: ['CWE-644'],
    securitySeverity: '6.1',
    precision: 'very-high',
    messages: {
      wildcard:
        "ALLOWED_HOSTS contains '*'{{source}}: Django accepts any Host header, so attackers can poison password-reset links, redirects and caches with their own domain. List the domains you serve, e.g. ALLOWED_HOSTS = [\"www.example.com\"].",
      wildcardString:
        "ALLOWED_HOSTS is the string {{value}}{{source}}: Django iterates it character by character, and its '*' accepts any Host header. Use a list of the domains you serve, e.g. ALLOWED_HOSTS = [\"www.example.com\"].",
    },
    docs: `
## What it does
Flags \`'*'\` in \`ALLOWED_HOSTS\`, written literally or as the default of an environment lookup
(\`env.list("ALLOWED_HOSTS", default=["*"])\`, \`os.getenv("ALLOWED_HOSTS", "*").split(",")\`).
The finding points at the \`'*'\` itself.

## Why is this bad?
\`ALLOWED_HOSTS\` is Django's defence against forged \`Host\` headers. With \`'*'\`, whatever host a
client sends is trusted by \`request.get_host()\` and by every absolute URL built from it: an
attacker can request a password reset for a victim with \`Host: evil.example\` and the emailed
link points at the attacker's site, carrying the reset token. Cache poisoning and open redirects
follow the same path. A load balancer health check is not a reason to allow every host: allow its
host or IP explicitly.

## Example
\`\`\`python
ALLOWED_HOSTS = ["*"]
\`\`\`

Use instead:
\`\`\`python
ALLOWED_HOSTS = ["www.example.com", "example.com"]
\`\`\`
`,
  },
  check(ctx) {
    const hosts = ctx.get('ALLOWED_HOSTS');
    if (hosts === undefined) return;
    for (const w of wildcards(hosts) ?? []) {
      const source = sourceClause(w.value);
      if (typeof w.option.py === 'string' && w.option.py !== '*') {
        ctx.report({ messageId: 'wildcardString', value: w.value, origin: w.origin, data: { value: show(w.option.py), source } });
      } else {
        ctx.report({ messageId: 'wildcard', value: w.value, origin: w.origin, data: { source } });
      }
    }
  },
});
