// Syntax trees live only while their module is walked (src/model/loader.ts): peak memory on a
// large run no longer holds every tree. These tests run the linter with a WebAssembly parser whose
// trees refuse to be read once freed (a freed web-tree-sitter tree would otherwise read reused
// memory silently), over every fixture, and compare with trees that are never freed.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import type { LintResult } from '../src/lint/lint.js';
import { lintFiles, lintFilesInTurns } from '../src/lint/lint.js';
import type { PythonParser, SyntaxNode, SyntaxTree } from '../src/model/parse.js';
import { loadParser } from '../src/model/parse.js';
import { discover } from '../src/project/discover.js';
import type { Rule } from '../src/rule-kit/rule.js';
import { repoRoot } from './support/lint.js';
import { project } from './support/project.js';

interface Counts {
  parsed: number;
  freed: number;
}

/** Trees that throw on any read of a node after delete(), and count parses and frees. */
function strictParser(inner: PythonParser): PythonParser & { counts: Counts } {
  const counts: Counts = { parsed: 0, freed: 0 };
  return {
    kind: inner.kind,
    counts,
    parse(source: string): SyntaxTree {
      const tree = inner.parse(source);
      counts.parsed++;
      let freed = false;
      const proxies = new WeakMap<object, SyntaxNode>();
      const wrap = (value: unknown): unknown => {
        if (Array.isArray(value)) return value.map(wrap);
        if (value === null || typeof value !== 'object' || !('startIndex' in value) || !('type' in value)) return value;
        let proxy = proxies.get(value);
        if (!proxy) {
          proxy = new Proxy(value as SyntaxNode, {
            get(target, key) {
              if (freed) throw new Error(`node.${String(key)} read after its tree was freed`);
              const v: unknown = Reflect.get(target, key, target);
              return typeof v === 'function' ? (...args: unknown[]) => wrap((v as (...a: unknown[]) => unknown).apply(target, args)) : wrap(v);
            },
          });
          proxies.set(value, proxy);
        }
        return proxy;
      };
      return {
        get rootNode() {
          if (freed) throw new Error('rootNode read after its tree was freed');
          return wrap(tree.rootNode) as SyntaxNode;
        },
        delete() {
          if (freed) throw new Error('tree freed twice');
          freed = true;
          counts.freed++;
          tree.delete?.();
        },
      };
    },
  };
}

/** Trees never freed (what the loader did before): the reference findings. */
function keepingParser(inner: PythonParser): PythonParser {
  return { kind: inner.kind, parse: (source) => ({ rootNode: inner.parse(source).rootNode }) };
}

/** What a run reports, as comparable data (internal errors included: a read after free is one). */
const outcome = (r: LintResult) => ({
  findings: r.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.code} ${f.message}`),
  errors: r.errors,
  skipped: r.skipped,
});

let wasm: PythonParser;
beforeAll(async () => {
  wasm = await loadParser('wasm');
});

function lintDir(dir: string, parser: PythonParser): LintResult {
  const discovery = discover([dir], repoRoot);
  return lintFiles(discovery.candidates, parser, { cwd: repoRoot, rules: rules as readonly Rule[], includeDev: true, evidenceFiles: discovery.evidence });
}

/** Lints with trees freed (strictly) and with trees kept: the same outcome, and the counts. */
function lintFreeing(dir: string): { result: LintResult; counts: Counts } {
  const strict = strictParser(wasm);
  const result = lintDir(dir, strict);
  expect(outcome(result), dir).toEqual(outcome(lintDir(dir, keepingParser(wasm))));
  expect(result.errors, dir).toEqual([]);
  return { result, counts: strict.counts };
}

describe('syntax trees are freed after their walk', () => {
  it('every fixture gives the same findings, and no node is read after its tree is freed', () => {
    for (const folder of ['fixtures/rules', 'fixtures/roles', 'fixtures/example-project', 'fixtures/hardened', 'fixtures/hardened-configurations', 'fixtures/suppress']) {
      const { counts } = lintFreeing(join(repoRoot, folder));
      // Most trees are freed; those kept hold a function a later module may call.
      expect(counts.freed, folder).toBeGreaterThan(counts.parsed / 2);
    }
  });

  it('frees every tree of modules that define no function', () => {
    const dir = project({
      'config/settings/__init__.py': '',
      'config/settings/base.py': 'import os\nDEBUG = False\nSECRET_KEY = os.environ["SECRET_KEY"]\nALLOWED_HOSTS = ["example.com"]\n',
      'config/settings/production.py': 'from .base import *\nDEBUG = True\n',
    });
    const { result, counts } = lintFreeing(dir);
    expect(result.findings.map((f) => f.code)).toContain('DJS101');
    expect(counts).toEqual({ parsed: 3, freed: 3 });
  });

  it('keeps the tree of a module whose function a later module calls', () => {
    const dir = project({
      'config/settings/__init__.py': '',
      'config/settings/helpers.py': 'def flag(name, default=False):\n    return default\n',
      'config/settings/production.py': 'from .helpers import flag\nDEBUG = flag("DEBUG", default=True)\nALLOWED_HOSTS = ["example.com"]\n',
    });
    const { result, counts } = lintFreeing(dir);
    expect(result.findings.filter((f) => f.file.endsWith('production.py')).map((f) => f.code)).toContain('DJS101');
    expect(counts.freed).toBe(counts.parsed - 1); // helpers.py's tree is kept
  });

  it('parses a module again when another import chain walks it after its tree was freed', () => {
    // local.py sets a variable base.py reads, then imports it: base.py runs again in that chain.
    const dir = project({
      'config/settings/__init__.py': '',
      'config/settings/base.py': 'import os\nDEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"\nALLOWED_HOSTS = ["example.com"]\n',
      'config/settings/production.py': 'import os\nos.environ.setdefault("DJANGO_DEBUG", "1")\nfrom .base import *\n',
    });
    const { result, counts } = lintFreeing(dir);
    expect(result.findings.filter((f) => f.file.endsWith('production.py') || f.file.endsWith('base.py')).map((f) => f.code)).toContain('DJS101');
    expect(counts.parsed).toBeGreaterThan(3);
    expect(counts.freed).toBe(counts.parsed);
  });

  it('lets the event loop run between turns of modules (native trees are freed by N-API finalizers there), with the same result', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`p${i}/settings.py`] = `DEBUG = ${i % 2 === 0 ? 'True' : 'False'}\nALLOWED_HOSTS = ["p${i}.example.com"]\n`;
    const dir = project(files);
    const discovery = discover([dir], repoRoot);
    const options = { cwd: repoRoot, rules: rules as readonly Rule[], evidenceFiles: discovery.evidence };
    let turns = 0;
    let evaluated = 0;
    const counting = setInterval(() => turns++, 0);
    const inTurns = await lintFilesInTurns(discovery.candidates, wasm, { ...options, onProgress: (done) => (evaluated = done) });
    clearInterval(counting);
    expect(evaluated).toBe(60);
    expect(turns).toBeGreaterThan(0);
    expect(outcome(inTurns)).toEqual(outcome(lintFiles(discovery.candidates, wasm, options)));
  });
});
