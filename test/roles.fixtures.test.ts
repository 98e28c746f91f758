// Roles on project-shaped folders (fixtures/roles/<case>/): each folder is linted as a project with
// ALL rules, deployment evidence and all. The exact set of (code, file, line) must equal the
// `# expect:` annotations of its .py files, with one allowance: "X is not set" findings (reported
// at line 1 of a whole entry, as no line sets X) need no annotation there, since every small
// fixture entry lacks some hardening. A fragment never gets them, and a module that is skipped
// (development, test, CI, build-only, example, switch) yields nothing at all.
// fixture.json: { "roles": { "<path>": "entry|fragment|base|skipped|none" }, "reasons": { "<path>": "regex" },
//                 "notes": ["regex"], "env": {...}, "includeDev": true }
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import type { Finding } from '../src/finding.js';
import { parseAnnotations } from './support/annotations.js';
import { lintFolder, repoRoot } from './support/lint.js';

const root = join(repoRoot, 'fixtures', 'roles');
const cases = readdirSync(root).filter((d) => statSync(join(root, d)).isDirectory()).sort();

interface RolesFixture {
  roles?: Record<string, string>;
  reasons?: Record<string, string>;
  notes?: string[];
  env?: Record<string, string>;
  includeDev?: boolean;
}

const key = (f: { code: string; file: string; line: number }) => `${f.code} ${f.file}:${f.line}`;
/** A missing-setting finding: reported at line 1, column 1, as nothing in the source sets it. */
const isNotSet = (f: Finding) => f.line === 1 && f.column === 1 && f.endLine === 1 && f.endColumn === 1;

describe.each(cases)('roles fixture %s', (name) => {
  const dir = join(root, name);
  const rel = (p: string) => relative(repoRoot, join(dir, p)).split('\\').join('/');
  const spec: RolesFixture = existsSync(join(dir, 'fixture.json')) ? JSON.parse(readFileSync(join(dir, 'fixture.json'), 'utf8')) : {};

  it('reports exactly the annotated findings; skipped modules and fragments yield nothing they should not', async () => {
    const result = await lintFolder(dir, rules, { env: spec.env ? new Map(Object.entries(spec.env)) : undefined, includeDev: spec.includeDev });
    const files = (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.py')).sort();
    const expectations = files.flatMap((f) => parseAnnotations(readFileSync(join(dir, f), 'utf8')).map((e) => ({ ...e, file: rel(f) })));
    const role = new Map(result.roles.map((r) => [r.file, r.role]));
    const okAt = new Set(expectations.filter((e) => e.kind === 'ok').map(key));
    const wholeEntry = (file: string) => role.get(file) === 'entry';
    const actual = result.findings.filter((f) => !(isNotSet(f) && wholeEntry(f.file) && !okAt.has(key(f)))).map(key).sort();
    const wanted = expectations.filter((e) => e.kind === 'expect').map(key).sort();
    expect(actual, 'findings (none missing, none extra)').toEqual(wanted);
    for (const e of expectations.filter((x) => x.kind === 'expect' && x.fragment !== undefined)) {
      expect(result.findings.find((f) => key(f) === key(e))?.message).toContain(e.fragment);
    }
    for (const f of result.findings) {
      expect(role.get(f.file), `${key(f)} lands in a skipped module`).not.toBe('skipped');
      if (role.get(f.file) === 'fragment') expect(isNotSet(f), `${key(f)}: a fragment is never told a setting is not set`).toBe(false);
    }
    expect(result.errors, 'no unreadable file or internal error').toEqual([]);
  });

  it('gives each module the role, reason and notes the fixture names', async () => {
    const result = await lintFolder(dir, rules, { env: spec.env ? new Map(Object.entries(spec.env)) : undefined, includeDev: spec.includeDev });
    const byFile = new Map(result.roles.map((r) => [r.file, r]));
    for (const [path, wanted] of Object.entries(spec.roles ?? {})) {
      expect(byFile.get(rel(path))?.role ?? 'none', `role of ${path}`).toBe(wanted);
    }
    for (const [path, pattern] of Object.entries(spec.reasons ?? {})) {
      expect(byFile.get(rel(path))?.reason, `reason for ${path}`).toMatch(new RegExp(pattern));
    }
    for (const pattern of spec.notes ?? []) {
      expect(result.roleNotes.some((n) => new RegExp(pattern).test(n.message)), `a note matching /${pattern}/ in ${JSON.stringify(result.roleNotes)}`).toBe(true);
    }
    if (!spec.notes) expect(result.roleNotes).toEqual([]);
  });
});
