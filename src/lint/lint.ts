// The pipeline for a set of candidate files: load → evaluate (the one walk per module) → roles →
// rules on each entry's effective settings → de-duplicated findings.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { djangoDefault } from '../rule-kit/django-defaults.js';
import { forgetStringLeaves } from '../rule-kit/credentials.js';
import type { Finding } from '../finding.js';
import { compareFindings } from '../finding.js';
import type { Session } from '../model/scope.js';
import type { LoadedModule } from '../model/loader.js';
import { ModuleLoader } from '../model/loader.js';
import type { ModelNote, SettingsModule } from '../model/settings-module.js';
import { SettingsEvaluator } from '../model/settings-evaluator.js';
import type { Origin } from '../model/values.js';
import { maskSecret, valueOrigin } from '../model/values.js';
import type { PythonParser } from '../model/parse.js';
import type { Rule, RuleContext } from '../rule-kit/rule.js';
import type { RoleAssignment, RoleFacts, Role, RoleNote } from '../project/roles.js';
import { assignRoles, roleFacts } from '../project/roles.js';
import type { Evidence } from '../project/evidence.js';
import { readDeploymentEvidence } from '../project/evidence.js';
import { legacyDjangoFor } from '../project/django-version.js';
import { configurationEvidence } from '../project/configuration-evidence.js';
import { nonProductionClassReason } from '../project/class-roles.js';
import { applySuppressions } from './suppress.js';
import { entrySettings } from './class-entries.js';
import { renderFinding } from './render-finding.js';
import type { InfraLoad } from '../infra/load.js';
import type { InfraModel } from '../infra/infra-model.js';
import { runInfraRules } from './infra-rules.js';
import { EMPTY_INFRA } from '../infra/infra-model.js';
import { readSource } from '../model/source.js';
import { sha256Hex } from '../lazy-builtins.js';
import type { TextFacts } from './text-facts.js';
import { SourcesOnDemand } from './sources-on-demand.js';

export interface LintOptions {
  cwd: string;
  rules: readonly Rule[];
  /** --env / --env-file values. */
  deployed?: ReadonlyMap<string, string>;
  /** Where deployed values that are not --env came from, by variable (an ECS task definition's environment). */
  deployedFrom?: ReadonlyMap<string, string>;
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
  /** Files that may name the deployed settings module (Discovery.evidence): read as text for roles. */
  evidenceFiles?: string[];
  /** The run's infrastructure files, read (src/infra/load.ts); absent when it has none. */
  infra?: InfraLoad;
  /** Told after each candidate file is read and evaluated (the CLI's progress line). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Drop the evaluations of modules roles skip before judging (less to collect: about 3% less
   * CPU on 2,000 modules); the result's `evaluations` then holds only entries and bases. Off for
   * --print-settings and callers that read every module's evaluation.
   */
  forgetUnjudged?: boolean;
  /** Record what each candidate gave (LintResult.units) for the results cache to reuse. */
  recordUnits?: boolean;
  /** Candidates whose last record still holds (src/lint/results-cache.ts): not evaluated again unless judged anew. */
  reuse?: UnitReuse;
  /** What the results cache knows of the module texts (text-facts.ts): a text known to hold no suppression is not read for them. */
  textFacts?: TextFacts;
}

/**
 * What one candidate gave in a run, in plain data: enough to skip its evaluation in a later run
 * where every file it read is unchanged (the results cache checks that, and the run's import
 * probes). Its findings are those of its own judging; they are replayed in its place.
 */
export interface UnitRecord {
  path: string;
  /** Absolute paths of every module its evaluation read, itself first (SettingsModule.files). */
  files: string[];
  kind: 'evaluated' | 'template' | 'problem';
  /** kind 'evaluated': what roles are decided on. */
  facts?: RoleFacts;
  /** kind 'problem': why it was skipped (a run with an unreadable file is never cached). */
  skipped?: string;
  /** Module-rule findings, once it was judged as an entry or a base (or as a template). */
  moduleFindings?: ReplayedFinding[];
  /** Entry-rule findings, with the key of what its judging depended on beyond its own files. */
  entry?: { key: string; findings: ReplayedFinding[]; skipped: SkippedModule[] };
  /** "decoded as" notes of the modules first loaded while it was read, listed in its place when reused. */
  decoded?: FileProblem[];
}

export interface ReplayedFinding {
  finding: Finding;
  dedupe: string | undefined;
}

export interface UnitReuse {
  units: ReadonlyMap<string, UnitRecord>;
  /** The text of a file a reused unit read (for code frames and suppression comments). */
  text: (absPath: string) => string | undefined;
}

export interface SkippedModule {
  file: string;
  reason: string;
}

