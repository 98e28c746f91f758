// The rule API. A rule is one file in rules/: metadata (docs are the single source for
// --explain, generated docs and SARIF help) and a check(ctx) that queries the settings model.
// Rules never walk the syntax tree and never read source text.
import { VERSION_TAG } from '../version.js';
/** Declares a rule; infers message ids from `meta.messages` so a typo fails type checking. */
export function defineRule(rule) {
    return rule;
}
// The docs of this exact version (its tag), not of main: a rule's page may change after a release.
export const DOCS_BASE_URL = `https://github.com/djsec/djsec/blob/${VERSION_TAG}/docs/rules/`;
export function ruleDocsUrl(rule) {
    return `${DOCS_BASE_URL}${rule.code}-${rule.name}.md`;
}
