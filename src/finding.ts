import type { Value } from './model/values.js';
// A finding is what a rule reports: where, what, how sure, and which standards it maps to.
export type Level = 'error' | 'warning' | 'note';
export type Confidence = 'high' | 'medium' | 'low';

export interface Finding {
  code: string;
  name: string;
  level: Level;
  /** Secrets in messages are always masked. */
  message: string;
  /** Relative to the working directory, `/` separators. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The entry module this finding was judged for (display path), when it differs from file. */
  entry?: string;
  djangoCheck?: string;
  cwe: string[];
  confidence: Confidence;
  /** The finding is about a secret: renderers that show source must mask it. */
  secret?: boolean;
  /** Every Django check id this finding covers, its own and its folded findings' (see src/lint/fold.ts). */
  djangoChecks?: string[];
  /** Findings of the same root cause folded into this one (src/lint/fold.ts). */
  folded?: { code: string; name: string; level: Level; message: string; djangoCheck?: string }[];
}

export const LEVEL_RANK: Record<Level, number> = { note: 0, warning: 1, error: 2 };

export function compareFindings(a: Finding, b: Finding): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** How sure a finding is, from the kind of value it judged: a literal, an env default, a branch. */
export function confidenceOf(value: Value | undefined): Confidence {
  if (!value) return 'high';
  switch (value.kind) {
    case 'known':
      return value.world ? 'medium' : 'high';
    case 'env':
      return value.env.every((e) => e.deployed) ? 'high' : 'medium';
    default:
      return 'low';
  }
}
