// Human-readable report: findings grouped by file, each with its source line beneath, and a
// closing summary. Colour by level only when asked (the caller decides from TTY/env/flags).
import { Chalk } from 'chalk';
import type { ColorLevel } from '../cli/color.js';
import type { Finding, Level } from '../finding.js';
import type { LintResult } from '../lint/lint.js';
import type { FrameLine, TextFacts } from '../lint/text-facts.js';
import { isSecretName, mayHoldSecretName } from '../rule-kit/secrets.js';

export interface TextOptions {
  color: ColorLevel;
  cwd: string;
  /** Findings a --baseline file hid from this report (said in the summary). */
  hiddenByBaseline?: number;
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
  // A frame masks the strings that secret findings point at, whichever rule the frame is for.
  const secretSpans = secretSpansByLine(result.findings);
  for (const [file, findings] of byFile) {
    out.push(c.underline(file));
    // The text is read only for a frame the results cache did not keep (src/lint/text-facts.ts).
    let lines: LineIndex | null | undefined;
    const linesOf = () => {
      if (lines === undefined) {
        const text = result.sources.get(file);
        lines = text === undefined ? null : new LineIndex(text);
      }
      return lines;
    };
    for (const f of findings) {
      const where = `${f.line}:${f.column}`.padEnd(7);
      const entry = f.entry ? c.dim(` (for ${f.entry})`) : '';
      out.push(`  ${c.dim(where)} ${paint[f.level](f.level.padEnd(7))} ${f.message}${entry}  ${c.dim(`${f.code} ${f.name}`)}`);
      const frame = frameOf(f, secretSpans.get(`${f.file}:${f.line}`) ?? [], linesOf, result.textFacts);
      if (frame) {
        const { text, masked } = frame;
        const gutter = `${f.line} | `;
        out.push(c.dim(`    ${gutter}`) + text);
        const width = f.endLine === f.line ? Math.max(1, Math.min(f.endColumn, text.length + 1) - f.column) : Math.max(1, text.length - f.column + 1);
        // Columns no longer match a masked line, so secret findings get no caret.
        if (!masked) out.push(' '.repeat(4 + gutter.length + f.column - 1) + paint[f.level]('^'.repeat(Math.min(width, 120))));
      }
    }
    out.push('');
  }
  out.push(summary(result, c, options.hiddenByBaseline));
  // Why each entry was judged as deployed, and what the deployment evidence said besides.
  for (const r of result.roles) if (r.role === 'entry' || r.role === 'fragment') out.push(c.dim(`  ${r.role} ${r.file}: ${r.reason}`));
  out.push(...caveats(result).map((line) => c.dim(`  ${line}`)));
  return out.join('\n') + '\n';
}

/**
 * The line a finding's code frame shows, masked, or null for none (a blank line, past the end, no
 * text): kept by the results cache under the secret spans that masked it, else computed from the text.
 */
function frameOf(f: Finding, spans: readonly Span[], linesOf: () => LineIndex | null, facts: TextFacts | undefined): FrameLine | null {
  const spansKey = spans.map(([from, to]) => `${from}-${to}`).join(',');
  const kept = facts?.frame(f.file, f.line, spansKey);
  if (kept !== undefined) return kept;
  const lines = linesOf();
  if (lines === null) return null; // unreadable now: nothing to keep
  const source = lines.line(f.line);
  let frame: FrameLine | null = null;
  if (source !== undefined && source.trim() !== '') {
    // A secret finding's line also has its unquoted values masked (Dockerfile ENV KEY=value).
    const shownText = spans.length > 0 ? maskUnquotedValues(maskSecretsInLine(source, spans)) : maskSecretsInLine(source, spans);
    frame = { text: shownText.replace(/\t/g, ' ').slice(0, 200), masked: shownText !== source };
  }
  facts?.keepFrame(f.file, f.line, spansKey, frame);
  return frame;
}

