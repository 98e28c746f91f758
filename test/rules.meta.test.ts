// The registry, each rule's metadata and its generated docs agree (after ESLint's checkRuleFiles and
// typescript-eslint's docs test): codes unique and sorted, file name = rule name, a fixture folder
// per code, the three doc sections, an Example that fires and a Use-instead that does not, and
// docs/rules/ generated from the current metadata (run `npm run docs` when this fails).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import type { Rule } from '../src/rule-kit/rule.js';
import { expectedDocs } from '../src/rule-kit/rule-docs.js';
import { lintInfraSource, lintSource, repoRoot } from './support/lint.js';

const registry = rules as readonly Rule[];
const H2 = ['What it does', 'Why is this bad?', 'Example'];

/**
 * Examples that cannot fire when linted alone as one in-memory module, with the reason. Like a
 * fixture's todo-expect: the test fails once the example fires, so the entry gets removed.
 */
const EXAMPLE_GAPS: Record<string, string> = {
  DJS004: 'a self-import cycle needs the module on disk: import resolution does not see in-memory sources',
  DJS007: 'needs a project: the wsgi.py that holds the default and the settings module it names',
  DJS913: 'a settings rule judged with the infrastructure: needs the Terraform web ACL beside the settings',
  DJS918: 'a settings rule judged with the infrastructure: needs the Terraform security group beside the settings',
};

/**
 * The code blocks of the Example section: the first is the example, the one after "Use instead:"
 * the fix. Settings rules show python; infrastructure rules hcl (Terraform) or dockerfile.
 */
function examples(docs: string): { bad?: string; good?: string; language?: string } {
  const section = docs.split(/^## Example\s*$/m)[1] ?? '';
  const [before, after] = section.split(/^Use instead:/m);
  const block = (text: string | undefined) => (text === undefined ? undefined : /```(python|hcl|dockerfile)\n([\s\S]*?)```/.exec(text) ?? undefined);
  const [bad, good] = [block(before), block(after)];
  return { bad: bad?.[2], good: good?.[2], language: bad?.[1] };
}

/** Where an example is linted, as if written in a file of its language. */
const INLINE_FILE: Record<string, string> = { hcl: 'main.tf', dockerfile: 'Dockerfile' };

describe('rule registry', () => {
  it('has unique codes and names, sorted by code', () => {
    const codes = registry.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(registry.map((r) => r.name)).size).toBe(registry.length);
    expect(codes).toEqual([...codes].sort());
  });

  it('registers every rule file in rules/', () => {
    const files = readdirSync(join(repoRoot, 'rules')).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.replace(/\.ts$/, ''));
    expect(files.sort()).toEqual(registry.map((r) => r.name).sort());
  });
});

describe.each(registry.map((r) => [`${r.code} ${r.name}`, r] as const))('%s', (_label, rule) => {
  it('is the default export of rules/<name>.ts', async () => {
    const module = (await import(/* @vite-ignore */ join(repoRoot, 'rules', `${rule.name}.ts`))) as { default: Rule };
    expect(module.default).toBe(rule);
  });

  it('has a code, a kebab-case name and a fixture folder', () => {
    expect(rule.code).toMatch(/^DJS\d{3}$/);
    expect(rule.name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    expect(existsSync(join(repoRoot, 'fixtures', 'rules', rule.code)), `fixtures/rules/${rule.code}/`).toBe(true);
  });

  it('has metadata SARIF and the docs can use', () => {
    const { meta } = rule;
    expect(meta.summary.length).toBeGreaterThan(0);
    expect(meta.summary, 'summary: one line, no final period (the docs add it)').toMatch(/^[^\n]*[^.\n]$/);
    expect(meta.description.length).toBeGreaterThan(0);
    expect(meta.description.length).toBeLessThanOrEqual(1024);
    expect(meta.securitySeverity).toMatch(/^\d+(\.\d+)?$/);
    expect(Number(meta.securitySeverity)).toBeGreaterThan(0);
    expect(Number(meta.securitySeverity)).toBeLessThanOrEqual(10);
    for (const cwe of meta.cwe) expect(cwe).toMatch(/^CWE-\d+$/);
    if (meta.djangoCheck) expect(meta.djangoCheck).toMatch(/^(security|[\w.]+)\.[WE]\d{3}$/);
  });

  it('has docs with exactly the sections What it does, Why is this bad?, Example (+ Use instead:)', () => {
    const headings = [...rule.meta.docs.matchAll(/^## (.+?)\s*$/gm)].map((m) => m[1]);
    expect(headings).toEqual(H2);
    const { bad, good, language } = examples(rule.meta.docs);
    expect(bad, 'a ```python (```hcl or ```dockerfile for infrastructure rules) block under ## Example').toBeDefined();
    expect(good, 'a block of the same kind after "Use instead:"').toBeDefined();
    // Once-a-run rules judge infrastructure files, or (DJS007) the wsgi.py the deployment notes point at.
    const languages = rule.scope === 'infra' ? ['hcl', 'dockerfile', 'yaml', 'json', 'python'] : ['python'];
    expect(languages, 'python examples for settings rules; hcl, dockerfile, yaml or json for infrastructure rules').toContain(language);
  });

  it('fires on its Example and not on its Use-instead block', async () => {
    const { bad, good, language } = examples(rule.meta.docs);
    const inline = language && INLINE_FILE[language];
    const lint = (source: string) => (inline ? lintInfraSource(source, registry, join(repoRoot, 'fixtures', '__inline__', inline)) : lintSource(source, registry));
    const fired = async (source: string) => (await lint(source)).findings.some((f) => f.code === rule.code);
    const gap = EXAMPLE_GAPS[rule.code];
    expect(await fired(bad!), gap ? `known gap now fires, remove it from EXAMPLE_GAPS (${gap})` : 'Example fires').toBe(!gap);
    expect(await fired(good!), 'Use instead does not fire').toBe(false);
  });
});

describe('docs/rules/', () => {
  it('is generated from the current metadata (run npm run docs)', () => {
    const dir = join(repoRoot, 'docs', 'rules');
    const wanted = expectedDocs(registry);
    const present = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md')) : [];
    expect(present.sort(), 'one page per rule plus README.md').toEqual([...wanted.keys()].sort());
    for (const [name, text] of wanted) expect(readFileSync(join(dir, name), 'utf8'), `docs/rules/${name} is stale`).toBe(text);
  });
});
