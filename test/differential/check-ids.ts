// Which Django check ids djsec mirrors, and which ids a djsec finding stands for. The mirrored set
// is read from the registered rules' meta.djangoCheck, so a rule is compared as soon as it lands.
import type { Finding } from '../../src/finding.js';
import type { Rule } from '../../src/rule-kit/rule.js';

/**
 * The ids a meta.djangoCheck names: 'security.W018', a list 'security.W001, security.W002' or a
 * range 'security.W010–W012' (en dash or hyphen).
 */
export function expandDjangoCheck(declared: string): string[] {
  const out: string[] = [];
  for (const part of declared.split(/[,\s]+/).filter(Boolean)) {
    const range = /^(?<prefix>[\w.]*?\.?)(?<letter>[A-Z])(?<from>\d+)[–-](?:[\w.]*?\.?[A-Z])?(?<to>\d+)$/.exec(part);
    if (range?.groups) {
      const { prefix, letter, from, to } = range.groups;
      for (let n = Number(from); n <= Number(to); n++) out.push(`${prefix}${letter}${String(n).padStart(from.length, '0')}`);
    } else {
      out.push(part);
    }
  }
  return out;
}

/**
 * Rules whose findings do not all stand for meta.djangoCheck: each finding carries its own id
 * (finding.djangoCheck), or none when it goes beyond Django.
 * - DJS401/DJS402 report one of three ids (app only, middleware only, both);
 * - DJS405 mirrors 4_0.E001 for entries without a scheme, and also flags http:// origins and broad
 *   wildcards, which carry no Django id.
 */
export const IDS_NAMED_IN_MESSAGE: Readonly<Record<string, readonly string[]>> = {
  DJS401: ['security.W010', 'security.W011', 'security.W012'],
  DJS402: ['security.W013', 'security.W014', 'security.W015'],
  DJS405: ['4_0.E001'],
};

/** Every Django id a rule can stand for. */
export function ruleCheckIds(rule: Pick<Rule, 'code' | 'meta'>): readonly string[] {
  if (!rule.meta.djangoCheck) return [];
  return IDS_NAMED_IN_MESSAGE[rule.code] ?? expandDjangoCheck(rule.meta.djangoCheck);
}

/** Django check id → the rule that mirrors it. */
export function mirroredChecks(rules: readonly Rule[]): Map<string, Rule> {
  const mirrored = new Map<string, Rule>();
  for (const rule of rules) {
    for (const id of ruleCheckIds(rule)) {
      const other = mirrored.get(id);
      if (other) throw new Error(`${id} is mirrored by both ${other.code} and ${rule.code}`);
      mirrored.set(id, rule);
    }
  }
  return mirrored;
}

/**
 * The Django ids one finding stands for: its own djangoCheck. More than one id means the finding
 * is ambiguous (the test fails on it).
 */
export function findingCheckIds(finding: Finding): string[] {
  if (!finding.djangoCheck) return [];
  // Rules covering several ids set the exact one on each finding; a message that names two ids
  // ("security.W010 or security.W012") marks a finding whose id djsec could not decide.
  const family = IDS_NAMED_IN_MESSAGE[finding.code];
  const named = (family ?? []).filter((id) => new RegExp(`(^|[^\\w.])${id.replace(/\./g, '\\.')}(?!\\w)`).test(finding.message));
  if (named.length > 1) return named;
  return expandDjangoCheck(finding.djangoCheck);
}
