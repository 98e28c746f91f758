#!/usr/bin/env node
// hyperfine's --prepare for goal 2's edited re-run: appends a new comment line to a module, so
// each timed run sees a changed base module (and cannot answer from the results cache).
import { appendFileSync } from 'node:fs';

appendFileSync(process.argv[2], `# edited ${process.hrtime.bigint()}\n`);
