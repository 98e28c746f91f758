// GitHub Actions workflow commands, one per finding, which the runner turns into annotations:
//   ::error file=mysite/settings.py,line=9,col=9,endLine=9,endColumn=13,title=DJS101 debug-enabled::DEBUG is True…
// Escaping follows the runner's rules: in the message `%`, CR and LF are percent-encoded; in
// property values `:` and `,` are too, since they delimit properties.
import type { Level } from '../finding.js';
import type { LintResult } from '../lint/lint.js';

const COMMAND: Record<Level, string> = { error: 'error', warning: 'warning', note: 'notice' };

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface GithubOptions {
  /** Display path → path relative to the repository root (where the runner resolves `file=`). */
  repoPath: (file: string) => string;
}

export function formatGithub(result: LintResult, options: GithubOptions): string {
  const lines = result.findings.map((f) => {
    const props = [
      `file=${escapeProperty(options.repoPath(f.file))}`,
      `line=${f.line}`,
      `col=${f.column}`,
      `endLine=${f.endLine}`,
      `endColumn=${f.endColumn}`,
      `title=${escapeProperty(`${f.code} ${f.name}`)}`,
    ];
    return `::${COMMAND[f.level]} ${props.join(',')}::${escapeData(f.message)}`;
  });
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}
