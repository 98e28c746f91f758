// Types of compare-checkov-mapping.mjs, for test/compare-checkov.test.ts.
export interface CheckPair {
  rule: string;
  checkov: string[];
  frameworks: string[];
  unit: 'resource' | 'file' | string;
  overlap: 'same' | 'partial' | string;
  note: string;
  source: string[];
}
export interface ResolvedPair extends CheckPair {
  code: string;
}
export const CHECKOV_VERSION: string;
export const PAIRS: CheckPair[];
export function resolvePairs(pairs: CheckPair[], listedRules: { code: string; name: string }[]): { resolved: ResolvedPair[]; missing: CheckPair[] };
