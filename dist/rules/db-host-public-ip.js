import { literalOf, tfBool } from '../src/infra/infra-model.js';
import { address, attributeText, resourcesOfTypes } from '../src/rule-kit/infra-helpers.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { dictKeys, judge, member, show, sourceClause } from '../src/rule-kit/rule-helpers.js';
// Ranges that are not reachable from the internet (Python's ipaddress `is_global` is false):
// RFC 1918 private, loopback, link-local, carrier-grade NAT, "this network", documentation,
// benchmarking, IETF protocol assignments, multicast and reserved space.
const NON_PUBLIC_RANGES = [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.0.2.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['198.51.100.0', 24],
    ['203.0.113.0', 24],
    ['224.0.0.0', 4],
    ['240.0.0.0', 4],
];
/** A dotted-quad IPv4 literal (optionally with :port) as a 32-bit number. */
function parseIpv4(text) {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?::\d{1,5})?$/.exec(text.trim());
    if (!m)
        return undefined;
    const octets = m.slice(1).map(Number);
    if (octets.some((o) => o > 255))
        return undefined;
    return octets.reduce((acc, o) => acc * 256 + o, 0);
}
function inRange(ip, [base, bits]) {
    const size = 2 ** (32 - bits);
    const start = parseIpv4(base);
    return ip >= start && ip < start + size;
}
function isPublicIpv4(text) {
    const ip = parseIpv4(text);
    return ip !== undefined && !NON_PUBLIC_RANGES.some((r) => inRange(ip, r));
}
const isPublicHost = (py) => (typeof py === 'string' ? isPublicIpv4(py) : undefined);
/** An RDS instance endpoint: IDENTIFIER.HASH.REGION.rds.amazonaws.com (the identifier is lower-cased). */
const RDS_ENDPOINT = /^([a-z][a-z0-9-]*)\.[a-z0-9]+\.[a-z0-9-]+\.rds\.amazonaws\.com(?:\.cn)?(?::\d+)?$/i;
/** The repository's publicly accessible aws_db_instance whose `identifier` the endpoint names. */
function publicRdsInstance(infra, host) {
    const id = RDS_ENDPOINT.exec(host.trim())?.[1]?.toLowerCase();
    if (!id)
        return undefined;
    return resourcesOfTypes(infra, ['aws_db_instance']).find((db) => {
        const identifier = literalOf(db.attributes.get('identifier'));
        return typeof identifier === 'string' && identifier.toLowerCase() === id && tfBool(db.attributes.get('publicly_accessible')) === true;
    });
}
export default defineRule({
    code: 'DJS701',
    name: 'db-host-public-ip',
    level: 'warning',
    meta: {
        summary: "A DATABASES entry's HOST is a public IPv4 address",
        description: 'A database reached at a public IP address is exposed to the internet: anyone can try its port, its credentials and its TLS settings. On AWS, RDS belongs in private subnets, reached from the application by a private address or the RDS endpoint name.',
        cwe: ['CWE-668'],
        securitySeverity: '6.5',
        precision: 'high',
        messages: {
            publicHost: "DATABASES['{{alias}}']['HOST'] is the public IP address {{host}}{{source}}: the database is reachable from the internet, where its port and credentials can be attacked. Keep the database in a private subnet (for RDS: PubliclyAccessible off) and connect through a private address or the RDS endpoint name, e.g. 'HOST': env(\"DB_HOST\").",
            publicRds: "DATABASES['{{alias}}']['HOST'] is {{host}}{{source}}, the endpoint of {{instance}}, which sets {{public}}: the database this application uses has a public address, where its port and credentials can be attacked. Set {{fix}} and keep the instance in private subnets.",
        },
        docs: `
## What it does
Flags production settings where \`DATABASES[alias]["HOST"]\` is a public IPv4 address: a literal,
the default of an environment lookup, or the host of a database URL
(\`env.db(default="postgres://…@52.1.2.3/app")\`, \`dj_database_url.config(default=…)\`).
Private (10/8, 172.16/12, 192.168/16), loopback, link-local, carrier-grade NAT (100.64/10) and
reserved or documentation addresses are not reported, nor are host names.

Judged with the infrastructure: when the host is an RDS instance endpoint
(\`IDENTIFIER.xxxx.REGION.rds.amazonaws.com\`) and the repository's Terraform has an
\`aws_db_instance\` with that \`identifier\` and \`publicly_accessible = true\`, the finding names
the instance. A host from the environment is not matched to any instance (no guessing), even
when the repository has only one.

## Why is this bad?
A database with a public address can be reached by anyone on the internet: its port is scanned
within minutes, and from then on only its password and TLS settings stand between an attacker and
the data. On AWS, an RDS instance belongs in private subnets with \`PubliclyAccessible\` off, and a
security group that admits only the application; the application then reaches it through a
private address or the RDS endpoint name. A hard-coded IP address also breaks on failover, when
the endpoint moves to another address.

## Example
\`\`\`python
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": "52.14.201.7",
    }
}
\`\`\`

Use instead:
\`\`\`python
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": env("DB_HOST"),  # e.g. app.abc123.eu-west-1.rds.amazonaws.com, in a private subnet
    }
}
\`\`\`
`,
    },
    check(ctx) {
        const databases = ctx.get('DATABASES');
        for (const alias of dictKeys(databases)) {
            const host = member(member(databases, alias), 'HOST');
            const verdict = judge(host, isPublicHost);
            if (verdict) {
                ctx.report({ messageId: 'publicHost', value: verdict.value, data: { alias, host: show(verdict.option.py), source: sourceClause(verdict.value) } });
                continue;
            }
            // Judged with the infrastructure: an RDS endpoint named by its instance's identifier.
            const rds = judge(host, (py) => (typeof py === 'string' ? publicRdsInstance(ctx.infra, py) !== undefined : undefined));
            const instance = rds && typeof rds.option.py === 'string' ? publicRdsInstance(ctx.infra, rds.option.py) : undefined;
            if (rds && instance) {
                const named = `${address(instance)} (${instance.origin.file}:${instance.origin.line})`;
                ctx.report({ messageId: 'publicRds', value: rds.value, data: { alias, host: show(rds.option.py), source: sourceClause(rds.value), instance: named, public: attributeText(instance, 'publicly_accessible', true), fix: attributeText(instance, 'publicly_accessible', false) } });
            }
        }
    },
});
