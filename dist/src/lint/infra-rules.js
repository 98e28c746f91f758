import { renderFinding } from './render-finding.js';
export function runInfraRules(rules, infra, deployment, onCrash) {
    const findings = [];
    for (const rule of rules) {
        if (rule.scope !== 'infra')
            continue;
        const ctx = {
            infra,
            deployment,
            notes: [],
            poisoned: false,
            get settings() {
                throw new Error(`${rule.code} is an infrastructure rule: it has no settings module`);
            },
            get: () => undefined,
            getOrDefault: () => ({ kind: 'unknown', reason: 'an infrastructure rule has no settings' }),
            report: (descriptor) => {
                if (!descriptor.origin)
                    throw new Error(`${rule.code} reported without an origin`);
                findings.push(renderFinding(rule, { confidence: 'high', ...descriptor }, descriptor.origin, undefined));
            },
        };
        try {
            rule.check(ctx);
        }
        catch (e) {
            onCrash(rule, e);
        }
    }
    return findings;
}
