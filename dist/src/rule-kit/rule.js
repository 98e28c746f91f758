/** Declares a rule; infers message ids from `meta.messages` so a typo fails type checking. */
export function defineRule(rule) {
    return rule;
}
export const DOCS_BASE_URL = 'https://github.com/djsec/djsec/blob/main/docs/rules/';
export function ruleDocsUrl(rule) {
    return `${DOCS_BASE_URL}${rule.code}-${rule.name}.md`;
}
