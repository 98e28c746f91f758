// Test helpers for the settings model: evaluate a module in memory and read its values.
import { join, resolve } from 'node:path';
import type { Session } from '../../src/model/scope.js';
import type { SettingsModule } from '../../src/model/settings-module.js';
import { ModuleLoader } from '../../src/model/loader.js';
import { SettingsEvaluator } from '../../src/model/settings-evaluator.js';
import type { Value } from '../../src/model/values.js';
import { isConcrete, pyRepr } from '../../src/model/values.js';
import { getParser } from '../../src/model/parse.js';
import { repoRoot } from './lint.js';

export async function evaluateModule(source: string, env: Record<string, string> = {}, path = join(repoRoot, 'fixtures', '__inline__', 'settings.py')): Promise<SettingsModule> {
  const parser = await getParser();
  const loader = new ModuleLoader(parser, (p) => p.slice(repoRoot.length + 1));
  const abs = resolve(path);
  loader.load(abs, source);
  const session: Session = { deployed: new Map(Object.entries(env)), envWrites: new Map() };
  return new SettingsEvaluator(loader, session).evaluate(abs);
}

/** A compact, comparable description of an abstract value: `known True`, `env[DEBUG] 'x'`, ... */
export function summarize(v: Value | undefined): string {
  if (v === undefined) return 'undefined';
  switch (v.kind) {
    case 'known':
      return `known ${pyRepr(v.py, 200)}${v.world ? ` [world ${v.world.map((e) => e.name).join(', ')}]` : ''}`;
    case 'env':
      return `env[${v.env.map((e) => (e.deployed ? `${e.name}=` : e.name)).join(',')}] ${pyRepr(v.py, 200)}`;
    case 'oneOf':
      return `oneOf(${v.options.map(summarize).join(' | ')})`;
    case 'unknown':
      return 'unknown';
    case 'unassigned':
      return 'unassigned';
  }
}

export { isConcrete };
