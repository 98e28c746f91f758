// Runs the once-a-run rules (scope 'infra') on the infrastructure model and the deployment notes.
// They have no settings module: ctx.infra and ctx.deployment are what they read, and a report
// must say where (an origin from the model or the note).
import type { Finding } from '../finding.js';
import type { InfraModel } from '../infra/infra-model.js';
import type { DeploymentNote, Rule, RuleContext } from '../rule-kit/rule.js';
import { renderFinding } from './render-finding.js';

export type InfraCrash = (rule: Rule, error: unknown) => void;

export function runInfraRules(rules: readonly Rule[], infra: InfraModel, deployment: readonly DeploymentNote[], onCrash: InfraCrash): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (rule.scope !== 'infra') continue;
    const ctx: RuleContext<string> = {
      infra,
      deployment,
      notes: [],
      poisoned: false,
      get settings(): never {
        throw new Error(`${rule.code} is an infrastructure rule: it has no settings module`);
      },
      get: () => undefined,
      getOrDefault: () => ({ kind: 'unknown', reason: 'an infrastructure rule has no settings' }),
      report: (descriptor) => {
        if (!descriptor.origin) throw new Error(`${rule.code} reported without an origin`);
        findings.push(renderFinding(rule, { confidence: 'high', ...descriptor }, descriptor.origin, undefined));
      },
    };
    try {
      rule.check(ctx);
    } catch (e) {
      onCrash(rule, e);
    }
  }
  return findings;
}
