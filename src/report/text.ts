// Human-readable report: findings grouped by file, each with its source line beneath, and a
// closing summary. Colour by level only when asked (the caller decides from TTY/env/flags).
import { Chalk } from 'chalk';
import type { ColorLevel } from '../cli/color.js';
import type { Finding, Level } from '../finding.js';
import type { LintResult } from '../lint/lint.js';

export interface TextOptions {
  color: ColorLevel;
  cwd: string;
}

export function formatText(result: LintResult, options: TextOptions): string {
  const c = new Chalk({ level: options.color });
  const paint: Record<Level, (s: string) => string> = { error: c.red, warning: c.yellow, note: c.blue };
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  // Any frame of a line that holds a secret is masked, whichever rule the frame is for.
  const secretLines = new Set(result.findings.filter((f) => f.secret).map((f) => `${f.file}:${f.line}`));
  for (const [file, findings] of byFile) {
    out.push(c.underline(file));
    const lines = result.sources.get(file)?.split(/\r\n|\r|\n/);
    for (const f of findings) {
      const where = `${f.line}:${f.column}`.padEnd(7);
      const entry = f.entry ? c.dim(` (for ${f.entry})`) : '';
      out.push(`  ${c.dim(where)} ${paint[f.level](f.level.padEnd(7))} ${f.message}${entry}  ${c.dim(`${f.code} ${f.name}`)}`);
      const source = lines?.[f.line - 1];
      if (source !== undefined && source.trim() !== '') {
        const gutter = `${f.line} | `;
        const masked = secretLines.has(`${f.file}:${f.line}`);
        const text = (masked ? maskUnquotedValues(maskStringLiterals(source)) : maskUrlCredentials(source)).replace(/\t/g, ' ').slice(0, 200);
        out.push(c.dim(`    ${gutter}`) + text);
        const width = f.endLine === f.line ? Math.max(1, Math.min(f.endColumn, text.length + 1) - f.column) : Math.max(1, text.length - f.column + 1);
        // Columns no longer match a masked line, so secret findings get no caret.
        if (!masked) out.push(' '.repeat(4 + gutter.length + f.column - 1) + paint[f.level]('^'.repeat(Math.min(width, 120))));
      }
    }
    out.push('');
  }
  out.push(summary(result, c));
  // Why each entry was judged as deployed, and what the deployment evidence said besides.
  for (const r of result.roles) if (r.role === 'entry' || r.role === 'fragment') out.push(c.dim(`  ${r.role} ${r.file}: ${r.reason}`));
  // A development default is a finding (DJS007); the other notes are told here.
  for (const note of result.roleNotes) if (note.kind !== 'development-default') out.push(c.dim(`  note: ${note.message}`));
  if (result.skipped.length > 0) {
    for (const s of result.skipped) out.push(c.dim(`  skipped ${s.file}: ${s.reason}`));
  }
  return out.join('\n') + '\n';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summary(result: LintResult, c: InstanceType<typeof Chalk>): string {
  const count = (level: Level) => result.findings.filter((f) => f.level === level).length;
  const files = new Set(result.findings.map((f) => f.file)).size;
  const parts = [count('error') && plural(count('error'), 'error'), count('warning') && plural(count('warning'), 'warning'), count('note') && plural(count('note'), 'note')].filter(Boolean);
  // A run that judged nothing must not look like a clean one.
  const nothingJudged = result.entries.length === 0 && result.roles.some((r) => r.role === 'skipped');
  const head = result.findings.length === 0
    ? nothingJudged
      ? c.yellow('No settings module judged: every one was skipped (name the deployed one with --settings, or use --include-dev)')
      : c.green(`No problems in ${plural(result.files.length, 'settings module')}`)
    : c.bold(`${plural(result.findings.length, 'problem')} (${parts.join(', ')}) in ${plural(files, 'file')}`);
  const tail: string[] = [];
  if (result.skipped.length > 0) {
    // The kind of reason, without the file and line that say it (listed below the summary).
    const reasons = [...new Set(result.skipped.map((s) => s.reason.replace(/^\S+:\d+ /, '').split(' (')[0]))];
    tail.push(`${result.skipped.length} ${result.skipped.length === 1 ? 'module' : 'modules'} skipped (${reasons.join('; ')})`);
  }
  // Unreadable files and internal errors alike: each is on stderr, and the run exits 2.
  if (result.errors.length > 0) tail.push(`${plural(result.errors.length, 'error')} (on stderr; exit code 2)`);
  return [head, ...tail].join(' · ');
}

/**
 * Masks the contents of every quoted string on a source line: `"k3$9…"`. Used for code frames of
 * findings about secrets, so a CI log never shows the secret that the message masks.
 */
export function maskStringLiterals(line: string): string {
  return line.replace(/(['"])((?:\\.|(?!\1).)*)\1/g, (_m, quote: string, body: string) => {
    // Setting keys and env variable names ('PASSWORD', 'DB_PASSWORD') stay readable; AWS key ids do not.
    if (/^[A-Z][A-Z_]{0,39}$/.test(body) && !/^(AKIA|ASIA|ABIA|ACCA|A3T)/.test(body)) return `${quote}${body}${quote}`;
    const chars = [...body];
    const shown = Math.min(4, Math.floor(chars.length / 4));
    return chars.length === 0 ? `${quote}${quote}` : `${quote}${chars.slice(0, shown).join('')}…${quote}`;
  });
}

/**
 * Masks unquoted values as Dockerfiles write them: `KEY=value` and the legacy `ENV KEY value`.
 * Quoted values are already masked by maskStringLiterals.
 */
export function maskUnquotedValues(line: string): string {
  const mask = (value: string) => `${[...value].slice(0, Math.min(4, Math.floor(value.length / 4))).join('')}…`;
  const legacy = /^(\s*(?:ENV|ARG)\s+[A-Za-z_][\w.-]*\s+)([^\s=][^=]*)$/i.exec(line);
  if (legacy) return legacy[1] + mask(legacy[2].trimEnd());
  return line.replace(/(\b[A-Za-z_][\w.-]*=)([^\s"'\\][^\s"']*)/g, (_m, head: string, value: string) => head + mask(value));
}

/** Masks the password of every `scheme://user:password@host` on a line. */
export function maskUrlCredentials(line: string): string {
  return line.replace(/([a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]*:)([^\s@'"/]+)@/gi, (_m, head: string, password: string) => `${head}${[...password].slice(0, Math.min(4, Math.floor(password.length / 4))).join('')}…@`);
}
