import { dictGet } from '../src/model/operators.js';
import { parseUrl } from '../src/model/env-casts.js';
import { derived, isConcrete, valueOrigin, withOrigin } from '../src/model/values.js';
import { dictKeys, isLocalHost, judge, member, seqItems, show, sourceClause } from '../src/rule-kit/rule-helpers.js';
import { address, attributeText, resourcesOfTypes, transitEncryption } from '../src/rule-kit/infra-helpers.js';
import { defineRule } from '../src/rule-kit/rule.js';
/** Celery settings that take a broker or result-backend URL (';' separates failover URLs). */
const CELERY_URL_SETTINGS = ['CELERY_BROKER_URL', 'BROKER_URL', 'CELERY_RESULT_BACKEND'];
const ELASTICACHE = /\.cache\.amazonaws\.com(\.cn)?$/;
/**
 * What the repository's only ElastiCache replication group says about a redis:// client, for the
 * message; empty when there is none, several (which one the URL names is not known), or it is unknown.
 */
function clusterClause(infra) {
    const groups = resourcesOfTypes(infra, ['aws_elasticache_replication_group']);
    if (groups.length !== 1)
        return '';
    const [group] = groups;
    const named = `${address(group)} (${group.origin.file}:${group.origin.line})`;
    switch (transitEncryption(group)) {
        case 'off':
            return ` The repository's only ElastiCache replication group, ${named}, has in-transit encryption off too: this traffic is plain text end to end.`;
        case 'required':
            return ` The repository's only ElastiCache replication group, ${named}, requires TLS (${attributeText(group, 'transit_encryption_enabled', true)}): a redis:// client will fail to connect to it.`;
        case 'preferred':
            return ` The repository's only ElastiCache replication group, ${named}, has ${attributeText(group, 'transit_encryption_mode', 'preferred')}: it accepts this plain connection, so the traffic is unencrypted although the cluster offers TLS.`;
        default:
            return '';
    }
}
/** The remote host of a plain redis:// URL, or undefined when TLS, local or not redis. */
function plainRedisHostOfUrl(text) {
    for (const url of text.split(';')) {
        const parsed = parseUrl(url.trim());
        if (parsed?.scheme === 'redis' && !isLocalHost(parsed.host))
            return parsed.host;
    }
    return undefined;
}
/**
 * The remote host a Redis endpoint reaches without TLS: a redis:// URL, a channels_redis
 * (host, port) tuple or {"address": url} dict, or a list of these (a replica set).
 */
