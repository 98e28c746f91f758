#!/usr/bin/env node
// Goal 2's floors: what any results cache must do on a hit, and nothing else. A bare CommonJS
// process that checks every folder and every .py file of the corpus (their list made before
// timing) and prints a report as large as djsec's (captured before timing):
// - by default it stats each one, as a cache that trusts unchanged metadata must;
// - with --read it reads each .py file in full (folders are still stat'ed), as a cache that
//   hashes contents must at least.
//   node scripts/bench/cache-floor.cjs LIST_FILE REPORT_FILE [--read]
// LIST_FILE holds one absolute path a line: folders end with '/'.
'use strict';
// CommonJS on purpose (a floor must not pay for the ES module loader), so require() is the import.
/* eslint-disable @typescript-eslint/no-require-imports */
const fs = require('node:fs');

const [listFile, reportFile, mode] = process.argv.slice(2);
const read = mode === '--read';
let checked = 0;
for (const line of fs.readFileSync(listFile, 'utf8').split('\n')) {
  if (line === '') continue;
  if (read && !line.endsWith('/')) checked += fs.readFileSync(line).length;
  else {
    fs.statSync(line, { bigint: true }); // as a metadata check reads it: nanosecond times
    checked++;
  }
}
const report = fs.readFileSync(reportFile);
for (let written = 0; written < report.length; ) written += fs.writeSync(1, report, written);
if (checked === 0) process.exitCode = 1;
