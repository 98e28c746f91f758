#!/usr/bin/env node
// Bundles the compiled CLI (dist/src/cli/cli.js and everything it imports, commander and chalk
// included) into one CommonJS file, dist/djsec.cjs, that bin/djsec.js compiles with a V8 code
// cache. Why CommonJS: on Node 20 an ES module entry costs ~10 ms more to start (the ESM loader),
// and only a classic script can be compiled with vm.Script's cachedData. The parsers stay
// external except web-tree-sitter's JavaScript: the native addon and the .wasm files load from node_modules at run time.
import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { patchNodeClass } from './web-tree-sitter-patch.mjs';
import ts from 'typescript';

const outfile = 'dist/djsec.cjs';
// Rule documentation (`meta.docs`), read only by --explain and SARIF: see ruleDocsOutOfBundle.
const docsFile = 'djsec-docs.json';
// Lazy chunks: modules a one-file run does not need, in their own file beside the bundle (see
// lazyChunks below). Each is loaded on first call of one of its exports, code-cached like the bundle.
const CHUNKS = [
  // The infrastructure front ends (Terraform's HCL grammar, Dockerfiles, and what load.ts reads),
  // called only when a run has infrastructure files (src/cli/cli.ts).
  { module: 'dist/src/infra/load.js', file: 'djsec-infra.cjs' },
];

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
// Its nodes keep their WebAssembly handle in a named property and remember their type id
// (scripts/web-tree-sitter-patch.mjs).
const webTreeSitterCjs = {
  name: 'web-tree-sitter-cjs',
  setup(b) {
    b.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: createRequire(import.meta.url).resolve('web-tree-sitter') }));
    b.onLoad({ filter: /[\\/]web-tree-sitter[\\/]tree-sitter\.cjs$/ }, (args) => ({ contents: patchNodeClass(readFileSync(args.path, 'utf8'), args.path), loader: 'js' }));
  },
};

// Rule docs are 84 KB of Markdown (a sixth of the bundle) that every start would read and
// deserialize from the code cache: each rule's `docs` property becomes a getter that reads
// dist/djsec-docs.json on first use. The property is found with TypeScript's parser (never by
// text matching); its value is the compiled rule's own meta.docs, imported here.
const ruleDocs = {};
const ruleDocsOutOfBundle = {
  name: 'rule-docs-out-of-bundle',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/]rules[\\/][^\\/]+\.js$/ }, async (args) => {
      const text = readFileSync(args.path, 'utf8');
      const docs = (await import(pathToFileURL(args.path).href)).default?.meta?.docs;
      if (docs === undefined) return { contents: text, loader: 'js' };
      const file = ts.createSourceFile(args.path, text, ts.ScriptTarget.Latest, true);
      const found = [];
      const visit = (node) => {
        const owner = node.parent?.parent;
        if (ts.isPropertyAssignment(node) && node.name.getText(file) === 'docs' && owner && ts.isPropertyAssignment(owner) && owner.name.getText(file) === 'meta') found.push(node);
        ts.forEachChild(node, visit);
      };
      visit(file);
      if (found.length !== 1 || typeof docs !== 'string') throw new Error(`${args.path}: expected one meta.docs string`);
      const key = basename(args.path, '.js');
      ruleDocs[key] = docs;
      const getter = `get docs() { return __djsecRuleDocs(${JSON.stringify(key)}); }`;
      return { contents: text.slice(0, found[0].getStart(file)) + getter + text.slice(found[0].getEnd()), loader: 'js' };
    });
  },
};
const docsBanner = `var __djsecDocs; function __djsecRuleDocs(key) { __djsecDocs ??= JSON.parse(require('node:fs').readFileSync(require('node:path').join(__dirname, ${JSON.stringify(docsFile)}), 'utf8')); return __djsecDocs[key]; }`;

// A lazy chunk is a second CommonJS file built from one module. In the bundle, that module is a
// stub whose exports load the chunk on first call. The chunk must not get its own copies of
// modules the bundle has (parse.ts keeps the one web-tree-sitter of the process; errors are
// checked with instanceof): every import the bundle also has comes from the bundle, through the
// stub's table of those modules (__djsecShared, the chunk's sixth wrapper parameter).
const chunkParams = ['exports', 'require', 'module', '__filename', '__dirname', '__djsecShared'];
const chunkLoader = `
const loaded = new Map();
export function loadChunk(file, shared) {
  let chunk = loaded.get(file);
  if (chunk) return chunk;
  const full = require('node:path').join(__dirname, file);
  const wrap = (source) => '(function (${chunkParams.join(', ')}) {' + source + '\\n})';
  // bin/djsec.js compiles it with a V8 code cache (and writes the cache at exit); worker threads
  // and a plain require() of the bundle compile it without.
  const compileCached = globalThis[Symbol.for('djsec.compileCached')];
  const script = compileCached ? compileCached(full, wrap) : new (require('node:vm').Script)(wrap(require('node:fs').readFileSync(full, 'utf8')), { filename: full });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, require('node:module').createRequire(full), module, full, __dirname, shared);
  loaded.set(file, module.exports);
  return module.exports;
}
`;
const toRepoPath = (abs) => relative(process.cwd(), abs).split(sep).join('/');