/** Why a module was judged as it was (display path). */
export interface RoleSummary {
  file: string;
  role: Role;
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
  /** Each settings module's role and why, then role notes (evidence naming no module, development defaults). */
  roles: RoleSummary[];
  roleNotes: RoleNote[];
  /** Files that could not be read, and internal errors (a rule or the model crashed): the run exits 2. */
  errors: FileProblem[];
  /** Files that were linted with a caveat the user should see (decoded as Latin-1). */
  notes: FileProblem[];
  evaluations: Map<string, SettingsModule>;
  /** Source text of every module read, by display path (for code frames). */
  sources: Map<string, string>;
  /** With options.recordUnits, each candidate's record (but those that read an import cycle: see mergeShares). */
  units?: UnitRecord[];
  /** With options.recordUnits, what import resolution probed: files (is it one) and folders include() listed. */
  probes?: RunProbes;
  /** From the results cache: what the report needs of the texts, kept from earlier runs (text-facts.ts). */
  textFacts?: TextFacts;
}

export interface RunProbes {
  files: [string, boolean][];
  folders: [string, string[] | null][];
  /** Candidates of django-configurations classes: their judging reads the wsgi.py/asgi.py/manage.py above them. */
  classBased?: string[];
}

/** The pseudo-rule of internal-error findings: a rule or the settings model threw on a file. */
export const INTERNAL_ERROR = { code: 'DJS000', name: 'internal-error' } as const;

/**
 * The display paths of the last cwd asked for (a run asks for each module's several times:
 * loading, roles, the result's lists), and the absolute path of each shown relative.
 */
let displayed = displayedUnder('');

function displayedUnder(cwd: string) {
  // path.relative resolves both paths on every call (~60 ms for 2,000 modules of a cached run):
  // a normalized path under a normalized cwd is cut instead.
  const plain = sep === '/' && cwd !== '/' && isAbsolute(cwd) && resolve(cwd) === cwd;
  return { cwd, plain, paths: new Map<string, string>(), absolute: new Map<string, string>() };
}

/** A leading slash, a `.` or `..` segment, an empty one, or a trailing slash: not a normalized relative path. */
const NOT_NORMALIZED = /^\/|(?:^|\/)\.\.?(?:\/|$)|\/\/|\/$/;

export function displayPath(cwd: string, absPath: string): string {
  if (displayed.cwd !== cwd) displayed = displayedUnder(cwd);
  let shown = displayed.paths.get(absPath);
  if (shown === undefined) {
    const rest = displayed.plain && absPath.startsWith(cwd) && absPath[cwd.length] === '/' ? absPath.slice(cwd.length + 1) : undefined;
    if (rest !== undefined && rest !== '' && !NOT_NORMALIZED.test(rest)) {
      shown = rest.startsWith('..') ? absPath : rest;
      if (shown === rest) displayed.absolute.set(rest, absPath);
    } else {
      const rel = relative(cwd, absPath);
      shown = (rel.startsWith('..') || rel === '' ? absPath : rel).split(sep).join('/');
    }
    displayed.paths.set(absPath, shown);
  }
  return shown;
}

/** The absolute path of a display path: `resolve(cwd, display)`, without resolving one displayPath cut. */
export function absolutePath(cwd: string, display: string): string {
  return (displayed.cwd === cwd ? displayed.absolute.get(display) : undefined) ?? resolve(cwd, display);
}

export function lintFiles(candidates: string[], parser: PythonParser, options: LintOptions): LintResult {
  const share = new LintShare(parser, options);
  share.evaluate(candidates, progressOf(candidates, options));
  return judgeShare(share, options);
}

/** lintFiles, letting the event loop run between turns of modules (see LintShare.evaluateInTurns). */
export async function lintFilesInTurns(candidates: string[], parser: PythonParser, options: LintOptions): Promise<LintResult> {
  const share = new LintShare(parser, options);
  await share.evaluateInTurns(candidates, progressOf(candidates, options));
  return judgeShare(share, options);
}

const progressOf = (candidates: readonly string[], options: LintOptions) => options.onProgress && ((done: number) => options.onProgress?.(done, candidates.length));

/** A serial run's share, evaluated: roles, judgment and the result. */
function judgeShare(share: LintShare, options: LintOptions): LintResult {
  const roles = share.roles(options);
  const plan = planOf(roles, share.readable, share.templates, options.infra?.model);
  if (options.forgetUnjudged) share.forgetUnjudged(plan);
  share.judge(plan);
  const result = mergeShares(options, [share.report()], roles, share.readable);
  result.evaluations = share.evaluations;
  return result;
}

/** Where a finding was emitted in a serial run: (phase, module position, emission count). */
export type EmitOrder = [number, number, number];

export interface OrderedFinding {
  finding: Finding;
  order: EmitOrder;
  /**
   * Rule findings are de-duplicated by this key (two entries reporting one base line); internal
   * errors never (undefined). See dedupeKey.
   */
  dedupe: string | undefined;
}

/** What a share needs to judge its modules: the run's roles and module order. */
export interface JudgePlan {
  entries: string[];
  /** Entries judged only on what they assign: unassigned settings are unknown, not Django's defaults. */
  fragments: string[];
  /** What the deployment evidence says beyond roles (DJS007 reports development defaults). */
  deployment: RoleNote[];
  bases: string[];
  /** Every readable module of the run, in candidate order (a finding's position). */
  readable: string[];
  templates: string[];
  /** The run's infrastructure, for settings rules that judge the settings together with it (plain data). */
  infra?: InfraModel;
}

