// Inline suppressions, read from the source text of the file where a finding lands (which may be
// base.py, not the entry that was judged):
//   DEBUG = True  # djsec: ignore[DJS101] -- staging only        (this line)
//   # djsec: ignore[DJS101, allowed-hosts-wildcard]             (own line: the next code line,
//   DEBUG = True                                                  stacking over comment lines)
//   # djsec: ignore                                             (bare: every rule; reported as too broad)
//   DEBUG = True  # noqa: DJS101                                 (Ruff's form: DJS codes, this line only)
//   # djsec: skip-file                                          (in the first SKIP_FILE_LINES lines)
// Comments are not part of the settings model, so they are found here with a small tokenizer
// (strings are skipped, so "# djsec: ignore" inside a string literal is not a suppression).
// Unused suppressions become DJS002 findings, rendered with that rule's own message templates.
import type { Finding } from '../finding.js';
import type { Rule } from '../rule-kit/rule.js';
import { mayHoldDirective } from './text-facts.js';

/** `# djsec: skip-file` counts only within the first lines, as a header (documented in docs/suppressing.md). */
export const SKIP_FILE_LINES = 20;

export const UNUSED_SUPPRESSION_CODE = 'DJS002';

export interface Comment {
  line: number;
  /** 1-based column of the `#`. */
  column: number;
  /** From the `#` to the end of the line. */
  text: string;
  /** True when the line holds nothing but this comment. */
  ownLine: boolean;
}

export interface Suppression {
  file: string;
  line: number;
  column: number;
  endColumn: number;
  /** Codes or names as written; empty for a bare `# djsec: ignore`. */
  codes: string[];
  reason?: string;
  /** The lines whose findings this comment suppresses. */
  targets: number[];
  /** Rule codes this comment actually suppressed. */
  used: Set<string>;
}

export interface FileDirectives {
  skipFile: boolean;
  suppressions: Suppression[];
}

/** Finds every comment of a Python source, skipping string literals (single, triple, any prefix). */
export function findComments(source: string): Comment[] {
  const comments: Comment[] = [];
  let line = 1;
  let lineStart = 0;
  let codeOnLine = false;
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source[i];
    if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      i++;
      line++;
      lineStart = i;
      codeOnLine = false;
      continue;
    }
    if (c === '#') {
      let end = i;
      while (end < n && source[end] !== '\n' && source[end] !== '\r') end++;
      comments.push({ line, column: i - lineStart + 1, text: source.slice(i, end), ownLine: !codeOnLine });
      i = end;
      continue;
    }
    if (c === '"' || c === "'") {
      codeOnLine = true;
      const triple = source.startsWith(c.repeat(3), i);
      const close = triple ? c.repeat(3) : c;
      i += close.length;
      while (i < n) {
        const d = source[i];
        if (d === '\\') {
          // An escaped character, possibly a newline (a continued string).
          if (source[i + 1] === '\r' && source[i + 2] === '\n') i++;
          if (source[i + 1] === '\n' || source[i + 1] === '\r') {
            line++;
            lineStart = i + 2;
          }
          i += 2;
          continue;
        }
        if (source.startsWith(close, i)) {
          i += close.length;
          break;
        }
        if (d === '\n' || d === '\r') {
          if (!triple) break; // an unterminated one-line string ends at the line break
          if (d === '\r' && source[i + 1] === '\n') i++;
          line++;
          lineStart = i + 1;
        }
        i++;
      }
      continue;
    }
    if (c !== ' ' && c !== '\t' && c !== '\f') codeOnLine = true;
    i++;
  }
  return comments;
}

const DIRECTIVE = /#\s*djsec:\s*(ignore|skip-file)\b(?:\[([^\]]*)\])?/i;
// Ruff's and flake8's form, `# noqa: DJS101, F403`: its DJS codes only, on its own line only. A
// bare `# noqa` (often on `from .base import *`) and other tools' codes are not djsec's business.
const NOQA = /#\s*noqa\s*:\s*([A-Z]+[0-9]+(?:\s*,?\s*[A-Z]+[0-9]+)*)/i;
const REASON = /^\s*--\s*(.*?)\s*$/;