function plainRedisHost(py) {
    if (typeof py === 'string')
        return plainRedisHostOfUrl(py);
    if (typeof py !== 'object' || py === null)
        return undefined;
    if (py.t === 'tuple' && py.items.length === 2) {
        const [host] = py.items;
        return isConcrete(host) && typeof host.py === 'string' && !host.py.includes('://') && !isLocalHost(host.py) ? host.py : undefined;
    }
    if (py.t === 'dict') {
        const address = dictGet(py, 'address');
        return address && address !== 'missing' && isConcrete(address) && typeof address.py === 'string' ? plainRedisHostOfUrl(address.py) : undefined;
    }
    for (const item of seqItems(py) ?? []) {
        const host = isConcrete(item) ? plainRedisHost(item.py) : undefined;
        if (host)
            return host;
    }
    return undefined;
}
/** A known list is judged item by item (each item points at itself); anything else whole. */
function endpoints(value, label) {
    if (!isConcrete(value))
        return [{ label, value }];
    const list = value;
    const items = seqItems(list.py);
    if (!items)
        return [{ label, value }];
    return items.map((item, i) => {
        const located = item.kind !== 'unassigned' && !item.origin ? withOrigin(item, list.origin) : item;
        const withEnv = list.kind === 'env' && located.kind === 'known' ? derived(located.py, [list], located.origin) : located;
        return { label: `${label}[${i}]`, value: withEnv };
    });
}
function originKey(value) {
    const origin = valueOrigin(value);
    return origin ? `${origin.file}:${origin.line}:${origin.column}` : '';
}
function listSettings(names) {
    return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
export default defineRule({
    code: 'DJS703',
    name: 'cache-redis-no-tls',
    level: 'warning',
    meta: {
        summary: 'Redis (cache, Celery broker, channel layer) reached over plain redis:// on a remote host',
        description: 'A redis:// URL sends cached data, task payloads and the Redis AUTH password across the network in clear text. Anyone on the path can read or alter them; use rediss:// (TLS), which ElastiCache calls in-transit encryption.',
        cwe: ['CWE-319'],
        securitySeverity: '5.9',
        precision: 'high',
        messages: {
            elasticache: '{{settings}} {{verb}} the ElastiCache endpoint {{host}} over plain redis://{{source}}: cached data, task payloads and the AUTH token cross the VPC unencrypted. Enable in-transit encryption on the ElastiCache replication group and connect with rediss://{{hostOnly}}:6379.{{cluster}}',
            remote: '{{settings}} {{verb}} Redis on the remote host {{host}} over plain redis://{{source}}: cached data, task payloads and any AUTH password cross the network unencrypted. Enable TLS on the Redis server and use a rediss:// URL.{{cluster}}',
        },
        docs: `
## What it does
Flags production settings that reach Redis on another machine without TLS: a \`redis://\` URL
(rather than \`rediss://\`) in \`CACHES[alias]["LOCATION"]\` (a string or a list),
\`CELERY_BROKER_URL\`, \`BROKER_URL\`, \`CELERY_RESULT_BACKEND\`, or a \`CHANNEL_LAYERS[alias]
["CONFIG"]["hosts"]\` entry (a URL, an \`{"address": url}\` dict or a \`(host, port)\` tuple).
Local hosts are not reported: \`localhost\`, \`127.0.0.0/8\`, \`::1\`, \`host.docker.internal\`,
and single-label names such as \`redis\` or \`cache\`, which are almost always docker-compose
services on the same machine. Private IPs and private DNS names are reported: the traffic still
crosses a network. ElastiCache endpoints (\`*.cache.amazonaws.com\`) get a message about
ElastiCache in-transit encryption.

## Why is this bad?
Redis speaks plain text unless TLS is enabled. Sessions and cached pages, Celery task
arguments and results, channel-layer messages and the \`AUTH\` password all travel readable,
and modifiable, by anyone who can see the network path: another tenant of a shared network, a
compromised host in the VPC, a misrouted peering. ElastiCache supports TLS ("in-transit
encryption"); clients then connect with \`rediss://\`.

When the repository's Terraform has exactly one \`aws_elasticache_replication_group\`, the finding
says what it means for this URL (which cluster a URL names is usually not known from the
settings, so with several groups nothing is added): with in-transit encryption off, the traffic
is plain text end to end; with it required, a \`redis://\` client cannot connect at all; with
\`transit_encryption_mode = "preferred"\`, the cluster accepts the plain connection.

## Example
\`\`\`python
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://app-cache.x1y2z3.ng.0001.euw1.cache.amazonaws.com:6379/0",
    }
}
\`\`\`

Use instead:
\`\`\`python
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "rediss://master.app-cache.x1y2z3.euw1.cache.amazonaws.com:6379/0",
    }
}
\`\`\`
`,
    },
    check(ctx) {
        const candidates = [];
        const caches = ctx.get('CACHES');
        for (const alias of dictKeys(caches)) {
            candidates.push(...endpoints(member(member(caches, alias), 'LOCATION'), `CACHES['${alias}']['LOCATION']`));
        }
        for (const name of CELERY_URL_SETTINGS) {
            const value = ctx.get(name);
            if (value)
                candidates.push({ label: name, value });
        }
        const layers = ctx.get('CHANNEL_LAYERS');
        for (const alias of dictKeys(layers)) {
            candidates.push(...endpoints(member(member(member(layers, alias), 'CONFIG'), 'hosts'), `CHANNEL_LAYERS['${alias}']['CONFIG']['hosts']`));
        }
        // One finding per offending line: a REDIS_URL reused by the cache and Celery is one fix.
        const problems = new Map();
        for (const { label, value } of candidates) {
            const verdict = judge(value, (py) => plainRedisHost(py) !== undefined);
            if (!verdict)
                continue;
            const key = originKey(verdict.value) || label;
            const existing = problems.get(key);
            if (existing)
                existing.settings.push(label);
            else
                problems.set(key, { settings: [label], host: plainRedisHost(verdict.option.py), verdict });
        }
        const cluster = clusterClause(ctx.infra);
        for (const { settings, host, verdict } of problems.values()) {
            ctx.report({
                messageId: ELASTICACHE.test(host.toLowerCase()) ? 'elasticache' : 'remote',
                value: verdict.value,
                data: {
                    settings: listSettings(settings),
                    verb: settings.length === 1 ? 'reaches' : 'reach',
                    host: show(host),
                    hostOnly: host,
                    source: sourceClause(verdict.value),
                    cluster,
                },
            });
        }
    },
});