/** A skipped module, an error or a note, with where a serial run would have listed it. */
export interface Ordered<T> {
  item: T;
  order: EmitOrder;
}

/** What judging gave, in plain data (it crosses from a worker thread). */
export interface ShareReport {
  findings: OrderedFinding[];
  skipped: Ordered<SkippedModule>[];
  errors: Ordered<FileProblem>[];
  notes: Ordered<FileProblem>[];
  sources: [string, string][];
  /** Files of reused units that were not read (display and absolute path): read when the report asks (serial runs only). */
  unreadSources?: [string, string][];
  checkedFiles: string[];
  /** With options.recordUnits: its candidates' records, the files of its import cycles, and its probes. */
  units?: UnitRecord[];
  cycleFiles?: string[];
  probes?: RunProbes;
}

const evidenceRead = new WeakMap<readonly string[], Evidence[]>();

/** The run's deployment evidence, read once (roles and the class-based entries both ask). */
function evidenceOf(options: LintOptions): Evidence[] {
  const files = options.evidenceFiles ?? [];
  let evidence = evidenceRead.get(files);
  if (!evidence) {
    evidence = readDeploymentEvidence(files);
    evidenceRead.set(files, evidence);
  }
  return evidence;
}

/** Roles for a run: its modules' facts and the deployment evidence its files hold. */
export function decideRoles(readable: string[], facts: ReadonlyMap<string, RoleFacts>, options: LintOptions): RoleAssignment {
  const display = (p: string) => displayPath(options.cwd, p);
  const roles = assignRoles(readable, facts, {
    explicit: options.explicitEntries,
    includeDev: options.includeDev,
    namedOnCommandLine: options.namedOnCommandLine,
    evidence: evidenceOf(options),
    display,
  });
  if (!options.includeDev) noteDevelopmentConfigurations(roles, facts, options.cwd, display);
  return roles;
}

/**
 * A deployed module of django-configurations classes whose wsgi.py/asgi.py defaults
 * DJANGO_CONFIGURATION to a development class (Local, Dev): a server started without the variable
 * runs that class, as DJS007 reports for DJANGO_SETTINGS_MODULE.
 */
function noteDevelopmentConfigurations(roles: RoleAssignment, facts: ReadonlyMap<string, RoleFacts>, root: string, display: (p: string) => string): void {
  for (const entry of roles.entries) {
    const classes = facts.get(entry)?.classes;
    if (!classes) continue;
    for (const at of configurationEvidence(entry, root).serverAt) {
      const reason = classes.includes(at.name) ? nonProductionClassReason(at.name) : undefined;
      if (!reason) continue;
      const file = display(at.file);
      if (roles.notes.some((n) => n.file === file && n.line === at.line)) continue;
      roles.notePaths.set(file, at.file);
      roles.notes.push({ kind: 'development-configuration', file, line: at.line, module: at.name, reason, message: `${file}:${at.line} defaults DJANGO_CONFIGURATION to ${at.name} (${reason}) of ${display(entry)}: a server started without the variable runs a development class` });
    }
  }
}

/** The facts roles are decided on, per readable module (plain data, see assignRoles). */
export type ModuleFacts = [path: string, facts: RoleFacts];

const PHASE = { overrides: -1, evaluate: 0, moduleRules: 1, templates: 2, entryRules: 3, end: 4 } as const;

/** Modules evaluated between two turns of the event loop (evaluateInTurns). */
const MODULES_PER_TURN = 25;

export function planOf(roles: RoleAssignment, readable: string[], templates: string[], infra?: InfraModel): JudgePlan {
  return { entries: roles.entries, fragments: roles.fragments, deployment: roles.notes, bases: roles.bases, readable, templates, ...(infra ? { infra } : {}) };
}

/**
 * Evaluation and judgment of a set of modules: the whole run when linting serially, one thread's
 * part when parallel (src/lint/parallel.ts). Findings keep their serial emission order, so shares
 * merge into exactly what one serial run reports.
 */
export class LintShare {
  readonly evaluations = new Map<string, SettingsModule>();
  /** Modules read and evaluated, in candidate order. */
  readonly readable: string[] = [];
  readonly templates: string[] = [];
  private readonly loader: ModuleLoader;
  private readonly evaluator: SettingsEvaluator;
  private readonly findings: OrderedFinding[] = [];
  private readonly skipped: Ordered<SkippedModule>[] = [];
  private readonly errors: Ordered<FileProblem>[] = [];
  /** When each module was first loaded (its "decoded as" note is listed there). */
  private readonly loadOrder: Ordered<LoadedModule>[] = [];
  private checkedFiles = new Set<string>();
  /** Each of this share's candidates (evaluated here or reused), by absolute path. */
  private readonly units = new Map<string, UnitRecord>();
  private display(absPath: string): string {
    return displayPath(this.options.cwd, absPath);
  }
  /** The "decoded as" notes of reused units, in their place. */
  private readonly replayedNotes: Ordered<FileProblem>[] = [];
  /** Candidates read or reused so far (the progress count). */
  private done = 0;
  private seq = 0;
  private phase: number = PHASE.evaluate;
  private position = 0;

