import { pythonRegex } from '../src/rule-kit/python-regex.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { flaggedItems, show, sourceClause } from '../src/rule-kit/rule-helpers.js';
import { sharedDomainKind } from './allowed-hosts-broad-subdomain.js';
import { judgeCorsAllowAll } from './cors-allow-all.js';
import { isCatchAllRegex } from './cors-credentials-wildcard.js';
// How a pattern is judged: generate the origin its author meant (the shortest string it was
// written to accept), then try the variants an attacker can register or impersonate with the
// same engine django-cors-headers uses (re.match). A pattern we cannot translate or sample is
// not judged.
const ATTACKER_DOMAIN = 'attacker.net';
/** A small recursive-descent walk of a Python regex that writes out one intended match. */
class Sampler {
    src;
    i = 0;
    constructor(src) {
        this.src = src;
    }
    run() {
        const out = this.alternation();
        return this.i === this.src.length ? out : undefined;
    }
    alternation() {
        const first = this.sequence();
        while (this.src[this.i] === '|') {
            this.i++;
            if (this.sequence() === undefined)
                return undefined;
        }
        return first;
    }
    sequence() {
        let out = '';
        while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
            const atom = this.atom();
            if (atom === undefined)
                return undefined;
            const min = this.quantifier();
            // Optional parts are left out and '*' repeats zero times; '.+' stands for one letter.
            if (min === undefined)
                out += atom.text;
            else
                out += (atom.any ? 'a' : atom.text).repeat(min);
            if (out.length > 500)
                return undefined;
        }
        return out;
    }
    atom() {
        const ch = this.src[this.i];
        if (ch === '^' || ch === '$') {
            this.i++;
            return { text: '' };
        }
        if (ch === '\\') {
            const next = this.src[this.i + 1];
            this.i += 2;
            if (next === undefined || /[1-9]/.test(next))
                return undefined; // a backreference
            if ('AZbB'.includes(next))
                return { text: '' };
            const classes = { d: '1', w: 'a', s: ' ', D: 'a', S: 'a', W: '-' };
            return { text: classes[next] ?? next };
        }
        if (ch === '[')
            return this.charClass();
        if (ch === '(')
            return this.group();
        if (ch === '.') {
            this.i++;
            return { text: '.', any: true };
        }
        if ('*+?{'.includes(ch))
            return undefined;
        this.i++;
        return { text: ch };
    }
    charClass() {
        let j = this.i + 1;
        if (this.src[j] === '^')
            j++;
        if (this.src[j] === ']')
            j++;
        while (j < this.src.length && this.src[j] !== ']')
            j += this.src[j] === '\\' ? 2 : 1;
        if (j >= this.src.length)
            return undefined;
        const body = this.src.slice(this.i + 1, j);
        this.i = j + 1;
        let cls;
        try {
            cls = new RegExp(`^[${body}]$`);
        }
        catch {
            return undefined;
        }
        const pick = [...'abcdefghijklmnopqrstuvwxyz0123456789-.'].find((c) => cls.test(c));
        return pick === undefined ? undefined : { text: pick };
    }
    group() {
        this.i++;
        let lookaround = false;
        if (this.src[this.i] === '?') {
            const rest = this.src.slice(this.i);
            const named = /^\?P<\w+>/.exec(rest);
            if (rest.startsWith('?:'))
                this.i += 2;
            else if (named)
                this.i += named[0].length;
            else if (/^\?(=|!|<=|<!)/.test(rest)) {
                lookaround = true;
                this.i += rest[1] === '<' ? 3 : 2;
            }
            else
                return undefined; // inline flags, conditionals, comments: not sampled
        }
        const inner = this.alternation();
        if (inner === undefined || this.src[this.i] !== ')')
            return undefined;
        this.i++;
        return { text: lookaround ? '' : inner };
    }
    /** The minimum count of a quantifier after an atom, or undefined when there is none. */
    quantifier() {
        const ch = this.src[this.i];
        let min;
        if (ch === '*' || ch === '?')
            min = 0;
        else if (ch === '+')
            min = 1;
        else if (ch === '{') {
            const m = /^\{(\d*)(,\d*)?\}/.exec(this.src.slice(this.i));
            if (!m)
                return undefined;
            min = Math.min(Number(m[1] || 0), 64);
            this.i += m[0].length - 1;
        }
        else
            return undefined;
        this.i++;
        if (this.src[this.i] === '?' || this.src[this.i] === '+')
            this.i++; // lazy or possessive
        return min;
    }
}
function intendedOrigin(pattern) {
    const src = pattern.replace(/^\(\?[aiLmsux]+\)/, '');
    const sample = new Sampler(src).run();
    const m = sample === undefined ? null : /^(https?):\/\/([^/:?#]+)(:\d+)?\/?$/i.exec(sample);
    if (!m)
        return undefined;
    // '.*\.example\.com' samples as '.example.com': give the wildcard a name to stand for.
    const host = m[2].startsWith('.') ? `app${m[2]}` : m[2];
    return { scheme: m[1].toLowerCase(), host, port: m[3] ?? '' };
}
const escapeDots = (domain) => domain.replace(/\./g, '\\.');
const subdomainsOf = (domain) => `r'^https://([a-z0-9-]+\\.)?${escapeDots(domain)}$'`;
const isLoopback = (host) => /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i.test(host) || host.toLowerCase().endsWith('.localhost');
/** What a CORS origin regex lets through that its author did not mean, or undefined when nothing. */
function judgePattern(pattern) {
    if (isCatchAllRegex(pattern) === true)
        return { catchAll: true, found: [], fix: subdomainsOf('example.com') };
    const regex = pythonRegex(pattern, 'match');
    const intended = intendedOrigin(pattern);
    if (!regex || !intended)
        return undefined;
    const accepts = (origin) => {
        regex.lastIndex = 0;
        return regex.test(origin);
    };
    const { scheme, host, port } = intended;
    if (!accepts(`${scheme}://${host}${port}`))
        return undefined; // the sample is not what it accepts: give up
    const labels = host.split('.').filter((l) => l !== '');
    const domain = registrableDomain(labels);
    const found = [];
    const tryOrigin = (origin, why) => {
        const accepted = accepts(origin);
        if (accepted)
            found.push({ origin, why });
        return accepted;
    };
    tryOrigin(`${scheme}://${host}.${ATTACKER_DOMAIN}${port}`, "it is not anchored at the end with '$', and re.match anchors only the start");
    for (let k = host.indexOf('.'); k >= 0; k = host.indexOf('.', k + 1)) {
        if (tryOrigin(`${scheme}://${host.slice(0, k)}-${host.slice(k + 1)}${port}`, "an unescaped '.' matches any character"))
            break;
    }
    if (labels.length >= 2)
        tryOrigin(`${scheme}://attacker${domain}${port}`, `nothing requires a '.' before ${domain}`);
    const shared = sharedSuffixOf(labels);
    if (shared)
        tryOrigin(`${scheme}://attacker-app.${shared}${port}`, `anyone can deploy an app under ${shared}`);
    if (!isLoopback(host))
        tryOrigin(`http://${host}${port}`, 'plain HTTP can be impersonated on the network path');
    // The same origin found for several reasons is shown once, with the first reason.
    const unique = found.filter((f, i) => found.findIndex((g) => g.origin === f.origin) === i);
    const fix = shared ? `r'^https://your-app\\.${escapeDots(shared)}$'` : subdomainsOf(domain);
    return unique.length > 0 ? { found: unique, fix } : undefined;
}
/** The shared hosting suffix a host sits under (vercel.app, herokuapp.com ...), if any. */
function sharedSuffixOf(labels) {
    for (let i = 1; i < labels.length - 1; i++) {
        const suffix = labels.slice(i).join('.');
        if (sharedDomainKind(suffix) === 'hosting')
            return suffix;
    }
    return undefined;
}
/** The domain someone registered: the last two labels, three under a ccTLD registry (co.uk). */
function registrableDomain(labels) {
    if (labels.length < 2)
        return 'example.com';
    const lastTwo = labels.slice(-2).join('.');
    return sharedDomainKind(lastTwo) === 'registry' && labels.length >= 3 ? labels.slice(-3).join('.') : lastTwo;
}
/** r'...' when the pattern reads better raw, as it is usually written. */
function patternRepr(pattern) {
    return /^[^'\n\r]*$/.test(pattern) && !pattern.endsWith('\\') && pattern.includes('\\') ? `r'${pattern}'` : show(pattern);
}
export default defineRule({
    code: 'DJS507',
    name: 'cors-regex-permissive',
    level: 'warning',
    meta: {
        summary: 'A CORS origin regex accepts origins its author did not mean: unanchored, unescaped dots, catch-all',
        description: "django-cors-headers tests CORS_ALLOWED_ORIGIN_REGEXES with re.match, which anchors only the start. A pattern without '$', with an unescaped '.', without a '.' before the domain, or a catch-all such as '.*', lets attacker-registered domains read this site's responses from its visitors' browsers.",
        cwe: ['CWE-942'],
        securitySeverity: '5.3',
        precision: 'high',
        messages: {
            catchAll: "{{setting}} entry {{pattern}}{{source}} matches every origin: any website can read this site's responses from its visitors' browsers, as with CORS_ALLOW_ALL_ORIGINS. Anchor it to your own domain, e.g. {{fix}}, or list exact origins in CORS_ALLOWED_ORIGINS.",
            permissive: "{{setting}} entry {{pattern}}{{source}} also accepts {{examples}}: origins an attacker can register or impersonate, which can then read this site's responses from its visitors' browsers. Match only origins you own: escape the dots, end with '$' and require https, e.g. {{fix}}.",
        },
        docs: `
## What it does
Flags entries of django-cors-headers' \`CORS_ALLOWED_ORIGIN_REGEXES\` (old name
\`CORS_ORIGIN_REGEX_WHITELIST\`) that accept origins their author did not mean:
- a catch-all such as \`r".*"\` or \`r"^https?://.*$"\`;
- no \`$\` at the end: \`r"^https://app\\.example\\.com"\` also matches
  \`https://app.example.com.attacker.net\`;
- an unescaped dot: \`r"^https://app.example.com$"\` also matches \`https://app-example.com\`;
- no dot before the domain: \`r"^https://.*example\\.com$"\` also matches
  \`https://attackerexample.com\`;
- plain HTTP: \`r"^https?://app\\.example\\.com$"\` also matches \`http://app.example.com\`
  (loopback hosts excepted);
- every app under a shared hosting suffix: \`r"^https://.*\\.vercel\\.app$"\` also matches
  \`https://attacker-app.vercel.app\`, which anyone can deploy.

Each pattern is tried the way django-cors-headers tries it (\`re.match\`) against variants of
the origin it was written for; the message shows the origins it wrongly accepts. Patterns that
cannot be translated are not judged. The list is not judged while \`CORS_ALLOW_ALL_ORIGINS\` is
on (DJS505); a catch-all together with \`CORS_ALLOW_CREDENTIALS\` is also DJS506.

## Why is this bad?
Every origin a pattern accepts can read this site's responses from its visitors' browsers, and
with \`CORS_ALLOW_CREDENTIALS\` it does so with their cookies. \`re.match\` anchors only the start,
so a missing \`$\` trusts \`app.example.com.attacker.net\`, which the attacker gets by registering
\`attacker.net\`; an unescaped dot trusts \`app-example.com\`, a domain anyone can buy. An \`http://\`
origin can be answered by anyone on its visitors' network path.

## Example
\`\`\`python
CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://.*.example.com"]
\`\`\`

Use instead:
\`\`\`python
CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://([a-z0-9-]+\\.)?example\\.com$"]
\`\`\`
`,
    },
    check(ctx) {
        if (judgeCorsAllowAll(ctx))
            return; // every origin is allowed: the regexes are never consulted
        // getattr(settings, 'CORS_ALLOWED_ORIGIN_REGEXES', getattr(settings, 'CORS_ORIGIN_REGEX_WHITELIST', ()))
        const current = ctx.get('CORS_ALLOWED_ORIGIN_REGEXES');
        const legacy = ctx.get('CORS_ORIGIN_REGEX_WHITELIST');
        const setting = current !== undefined ? 'CORS_ALLOWED_ORIGIN_REGEXES' : 'CORS_ORIGIN_REGEX_WHITELIST';
        const test = (py) => (typeof py === 'string' ? judgePattern(py) : undefined);
        for (const hit of flaggedItems(current ?? legacy, test, current !== undefined ? legacy : undefined)) {
            const { catchAll, found, fix } = hit.detail;
            const data = { setting, pattern: patternRepr(String(hit.option.py)), source: sourceClause(hit.value), fix };
            if (catchAll)
                ctx.report({ messageId: 'catchAll', value: hit.value, origin: hit.origin, data });
            else {
                const examples = found.map((f) => `${f.origin} (${f.why})`).join(' and ');
                ctx.report({ messageId: 'permissive', value: hit.value, origin: hit.origin, data: { ...data, examples } });
            }
        }
    },
});
