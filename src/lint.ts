// The pipeline for a set of candidate files: load → evaluate (the one walk per module) → roles →
// rules on each entry's effective settings → de-duplicated findings.
import { relative, resolve, sep } from 'node:path';
import { djangoDefault } from './django-defaults.js';
import type { Finding } from './finding.js';
import { compareFindings, confidenceOf } from './finding.js';
import type { Session } from './model/evaluate.js';
import type { LoadedModule, ModelNote, SettingsModule } from './model/settings-model.js';
import { ModuleLoader, SettingsEvaluator } from './model/settings-model.js';
import type { Origin } from './model/values.js';
import { maskSecret, valueOrigin } from './model/values.js';
import type { PythonParser } from './parse.js';
import type { Rule, RuleContext } from './rule.js';
import { assignRoles } from './roles.js';
import { applySuppressions } from './suppress.js';

export interface LintOptions {
  cwd: string;
  rules: readonly Rule[];
  /** --env / --env-file values. */
  deployed?: ReadonlyMap<string, string>;
  /** --settings: absolute paths of explicit entries. */
  explicitEntries?: string[];
  includeDev?: boolean;
  /** Files named on the command line: always linted, never skipped as development. */
  namedOnCommandLine?: ReadonlySet<string>;
  maxFileBytes?: number;
  /** In-memory contents by absolute path (--stdin, tests). */
  overrides?: ReadonlyMap<string, string>;
  /** Every rule djsec has (a suppression naming another code is reported as unknown); unchecked when absent. */
  knownRules?: readonly Rule[];
  /** Told after each candidate file is read and evaluated (the CLI's progress line). */
  onProgress?: (done: number, total: number) => void;
}

export interface SkippedModule {
  file: string;
  reason: string;
}

export interface FileProblem {
  file: string;
  message: string;
}

export interface LintResult {
  findings: Finding[];
  /** Display paths of every module that was read. */
  files: string[];
  entries: string[];
  skipped: SkippedModule[];
  /** Files that could not be read, and internal errors (a rule or the model crashed): the run exits 2. */
  errors: FileProblem[];
  /** Files that were linted with a caveat the user should see (decoded as Latin-1). */
  notes: FileProblem[];
  evaluations: Map<string, SettingsModule>;
  /** Source text of every module read, by display path (for code frames). */
  sources: Map<string, string>;
}

/** The pseudo-rule of internal-error findings: a rule or the settings model threw on a file. */
export const INTERNAL_ERROR = { code: 'DJS000', name: 'internal-error' } as const;

export function displayPath(cwd: string, absPath: string): string {
  const rel = relative(cwd, absPath);
  return (rel.startsWith('..') || rel === '' ? absPath : rel).split(sep).join('/');
}