  constructor(
    parser: PythonParser,
    private readonly options: LintOptions,
  ) {
    this.loader = new ModuleLoader(parser, (p) => displayPath(options.cwd, p), options.maxFileBytes);
    for (const [path, text] of options.overrides ?? []) this.loader.load(resolve(path), text);
    this.phase = PHASE.overrides;
    this.noteLoads();
    const session: Session = { deployed: options.deployed ?? new Map(), deployedFrom: options.deployedFrom, envWrites: new Map() };
    this.evaluator = new SettingsEvaluator(this.loader, session);
  }

  /** Reads, parses and evaluates each candidate (index: its position among the run's candidates). */
  evaluate(candidates: readonly string[], onEvaluated?: (done: number) => void, indexOf: (i: number) => number = (i) => i): void {
    this.phase = PHASE.evaluate;
    candidates.forEach((path, i) => {
      this.position = indexOf(i);
      const loadedBefore = this.loadOrder.length;
      this.readCandidate(path, onEvaluated);
      const unit = this.units.get(path);
      const decoded = this.loadOrder.slice(loadedBefore).filter(({ item: m }) => m.decodedAs);
      if (unit && decoded.length > 0 && !this.options.reuse?.units.has(path)) unit.decoded = decoded.map(({ item: m }) => decodedNote(m));
    });
  }

  /** One candidate: reused, skipped (unreadable, a template) or evaluated, and its record. */
  private readCandidate(path: string, onEvaluated: ((done: number) => void) | undefined): void {
    const reused = this.options.reuse?.units.get(path);
    if (reused) {
      this.reuseEvaluation(reused);
      onEvaluated?.(++this.done);
      return;
    }
    const module = this.guarded(() => displayPath(this.options.cwd, path), 'reading and parsing', () => this.loader.load(path));
    if (!module) return this.noteLoads();
    if (module.problem) {
      if (module.problem.severity === 'error') this.errors.push({ item: { file: module.file, message: module.problem.message }, order: this.next() });
      else {
        this.skipped.push({ item: { file: module.file, reason: module.problem.message }, order: this.next() });
        this.units.set(path, { path, files: [path], kind: 'problem', skipped: module.problem.message });
      }
      this.noteLoads();
      return;
    }
    if (module.template) {
      this.skipped.push({ item: { file: module.file, reason: TEMPLATE_REASON }, order: this.next() });
      this.templates.push(path);
      this.units.set(path, { path, files: [path], kind: 'template' });
      this.noteLoads();
      return;
    }
    const evaluation = this.guarded(() => module.file, 'the settings model', () => this.evaluator.evaluate(path));
    this.noteLoads();
    onEvaluated?.(++this.done);
    if (!evaluation) return;
    this.evaluations.set(path, evaluation);
    this.readable.push(path);
    this.units.set(path, { path, files: evaluation.files, kind: 'evaluated', facts: roleFacts(evaluation) });
  }

  /** A candidate whose last record holds: listed as that run listed it, evaluated only if judged anew. */
  private reuseEvaluation(record: UnitRecord): void {
    // A copy: judging anew replaces its findings, and the record stays the cache's.
    this.units.set(record.path, { ...record });
    const file = this.display(record.path);
    for (const item of record.decoded ?? []) this.replayedNotes.push({ item, order: this.next() });
    if (record.kind === 'problem') this.skipped.push({ item: { file, reason: record.skipped ?? '' }, order: this.next() });
    else if (record.kind === 'template') {
      this.skipped.push({ item: { file, reason: TEMPLATE_REASON }, order: this.next() });
      this.templates.push(record.path);
    } else this.readable.push(record.path);
  }

  /** A reused candidate judged anew (the run's roles or plan changed for it): evaluated now. */
  private evaluationOf(path: string): SettingsModule | undefined {
    let evaluation = this.evaluations.get(path);
    if (!evaluation) {
      evaluation = this.guarded(() => displayPath(this.options.cwd, path), 'the settings model', () => this.evaluator.evaluate(path));
      if (evaluation) this.evaluations.set(path, evaluation);
    }
    return evaluation;
  }

  /** Findings a unit gave in an earlier run, emitted here in the order they were. */
  private replay(findings: readonly ReplayedFinding[]): void {
    for (const { finding, dedupe } of findings) this.findings.push({ finding, order: this.next(), dedupe });
  }

  /**
   * evaluate() in turns of MODULES_PER_TURN modules, letting the event loop run between them: the
   * native parser's trees are freed by N-API finalizers, which Node 20 runs from the event loop,
   * so a run of 2,000 modules in one synchronous loop kept every tree to the end (about 500 MB).
   */
  async evaluateInTurns(candidates: readonly string[], onEvaluated?: (done: number) => void, indexOf: (i: number) => number = (i) => i): Promise<void> {
    for (let start = 0; start < candidates.length; start += MODULES_PER_TURN) {
      if (start > 0) await new Promise((turn) => setImmediate(turn));
      this.evaluate(candidates.slice(start, start + MODULES_PER_TURN), onEvaluated, (i) => indexOf(start + i));
    }
  }