/** The suppressions and the skip-file flag of one file. */
export function readDirectives(file: string, source: string): FileDirectives {
  // Every directive names djsec or a DJS code: most files have neither, and need no comment scan.
  if (!mayHoldDirective(source)) return { skipFile: false, suppressions: [] };
  const comments = findComments(source);
  const lines = source.split(/\r\n|\r|\n/);
  const commentOnly = new Set(comments.filter((c) => c.ownLine).map((c) => c.line));
  const result: FileDirectives = { skipFile: false, suppressions: [] };
  for (const comment of comments) {
    const noqa = NOQA.exec(comment.text);
    const noqaCodes = (noqa?.[1] ?? '').split(/[\s,]+/).filter((c) => /^DJS\d{3}$/i.test(c));
    if (noqa && noqaCodes.length > 0) {
      const column = comment.column + noqa.index;
      result.suppressions.push({ file, line: comment.line, column, endColumn: column + noqa[0].length, codes: noqaCodes, targets: [comment.line], used: new Set() });
    }
    const m = DIRECTIVE.exec(comment.text);
    if (!m) continue;
    if (m[1].toLowerCase() === 'skip-file') {
      if (comment.line <= SKIP_FILE_LINES) result.skipFile = true;
      continue;
    }
    const codes = (m[2] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const rest = comment.text.slice(m.index + m[0].length);
    const reason = REASON.exec(rest)?.[1] || undefined;
    const targets = [comment.line];
    if (comment.ownLine) {
      // The next line that is not a comment line: "the line below", stacking over other comments.
      let next = comment.line + 1;
      while (commentOnly.has(next)) next++;
      if (next <= lines.length && lines[next - 1].trim() !== '') targets.push(next);
    }
    result.suppressions.push({
      file,
      line: comment.line,
      column: comment.column + m.index,
      endColumn: comment.column + m.index + m[0].length,
      codes,
      reason,
      targets,
      used: new Set(),
    });
  }
  return result;
}

function names(rule: Rule, token: string): boolean {
  return rule.code === token.toUpperCase() || rule.name === token.toLowerCase();
}

export interface SuppressOptions {
  /** Source text by display path (LintResult.sources). */
  sources: ReadonlyMap<string, string>;
  /** Files whose suppressions are checked for being unused: the ones that were judged. */
  checkedFiles: ReadonlySet<string>;
  /** The rules that ran: only their codes can be judged unused. DJS002 reports only when listed. */
  enabled: readonly Rule[];
  /** Every rule djsec has; a code outside it is reported as unknown. Without it, codes are not checked. */
  known?: readonly Rule[];
  /** false for a file known to hold no directive (text-facts.ts): its text is not read. */
  mayHoldDirective?: (file: string) => boolean | undefined;
}

export interface SuppressResult {
  findings: Finding[];
  suppressed: Finding[];
}

/** Drops suppressed findings and findings in skip-file files; adds DJS002 notes for unused suppressions. */
export function applySuppressions(findings: readonly Finding[], options: SuppressOptions): SuppressResult {
  const directives = new Map<string, FileDirectives>();
  const directivesOf = (file: string): FileDirectives | undefined => {
    if (!directives.has(file)) {
      const text = options.mayHoldDirective?.(file) === false ? undefined : options.sources.get(file);
      directives.set(file, text === undefined ? { skipFile: false, suppressions: [] } : readDirectives(file, text));
    }
    return directives.get(file);
  };

  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const f of findings) {
    const d = directivesOf(f.file);
    if (d?.skipFile) {
      suppressed.push(f);
      continue;
    }
    const by = d?.suppressions.find((s) => covers(s, f) && (s.codes.length === 0 || s.codes.some((c) => c.toUpperCase() === f.code || c.toLowerCase() === f.name)));
    if (by) {
      by.used.add(f.code);
      suppressed.push(f);
    } else {
      kept.push(f);
    }
  }

  const unusedRule = options.enabled.find((r) => r.code === UNUSED_SUPPRESSION_CODE);
  if (unusedRule) {
    for (const file of [...options.checkedFiles].sort()) {
      const d = directivesOf(file);
      if (!d || d.skipFile) continue;
      for (const s of d.suppressions) {
        for (const note of problemsOf(s, unusedRule, options)) {
          // A DJS002 note is silenced only by a comment that names DJS002 explicitly.
          const silencer = d.suppressions.find((o) => covers(o, note) && o.codes.some((c) => names(unusedRule, c)));
          if (silencer) {
            silencer.used.add(unusedRule.code);
            suppressed.push(note);
          } else {
            kept.push(note);
          }
        }
      }
    }
  }
  return { findings: kept, suppressed };
}

/** A suppression covers a finding that starts or ends on one of its target lines. */
function covers(s: Suppression, f: Pick<Finding, 'line' | 'endLine'>): boolean {
  return s.targets.includes(f.line) || s.targets.includes(f.endLine);
}

function problemsOf(s: Suppression, rule: Rule, options: SuppressOptions): Finding[] {
  const known = options.known;
  const out: Finding[] = [];
  const note = (messageId: string, data: Record<string, string>) => out.push(unusedFinding(rule, s, messageId, data));
  if (s.codes.length === 0) {
    // Under --select/--ignore, a bare ignore may hide rules that did not run: never call it
    // unused then, and name only what it hid among the rules that ran.
    const everyRuleRan = !known || known.every((r) => options.enabled.some((e) => e.code === r.code));
    const codes = [...s.used].sort().join(', ');
    if (s.used.size === 0) {
      if (everyRuleRan) note('unusedBare', {});
    } else note(everyRuleRan ? 'blanket' : 'blanketSelected', { codes });
    return out;
  }
  const unknown = known ? s.codes.filter((c) => !known.some((r) => names(r, c))) : [];
  if (unknown.length > 0) note('unknownCode', { codes: unknown.join(', ') });
  const unused = s.codes.filter((c) => {
    const r = options.enabled.find((x) => names(x, c));
    // Disabled rules cannot be judged; DJS002 in the list only silences DJS002 notes.
    return r !== undefined && r.code !== rule.code && !s.used.has(r.code);
  });
  if (unused.length > 0) note('unused', { codes: unused.join(', ') });
  return out;
}

function unusedFinding(rule: Rule, s: Suppression, messageId: string, data: Record<string, string>): Finding {
  const template = rule.meta.messages[messageId];
  if (template === undefined) throw new Error(`${rule.code} has no message ${messageId}`);
  return {
    code: rule.code,
    name: rule.name,
    level: rule.level,
    message: template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, key: string) => data[key] ?? ''),
    file: s.file,
    line: s.line,
    column: s.column,
    endLine: s.line,
    endColumn: s.endColumn,
    djangoCheck: rule.meta.djangoCheck,
    cwe: rule.meta.cwe,
    confidence: 'high',
  };
}
