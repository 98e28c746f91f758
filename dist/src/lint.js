// The pipeline for a set of candidate files: load → evaluate (the one walk per module) → roles →
// rules on each entry's effective settings → de-duplicated findings.
import { relative, resolve, sep } from 'node:path';
import { djangoDefault } from './django-defaults.js';
import { compareFindings } from './finding.js';
import { ModuleLoader, SettingsEvaluator } from './model/settings-model.js';
import { assignRoles } from './roles.js';
export class RuleCrash extends Error {
    rule;
    file;
    causeError;
    constructor(rule, file, causeError) {
        super(`rule ${rule.code} ${rule.name} crashed on ${file}: ${causeError instanceof Error ? causeError.message : String(causeError)}`);
        this.rule = rule;
        this.file = file;
        this.causeError = causeError;
    }
}
export function displayPath(cwd, absPath) {
    const rel = relative(cwd, absPath);
    return (rel.startsWith('..') || rel === '' ? absPath : rel).split(sep).join('/');
}
export function lintFiles(candidates, parser, options) {
    const loader = new ModuleLoader(parser, (p) => displayPath(options.cwd, p), options.maxFileBytes);
    for (const [path, text] of options.overrides ?? [])
        loader.load(resolve(path), text);
    const session = { deployed: options.deployed ?? new Map(), envWrites: new Map() };
    const evaluator = new SettingsEvaluator(loader, session);
    const result = { findings: [], files: [], entries: [], skipped: [], errors: [], evaluations: new Map(), sources: new Map() };
    const readable = [];
    for (const path of candidates) {
        const module = loader.load(path);
        if (module.problem) {
            if (module.problem.severity === 'error')
                result.errors.push({ file: module.file, message: module.problem.message });
            else
                result.skipped.push({ file: module.file, reason: module.problem.message });
            continue;
        }
        readable.push(path);
    }
    for (const path of readable)
        result.evaluations.set(path, evaluator.evaluate(path));
    const roles = assignRoles(readable, result.evaluations, {
        explicit: options.explicitEntries,
        includeDev: options.includeDev,
        namedOnCommandLine: options.namedOnCommandLine,
    });
    for (const s of roles.skipped)
        result.skipped.push({ file: loader.load(s.absPath).file, reason: s.reason });
    result.entries = roles.entries.map((e) => loader.load(e).file);
    const seen = new Set();
    const emit = (f) => {
        const key = `${f.code}|${f.file}|${f.line}|${f.column}|${f.message}`;
        if (seen.has(key))
            return;
        seen.add(key);
        result.findings.push(f);
    };
    const moduleRules = options.rules.filter((r) => r.scope === 'module');
    const entryRules = options.rules.filter((r) => r.scope !== 'module');
    const judged = new Set(roles.entries);
    for (const base of roles.bases)
        judged.add(base);
    for (const path of readable) {
        const evaluation = result.evaluations.get(path);
        if (!judged.has(path))
            continue;
        for (const rule of moduleRules)
            runRule(rule, evaluation, evaluation.module, emit);
    }
    for (const entry of roles.entries) {
        const evaluation = result.evaluations.get(entry) ?? evaluator.evaluate(entry);
        for (const rule of entryRules)
            runRule(rule, evaluation, evaluation.module, emit);
    }
    result.files = readable.map((p) => loader.load(p).file);
    for (const m of loader.all())
        if (m.text !== undefined)
            result.sources.set(m.file, m.text);
    result.findings.sort(compareFindings);
    return result;
}
function runRule(rule, settings, entry, emit) {
    const ctx = createContext(rule, settings, entry, emit);
    try {
        rule.check(ctx);
    }
    catch (e) {
        throw new RuleCrash(rule, entry.file, e);
    }
}
/** Where a value was written: its own origin, or for oneOf the first option that has one. */
export function valueOrigin(value) {
    if (value.kind === 'unassigned')
        return undefined;
    if (value.origin)
        return value.origin;
    if (value.kind === 'oneOf')
        for (const o of value.options) {
            const found = valueOrigin(o);
            if (found)
                return found;
        }
    return undefined;
}
const LINE_ONE = (file) => ({ file, line: 1, column: 1, endLine: 1, endColumn: 1 });
export function confidenceOf(value) {
    if (!value)
        return 'high';
    switch (value.kind) {
        case 'known':
            return 'high';
        case 'env':
            return value.env.every((e) => e.deployed) ? 'high' : 'medium';
        default:
            return 'low';
    }
}
function createContext(rule, settings, entry, emit) {
    return {
        settings,
        poisoned: settings.poisoned,
        notes: settings.notes,
        get: (name) => settings.ns.get(name),
        getOrDefault: (name) => {
            const v = settings.ns.get(name);
            if (v !== undefined)
                return v;
            if (settings.poisoned)
                return { kind: 'unknown', reason: 'settings written through globals()' };
            return djangoDefault(name) ?? { kind: 'unknown', reason: `${name} has no modelled default` };
        },
        report: ({ messageId, data, value, origin, confidence }) => {
            const template = rule.meta.messages[messageId];
            if (template === undefined)
                throw new Error(`unknown messageId ${messageId}`);
            const message = template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, key) => (data && key in data ? String(data[key]) : `{{${key}}}`));
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
