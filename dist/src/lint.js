// The pipeline for a set of candidate files: load → evaluate (the one walk per module) → roles →
// rules on each entry's effective settings → de-duplicated findings.
import { relative, resolve, sep } from 'node:path';
import { djangoDefault } from './django-defaults.js';
import { compareFindings, confidenceOf } from './finding.js';
import { ModuleLoader, SettingsEvaluator } from './model/settings-model.js';
import { maskSecret, valueOrigin } from './model/values.js';
import { assignRoles } from './roles.js';
import { applySuppressions } from './suppress.js';
/** The pseudo-rule of internal-error findings: a rule or the settings model threw on a file. */
export const INTERNAL_ERROR = { code: 'DJS000', name: 'internal-error' };
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
    const result = { findings: [], files: [], entries: [], skipped: [], errors: [], notes: [], evaluations: new Map(), sources: new Map() };
    // A crash is confined to its file (and rule): one internal-error finding, an error line, exit 2.
    const crash = (file, what, error) => {
        const message = `internal error: ${what} crashed on this file: ${describeError(error)}`;
        result.errors.push({ file, message });
        result.findings.push(internalErrorFinding(file, message));
    };
    const guarded = (file, what, run) => {
        try {
            return run();
        }
        catch (e) {
            crash(file(), what, e);
            return undefined;
        }
    };
    const readable = [];
    const templates = [];
    for (const path of candidates) {
        const module = guarded(() => displayPath(options.cwd, path), 'reading and parsing', () => loader.load(path));
        if (!module)
            continue;
        if (module.problem) {
            if (module.problem.severity === 'error')
                result.errors.push({ file: module.file, message: module.problem.message });
            else
                result.skipped.push({ file: module.file, reason: module.problem.message });
            continue;
        }
        if (module.template) {
            result.skipped.push({ file: module.file, reason: 'template: Jinja/cookiecutter syntax, not Python until rendered' });
            templates.push(path);
            continue;
        }
        const evaluation = guarded(() => module.file, 'the settings model', () => evaluator.evaluate(path));
        options.onProgress?.(result.evaluations.size + 1, candidates.length);
        if (!evaluation)
            continue;
        result.evaluations.set(path, evaluation);
        readable.push(path);
    }
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
            runRule(rule, evaluation, evaluation.module, emit, crash);
    }
    // A template is only judged by module rules (DJS003 says it was skipped); its settings are unknown.
    for (const path of templates) {
        const evaluation = evaluator.evaluate(path);
        for (const rule of moduleRules)
            runRule(rule, evaluation, evaluation.module, emit, crash);
    }
    for (const entry of roles.entries) {
        const evaluation = result.evaluations.get(entry) ?? evaluator.evaluate(entry);
        for (const rule of entryRules)
            runRule(rule, evaluation, evaluation.module, emit, crash);
    }
    result.files = readable.map((p) => loader.load(p).file);
    for (const m of loader.all())
        if (m.text !== undefined)
            result.sources.set(m.file, m.text);
    for (const m of loader.all())
        if (m.decodedAs)
            result.notes.push({ file: m.file, message: `decoded as ${m.decodedAs}` });
    // Suppression comments are read from the file each finding lands in; only the files that were
    // judged (entries, bases and what they import) have their comments checked for being unused.
    const checkedFiles = new Set([...judged].flatMap((p) => evaluator.evaluate(p).files).map((p) => loader.load(p).file));
    result.findings = applySuppressions(result.findings, { sources: result.sources, checkedFiles, enabled: options.rules, known: options.knownRules }).findings;
    result.findings.sort(compareFindings);
    return result;
}
/** Runs one rule on one module; a throw becomes an internal error for that rule and file only. */
function runRule(rule, settings, entry, emit, onCrash) {
    const ctx = createContext(rule, settings, entry, emit);
    try {
        rule.check(ctx);
    }
    catch (e) {
        onCrash(entry.file, `rule ${rule.code} (${rule.name})`, e);
    }
}
function internalErrorFinding(file, message) {
    return { ...INTERNAL_ERROR, level: 'error', message, file, line: 1, column: 1, endLine: 1, endColumn: 1, cwe: [], confidence: 'high' };
}
/**
 * One line about what was thrown. Quoted text is masked, since an error message may quote a
 * setting's value; DJSEC_DEBUG=1 adds the stack.
 */
function describeError(error) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const line = text.split('\n')[0].replace(/(['"])((?:(?!\1).){9,}?)\1/g, (_m, _q, body) => maskSecret(body));
    const short = line.length > 300 ? `${line.slice(0, 297)}...` : line;
    const stack = process.env.DJSEC_DEBUG === '1' && error instanceof Error && error.stack ? `\n${error.stack}` : '';
    return short + stack;
}
const LINE_ONE = (file) => ({ file, line: 1, column: 1, endLine: 1, endColumn: 1 });
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
        report: ({ messageId, data, value, origin, confidence, djangoCheck }) => {
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
                djangoCheck: djangoCheck === undefined ? rule.meta.djangoCheck : djangoCheck ?? undefined,
                cwe: rule.meta.cwe,
                confidence: confidence ?? confidenceOf(value),
                ...(rule.meta.secret ? { secret: true } : {}),
            });
        },
    };
}
