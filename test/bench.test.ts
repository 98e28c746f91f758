// The benchmark is not a test (CI times nothing), but it must keep running: this runs it on the
// tiny input and checks the shape of its result file, never the figures.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './support/lint.js';

const dir = mkdtempSync(join(tmpdir(), 'djsec-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Timed {
  wall: number;
  cpu: number;
}

interface Floor extends Timed {
  what: string;
  ratio: number;
  cpuRatio: number;
}

interface GoalResult {
  id: number;
  name: string;
  verdict: string;
  ratio?: number;
  value?: number;
  djsec?: Timed;
  floor?: Timed;
  floors?: Record<string, Floor>;
  identical?: { verdict: string; findings: number };
}

describe('npm run bench', () => {
  it('runs on the tiny input and writes every goal with a verdict', () => {
    const out = join(dir, 'bench-results.json');
    const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'bench', 'bench.mjs'), '--tiny', '--no-install', '--out', out], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.status).toBe(0);
    for (const id of [1, 2, 3, 4, 5, 6]) expect(r.stdout).toMatch(new RegExp(`^(MET|MISSED|SKIPPED)\\s+${id}\\. `, 'm'));
    expect(r.stdout).toMatch(/CPU/);

    const doc = JSON.parse(readFileSync(out, 'utf8')) as { schemaVersion: number; tiny: boolean; machine: { cores: number; node: string }; goals: GoalResult[] };
    expect(doc.schemaVersion).toBe(1);
    expect(doc.tiny).toBe(true);
    expect(doc.machine.cores).toBeGreaterThan(0);
    expect(doc.machine.node).toBe(process.version);
    expect(doc.goals.map((g) => g.id)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const g of doc.goals) {
      expect(['MET', 'MISSED', 'SKIPPED']).toContain(g.verdict);
      if (g.id === 6) expect(g.identical!.verdict).toBe('MET');
      else if (g.id === 5 || g.id === 3) expect(g.value).toBeGreaterThan(0);
      else expect(g.ratio).toBeGreaterThan(0);
    }
    // Goals 1, 2 and 3 carry floors measured in the same run, printed beside the goal.
    const floorsOf = (id: number) => doc.goals.find((g) => g.id === id)!.floors!;
    expect(Object.keys(floorsOf(1))).toEqual(['parse']);
    expect(Object.keys(floorsOf(2))).toEqual(['stat', 'read', 'edited']);
    for (const f of [...Object.values(floorsOf(1)), ...Object.values(floorsOf(2))]) {
      expect(f.wall).toBeGreaterThan(0);
      expect(f.cpu).toBeGreaterThan(0);
      expect(f.ratio).toBeGreaterThan(0);
      expect(f.cpuRatio).toBeGreaterThan(0);
      expect(r.stdout).toContain(f.what);
    }
    expect(r.stdout.match(/^ +floor \((parse|stat|read|edited)\): .*CPU$/gm)).toHaveLength(5);
    // Goal 3's floor: the parser alone over the same bytes, in µs per byte, and djsec's CPU over it.
    const three = doc.goals.find((g) => g.id === 3)!;
    const parseAll = three.floors!.parse as Floor & { value: number };
    expect(Object.keys(three.floors!)).toEqual(['parse']);
    expect(parseAll.cpu).toBeGreaterThan(0);
    expect(parseAll.value).toBeCloseTo((parseAll.cpu * 1e6) / (three as unknown as { bytes: number }).bytes, 6);
    expect(parseAll.cpuRatio).toBeCloseTo(three.djsec!.cpu / parseAll.cpu, 6);
    expect(r.stdout).toContain(`floor (parse): ${parseAll.what}`);
    // Goal 2's edited run also shows, as a reference, djsec on the edited package alone.
    const reference = (doc.goals.find((g) => g.id === 2) as unknown as { references: Record<string, Floor> }).references.package;
    expect(reference.cpu).toBeGreaterThan(0);
    expect(reference.ratio).toBeGreaterThan(0);
    expect(r.stdout).toContain(`reference (package): ${reference.what}`);
    const one = doc.goals.find((g) => g.id === 1)!;
    expect(one.djsec!.cpu).toBeGreaterThan(0); // CPU beside every wall time
    expect(one.floor!.cpu).toBeGreaterThan(0);
  }, 300_000);
});
