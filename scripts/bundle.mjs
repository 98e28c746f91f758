#!/usr/bin/env node
// Bundles the compiled CLI (dist/src/cli.js and everything it imports, commander and chalk
// included) into one file, dist/djsec.js: one module to resolve and compile at start-up instead of
// a hundred. The parsers stay external: the native addon and the .wasm grammar load from
// node_modules at run time.
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/src/cli.js'],
  outfile: 'dist/djsec.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'linked',
  external: ['tree-sitter', 'tree-sitter-python', 'web-tree-sitter'],
  // Bundled CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __djsecCreateRequire } from 'node:module'; const require = __djsecCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
