import { defineRule } from '../src/rule-kit/rule.js';
import { flaggedItems, show, sourceClause } from '../src/rule-kit/rule-helpers.js';
// Hosting suffixes under which anyone can get a name (an app, an environment, a load balancer):
// the cloud entries of the Public Suffix List that Django projects meet most.
const SHARED_HOSTING_SUFFIXES = new Set([
    'elasticbeanstalk.com', 'amazonaws.com', 'cloudfront.net', 'awsapprunner.com', 'amplifyapp.com',
    'herokuapp.com', 'herokudns.com', 'azurewebsites.net', 'cloudapp.net', 'cloudapp.azure.com', 'azurestaticapps.net',
    'azurecontainerapps.io', 'appspot.com', 'run.app', 'web.app', 'firebaseapp.com', 'vercel.app', 'now.sh',
    'netlify.app', 'onrender.com', 'fly.dev', 'railway.app', 'up.railway.app', 'pythonanywhere.com',
    'ondigitalocean.app', 'ngrok.io', 'ngrok.app', 'ngrok-free.app', 'trycloudflare.com', 'pages.dev', 'workers.dev',
    'github.io', 'gitlab.io', 'glitch.me', 'repl.co', 'replit.dev',
]);
// Labels under amazonaws.com that every AWS customer shares: regions and service endpoints
// (ec2-1-2-3-4.compute-1.amazonaws.com, my-lb-1.eu-west-1.elb.amazonaws.com ...).
const AWS_REGION = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d+$/;
const AWS_SHARED_LABELS = new Set(['compute', 'compute-1', 'elb', 's3', 'execute-api', 'lambda-url', 'elasticbeanstalk', 'apprunner', 'cloudfront', 'awsglobalaccelerator']);
// Second-level registries of country-code domains: co.uk, com.au ...
/** Special-use names no one can register: RFC 6761 (localhost, test, invalid, example), mDNS's local, ICANN's internal, home.arpa. */
const SPECIAL_USE = new Set(['localhost', 'test', 'invalid', 'example', 'local', 'internal', 'home.arpa']);
const CCTLD_SECOND_LEVEL = /^(?:co|com|net|org|gov|edu|ac|or|ne|go|gob|mil|nom|ltd|plc)\.[a-z]{2}$/;
/**
 * Why a domain is shared by strangers, or undefined when it is not: a hosting suffix (or a
 * region or service zone under one), a top-level domain, or a ccTLD registry.
 */
export function sharedDomainKind(domain) {
    const d = domain.toLowerCase().replace(/\.$/, '');
    if (d === '' || SPECIAL_USE.has(d))
        return undefined;
    if (!d.includes('.') || CCTLD_SECOND_LEVEL.test(d))
        return 'registry';
    if (SHARED_HOSTING_SUFFIXES.has(d))
        return 'hosting';
    const labels = d.split('.');
    const under = (suffix) => (d.endsWith(`.${suffix}`) ? labels.slice(0, -suffix.split('.').length) : undefined);
    const eb = under('elasticbeanstalk.com');
    if (eb && eb.every((l) => AWS_REGION.test(l)))
        return 'hosting';
    const aws = under('amazonaws.com') ?? under('amazonaws.com.cn');
    if (aws && aws.every((l) => AWS_REGION.test(l) || AWS_SHARED_LABELS.has(l) || /^s3-website-/.test(l)))
        return 'hosting';
    return undefined;
}
/** A Django subdomain pattern ('.example.com') over a shared domain. */
function broadPattern(py) {
    if (typeof py !== 'string' || !py.startsWith('.'))
        return undefined;
    const domain = py.slice(1).toLowerCase().replace(/\.$/, '');
    const kind = sharedDomainKind(domain);
    return kind && { domain, kind };
}
/** The ALLOWED_HOSTS entries that are subdomain patterns over shared domains, on every branch. */
export function broadHostPatterns(value) {
    return flaggedItems(value, broadPattern);
}
export default defineRule({
    code: 'DJS503',
    name: 'allowed-hosts-broad-subdomain',
    level: 'warning',
    meta: {
        summary: 'ALLOWED_HOSTS trusts every subdomain of a shared cloud domain',
        description: "A leading-dot pattern such as '.herokuapp.com' or '.elasticbeanstalk.com' in ALLOWED_HOSTS accepts every host under that domain, and anyone can create an app or environment there: an attacker's host passes Django's Host validation, so absolute URLs, password-reset links included, can point at their site.",
        cwe: ['CWE-644'],
        securitySeverity: '6.1',
        precision: 'high',
        messages: {
            hosting: "ALLOWED_HOSTS entry {{pattern}}{{source}} accepts every host under {{domain}}, where anyone can create an app: a Host header naming an attacker's app there passes Django's validation, so password-reset links, redirects and cached pages can point at their site. List your own host instead, e.g. 'your-app.{{domain}}', or your custom domain.",
            registry: "ALLOWED_HOSTS entry {{pattern}}{{source}} accepts every host under {{domain}}, a public registry where anyone can register a name: Host headers naming attackers' domains pass Django's validation, so password-reset links and redirects can point at their sites. List your own domains, e.g. '.example.{{domain}}' or 'www.example.{{domain}}'.",
        },
        docs: `
## What it does
Flags \`ALLOWED_HOSTS\` entries that are Django subdomain patterns (a leading dot) over a domain
shared by strangers: a cloud hosting suffix (\`.elasticbeanstalk.com\`, \`.amazonaws.com\`,
\`.herokuapp.com\`, \`.azurewebsites.net\`, \`.appspot.com\`, \`.onrender.com\`, \`.fly.dev\`,
\`.vercel.app\` and similar), a region or service zone directly under one
(\`.eu-west-1.elasticbeanstalk.com\`, \`.elb.amazonaws.com\`, \`.compute-1.amazonaws.com\`), a
top-level domain (\`.com\`) or a country-code registry (\`.co.uk\`). A pattern on your own name
under such a suffix (\`.myapp.herokuapp.com\`) is fine. Environment defaults count, and the
finding points at the entry. \`'*'\` itself is DJS502.

## Why is this bad?
Django accepts a request only when its \`Host\` header matches \`ALLOWED_HOSTS\`; \`'.example.com'\`
matches \`example.com\` and every subdomain. Under a shared suffix, every other customer owns a
matching name: an attacker sends \`Host: evil.herokuapp.com\` (their own app), Django accepts it,
and \`request.build_absolute_uri()\` puts their host into password-reset e-mails, redirects and
cached pages. The victim's reset token then lands on the attacker's app. The usual reason for
such a pattern is a load balancer's health check or the platform's default hostname: allow
that one exact name instead.

## Example
\`\`\`python
ALLOWED_HOSTS = [".herokuapp.com", "www.example.com"]
\`\`\`

Use instead:
\`\`\`python
ALLOWED_HOSTS = ["shop-prod.herokuapp.com", "www.example.com"]
\`\`\`
`,
    },
    check(ctx) {
        for (const hit of broadHostPatterns(ctx.get('ALLOWED_HOSTS'))) {
            const { domain, kind } = hit.detail;
            ctx.report({
                messageId: kind,
                value: hit.value,
                origin: hit.origin,
                data: { pattern: show(hit.option.py), domain, source: sourceClause(hit.value) },
            });
        }
    },
});
