#!/usr/bin/env node
// Bundles the compiled CLI (dist/src/cli/cli.js and everything it imports, commander and chalk
// included) into one CommonJS file, dist/djsec.cjs, that bin/djsec.js compiles with a V8 code
// cache. Why CommonJS: on Node 20 an ES module entry costs ~10 ms more to start (the ESM loader),
// and only a classic script can be compiled with vm.Script's cachedData. The parsers stay
// external except web-tree-sitter's JavaScript: the native addon and the .wasm files load from node_modules at run time.
import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const outfile = 'dist/djsec.cjs';

// commander requires node:child_process at load time but only uses it for executable
// subcommands, which djsec has none of; loading it (with net, dgram and streams) costs ~4 ms.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes('/node_modules/commander/') ? { path: 'lazy-child-process', namespace: 'djsec-lazy' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'djsec-lazy' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

// chalk detects colour support when it loads (node:tty, which loads node:net: ~4 ms), but djsec
// decides the level itself (src/cli/color.ts) and always passes it to new Chalk({ level }).
const noColorDetection = {
  name: 'no-color-detection',
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, () => ({ path: 'supports-color', namespace: 'djsec-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'djsec-stub' }, () => ({ contents: 'export default { stdout: false, stderr: false };', loader: 'js' }));
  },
};

// web-tree-sitter's ES module build declares `var require = createRequire(import.meta.url)`, which
// a CommonJS bundle hoists over its own require: bundle its CommonJS build instead.
const webTreeSitterCjs = {
  name: 'web-tree-sitter-cjs',
  setup(b) {
    b.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: createRequire(import.meta.url).resolve('web-tree-sitter') }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  legalComments: 'linked',
  // web-tree-sitter's JavaScript is bundled (code-cached with the rest); its .wasm files, the
  // grammar and the optional native addon load from node_modules.
  external: ['tree-sitter', 'tree-sitter-python'],
  // import('web-tree-sitter') becomes require(): vm.Script code has no ES module loader.
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': '__djsecModuleUrl', DJSEC_WORKER_FILE: JSON.stringify('./djsec-worker.cjs') },
  banner: { js: "var __djsecModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [lazyChildProcess, noColorDetection, webTreeSitterCjs],
  logLevel: 'warning',
};
await build({ ...common, entryPoints: ['dist/src/cli/cli.js'], outfile });
// The worker threads of a large run (src/lint/parallel.ts) load the same bundle (it exports
// runLintWorker) from this one-line script.
writeFileSync('dist/djsec-worker.cjs', "'use strict';\n// Worker thread of a large run (src/lint/parallel.ts).\nrequire('./djsec.cjs').runLintWorker();\n");
// The last line names the build: bin/djsec.js keys its code cache by it, because V8 itself only
// checks a cache against the source's length.
const buildId = createHash('sha256').update(readFileSync(outfile)).digest('hex').slice(0, 16);
appendFileSync(outfile, `\n//# djsecBuild=${buildId}\n`);

// The Python grammar's .wasm (vendor/tree-sitter-python/, see its README) ships beside the bundle,
// with its licence, and beside the compiled parse.js for tests that import dist/src.
for (const dir of ['dist', 'dist/src/model']) {
  copyFileSync('vendor/tree-sitter-python/tree-sitter-python.wasm', `${dir}/tree-sitter-python.wasm`);
}
copyFileSync('vendor/tree-sitter-python/LICENSE', 'dist/tree-sitter-python.LICENSE');
// web-tree-sitter's runtime .wasm, from the same package as the JavaScript bundled above (the two
// must match): src/model/parse.ts reads it beside the bundle instead of resolving it through the
// package's exports map at every start.
const runtimeWasm = createRequire(import.meta.url).resolve('web-tree-sitter/tree-sitter.wasm');
for (const dir of ['dist', 'dist/src/model']) copyFileSync(runtimeWasm, `${dir}/tree-sitter.wasm`);
// The Terraform grammar (vendor/tree-sitter-hcl/), loaded only when a run has .tf files.
for (const dir of ['dist', 'dist/src/infra']) {
  copyFileSync('vendor/tree-sitter-hcl/tree-sitter-terraform.wasm', `${dir}/tree-sitter-terraform.wasm`);
}
copyFileSync('vendor/tree-sitter-hcl/LICENSE', 'dist/tree-sitter-terraform.LICENSE');
