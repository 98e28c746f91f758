// A rule's report turned into a Finding: the message template filled in, the level lowered (never
// raised), the rule's metadata attached. Shared by settings rules (lint.ts) and infrastructure
// rules (infra-rules.ts).
import type { Finding } from '../finding.js';
import { LEVEL_RANK, confidenceOf } from '../finding.js';
import type { Origin } from '../model/values.js';
import type { ReportDescriptor, Rule } from '../rule-kit/rule.js';

/** The finding of one report at `where`; `entry` is the judged entry when the finding lands elsewhere. */
export function renderFinding(rule: Rule, descriptor: ReportDescriptor<string>, where: Origin, entry: string | undefined): Finding {
  const { messageId, data, value, confidence, djangoCheck, level } = descriptor;
  const template = rule.meta.messages[messageId];
  if (template === undefined) throw new Error(`unknown messageId ${messageId}`);
  const message = template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, key: string) => (data && key in data ? String(data[key]) : `{{${key}}}`));
  return {
    code: rule.code,
    name: rule.name,
    level: level !== undefined && LEVEL_RANK[level] < LEVEL_RANK[rule.level] ? level : rule.level,
    message,
    file: where.file,
    line: where.line,
    column: where.column,
    endLine: where.endLine,
    endColumn: where.endColumn,
    entry: where.file === entry ? undefined : entry,
    djangoCheck: djangoCheck === undefined ? rule.meta.djangoCheck : djangoCheck ?? undefined,
    cwe: rule.meta.cwe,
    confidence: confidence ?? confidenceOf(value),
    ...(rule.meta.secret ? { secret: true } : {}),
  };
}
