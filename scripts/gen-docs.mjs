#!/usr/bin/env node
// Writes docs/rules/<CODE>-<name>.md for every rule from its metadata (src/rule-kit/rule-docs.ts), plus an
// index, refreshes the rules table in README.md, and removes pages of rules that no longer exist. Reads the compiled rules in dist/, so
// run `npm run build` first (`npm run docs` does both).
//   node scripts/gen-docs.mjs           write the pages
//   node scripts/gen-docs.mjs --check   write nothing; exit 1 listing stale or missing pages (CI)
import { existsSync, mkdirSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../dist/rules/index.js';
import { expectedDocs, readmeWithRules } from '../dist/src/rule-kit/rule-docs.js';

const dir = join(import.meta.dirname, '..', 'docs', 'rules');
const check = process.argv.includes('--check');
const wanted = expectedDocs(rules);
const problems = [];

if (!check) mkdirSync(dir, { recursive: true });
for (const [name, text] of wanted) {
  const path = join(dir, name);
  const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (current === text) continue;
  problems.push(`${current === undefined ? 'missing' : 'stale'}: docs/rules/${name}`);
  if (!check) writeFileSync(path, text);
}
for (const name of existsSync(dir) ? readdirSync(dir) : []) {
  if (name.endsWith('.md') && !wanted.has(name)) {
    problems.push(`no such rule: docs/rules/${name}`);
    if (!check) unlinkSync(join(dir, name));
  }
}

// The project README carries the same table between its rules markers.
const readmePath = join(import.meta.dirname, '..', 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const readmeWanted = readmeWithRules(readme, rules);
if (readmeWanted !== readme) {
  problems.push('stale: the rules table in README.md');
  if (!check) writeFileSync(readmePath, readmeWanted);
}

if (check && problems.length > 0) {
  console.error(problems.join('\n'));
  console.error('docs/rules/ is out of date: run npm run docs and commit the result');
  process.exit(1);
}
console.log(check ? `docs/rules/ is up to date (${wanted.size} pages)` : `docs/rules/: ${problems.length} page(s) written or removed, ${wanted.size} in all`);