  /** True when a module (or one it imports) met an import cycle. */
  sawImportCycle(): boolean {
    for (const evaluation of this.evaluations.values()) if (evaluation.notes.some((n) => n.kind === 'import-cycle')) return true;
    return false;
  }

  /** The role facts of each readable module (plain data for a parallel run's main thread). */
  facts(): ModuleFacts[] {
    return this.readable.map((path) => [path, this.units.get(path)?.facts ?? roleFacts(this.evaluations.get(path))]);
  }

  roles(options: LintOptions): RoleAssignment {
    return decideRoles(this.readable, new Map(this.facts()), options);
  }

  private configured: string[] | undefined;

  /** The classes deploy configuration names in DJANGO_CONFIGURATION (read once, on the first class-based entry). */
  private configuredClasses(): string[] {
    this.configured ??= evidenceOf(this.options).flatMap((e) => (e.kind === 'deploy' && e.configuration ? [e.configuration] : []));
    return this.configured;
  }

  /**
   * Drops the evaluations of modules the plan does not judge (development and test settings, which
   * roles skip), before judging: a parallel run keeps no evaluations in its result, and they are
   * about a fifth of its heap. Judging asks only for entries' and bases' evaluations; one that met
   * an import cycle is kept, since report() names the files of cycles (no unit of them is cached).
   */
  forgetUnjudged(plan: JudgePlan): void {
    const judged = new Set([...plan.entries, ...plan.bases]);
    for (const [path, evaluation] of [...this.evaluations]) {
      if (judged.has(path) || evaluation.notes.some((n) => n.kind === 'import-cycle')) continue;
      this.evaluations.delete(path);
      this.evaluator.forget(path);
    }
  }

  /** Runs module rules on this share's judged modules and entry rules on its entries. */
  judge(plan: JudgePlan): void {
    const emitted = this.findings;
    // What a unit's judging emits is also kept in its record (`capturing`), to be replayed by a later run.
    let capturing: ReplayedFinding[] = [];
    const emit = (f: Finding, key: string) => {
      emitted.push({ finding: f, order: this.next(), dedupe: key });
      capturing.push({ finding: f, dedupe: key });
    };
    const capture = (run: () => void): ReplayedFinding[] => {
      capturing = [];
      run();
      return capturing;
    };
    const crash = (file: string, what: string, error: unknown) => this.crash(file, what, error);
    const moduleRules = this.options.rules.filter((r) => r.scope === 'module');
    const entryRules = this.options.rules.filter((r) => r.scope === undefined || r.scope === 'entry');
    const judged = new Set<string>(plan.entries);
    const fragments = new Set(plan.fragments);
    for (const base of plan.bases) judged.add(base);
    const readable = new Set(plan.readable);

    this.phase = PHASE.moduleRules;
    plan.readable.forEach((path, position) => {
      const unit = this.units.get(path);
      if (!unit || !judged.has(path)) return; // not judged, or another share's
      this.position = position;
      // Module rules read only the module's own evaluation: a record whose files are unchanged holds.
      if (unit.moduleFindings && !this.evaluations.has(path)) return this.replay(unit.moduleFindings);
      const evaluation = this.evaluationOf(path);
      this.noteLoads();
      if (!evaluation) return;
      unit.moduleFindings = capture(() => {
        for (const rule of moduleRules) runRule(rule, evaluation, evaluation.module, emit, crash);
      });
    });
    // A template is only judged by module rules (DJS003 says it was skipped); its settings are unknown.
    this.phase = PHASE.templates;
    plan.templates.forEach((path, position) => {
      const unit = this.units.get(path);
      if (!unit || !this.templates.includes(path)) return;
      this.position = position;
      if (unit.moduleFindings && this.options.reuse?.units.has(path)) return this.replay(unit.moduleFindings);
      const evaluation = this.evaluator.evaluate(path);
      this.noteLoads();
      unit.moduleFindings = capture(() => {
        for (const rule of moduleRules) runRule(rule, evaluation, evaluation.module, emit, crash);
      });
    });
    this.phase = PHASE.entryRules;
    const legacyDjango = legacyDjangoFor(plan.entries, this.options.evidenceFiles ?? []);
    // What an entry's judging reads beyond its own evaluation and the run's options: the key its
    // record is kept under. Only a cached run needs it (node:crypto stays off a --no-cache start).
    const cached = this.options.recordUnits === true || this.options.reuse !== undefined;
    const deploymentDigest = cached ? sha256Hex(JSON.stringify(plan.deployment)) : '';
    plan.entries.forEach((entry, position) => {
      const unit = this.units.get(entry);
      const fragment = fragments.has(entry);
      const legacyMiddleware = legacyDjango.has(entry);
      const key = `${fragment ? 'fragment' : 'whole'}:${legacyMiddleware ? 'legacy' : 'current'}:${deploymentDigest}`;
      if (unit?.entry && unit.entry.key === key && !this.evaluations.has(entry)) {
        this.position = position;
        for (const item of unit.entry.skipped) this.skipped.push({ item, order: this.next() });
        return this.replay(unit.entry.findings);
      }
      // An explicit --settings entry may be no candidate (serial runs only; see src/lint/parallel.ts).
      const evaluation = unit ? this.evaluationOf(entry) : readable.has(entry) ? undefined : this.evaluator.evaluate(entry);
      if (!evaluation) return;
      this.position = position;
      this.noteLoads();
      // A module of django-configurations classes is judged as each class that deploys (class-entries.ts).
      const judging = this.guarded(() => evaluation.module.file, 'the settings classes', () =>
        entrySettings(evaluation, { root: this.options.cwd, deployed: this.options.deployed, deployedFrom: this.options.deployedFrom, configured: this.configuredClasses(), includeDev: this.options.includeDev }),
      );
      const skipped = (judging?.skipped ?? []).map((s) => ({ file: `${evaluation.module.file} (class ${s.name})`, reason: s.reason }));
      for (const item of skipped) this.skipped.push({ item, order: this.next() });
      const findings = capture(() => {
        for (const judged of judging?.judged ?? []) {
          for (const rule of entryRules) runRule(rule, judged.settings, evaluation.module, emit, crash, { fragment, deployment: plan.deployment, infra: plan.infra, legacyMiddleware });
        }
      });
      if (unit) unit.entry = { key, findings, skipped };
      forgetStringLeaves();
    });
    // Suppression comments are read from the file each finding lands in; only the files that were
    // judged (entries, bases and what they import) have their comments checked for being unused.
    for (const path of judged) {
      const unit = this.units.get(path);
      if (!unit && readable.has(path)) continue; // another share's
      for (const file of unit ? unit.files : this.evaluator.evaluate(path).files) this.checkedFiles.add(this.display(file));
    }
  }

