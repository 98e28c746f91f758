// A chain where every module sets os.environ and then star-imports the previous one: each
// module is evaluated as an entry (as lint does), and an import is reused from its own entry
// evaluation whenever the importer's chain has set none of the variables it reads or writes.
// Testing only for an empty environment once made this quadratic (12.5 s CPU at depth 200).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModuleLoader } from '../src/model/loader.js';
import { getParser } from '../src/model/parse.js';
import { SettingsEvaluator } from '../src/model/settings-evaluator.js';
import { summarize } from './support/model.js';

async function evaluateChain(depth: number, writes: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'djsec-chain-'));
  mkdirSync(join(dir, 'settings'));
  writeFileSync(join(dir, 'settings', '__init__.py'), '');
  const files: string[] = [];
  for (let i = 0; i < depth; i++) {
    const file = join(dir, 'settings', `m${i}.py`);
    const lines = ['import os'];
    if (writes) lines.push(`os.environ.setdefault("VAR_${i}", "v${i}")`);
    if (i > 0) lines.push(`from .m${i - 1} import *`);
    lines.push(`SETTING_${i} = os.environ.get("VAR_${i}", "default")`, `FIRST = os.environ.get("VAR_0", "unset")`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    files.push(file);
  }
  const evaluator = new SettingsEvaluator(new ModuleLoader(await getParser(), (p) => p), { deployed: new Map(), envWrites: new Map() });
  const results = files.map((f) => evaluator.evaluate(f));
  return { runs: evaluator.runs, last: results[depth - 1] };
}

describe('import chains that write the environment', () => {
  it('run each module once however deep the chain (linear, not quadratic)', async () => {
    const depth = 120;
    const { runs, last } = await evaluateChain(depth, true);
    expect(runs).toBeLessThanOrEqual(2 * depth);
    // The values are still the chain's: each module read the variable it set, and the last sees the first's.
    expect(summarize(last.ns.get('SETTING_0'))).toBe("env[VAR_0] 'v0'");
    expect(summarize(last.ns.get(`SETTING_${depth - 1}`))).toBe(`env[VAR_${depth - 1}] 'v${depth - 1}'`);
    expect(summarize(last.ns.get('FIRST'))).toBe("env[VAR_0] 'v0'");
  });

  it('still runs an import again when the importer has set a variable it reads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'djsec-chain-'));
    writeFileSync(join(dir, 'base.py'), 'import os\nDEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"\n');
    writeFileSync(join(dir, 'entry.py'), 'import os\nos.environ["DJANGO_DEBUG"] = "1"\nfrom base import *\n');
    const evaluator = new SettingsEvaluator(new ModuleLoader(await getParser(), (p) => p), { deployed: new Map(), envWrites: new Map() });
    expect(summarize(evaluator.evaluate(join(dir, 'base.py')).ns.get('DEBUG'))).toBe('env[DJANGO_DEBUG] False');
    expect(summarize(evaluator.evaluate(join(dir, 'entry.py')).ns.get('DEBUG'))).toBe('env[DJANGO_DEBUG] True');
  });
});
