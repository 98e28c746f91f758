// Machine-readable report; the schema is documented in docs/output-formats.md and kept stable.
import type { LintResult } from '../lint/lint.js';
import type { Rule } from '../rule-kit/rule.js';
import { ruleDocsUrl } from '../rule-kit/rule.js';

export const JSON_SCHEMA_VERSION = 1;

export function formatJson(result: LintResult, meta: { version: string; hiddenByBaseline?: number }): string {
  const count = (level: string) => result.findings.filter((f) => f.level === level).length;
  const report = {
    version: meta.version,
    schemaVersion: JSON_SCHEMA_VERSION,
    findings: result.findings.map((f) => ({
      code: f.code,
      name: f.name,
      level: f.level,
      message: f.message,
      file: f.file,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      entry: f.entry ?? f.file,
      djangoCheck: f.djangoCheck ?? null,
      djangoChecks: f.djangoChecks ?? (f.djangoCheck ? [f.djangoCheck] : []),
      folded: f.folded ?? [],
      cwe: f.cwe,
      confidence: f.confidence,
    })),
    summary: {
      errors: count('error'),
      warnings: count('warning'),
      notes: count('note'),
      files: result.files,
      entries: result.entries,
      skipped: result.skipped,
      roles: result.roles,
      roleNotes: result.roleNotes,
      unreadable: result.errors,
      // Fields are only ever added: caveats (a file decoded as Latin-1) and what the baseline hid.
      caveats: result.notes,
      hiddenByBaseline: meta.hiddenByBaseline ?? 0,
    },
  };
  return JSON.stringify(report, null, 2) + '\n';
}

/** --list-rules --format json: every rule with its level, Django check, CWE and docs link. */
export function formatRulesJson(rules: readonly Rule[], meta: { version: string }): string {
  const list = rules.map((r) => ({ code: r.code, name: r.name, level: r.level, djangoCheck: r.meta.djangoCheck ?? null, cwe: r.meta.cwe, summary: r.meta.summary, helpUri: ruleDocsUrl(r) }));
  return JSON.stringify({ version: meta.version, schemaVersion: JSON_SCHEMA_VERSION, rules: list }, null, 2) + '\n';
}