  report(): ShareReport {
    this.phase = PHASE.end;
    this.noteLoads();
    const sources: [string, string][] = [];
    for (const m of this.loader.all()) if (m.text !== undefined) sources.push([m.file, m.text]);
    // What reused units read was not loaded here: its text is read when the report asks for it
    // (mergeShares), or comes from the cache's check of it.
    const reuse = this.options.reuse;
    const unreadSources: [string, string][] = [];
    if (reuse) {
      const listed = new Set(sources.map(([file]) => file));
      for (const unit of this.units.values()) {
        if (!reuse.units.has(unit.path)) continue;
        for (const abs of unit.files) {
          const file = this.display(abs);
          if (!listed.has(file) && listed.add(file)) unreadSources.push([file, abs]);
        }
      }
    }
    const notes = [...this.replayedNotes, ...this.loadOrder.filter(({ item: m }) => m.decodedAs).map(({ item: m, order }) => ({ item: decodedNote(m), order }))];
    const report: ShareReport = { findings: this.findings, skipped: this.skipped, errors: this.errors, notes, sources, checkedFiles: [...this.checkedFiles] };
    if (unreadSources.length > 0) report.unreadSources = unreadSources;
    if (this.options.recordUnits) {
      report.units = [...this.units.values()];
      report.cycleFiles = [...this.evaluations.values()].filter((e) => e.notes.some((n) => n.kind === 'import-cycle')).flatMap((e) => e.files);
      const classBased = [...this.units.values()].filter((u) => u.facts?.classes?.length).map((u) => u.path);
      report.probes = { files: [...this.evaluator.fileProbes], folders: [...this.evaluator.folderListings], classBased };
    }
    return report;
  }

  private next(): EmitOrder {
    return [this.phase, this.position, this.seq++];
  }

  /** Records the modules loaded since the last call as loaded at this point of the run. */
  private noteLoads(): void {
    for (const m of this.loader.loadedSince(this.loadOrder.length)) this.loadOrder.push({ item: m, order: this.next() });
  }

  /** A crash is confined to its file (and rule): one internal-error finding, an error line, exit 2. */
  private crash(file: string, what: string, error: unknown): void {
    const message = `internal error: ${what} crashed on this file: ${describeError(error)}`;
    this.errors.push({ item: { file, message }, order: this.next() });
    this.findings.push({ finding: internalErrorFinding(file, message), order: this.next(), dedupe: undefined });
  }

  private guarded<T>(file: () => string, what: string, run: () => T): T | undefined {
    try {
      return run();
    } catch (e) {
      this.crash(file(), what, e);
      return undefined;
    }
  }
}

const decodedNote = (m: LoadedModule): FileProblem => ({ file: m.file, message: `decoded as ${m.decodedAs}` });

const TEMPLATE_REASON = 'template: Jinja/cookiecutter syntax, not Python until rendered';

const CONFIDENCE_RANK = { low: 0, medium: 1, high: 2 } as const;

const byOrder = (a: { order: EmitOrder }, b: { order: EmitOrder }) => a.order[0] - b.order[0] || a.order[1] - b.order[1] || a.order[2] - b.order[2];

/**
 * One result from the shares of a run: findings in serial emission order, de-duplicated, then
 * suppressions applied and sorted; modules listed in candidate order.
 */
