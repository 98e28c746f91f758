// The pipeline for a set of candidate files: load → evaluate (the one walk per module) → roles →
// rules on each entry's effective settings → de-duplicated findings.
import { relative, resolve, sep } from 'node:path';
import { djangoDefault } from './django-defaults.js';
import type { Confidence, Finding } from './finding.js';
import { compareFindings } from './finding.js';
import type { Session } from './model/evaluate.js';
import type { LoadedModule, ModelNote, SettingsModule } from './model/settings-model.js';
import { ModuleLoader, SettingsEvaluator } from './model/settings-model.js';
import type { Origin, Value } from './model/values.js';
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
  /** Files that could not be read: reported, and the run exits 2. */
  errors: FileProblem[];
  evaluations: Map<string, SettingsModule>;
  /** Source text of every module read, by display path (for code frames). */
  sources: Map<string, string>;
}

export class RuleCrash extends Error {
  constructor(
    readonly rule: Rule,
    readonly file: string,
    readonly causeError: unknown,
  ) {
    super(`rule ${rule.code} ${rule.name} crashed on ${file}: ${causeError instanceof Error ? causeError.message : String(causeError)}`);
  }
}

export function displayPath(cwd: string, absPath: string): string {
  const rel = relative(cwd, absPath);
  return (rel.startsWith('..') || rel === '' ? absPath : rel).split(sep).join('/');
}

export function lintFiles(candidates: string[], parser: PythonParser, options: LintOptions): LintResult {
  const loader = new ModuleLoader(parser, (p) => displayPath(options.cwd, p), options.maxFileBytes);
  for (const [path, text] of options.overrides ?? []) loader.load(resolve(path), text);
  const session: Session = { deployed: options.deployed ?? new Map(), envWrites: new Map() };
  const evaluator = new SettingsEvaluator(loader, session);
  const result: LintResult = { findings: [], files: [], entries: [], skipped: [], errors: [], evaluations: new Map(), sources: new Map() };

  const readable: string[] = [];
  for (const path of candidates) {
    const module = loader.load(path);
    if (module.problem) {
      if (module.problem.severity === 'error') result.errors.push({ file: module.file, message: module.problem.message });
      else result.skipped.push({ file: module.file, reason: module.problem.message });
      continue;
    }
    readable.push(path);
  }
  for (const path of readable) result.evaluations.set(path, evaluator.evaluate(path));

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
    for (const rule of moduleRules) runRule(rule, evaluation, evaluation.module, emit);
  }
  for (const entry of roles.entries) {
    const evaluation = result.evaluations.get(entry) ?? evaluator.evaluate(entry);
    for (const rule of entryRules) runRule(rule, evaluation, evaluation.module, emit);
  }
  result.files = readable.map((p) => loader.load(p).file);
  for (const m of loader.all()) if (m.text !== undefined) result.sources.set(m.file, m.text);
  // Suppression comments are read from the file each finding lands in; only the files that were
  // judged (entries, bases and what they import) have their comments checked for being unused.
  const checkedFiles = new Set([...judged].flatMap((p) => evaluator.evaluate(p).files).map((p) => loader.load(p).file));
  result.findings = applySuppressions(result.findings, { sources: result.sources, checkedFiles, enabled: options.rules, known: options.knownRules }).findings;
  result.findings.sort(compareFindings);
  return result;
}

function runRule(rule: Rule, settings: SettingsModule, entry: LoadedModule, emit: (f: Finding) => void): void {
  const ctx = createContext(rule, settings, entry, emit);
  try {
    rule.check(ctx);
  } catch (e) {
    throw new RuleCrash(rule, entry.file, e);
  }
}

/** Where a value was written: its own origin, or for oneOf the first option that has one. */
export function valueOrigin(value: Value): Origin | undefined {
  if (value.kind === 'unassigned') return undefined;
  if (value.origin) return value.origin;
  if (value.kind === 'oneOf') for (const o of value.options) {
    const found = valueOrigin(o);
    if (found) return found;
  }
  return undefined;
}

const LINE_ONE = (file: string): Origin => ({ file, line: 1, column: 1, endLine: 1, endColumn: 1 });

export function confidenceOf(value: Value | undefined): Confidence {
  if (!value) return 'high';
  switch (value.kind) {
    case 'known':
      return 'high';
    case 'env':
      return value.env.every((e) => e.deployed) ? 'high' : 'medium';
    default:
      return 'low';
  }
}

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
    report: ({ messageId, data, value, origin, confidence }) => {
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
        djangoCheck: rule.meta.djangoCheck,
        cwe: rule.meta.cwe,
        confidence: confidence ?? confidenceOf(value),
      });
    },
  };
}
