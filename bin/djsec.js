#!/usr/bin/env node
// Shebang shim: answers --version without loading anything, enables Node's compile cache where
// it exists (Node >= 22.1), then runs the bundled CLI.
import module from 'node:module';

const argv = process.argv.slice(2);
if (argv.length === 1 && argv[0] === '--version') {
  const { readFileSync } = await import('node:fs');
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  module.enableCompileCache?.();
  const { runCli } = await import('../dist/djsec.js');
  await runCli(argv);
}