export function mergeShares(options: LintOptions, reports: ShareReport[], roles: RoleAssignment, readable: string[]): LintResult {
  const display = (p: string) => displayPath(options.cwd, p);
  const result: LintResult = { findings: [], files: [], entries: [], skipped: [], roles: [], roleNotes: roles.notes, errors: [], notes: [], evaluations: new Map(), sources: new Map() };
  const ordered = reports.flatMap((r) => r.findings).sort(byOrder);
  // A line inherited by several entries is reported once, however each entry's context words it
  // (one entry reaches it through an environment branch, another directly): the most confident
  // report wins, the first of equals.
  const seen = new Map<string, number>();
  for (const { finding: f, dedupe: key } of ordered) {
    const at = key === undefined ? undefined : seen.get(key);
    if (at === undefined) {
      if (key !== undefined) seen.set(key, result.findings.length);
      result.findings.push(f);
    } else if (CONFIDENCE_RANK[f.confidence] > CONFIDENCE_RANK[result.findings[at].confidence]) {
      result.findings[at] = f;
    }
  }
  const inOrder = <T>(lists: Ordered<T>[][]) => lists.flat().sort(byOrder).map((o) => o.item);
  result.skipped = inOrder(reports.map((r) => r.skipped));
  result.errors = inOrder(reports.map((r) => r.errors));
  // A module imported by modules on two threads was loaded (and noted) by both.
  const noted = new Set<string>();
  result.notes = inOrder(reports.map((r) => r.notes)).filter((n) => !noted.has(n.file) && noted.add(n.file));
  const unread = reports.flatMap((r) => r.unreadSources ?? []);
  const reuse = options.reuse;
  if (unread.length > 0 && reuse) result.sources = new SourcesOnDemand(new Map(unread), [], reuse.text);
  for (const r of reports) for (const [file, text] of r.sources) result.sources.set(file, text);
  if (options.recordUnits) {
    // Which module of an import cycle runs first depends on the order modules are read in: a unit
    // that read a module of one is not kept (the others do not depend on that order).
    const inCycles = new Set(reports.flatMap((r) => r.cycleFiles ?? []));
    if (reports.every((r) => r.units)) result.units = reports.flatMap((r) => r.units ?? []).filter((u) => !u.files.some((f) => inCycles.has(f)));
    result.probes = {
      files: [...new Map(reports.flatMap((r) => r.probes?.files ?? []))],
      folders: [...new Map(reports.flatMap((r) => r.probes?.folders ?? []))],
      classBased: reports.flatMap((r) => r.probes?.classBased ?? []),
    };
  }
  for (const s of roles.skipped) result.skipped.push({ file: display(s.absPath), reason: s.reason });
  result.entries = roles.entries.map(display);
  result.roles = roles.decisions.map((d) => ({ file: display(d.absPath), role: d.role, reason: d.reason }));
  result.files = readable.map(display);
  const checkedFiles = new Set(reports.flatMap((r) => r.checkedFiles));
  mergeRunLevel(result, options, roles, checkedFiles);
  const facts = options.textFacts;
  const mayHoldDirective = facts && ((file: string) => facts.mayHoldDirective(file));
  result.findings = applySuppressions(result.findings, { sources: result.sources, checkedFiles, enabled: options.rules, known: options.knownRules, mayHoldDirective }).findings;
  result.findings.sort(compareFindings);
  return result;
}

type OnCrash = (file: string, what: string, error: unknown) => void;

/**
 * The once-a-run rules (scope 'infra') on the infrastructure model and the deployment notes; their
 * files, problems and findings join the run's (suppressions apply to them alike).
 */
function mergeRunLevel(result: LintResult, options: LintOptions, roles: RoleAssignment, checkedFiles: Set<string>): void {
  // A crash is confined to its rule: an internal-error finding and an error line (exit 2), as for settings rules.
  const crashes: Finding[] = [];
  const onCrash = (rule: Rule, e: unknown) => {
    const message = `internal error: rule ${rule.code} (${rule.name}) crashed on the infrastructure model: ${describeError(e)}`;
    result.errors.push({ file: '(infrastructure)', message });
    crashes.push(internalErrorFinding('(infrastructure)', message));
  };
  const infra = options.infra;
  result.findings.push(...runInfraRules(options.rules, infra?.model ?? EMPTY_INFRA, roles.notes, onCrash), ...crashes);
  const addSource = (file: string, text: string) => {
    result.sources.set(file, text);
    checkedFiles.add(file);
  };
  if (infra) {
    for (const [file, text] of infra.sources) addSource(file, text);
    result.errors.push(...infra.errors);
    result.skipped.push(...infra.skipped);
  }
  // DJS007 points into the wsgi.py/asgi.py whose default names development settings (or the
  // settings switch that picks them): its text
  // gives the finding a code frame and lets a `# djsec: ignore[DJS007]` there work.
  for (const note of roles.notes) {
    const abs = roles.notePaths.get(note.file);
    if (note.kind === 'unresolved-evidence' || !abs || result.sources.has(note.file)) continue;
    const source = readSource(abs, options.maxFileBytes);
    if (source.ok) addSource(note.file, source.text);
  }
}

