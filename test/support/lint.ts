// Test helpers: lint in-memory sources or fixture folders with a chosen set of rules.
import { join, resolve } from 'node:path';
import { discover } from '../../src/project/discover.js';
import type { LintResult } from '../../src/lint/lint.js';
import { displayPath, lintFiles } from '../../src/lint/lint.js';
import { getParser } from '../../src/model/parse.js';
import type { Rule } from '../../src/rule-kit/rule.js';
import { withTaskEnvironment } from '../../src/infra/ecs-env.js';
import { loadInfra } from '../../src/infra/load.js';

export const repoRoot = resolve(import.meta.dirname, '../..');

/** Lints one in-memory module as if it lived at `path` (a file named on the command line). */
export async function lintSource(source: string, rules: readonly Rule[], options: { path?: string; env?: Map<string, string> } = {}): Promise<LintResult> {
  const path = resolve(options.path ?? join(repoRoot, 'fixtures', '__inline__', 'settings.py'));
  const parser = await getParser();
  return lintFiles([path], parser, {
    cwd: repoRoot,
    rules,
    deployed: options.env,
    namedOnCommandLine: new Set([path]),
    overrides: new Map([[path, source]]),
  });
}

/** Lints a folder as a project: discovery, roles and all. */
export async function lintFolder(dir: string, rules: readonly Rule[], options: { env?: Map<string, string>; includeDev?: boolean; settings?: string[] } = {}): Promise<LintResult> {
  const parser = await getParser();
  const discovery = discover([dir], repoRoot);
  const infra = discovery.infra.length > 0 ? await loadInfra(discovery.infra, (p) => displayPath(repoRoot, p)) : undefined;
  // As the CLI does: an ECS task definition's environment beneath the fixture's own env.
  const task = withTaskEnvironment(options.env, infra?.model);
  const result = await lintFiles(discovery.candidates, parser, {
    cwd: repoRoot,
    rules,
    infra,
    deployed: task.deployed,
    deployedFrom: task.deployedFrom,
    includeDev: options.includeDev,
    evidenceFiles: discovery.evidence,
    explicitEntries: options.settings?.map((s) => resolve(dir, s)),
  });
  if (task.note) result.notes.push(task.note);
  return result;
}

/** Lints one in-memory Terraform file or Dockerfile as if it lived at `path` (no settings module). */
export async function lintInfraSource(source: string, rules: readonly Rule[], path: string): Promise<LintResult> {
  const abs = resolve(path);
  const infra = await loadInfra([abs], (p) => displayPath(repoRoot, p), undefined, new Map([[abs, source]]));
  const parser = await getParser();
  return lintFiles([], parser, { cwd: repoRoot, rules, infra });
}