export function lintFiles(candidates: string[], parser: PythonParser, options: LintOptions): LintResult {
  const loader = new ModuleLoader(parser, (p) => displayPath(options.cwd, p), options.maxFileBytes);
  for (const [path, text] of options.overrides ?? []) loader.load(resolve(path), text);
  const session: Session = { deployed: options.deployed ?? new Map(), envWrites: new Map() };
  const evaluator = new SettingsEvaluator(loader, session);
  const result: LintResult = { findings: [], files: [], entries: [], skipped: [], errors: [], notes: [], evaluations: new Map(), sources: new Map() };
  // A crash is confined to its file (and rule): one internal-error finding, an error line, exit 2.
  const crash = (file: string, what: string, error: unknown) => {
    const message = `internal error: ${what} crashed on this file: ${describeError(error)}`;
    result.errors.push({ file, message });
    result.findings.push(internalErrorFinding(file, message));
  };
  const guarded = <T>(file: () => string, what: string, run: () => T): T | undefined => {
    try {
      return run();
    } catch (e) {
      crash(file(), what, e);
      return undefined;
    }
  };

  const readable: string[] = [];
  const templates: string[] = [];
  for (const path of candidates) {
    const module = guarded(() => displayPath(options.cwd, path), 'reading and parsing', () => loader.load(path));
    if (!module) continue;
    if (module.problem) {
      if (module.problem.severity === 'error') result.errors.push({ file: module.file, message: module.problem.message });
      else result.skipped.push({ file: module.file, reason: module.problem.message });
      continue;
    }
    if (module.template) {
      result.skipped.push({ file: module.file, reason: 'template: Jinja/cookiecutter syntax, not Python until rendered' });
      templates.push(path);
      continue;
    }
    const evaluation = guarded(() => module.file, 'the settings model', () => evaluator.evaluate(path));
    options.onProgress?.(result.evaluations.size + 1, candidates.length);
    if (!evaluation) continue;
    result.evaluations.set(path, evaluation);
    readable.push(path);
  }

  const roles = assignRoles(readable, result.evaluations, {
    explicit: options.explicitEntries,
    includeDev: options.includeDev,
    namedOnCommandLine: options.namedOnCommandLine,
  });
  for (const s of roles.skipped) result.skipped.push({ file: loader.load(s.absPath).file, reason: s.reason });
  result.entries = roles.entries.map((e) => loader.load(e).file);

  const seen = new Set<string>();
  const emit = (f: Finding) => {
    const key = `${f.code}|${f.file}|${f.line}|${f.column}|${f.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    result.findings.push(f);
  };

  const moduleRules = options.rules.filter((r) => r.scope === 'module');
  const entryRules = options.rules.filter((r) => r.scope !== 'module');
  const judged = new Set<string>(roles.entries);
  for (const base of roles.bases) judged.add(base);
  for (const path of readable) {
    const evaluation = result.evaluations.get(path)!;
    if (!judged.has(path)) continue;
    for (const rule of moduleRules) runRule(rule, evaluation, evaluation.module, emit, crash);
  }
  // A template is only judged by module rules (DJS003 says it was skipped); its settings are unknown.
  for (const path of templates) {
    const evaluation = evaluator.evaluate(path);
    for (const rule of moduleRules) runRule(rule, evaluation, evaluation.module, emit, crash);
  }
  for (const entry of roles.entries) {
    const evaluation = result.evaluations.get(entry) ?? evaluator.evaluate(entry);
    for (const rule of entryRules) runRule(rule, evaluation, evaluation.module, emit, crash);
  }
  result.files = readable.map((p) => loader.load(p).file);
  for (const m of loader.all()) if (m.text !== undefined) result.sources.set(m.file, m.text);
  for (const m of loader.all()) if (m.decodedAs) result.notes.push({ file: m.file, message: `decoded as ${m.decodedAs}` });
  // Suppression comments are read from the file each finding lands in; only the files that were
  // judged (entries, bases and what they import) have their comments checked for being unused.
  const checkedFiles = new Set([...judged].flatMap((p) => evaluator.evaluate(p).files).map((p) => loader.load(p).file));
  result.findings = applySuppressions(result.findings, { sources: result.sources, checkedFiles, enabled: options.rules, known: options.knownRules }).findings;
  result.findings.sort(compareFindings);
  return result;
}

type OnCrash = (file: string, what: string, error: unknown) => void;

/** Runs one rule on one module; a throw becomes an internal error for that rule and file only. */
function runRule(rule: Rule, settings: SettingsModule, entry: LoadedModule, emit: (f: Finding) => void, onCrash: OnCrash): void {
  const ctx = createContext(rule, settings, entry, emit);
  try {
    rule.check(ctx);
  } catch (e) {
    onCrash(entry.file, `rule ${rule.code} (${rule.name})`, e);
  }
}

function internalErrorFinding(file: string, message: string): Finding {
  return { ...INTERNAL_ERROR, level: 'error', message, file, line: 1, column: 1, endLine: 1, endColumn: 1, cwe: [], confidence: 'high' };
}

/**
 * One line about what was thrown. Quoted text is masked, since an error message may quote a
 * setting's value; DJSEC_DEBUG=1 adds the stack.
 */
function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const line = text.split('\n')[0].replace(/(['"])((?:(?!\1).){9,}?)\1/g, (_m, _q, body: string) => maskSecret(body));
  const short = line.length > 300 ? `${line.slice(0, 297)}...` : line;
  const stack = process.env.DJSEC_DEBUG === '1' && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  return short + stack;
}

const LINE_ONE = (file: string): Origin => ({ file, line: 1, column: 1, endLine: 1, endColumn: 1 });

function createContext(rule: Rule, settings: SettingsModule, entry: LoadedModule, emit: (f: Finding) => void): RuleContext<string> {
  return {
    settings,
    poisoned: settings.poisoned,
    notes: settings.notes as readonly ModelNote[],
    get: (name) => settings.ns.get(name),
    getOrDefault: (name) => {
      const v = settings.ns.get(name);
      if (v !== undefined) return v;
      if (settings.poisoned) return { kind: 'unknown', reason: 'settings written through globals()' };
      return djangoDefault(name) ?? { kind: 'unknown', reason: `${name} has no modelled default` };
    },
    report: ({ messageId, data, value, origin, confidence, djangoCheck }) => {
      const template = rule.meta.messages[messageId];
      if (template === undefined) throw new Error(`unknown messageId ${messageId}`);
      const message = template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, key: string) => (data && key in data ? String(data[key]) : `{{${key}}}`));
      const where = origin ?? (value && valueOrigin(value)) ?? LINE_ONE(entry.file);
      emit({
        code: rule.code,
        name: rule.name,
        level: rule.level,
        message,
        file: where.file,
        line: where.line,
        column: where.column,
        endLine: where.endLine,
        endColumn: where.endColumn,
        entry: where.file === entry.file ? undefined : entry.file,
        djangoCheck: djangoCheck === undefined ? rule.meta.djangoCheck : djangoCheck ?? undefined,
        cwe: rule.meta.cwe,
        confidence: confidence ?? confidenceOf(value),
        ...(rule.meta.secret ? { secret: true } : {}),
      });
    },
  };
}
