import { LEVEL_RANK, confidenceOf } from '../finding.js';
/** The finding of one report at `where`; `entry` is the judged entry when the finding lands elsewhere. */
export function renderFinding(rule, descriptor, where, entry) {
    const { messageId, data, value, confidence, djangoCheck, level } = descriptor;
    const template = rule.meta.messages[messageId];
    if (template === undefined)
        throw new Error(`unknown messageId ${messageId}`);
    const message = template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, key) => (data && key in data ? String(data[key]) : `{{${key}}}`));
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
