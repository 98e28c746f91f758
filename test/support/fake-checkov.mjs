#!/usr/bin/env node
// A stand-in for the `checkov` binary in test/compare-checkov.test.ts (PyPI is out of reach here):
// it prints a report of Checkov's JSON shape for the plumbing to read. Its only "check" is
// CKV_AWS_17 on aws_db_instance blocks: failed when the block holds `publicly_accessible = true`.
// It knows nothing else of Checkov's logic; the comparison's figures come from the real Checkov.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const args = process.argv.slice(2);
if (args[0] === '--version') {
  process.stdout.write('0.0.0-fake\n');
  process.exit(0);
}
const root = args[args.indexOf('-d') + 1];
const passed = [];
const failed = [];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) walk(path);
    else if (e.name.endsWith('.tf')) scan(path);
  }
};
const scan = (path) => {
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.forEach((line, i) => {
    const m = /^resource "aws_db_instance" "([\w-]+)"/.exec(line);
    if (!m) return;
    let end = i;
    while (end < lines.length && lines[end] !== '}') end++;
    const body = lines.slice(i, end + 1).join('\n');
    const record = { check_id: 'CKV_AWS_17', check_result: { result: '' }, file_path: `/${relative(root, path)}`, file_line_range: [i + 1, end + 1], resource: `aws_db_instance.${m[1]}` };
    if (/publicly_accessible\s*=\s*true/.test(body)) failed.push({ ...record, check_result: { result: 'FAILED' } });
    else passed.push({ ...record, check_result: { result: 'PASSED' } });
  });
};
walk(root);
const report = (checkType, p, f) => ({ check_type: checkType, results: { passed_checks: p, failed_checks: f, skipped_checks: [], parsing_errors: [] }, summary: { passed: p.length, failed: f.length } });
process.stdout.write(JSON.stringify([report('terraform', passed, failed), report('dockerfile', [], [])], null, 4));
