// Import resolution probes the file system once per path in a run: `from decouple import config`
// in every module of every project tries the same ancestors (src/model/resolve-imports.ts).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileProbes } from '../src/model/resolve-imports.js';
import { resolveModule } from '../src/model/resolve-imports.js';
import { project } from './support/project.js';

describe('import resolution file probes', () => {
  it('are remembered for the run that owns them, hits and misses alike', () => {
    const dir = project({ 'config/settings/base.py': 'X = 1\n', 'config/settings/production.py': 'from .base import *\n' });
    const production = join(dir, 'config/settings/production.py');
    const probes: FileProbes = new Map();
    expect(resolveModule(production, 'base', 1, probes)).toBe(join(dir, 'config/settings/base.py'));
    expect(resolveModule(production, 'decouple', 0, probes)).toBeUndefined();
    expect(probes.get(join(dir, 'config/settings/base.py'))).toBe(true);
    expect(probes.get(join(dir, 'config/settings/decouple.py'))).toBe(false);
    expect(probes.get(join(dir, 'decouple.py'))).toBe(false);
    // The run's answer stands (a file deleted during a run does not change how it resolves) ...
    rmSync(join(dir, 'config/settings/base.py'));
    expect(resolveModule(production, 'base', 1, probes)).toBe(join(dir, 'config/settings/base.py'));
    // ... and another run, with probes of its own (or none), looks again.
    expect(resolveModule(production, 'base', 1, new Map())).toBeUndefined();
    expect(resolveModule(production, 'base', 1)).toBeUndefined();
  });
});
