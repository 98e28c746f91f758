// ESLint 9+ reads only flat config; our rules live in .eslintrc.json (the design card's file)
// and are loaded here unchanged through FlatCompat.
import { readFileSync } from 'node:fs';
import { FlatCompat } from '@eslint/eslintrc';
import js from '@eslint/js';

const compat = new FlatCompat({
  baseDirectory: import.meta.dirname,
  recommendedConfig: js.configs.recommended,
  allConfig: js.configs.all,
});
const legacy = JSON.parse(readFileSync(new URL('./.eslintrc.json', import.meta.url), 'utf8'));

export default [
  { ignores: ['dist/**', 'node_modules/**', 'fixtures/**', 'coverage/**', 'bin/**'] },
  ...compat.config(legacy),
];
