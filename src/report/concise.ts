// --format concise: one line a finding, `path:line:col: DJS101 first sentence of the message`,
// code first as Ruff prints it; then the summary and caveats of the text report. The pre-commit
// hook's format: short enough to read in a terminal, each line clickable in an editor.
import type { Finding } from '../finding.js';
import type { LintResult } from '../lint/lint.js';
import { caveats, summary } from './text.js';

/** The first sentence: up to a full stop followed by a space and a capital or a quote. */
export function firstSentence(message: string): string {
  const end = /[.!?](?=\s+[A-Z'"`(])/.exec(message);
  return end ? message.slice(0, end.index + 1) : message;
}

export function conciseLine(f: Finding): string {
  const inherited = f.entry && f.entry !== f.file ? ` (for ${f.entry})` : '';
  // The folded codes are named at the end of the full message, which the first sentence cuts.
  const folded = f.folded?.length ? ` (also ${f.folded.map((o) => o.code).join(', ')})` : '';
  return `${f.file}:${f.line}:${f.column}: ${f.code} ${firstSentence(f.message)}${inherited}${folded}`;
}

export function formatConcise(result: LintResult, options: { hiddenByBaseline?: number } = {}): string {
  const lines = result.findings.map(conciseLine);
  lines.push(summary(result, undefined, options.hiddenByBaseline), ...caveats(result).map((line) => `  ${line}`));
  return lines.join('\n') + '\n';
}