/** What the reader should know about the run beyond its findings: deployment notes, skipped modules, decodings. */
export function caveats(result: Pick<LintResult, 'skipped' | 'notes' | 'roleNotes'>): string[] {
  return [
    // A development default or switch is a finding (DJS007); the other notes are told here.
    ...result.roleNotes.filter((note) => note.kind === 'unresolved-evidence').map((note) => `note: ${note.message}`),
    ...result.skipped.map((s) => `skipped ${s.file}: ${s.reason}`),
    ...result.notes.map((n) => `note ${n.file}: ${n.message}`),
  ];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Modules that hold any code: an empty (or comments-only) settings.py that discovery found by name
 * is not a settings module that was judged.
 */
export function judgedModules(result: Pick<LintResult, 'files' | 'sources'>): string[] {
  return result.files.filter((f) => holdsCode(result, f));
}

/** Whether any module was judged: reads texts only up to the first that holds code (a cached run reads them on demand). */
export function anyJudgedModule(result: Pick<LintResult, 'files' | 'sources'>): boolean {
  return result.files.some((f) => holdsCode(result, f));
}

function holdsCode(result: Pick<LintResult, 'sources'>, file: string): boolean {
  const text = result.sources.get(file);
  return text === undefined || /^[ \t]*[^#\s]/m.test(text);
}

/** `3 problems (1 error, 2 warnings) in 1 file · 2 modules skipped (...)`: the report's last line. */
export function summary(result: LintResult, c: InstanceType<typeof Chalk> = new Chalk({ level: 0 }), hiddenByBaseline = 0): string {
  const count = (level: Level) => result.findings.filter((f) => f.level === level).length;
  const files = new Set(result.findings.map((f) => f.file)).size;
  const parts = [count('error') && plural(count('error'), 'error'), count('warning') && plural(count('warning'), 'warning'), count('note') && plural(count('note'), 'note')].filter(Boolean);
  // Counted only where it is printed (a clean report): it reads every module's text, which a
  // cached run otherwise reads only for the files with findings.
  const judged = result.findings.length === 0 ? judgedModules(result).length : 0;
  // A run that judged nothing must not look like a clean one.
  const nothingJudged = result.entries.length === 0 && result.roles.some((r) => r.role === 'skipped');
  const head = result.findings.length === 0
    ? judged === 0
      ? c.yellow('No settings module judged')
      : nothingJudged
        ? c.yellow('No settings module judged: every one was skipped (name the deployed one with --settings, or use --include-dev)')
        : c.green(`No problems in ${plural(judged, 'settings module')}`)
    : c.bold(`${plural(result.findings.length, 'problem')} (${parts.join(', ')}) in ${plural(files, 'file')}`);
  const tail: string[] = [];
  if (hiddenByBaseline > 0) tail.push(`${plural(hiddenByBaseline, 'known finding')} hidden by the baseline`);
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
 * The lines of a text as split(/\r\n|\r|\n/) numbers them, found by scanning only as far as the
 * lines asked for (a report shows a few lines of each file, mostly near its top).
 */
class LineIndex {
  /** Offsets where lines 1, 2, ... start, and where each found line ends (before its break). */
  private readonly starts = [0];
  private readonly ends: number[] = [];
  private readonly breaks = /\r\n|\r|\n/g;

  constructor(private readonly text: string) {}

  /** Line n (1-based), or undefined past the end. */
  line(n: number): string | undefined {
    if (n < 1) return undefined;
    while (this.ends.length < n) {
      const start = this.starts[this.starts.length - 1];
      if (start > this.text.length) return undefined;
      this.breaks.lastIndex = start;
      const found = this.breaks.exec(this.text);
      // The last line runs to the end of the text (and split gives it even when empty).
      this.ends.push(found ? found.index : this.text.length);
      this.starts.push(found ? found.index + found[0].length : this.text.length + 1);
    }
    return this.text.slice(this.starts[n - 1], this.ends[n - 1]);
  }
}

/** Columns [from, to) (0-based, UTF-16) of a line that a secret finding points at. */
type Span = [from: number, to: number];

/** Per `file:line`, the spans secret findings cover (a multi-line finding covers its lines). */
function secretSpansByLine(findings: readonly Finding[]): Map<string, Span[]> {
  const spans = new Map<string, Span[]>();
  for (const f of findings) {
    if (!f.secret) continue;
    for (let line = f.line; line <= Math.max(f.line, f.endLine); line++) {
      const from = line === f.line ? f.column - 1 : 0;
      const to = line === f.endLine ? f.endColumn - 1 : Infinity;
      const key = `${f.file}:${line}`;
      spans.set(key, [...(spans.get(key) ?? []), [from, Math.max(from + 1, to)]]);
    }
  }
  return spans;
}

/**
 * A source line as a code frame shows it: a quoted string is masked (`"k3$9…"`) when a secret
 * finding points at it, or when it is the value of a setting or key with a secret's name
 * (`SECRET_KEY = "…"`, `'PASSWORD': "…"`), so a CI log never shows what the message masks, even
 * for a rule left out with --ignore; other strings (`BOT_NAME = "mybot"`) stay readable. URL
 * passwords are masked everywhere.
 */
export function maskSecretsInLine(line: string, secretSpans: readonly Span[] = []): string {
  // A line without any word of a secret's name has no secret-named value.
  const named = mayHoldSecretName(line);
  if (!named && secretSpans.length === 0) return maskUrlCredentials(line);
  const masked = line.replace(/(['"])((?:\\.|(?!\1).)*)\1/g, (literal: string, quote: string, body: string, at: number) => {
    const end = at + literal.length;
    const pointedAt = secretSpans.some(([from, to]) => at < to && end > from);
    if (!pointedAt && !(named && isSecretNamedValue(line.slice(0, at)))) return literal;
    // Setting keys and env variable names ('PASSWORD', 'DB_PASSWORD') stay readable; AWS key ids do not.
    if (/^[A-Z][A-Z_]{0,39}$/.test(body) && !/^(AKIA|ASIA|ABIA|ACCA|A3T)/.test(body)) return literal;
    const chars = [...body];
    const shown = Math.min(4, Math.floor(chars.length / 4));
    return chars.length === 0 ? `${quote}${quote}` : `${quote}${chars.slice(0, shown).join('')}…${quote}`;
  });
  return maskUrlCredentials(masked);
}

/** True when what precedes a string is `NAME =`, `NAME: str =`, `'NAME':` or `NAME=` of a secret's name. */
function isSecretNamedValue(before: string): boolean {
  const m = /([A-Za-z_][A-Za-z0-9_]*)['"]?\s*(?::\s*[\w.[\]]+\s*)?[:=]\s*(?:[\w.]+\(\s*(?:['"][^'"]*['"]\s*,\s*)?(?:default\s*=\s*)?)?$/.exec(before);
  return m !== null && isSecretName(m[1]);
}

/**
 * Masks unquoted values as Dockerfiles write them: `KEY=value` and the legacy `ENV KEY value`.
 * Quoted values are already masked by maskSecretsInLine.
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
