import debugEnabled from './debug-enabled.js';
import syntaxError from './syntax-error.js';
export const rules = [
    syntaxError,
    debugEnabled,
];
