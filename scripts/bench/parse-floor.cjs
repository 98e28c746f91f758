#!/usr/bin/env node
// Goals 1 and 3's parse floor: what any run of djsec's WASM parser must do, and nothing else. A
// bare CommonJS process (no ES module loader) that sets the WebAssembly tier-up budget
// bin/djsec.js sets, loads web-tree-sitter's CommonJS build (with a V8 code cache, as bin/djsec.js
// compiles the bundle that holds it), hands it the runtime .wasm and the Python grammar from dist/
// as src/model/parse.ts does, and parses the settings file. No model, no rules, no report.
// Given a folder (goal 3), it parses every .py file under it once, freeing each tree, with the
// parser compiled by TurboFan up front as a large djsec run compiles it (src/model/wasm-tiers.ts).
//   node scripts/bench/parse-floor.cjs SETTINGS_FILE|CORPUS_DIR [CODE_CACHE_FILE]
'use strict';
// CommonJS on purpose (a floor must not pay for the ES module loader), so require() is the import.
/* eslint-disable @typescript-eslint/no-require-imports */
require('node:v8').setFlagsFromString('--wasm-tiering-budget=1000000000');
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const vm = require('node:vm');

const [target, codeCacheFile] = process.argv.slice(2);
const dist = path.join(__dirname, '..', '..', 'dist');

/** web-tree-sitter's CommonJS build, compiled with a code cache when a file is named (written on the first run). */
function loadWebTreeSitter() {
  const file = require.resolve('web-tree-sitter');
  const source = fs.readFileSync(file, 'utf8');
  let cachedData;
  try {
    cachedData = codeCacheFile ? fs.readFileSync(codeCacheFile) : undefined;
  } catch {
    // first run: made below
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Module.createRequire(file), module, file, path.dirname(file));
  if (codeCacheFile && (!cachedData || script.cachedDataRejected)) fs.writeFileSync(codeCacheFile, script.createCachedData());
  return module.exports;
}

/** Every .py file under `dir`, in a stable order. */
function pythonFiles(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) pythonFiles(file, out);
    else if (entry.isFile() && entry.name.endsWith('.py')) out.push(file);
  }
  return out;
}

(async () => {
  const files = fs.statSync(target).isDirectory() ? pythonFiles(target) : [target];
  // From 100 modules on djsec compiles the parser with TurboFan only (wasm-tiers.ts), then sets the flags back.
  const v8 = require('node:v8');
  const turboFan = files.length >= 100;
  if (turboFan) v8.setFlagsFromString('--no-liftoff');
  const { Parser, Language } = loadWebTreeSitter();
  const runtime = path.join(dist, 'tree-sitter.wasm');
  await Parser.init({ wasmBinary: fs.readFileSync(runtime), locateFile: () => runtime });
  const language = await Language.load(fs.readFileSync(path.join(dist, 'tree-sitter-python.wasm')));
  if (turboFan) v8.setFlagsFromString('--liftoff --wasm-dynamic-tiering');
  const parser = new Parser();
  parser.setLanguage(language);
  for (const file of files) {
    const tree = parser.parse(fs.readFileSync(file, 'utf8'));
    if (!tree || (tree.rootNode.childCount === 0 && files.length === 1)) process.exitCode = 1;
    tree?.delete();
  }
})();
