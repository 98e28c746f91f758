// The folder layout of ARCHITECTURE.md is enforced, not just described: the ESLint layering rule
// (.eslintrc.json) must reject an import from a stage above, and no module of src/ or rules/ may
// be part of an import cycle through value imports (type-only imports are erased at build).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '..');

describe('the layering rule', () => {
  const eslint = new ESLint({ cwd: repoRoot });
  const layering = async (filePath: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: join(repoRoot, filePath) });
    return result.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
  };

  it.each([
    ['src/model/probe.ts', "import { runCli } from '../cli/cli.js';\nexport const x = runCli;\n"],
    ['src/model/probe.ts', "import { lintFiles } from '../lint/lint.js';\nexport const x = lintFiles;\n"],
    ['src/model/probe.ts', "import { defineRule } from '../rule-kit/rule.js';\nexport const x = defineRule;\n"],
    ['src/model/probe.ts', "import { rules } from '../../rules/index.js';\nexport const x = rules;\n"],
    ['src/rule-kit/probe.ts', "import { discover } from '../project/discover.js';\nexport const x = discover;\n"],
    ['src/project/probe.ts', "import { lintFiles } from '../lint/lint.js';\nexport const x = lintFiles;\n"],
    ['src/lint/probe.ts', "import { formatText } from '../report/text.js';\nexport const x = formatText;\n"],
    ['src/report/probe.ts', "import { runCli } from '../cli/cli.js';\nexport const x = runCli;\n"],
    ['src/probe.ts', "import { known } from './model/values.js';\nexport const x = known;\n"],
    ['rules/probe.ts', "import { evaluate } from '../src/model/evaluate.js';\nexport const x = evaluate;\n"],
    ['rules/probe.ts', "import { lintFiles } from '../src/lint/lint.js';\nexport const x = lintFiles;\n"],
    ['rules/probe.ts', "import { loadInfra } from '../src/infra/load.js';\nexport const x = loadInfra;\n"],
    ['src/infra/probe.ts', "import { defineRule } from '../rule-kit/rule.js';\nexport const x = defineRule;\n"],
    ['src/model/probe.ts', "import { loadInfra } from '../infra/load.js';\nexport const x = loadInfra;\n"],
  ])('rejects %s importing a stage above: %s', async (file, code) => {
    const messages = await layering(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/ARCHITECTURE\.md/);
  });

  it.each([
    ['src/cli/probe.ts', "import { lintFiles } from '../lint/lint.js';\nexport const x = lintFiles;\n"],
    ['src/lint/probe.ts', "import { rules } from '../../rules/index.js';\nexport const x = rules;\n"],
    ['src/model/probe.ts', "import type { LintResult } from '../lint/lint.js';\nexport type X = LintResult;\n"],
    ['rules/probe.ts', "import { known } from '../src/model/values.js';\nexport const x = known;\n"],
    ['rules/probe.ts', "import { defineRule } from '../src/rule-kit/rule.js';\nexport const x = defineRule;\n"],
    ['rules/probe.ts', "import { tfBool } from '../src/infra/infra-model.js';\nexport const x = tfBool;\n"],
    ['src/infra/probe.ts', "import { readSource } from '../model/source.js';\nexport const x = readSource;\n"],
    ['src/project/probe.ts', "import { isInfraFile } from '../infra/files.js';\nexport const x = isInfraFile;\n"],
  ])('allows %s: %s', async (file, code) => {
    expect(await layering(file, code)).toEqual([]);
  });
});

/** Every .ts file under a folder. */
function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** The relative modules a file imports at run time (not `import type`, not all-`type` specifiers). */
function valueImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?([^;]*?)\s+from\s+'(\.[^']+)'/gms)) {
    const [, typeOnly, clause, spec] = m;
    if (typeOnly) continue;
    const names = /^\{([^}]*)\}$/.exec(clause.trim());
    if (names && names[1].split(',').map((n) => n.trim()).filter(Boolean).every((n) => n.startsWith('type '))) continue;
    out.push(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
  }
  return out;
}

describe('import graph', () => {
  it('has no cycle through value imports in src/ and rules/', () => {
    const files = [...tsFiles(join(repoRoot, 'src')), ...tsFiles(join(repoRoot, 'rules'))];
    const graph = new Map(files.map((f) => [f, valueImports(f)]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'open');
      stack.push(file);
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].map((f) => relative(repoRoot, f)).join(' → '));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it('sees the imports it checks (the parser of import lines is not blind)', () => {
    const imports = valueImports(join(repoRoot, 'src', 'model', 'evaluate.ts')).map((f) => relative(repoRoot, f));
    expect(imports).toContain(join('src', 'model', 'builtins.ts'));
    expect(valueImports(join(repoRoot, 'src', 'model', 'builtins.ts')).map((f) => relative(repoRoot, f))).not.toContain(join('src', 'model', 'evaluate.ts'));
  });
});