/** The bundle's side: each chunk's module becomes a stub (`shared`: the modules it gets from the bundle). */
function chunkStubs(shared) {
  return {
    name: 'lazy-chunk-stubs',
    setup(b) {
      b.onResolve({ filter: /^djsec-chunk-loader$/ }, () => ({ path: 'loader', namespace: 'djsec-chunk' }));
      b.onLoad({ filter: /^loader$/, namespace: 'djsec-chunk' }, () => ({ contents: chunkLoader, loader: 'js' }));
      b.onResolve({ filter: /^\./ }, (args) => {
        const chunk = CHUNKS.find((c) => resolve(args.resolveDir, args.path) === resolve(c.module));
        return chunk ? { path: chunk.module, namespace: 'djsec-chunk' } : undefined;
      });
      b.onLoad({ filter: /\.js$/, namespace: 'djsec-chunk' }, async (args) => {
        const chunk = CHUNKS.find((c) => c.module === args.path);
        const exported = await import(pathToFileURL(resolve(chunk.module)).href);
        const names = Object.keys(exported);
        const notFunction = names.filter((n) => typeof exported[n] !== 'function');
        if (notFunction.length > 0) throw new Error(`${chunk.module}: a lazy chunk exports only functions (not ${notFunction.join(', ')})`);
        // Sorted: esbuild resolves a chunk's imports concurrently, so their order varies between
        // builds, and CI checks that dist/ is what a build gives.
        const modules = [...(shared.get(chunk.file) ?? [])].sort();
        const contents = [
          "import { loadChunk } from 'djsec-chunk-loader';",
          ...modules.map((m, i) => `import * as shared${i} from ${JSON.stringify(resolve(m))};`),
          `const shared = { ${modules.map((m, i) => `${JSON.stringify(m)}: shared${i}`).join(', ')} };`,
          ...names.map((n) => `export function ${n}(...args) { return loadChunk(${JSON.stringify(chunk.file)}, shared).${n}(...args); }`),
        ].join('\n');
        return { contents, loader: 'js', resolveDir: process.cwd() };
      });
    },
  };
}

/** The chunk's side: an import of a module the bundle has reads it from __djsecShared. */
function fromBundle(bundleInputs, used) {
  return {
    name: 'from-bundle',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind === 'entry-point' || args.pluginData?.djsecInner) return undefined;
        const r = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { djsecInner: true } });
        if (r.errors.length > 0 || r.external || r.namespace !== 'file' || !bundleInputs.has(toRepoPath(r.path))) return undefined;
        used.add(toRepoPath(r.path));
        return { path: toRepoPath(r.path), namespace: 'djsec-shared' };
      });
      b.onLoad({ filter: /.*/, namespace: 'djsec-shared' }, (args) => ({ contents: `module.exports = __djsecShared[${JSON.stringify(args.path)}];`, loader: 'js' }));
    },
  };
}

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  legalComments: 'linked',
  // web-tree-sitter's JavaScript is bundled (code-cached with the rest); its .wasm files, the
  // grammar and the optional native addon load from node_modules.
  // yaml (CloudFormation templates, src/infra/cloudformation.ts) is required from node_modules
  // only when a run has a template: bundled, its ~130 KB cost every start a few ms to load.
  external: ['tree-sitter', 'tree-sitter-python', 'yaml'],
  // import('web-tree-sitter') becomes require(): vm.Script code has no ES module loader.
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': '__djsecModuleUrl', DJSEC_WORKER_FILE: JSON.stringify('./djsec-worker.cjs') },
  banner: { js: "var __djsecModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [lazyChildProcess, noColorDetection, webTreeSitterCjs],
  logLevel: 'warning',
};
const main = (shared) =>
  build({
    ...common,
    entryPoints: ['dist/src/cli/cli.js'],
    outfile,
    metafile: true,
    banner: { js: `${common.banner.js}\n${docsBanner}` },
    plugins: [chunkStubs(shared), ruleDocsOutOfBundle, ...common.plugins],
  });
// Twice: first to learn which modules the bundle has, then with each stub's table of the modules
// its chunk takes from the bundle (a subset of those, so the bundle's contents do not change).
const bundleInputs = new Set(Object.keys((await main(new Map())).metafile.inputs));
const shared = new Map();
for (const chunk of CHUNKS) {
  const used = new Set();
  await build({ ...common, entryPoints: [chunk.module], outfile: `dist/${chunk.file}`, plugins: [fromBundle(bundleInputs, used), ...common.plugins] });
  shared.set(chunk.file, used);
}
await main(shared);
// Sorted: esbuild loads the rules concurrently, so insertion order varies between builds, and the
// committed file must be the same for the same sources (CI checks dist/ is fresh).
writeFileSync(`dist/${docsFile}`, JSON.stringify(Object.fromEntries(Object.entries(ruleDocs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))));
// The worker threads of a large run (src/lint/parallel.ts) load the same bundle (it exports
// runLintWorker) from this one-line script.
writeFileSync('dist/djsec-worker.cjs', "'use strict';\n// Worker thread of a large run (src/lint/parallel.ts).\nrequire('./djsec.cjs').runLintWorker();\n");
// The last line names the build: bin/djsec.js keys its code cache by it, because V8 itself only
// checks a cache against the source's length. One id for the bundle and its chunks (a chunk's
// cache is kept and pruned with the bundle's).
const built = [outfile, ...CHUNKS.map((c) => `dist/${c.file}`)];
const hash = createHash('sha256');
for (const file of built) hash.update(readFileSync(file));
const buildId = hash.digest('hex').slice(0, 16);
for (const file of built) appendFileSync(file, `\n//# djsecBuild=${buildId}\n`);

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
