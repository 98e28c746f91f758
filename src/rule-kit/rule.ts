// The rule API. A rule is one file in rules/: metadata (docs are the single source for
// --explain, generated docs and SARIF help) and a check(ctx) that queries the settings model.
// Rules never walk the syntax tree and never read source text.
import { VERSION_TAG } from '../version.js';
import type { Confidence, Level } from '../finding.js';
import type { InfraModel } from '../infra/infra-model.js';
import type { ModelNote, SettingsModule } from '../model/settings-module.js';
import type { Origin, Value } from '../model/values.js';

export interface RuleMeta<M extends string> {
  /** One line: what the rule finds (SARIF shortDescription). */
  summary: string;
  /** A few sentences: why it matters (SARIF fullDescription). */
  description: string;
  /** The Django system check this rule mirrors, e.g. 'security.W018'. */
  djangoCheck?: string;
  cwe: string[];
  /** SARIF security-severity: a number in (0, 10] as a string. */
  securitySeverity: string;
  precision: 'very-high' | 'high' | 'medium' | 'low';
  /** Message templates with {{placeholders}}; messageIds are type-checked. */
  messages: Record<M, string>;
  /**
   * The rule reports secrets: the text report masks string literals in its code frame, so a
   * CI log never shows the secret the message itself masks.
   */
  secret?: boolean;
  /** Markdown with the sections: What it does, Why is this bad?, Example (+ Use instead). */
  docs: string;
}

export interface ReportDescriptor<M extends string> {
  messageId: M;
  data?: Record<string, string | number>;
  /** Where to point: the value's origin by default; line 1 of the entry for missing settings. */
  value?: Value;
  origin?: Origin;
  /** Defaults to the confidence implied by the value's kind. */
  confidence?: Confidence;
  /**
   * The exact Django check id of this finding, when a rule covers several (DJS401 reports
   * security.W010, W011 or W012 depending on the app and middleware). Defaults to meta.djangoCheck;
   * null when this finding mirrors no Django check (a stricter-than-Django case).
   */
  djangoCheck?: string | null;
  /**
   * Lower than the rule's level for this finding (never higher): a case that fails closed, such
   * as a required SECRET_KEY that stops Django at start-up, is a note, not an error.
   */
  level?: Level;
}

/**
 * What the project's deployment evidence says beyond roles (src/project/roles.ts RoleNote): a
 * wsgi.py/asgi.py default that names development settings. `file` is the display path.
 */
export interface DeploymentNote {
  /**
   * development-switch: a settings switch the deployment runs picks development settings in the
   * default world; development-configuration: wsgi.py's DJANGO_CONFIGURATION default names a
   * development class of a deployed module (django-configurations).
   */
  kind: 'unresolved-evidence' | 'development-default' | 'development-switch' | 'development-configuration';
  file: string;
  line: number;
  /** The dotted module the evidence names. */
  module: string;
  /** Why that module is not production settings (development-default notes). */
  reason?: string;
  message: string;
}

export interface RuleContext<M extends string> {
  /** The entry module being judged, with its effective settings. */
  readonly settings: SettingsModule;
  /** The effective value of a setting, or undefined when it is never assigned. */
  get(name: string): Value | undefined;
  /** The effective value, or Django's default (as a known value with no origin) when unassigned. */
  getOrDefault(name: string): Value;
  /** True when globals() was written, so an unassigned setting is unknown rather than default. */
  readonly poisoned: boolean;
  /** Notes the model made while walking (cycles, unresolved imports, dynamic writes). */
  readonly notes: readonly ModelNote[];
  /** The run's deployment notes (the same for every entry; a finding on them is reported once). */
  readonly deployment: readonly DeploymentNote[];
  /**
   * The run's infrastructure (Terraform resources, Dockerfiles): set for 'infra' rules, which have
   * no settings module (reading `settings` throws there).
   */
  readonly infra?: InfraModel;
  report(descriptor: ReportDescriptor<M>): void;
}

export interface Rule<M extends string = string> {
  code: string;
  name: string;
  level: Level;
  meta: RuleMeta<M>;
  /**
   * 'entry' rules run on each entry's effective settings (the default); 'module' rules run once
   * on every candidate file, for facts about the file itself (syntax errors); 'infra' rules run
   * once a run, on the infrastructure model (ctx.infra, empty when the run has no such files) and
   * the deployment notes (ctx.deployment).
   */
  scope?: 'entry' | 'module' | 'infra';
  check(ctx: RuleContext<M>): void;
}

/** Declares a rule; infers message ids from `meta.messages` so a typo fails type checking. */
export function defineRule<const M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}

// The docs of this exact version (its tag), not of main: a rule's page may change after a release.
export const DOCS_BASE_URL = `https://github.com/djsec/djsec/blob/${VERSION_TAG}/docs/rules/`;

export function ruleDocsUrl(rule: Pick<Rule, 'code' | 'name'>): string {
  return `${DOCS_BASE_URL}${rule.code}-${rule.name}.md`;
}
