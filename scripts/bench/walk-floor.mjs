#!/usr/bin/env node
// The floor under goal 4: what it costs just to READ a parsed tree through tree-sitter's
// JavaScript bindings, with no settings model and no rules. Parses each module of a corpus, then
// walks its tree with a TreeCursor (a) reading only each node's type id, (b) reading what a model
// needs of each node (type, field, range): lint throughput can never exceed parse / (parse + walk).
//   node scripts/bench/walk-floor.mjs CORPUS_DIR [--parser native|wasm] [--rounds N] [--json]
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const repo = resolve(import.meta.dirname, '../..');
const { loadParser, getParser } = await import(join(repo, 'dist/src/model/parse.js'));
const args = process.argv.slice(2);
const flag = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const corpus = resolve(args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? '.');
const rounds = Number(flag('--rounds', '3'));

const list = (dir, out = []) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) list(join(dir, e.name), out);
    else if (e.name.endsWith('.py')) out.push(join(dir, e.name));
  }
  return out;
};
const texts = list(corpus).sort().map((p) => readFileSync(p, 'utf8'));
const kind = flag('--parser', undefined);
const parser = kind ? await loadParser(kind) : await getParser({ files: texts.length });

/** Pre-order cursor walk; `visit` reads what it wants of the current node. Returns the node count. */
function walk(tree, visit) {
  const cursor = tree.rootNode.walk();
  let nodes = 0;
  for (;;) {
    nodes++;
    visit(cursor);
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        cursor.delete?.();
        return nodes;
      }
    }
  }
}
let sink = 0;
const typeOnly = (c) => (sink += c.nodeTypeId);
const modelReads = (c) => {
  sink += c.nodeType.length + (c.currentFieldName?.length ?? 0) + c.startPosition.row + c.endPosition.column + c.startIndex + c.endIndex;
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const parseMs = [];
const typeMs = [];
const readMs = [];
let nodes = 0;
for (let r = 0; r <= rounds; r++) {
  let p = 0;
  let t = 0;
  let m = 0;
  nodes = 0;
  for (const text of texts) {
    const t0 = performance.now();
    const tree = parser.parse(text);
    const t1 = performance.now();
    nodes += walk(tree, typeOnly);
    const t2 = performance.now();
    walk(tree, modelReads);
    const t3 = performance.now();
    tree.delete?.();
    p += t1 - t0;
    t += t2 - t1;
    m += t3 - t2;
  }
  if (r === 0) continue; // warm-up round
  parseMs.push(p);
  typeMs.push(t);
  readMs.push(m);
}
const result = {
  parser: parser.kind,
  files: texts.length,
  nodes,
  parseMs: median(parseMs),
  typeWalkMs: median(typeMs),
  readWalkMs: median(readMs),
  checksum: sink, // keeps the reads from being optimised away
};
result.ceilingTypeOnly = result.parseMs / (result.parseMs + result.typeWalkMs);
result.ceilingModelReads = result.parseMs / (result.parseMs + result.readWalkMs);
if (args.includes('--json')) process.stdout.write(JSON.stringify(result) + '\n');
else {
  console.log(`${result.files} modules, ${nodes} nodes, ${parser.kind} parser, ${rounds} rounds`);
  console.log(`parse ${result.parseMs.toFixed(0)} ms; walk reading type ids ${result.typeWalkMs.toFixed(0)} ms; walk reading type, field and range ${result.readWalkMs.toFixed(0)} ms`);
  console.log(`lint throughput can be at most ${(result.ceilingTypeOnly * 100).toFixed(0)}% (type ids only) or ${(result.ceilingModelReads * 100).toFixed(0)}% (what a model reads) of parse throughput`);
}
