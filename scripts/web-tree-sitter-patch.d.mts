// Types of web-tree-sitter-patch.mjs, for test/web-tree-sitter-patch.test.ts.
/** web-tree-sitter's CommonJS build with its nodes' handle in a named property and their type id remembered; throws when the code it changes is not found exactly once. */
export function patchNodeClass(text: string, file: string): string;
