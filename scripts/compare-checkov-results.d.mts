// Types of compare-checkov-results.mjs, for test/compare-checkov.test.ts.
import type { CheckPair, ResolvedPair } from './compare-checkov-mapping.mjs';

export class CompareError extends Error {}
export interface CheckovResult {
  checkId: string;
  framework: string;
  file: string;
  caseName?: string;
  start: number;
  end: number;
  resource: string;
  verdict: 'failed' | 'passed';
}
export interface DjsecFinding {
  code: string;
  file: string;
  caseName?: string;
  line: number;
  message: string;
}
export interface Disagreement {
  side: 'djsec' | 'checkov';
  file: string;
  caseName: string;
  start?: number;
  end?: number;
  resource: string;
  failedIds: string[];
  lines: number[];
}
export interface PairComparison {
  pair: ResolvedPair;
  compared: number;
  agreements: number;
  counts: { bothFlag: number; bothPass: number; onlyDjsec: number; onlyCheckov: number };
  disagreements: Disagreement[];
  notEvaluated: { file: string; caseName: string; line: number; resource: string }[];
  perId?: PairComparison[];
}
export function parseCheckovReport(text: string, root: string): { results: CheckovResult[]; parsingErrors: string[] };
export function parseDjsecReport(text: string, root: string, cwd: string): DjsecFinding[];
export function comparePair(pair: ResolvedPair, checkovResults: CheckovResult[], findings: DjsecFinding[]): PairComparison;
export function compareAll(pairs: ResolvedPair[], checkovResults: CheckovResult[], findings: DjsecFinding[]): (PairComparison & { perId: PairComparison[] })[];
export function overallAgreement(comparisons: PairComparison[]): { compared: number; agreements: number; ratio: number | undefined };
export function formatComparison(comparisons: PairComparison[], options?: { missing?: CheckPair[]; unparsed?: { file: string; caseName?: string }[]; checkovVersion?: string }): string;