/** Runs one rule on one module; a throw becomes an internal error for that rule and file only. */
/** How an entry is judged: a fragment only on what it assigns; the run's deployment notes. */
interface Judging {
  fragment: boolean;
  deployment: readonly RoleNote[];
  infra?: InfraModel;
  /** The project's requirements pin Django below 2.0: MIDDLEWARE_CLASSES is its middleware when MIDDLEWARE is unset. */
  legacyMiddleware?: boolean;
}

type Emit = (f: Finding, dedupeKey: string) => void;

function runRule(rule: Rule, settings: SettingsModule, entry: LoadedModule, emit: Emit, onCrash: OnCrash, judging: Judging = { fragment: false, deployment: [] }): void {
  const ctx = createContext(rule, settings, entry, emit, judging);
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

/** The check ids SILENCED_SYSTEM_CHECKS names, when it is a literal list (an unknown one silences nothing). */
function silencedChecks(settings: SettingsModule): ReadonlySet<string> {
  const value = settings.ns.get('SILENCED_SYSTEM_CHECKS');
  const py = value?.kind === 'known' ? value.py : undefined;
  if (!py || typeof py !== 'object' || !('items' in py)) return NONE_SILENCED;
  const ids = new Set<string>();
  for (const item of py.items) if (item.kind === 'known' && typeof item.py === 'string') ids.add(item.py);
  return ids;
}

const NONE_SILENCED: ReadonlySet<string> = new Set();

/**
 * The first syntax error in the modules an entry read. Past it the model may have missed
 * assignments, so a setting it did not see is unknown there, not "not set" (no missing-setting
 * finding for a setting that may well be written after the error).
 */
function syntaxErrorRead(settings: SettingsModule): Origin | undefined {
  for (const file of settings.files) {
    const error = settings.chain.ran.get(file)?.module.syntaxError;
    if (error) return error;
  }
  return settings.module.syntaxError;
}

/** Placeholders that only say how an entry reaches a value (its environment): not part of what is found. */
const CONTEXT_PLACEHOLDERS = new Set(['source', 'from', 'credentialsSource']);

/**
 * What makes two reports one finding: the rule, the place and what was found (the message and
 * its data), but not how each entry's context words the value's source.
 */
function dedupeKey(code: string, where: Origin, messageId: string, data: Record<string, string | number> | undefined): string {
  const found = Object.entries(data ?? {}).filter(([k]) => !CONTEXT_PLACEHOLDERS.has(k));
  return JSON.stringify([code, where.file, where.line, where.column, messageId, found]);
}

/** A fragment (no whole project's settings) is judged on what it assigns: what it leaves unset is not Django's default. */
function createContext(rule: Rule, settings: SettingsModule, entry: LoadedModule, emit: Emit, { fragment, deployment, infra, legacyMiddleware }: Judging): RuleContext<string> {
  const brokenAt = syntaxErrorRead(settings);
  // Before Django 2.0 (as the requirements pin it), MIDDLEWARE_CLASSES is what runs when MIDDLEWARE is unset.
  const lookup = (name: string) => settings.ns.get(name) ?? (legacyMiddleware && name === 'MIDDLEWARE' ? settings.ns.get('MIDDLEWARE_CLASSES') : undefined);
  // Read on the first report only: most rules report nothing, and this context is made per rule.
  let silenced: ReadonlySet<string> | undefined;
  return {
    deployment,
    ...(infra ? { infra } : {}),
    settings,
    poisoned: settings.poisoned,
    notes: settings.notes as readonly ModelNote[],
    get: lookup,
    getOrDefault: (name) => {
      const v = lookup(name);
      if (v !== undefined) return v;
      if (settings.poisoned) return { kind: 'unknown', reason: 'settings written through globals()' };
      if (brokenAt) return { kind: 'unknown', reason: `${name} may be set after the syntax error at ${brokenAt.file}:${brokenAt.line}` };
      if (fragment) return { kind: 'unknown', reason: `${name} is left to whoever includes this fragment` };
      return djangoDefault(name) ?? { kind: 'unknown', reason: `${name} has no modelled default` };
    },
    report: (descriptor) => {
      const { messageId, data, value, origin } = descriptor;
      // Django does not report a check the project silenced, and neither do the warnings and notes
      // that mirror it (DJS801 notes the silence itself); an error (DEBUG on in production, an
      // invalid header value) is reported whatever the settings silence.
      const checks = (descriptor.djangoCheck ?? rule.meta.djangoCheck)?.split(/[\s,]+/).filter(Boolean) ?? [];
      if (rule.level !== 'error' && checks.length > 0) {
        const off = (silenced ??= silencedChecks(settings));
        if (checks.every((id) => off.has(id))) return;
      }
      const where = origin ?? (value && valueOrigin(value)) ?? settings.missingAt ?? LINE_ONE(entry.file);
      emit(renderFinding(rule, descriptor, where, entry.file), dedupeKey(rule.code, where, messageId, data));
    },
  };
}
