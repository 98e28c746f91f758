#!/usr/bin/env node
// The read floor of goal 2: the least any scanner of this repository must do. It walks the tree
// with djsec's pruning (the same skipped folder names, folders holding pyvenv.cfg, the folders the
// root .gitignore names) and reads every .py file it keeps in full, as djsec must at least sniff
// each one. No parsing, no output beyond a count. `--stats` prints what it read as JSON.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// Kept equal to SKIP_DIRS in src/project/discover.ts (not imported: the floor must not load djsec).
const SKIP_DIRS = new Set([
  '.git', '.hg', '.svn', 'node_modules', '.venv', 'venv', 'env', '.env', 'virtualenv', '.virtualenv', 'site-packages',
  'dist-packages', 'migrations', '__pycache__', '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache', 'build',
  '.eggs', 'bower_components', '.idea', '.vscode',
]);

const root = process.argv[2] ?? '.';
let ignoredAtRoot = new Set();
try {
  // The synthetic repo's .gitignore anchors plain folder names (/generated/); that is all we honour.
  ignoredAtRoot = new Set(readFileSync(join(root, '.gitignore'), 'utf8').split('\n').filter((l) => /^\/[^*?[\]]+\/$/.test(l)).map((l) => l.slice(1, -1)));
} catch {
  // no .gitignore
}

let files = 0;
let bytes = 0;
const stack = [root];
while (stack.length > 0) {
  const dir = stack.pop();
  const entries = readdirSync(dir, { withFileTypes: true });
  if (dir !== root && entries.some((e) => e.name === 'pyvenv.cfg')) continue;
  for (const e of entries) {
    if (e.isDirectory()) {
      if (SKIP_DIRS.has(e.name) || e.name.endsWith('.egg-info') || (dir === root && ignoredAtRoot.has(e.name))) continue;
      stack.push(join(dir, e.name));
    } else if (e.isFile() && e.name.endsWith('.py')) {
      bytes += readFileSync(join(dir, e.name)).length;
      files++;
    }
  }
}
if (process.argv.includes('--stats')) process.stdout.write(JSON.stringify({ files, bytes }) + '\n');
