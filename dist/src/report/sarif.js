import { FingerprintCache } from './fingerprint.js';
import { ruleDocsUrl } from '../rule-kit/rule.js';
import { ruleDocPage, ruleHelpText } from '../rule-kit/rule-docs.js';
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';
const MAX_DESCRIPTION = 1024;
/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
export function pathToUri(path) {
    return path.split('/').map(encodeURIComponent).join('/');
}
function clip(text) {
    return text.length <= MAX_DESCRIPTION ? text : `${text.slice(0, MAX_DESCRIPTION - 1)}…`;
}
function pascalCase(name) {
    return name.replace(/(^|-)([a-z0-9])/g, (_m, _d, c) => c.toUpperCase());
}
function sarifRule(rule) {
    const tags = ['security', ...rule.meta.cwe.map((c) => `external/cwe/cwe-${c.replace(/^CWE-/i, '').toLowerCase()}`)];
    return {
        id: rule.code,
        name: pascalCase(rule.name),
        shortDescription: { text: clip(rule.meta.summary) },
        fullDescription: { text: clip(rule.meta.description) },
        help: { text: ruleHelpText(rule), markdown: ruleDocPage(rule) },
        helpUri: ruleDocsUrl(rule),
        defaultConfiguration: { level: rule.level },
        properties: {
            tags,
            precision: rule.meta.precision,
            'security-severity': rule.meta.securitySeverity,
            'problem.severity': rule.level === 'note' ? 'recommendation' : rule.level,
            ...(rule.meta.djangoCheck ? { djangoCheck: rule.meta.djangoCheck } : {}),
            djsecName: rule.name,
        },
    };
}
function sarifResult(f, ruleIndex, options, fingerprints) {
    const fingerprint = fingerprints.get(f.file, f.line);
    const endColumn = f.endLine === f.line ? Math.max(f.endColumn, f.column) : f.endColumn;
    return {
        ruleId: f.code,
        ruleIndex,
        level: f.level,
        message: { text: f.message },
        locations: [
            {
                physicalLocation: {
                    artifactLocation: { uri: pathToUri(options.repoPath(f.file)), uriBaseId: SRCROOT },
                    region: { startLine: f.line, startColumn: f.column, endLine: Math.max(f.endLine, f.line), endColumn },
                },
            },
        ],
        ...(fingerprint ? { partialFingerprints: { primaryLocationLineHash: fingerprint } } : {}),
        properties: {
            ...(f.djangoCheck ? { djangoCheck: f.djangoCheck } : {}),
            ...(f.djangoChecks && f.djangoChecks.length > 1 ? { djangoChecks: f.djangoChecks } : {}),
            ...(f.folded ? { folded: f.folded.map((o) => o.code) } : {}),
            confidence: f.confidence,
            ...(f.entry ? { entry: pathToUri(options.repoPath(f.entry)) } : {}),
            ...(f.cwe.length > 0 ? { cwe: f.cwe } : {}),
        },
    };
}
export function formatSarif(result, options) {
    const index = new Map(options.rules.map((r, i) => [r.code, i]));
    const fingerprints = new FingerprintCache(result.sources);
    // A result must name a rule in tool.driver.rules; djsec never reports outside its registry.
    const results = result.findings.filter((f) => index.has(f.code)).map((f) => sarifResult(f, index.get(f.code), options, fingerprints));
    const notifications = [
        ...result.errors.map((e) => ({ level: 'error', message: { text: `${e.file}: ${e.message}` } })),
        ...result.skipped.map((s) => ({ level: 'note', message: { text: `skipped ${s.file}: ${s.reason}` } })),
        ...result.notes.map((n) => ({ level: 'note', message: { text: `${n.file}: ${n.message}` } })),
    ];
    const category = options.category?.trim();
    const log = {
        $schema: SARIF_SCHEMA,
        version: '2.1.0',
        runs: [
            {
                tool: {
                    driver: {
                        name: 'djsec',
                        semanticVersion: options.version,
                        informationUri: 'https://github.com/djsec/djsec',
                        rules: options.rules.map(sarifRule),
                    },
                },
                ...(category ? { automationDetails: { id: category.includes('/') ? category : `${category}/` } } : {}),
                originalUriBaseIds: { [SRCROOT]: { description: { text: 'The root of the repository (git top level) djsec ran in.' } } },
                invocations: [
                    {
                        executionSuccessful: result.errors.length === 0,
                        ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
                    },
                ],
                columnKind: 'utf16CodeUnits',
                results,
            },
        ],
    };
    return JSON.stringify(log, null, 2) + '\n';
}
