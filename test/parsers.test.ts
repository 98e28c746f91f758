// The native addon and the WASM grammar must agree: same trees, same findings, on every fixture.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { lintFiles } from '../src/lint/lint.js';
import type { PythonParser, SyntaxNode } from '../src/model/parse.js';
import { loadParser } from '../src/model/parse.js';
import { repoRoot } from './support/lint.js';

const require = createRequire(import.meta.url);
let nativeAvailable = true;
try {
  require('tree-sitter');
} catch {
  nativeAvailable = false;
}

const fixtureFiles = (readdirSync(join(repoRoot, 'fixtures'), { recursive: true, encoding: 'utf8' }) as string[])
  .filter((f) => f.endsWith('.py'))
  .map((f) => join(repoRoot, 'fixtures', f))
  .sort();

function shape(node: SyntaxNode): string {
  // Iterative pre-order dump: type and range of every node.
  const out: string[] = [];
  const stack: SyntaxNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    out.push(`${n.type}@${n.startPosition.row}:${n.startPosition.column}-${n.endPosition.row}:${n.endPosition.column}`);
    for (let i = n.childCount - 1; i >= 0; i--) stack.push(n.child(i)!);
  }
  return out.join('\n');
}

describe.skipIf(!nativeAvailable)('native and WASM parsers agree', () => {
  let native: PythonParser;
  let wasm: PythonParser;

  it('both load', async () => {
    native = await loadParser('native');
    wasm = await loadParser('wasm');
    expect(native.kind).toBe('native');
    expect(wasm.kind).toBe('wasm');
  });

  it(`gives identical trees on ${fixtureFiles.length} fixture files and odd inputs`, () => {
    const inputs = [
      ...fixtureFiles.map((f) => readFileSync(f, 'utf8')),
      'S = "é" + "ü"  # non-ASCII columns\nX = "😀" ; Y = 1\n',
      'if x:\r\n\tDEBUG = True\r\n',
      '\uFEFFDEBUG = True\n',
    ];
    for (const text of inputs) expect(shape(wasm.parse(text).rootNode)).toEqual(shape(native.parse(text).rootNode));
  });

  it('gives identical findings on every fixture', () => {
    const run = (parser: PythonParser) =>
      lintFiles(fixtureFiles, parser, { cwd: repoRoot, rules, includeDev: true, namedOnCommandLine: new Set(fixtureFiles) }).findings;
    const a = run(native);
    const b = run(wasm);
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });
});

describe('parser selection', () => {
  it('loads the WASM parser with no native addon involved', async () => {
    const wasm = await loadParser('wasm');
    expect(wasm.parse('DEBUG = True\n').rootNode.type).toBe('module');
  });
});
