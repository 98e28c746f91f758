// One generic runner for every rule's fixtures (fixtures/rules/<CODE>/). Each rule runs alone on
// its fixtures, and the exact set of (code, file, line) must equal the `# expect:` annotations:
// a missing finding and an extra finding both fail. Folder fixtures are linted as projects.
// A JSON template cannot hold comments: a folder's fixture.json lists its annotations instead.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import type { Finding } from '../src/finding.js';
import type { Rule } from '../src/rule-kit/rule.js';
import type { Expectation } from './support/annotations.js';
import { parseAnnotations, splitCases } from './support/annotations.js';
import { lintFolder, lintInfraSource, lintSource, repoRoot } from './support/lint.js';
import { isInfraFile, isTemplateName, looksLikeTemplate } from '../src/infra/files.js';

const fixturesRoot = join(repoRoot, 'fixtures', 'rules');

const key = (code: string, file: string, line: number) => `${code} ${file}:${line}`;

function checkDetails(findings: Finding[], expectations: Expectation[], file: (e: Expectation) => string) {
  for (const e of expectations.filter((x) => x.kind === 'expect')) {
    const match = findings.find((f) => f.code === e.code && f.line === e.line && f.file === file(e));
    expect(match, `${key(e.code, file(e), e.line)} reported`).toBeDefined();
    if (e.column !== undefined) expect(match!.column, `column of ${key(e.code, file(e), e.line)}`).toBe(e.column);
    if (e.fragment !== undefined) expect(match!.message).toContain(e.fragment);
  }
  for (const e of expectations.filter((x) => x.kind === 'todo-expect')) {
    const hit = findings.some((f) => f.code === e.code && f.line === e.line && f.file === file(e));
    expect(hit, `todo-expect ${key(e.code, file(e), e.line)} now fires: promote it to expect`).toBe(false);
  }
}

interface FixtureJson {
  env?: Record<string, string>;
  includeDev?: boolean;
  settings?: string[];
  /** Annotations for files that cannot hold comments (JSON templates): "DJS901 infra/stack.json:7", optionally followed by a quoted message fragment. */
  annotations?: string[];
}

function readFixtureJson(dir: string): FixtureJson {
  const file = join(dir, 'fixture.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as FixtureJson) : {};
}

/** Folder fixtures may carry fixture.json: { "env": {...}, "includeDev": true, "settings": [...], "annotations": [...] }. */
function folderOptions(dir: string) {
  const raw = readFixtureJson(dir);
  return { env: raw.env ? new Map(Object.entries(raw.env)) : undefined, includeDev: raw.includeDev, settings: raw.settings };
}

const JSON_ANNOTATION = /^(expect|ok|todo-expect):\s*(DJS\d{3})\s+([^\s:]+):(\d+)(?::(\d+))?(?:\s+"(.*)")?$/;

/** fixture.json's annotations, each with its file (relative to the repository). */
function jsonAnnotations(dir: string): (Expectation & { file: string })[] {
  return (readFixtureJson(dir).annotations ?? []).map((text) => {
    const m = JSON_ANNOTATION.exec(text);
    if (!m) throw new Error(`fixture.json annotation not understood: ${text}`);
    const file = relative(repoRoot, join(dir, m[3])).split('\\').join('/');
    return { kind: m[1] as Expectation['kind'], code: m[2], file, line: Number(m[4]), column: m[5] ? Number(m[5]) : undefined, fragment: m[6] };
  });
}

/** Terraform files, CloudFormation templates (as discovery recognises them) and Dockerfiles. */
const isInfraFixture = (path: string) => isInfraFile(path) || (isTemplateName(path) && looksLikeTemplate(readFileSync(path, 'latin1')));

/** The files of a fixture that djsec reads: settings modules and infrastructure files. */
const isFixtureSource = (file: string, dir: string) => file.endsWith('.py') || isInfraFixture(join(dir, file));

function pyFilesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => statSync(join(dir, f)).isFile() && isFixtureSource(f, dir)).sort();
}

describe.each((rules as readonly Rule[]).map((r) => [r.code, r] as const))('%s fixtures', (code, rule) => {
  const dir = join(fixturesRoot, code);
  const entries = existsSync(dir) ? readdirSync(dir).sort() : [];
  const singles = entries.filter((e) => statSync(join(dir, e)).isFile() && isFixtureSource(e, dir));
  const folders = entries.filter((e) => statSync(join(dir, e)).isDirectory());

  it('has a fixture folder with positive and negative cases', () => {
    expect(existsSync(dir), `fixtures/rules/${code}/ exists`).toBe(true);
    const all = [...singles.map((f) => join(dir, f)), ...folders.flatMap((d) => pyFilesUnder(join(dir, d)).map((f) => join(dir, d, f)))];
    const fromJson = folders.flatMap((d) => jsonAnnotations(join(dir, d)));
    const kinds = new Set([...all.flatMap((f) => parseAnnotations(readFileSync(f, 'utf8'))), ...fromJson].filter((e) => e.code === code).map((e) => e.kind));
    expect(kinds.has('expect'), 'at least one # expect:').toBe(true);
    expect(kinds.has('ok'), 'at least one # ok:').toBe(true);
  });

  const cases = singles.flatMap((f) => splitCases(readFileSync(join(dir, f), 'utf8')).map((c) => ({ file: f, ...c })));
  if (cases.length > 0) {
    it.each(cases.map((c) => [`${c.file} › ${c.name}`, c] as const))('%s', async (_name, c) => {
      const path = join(dir, c.file);
      const result = isInfraFixture(path) ? await lintInfraSource(c.source, [rule], path) : await lintSource(c.source, [rule], { path, env: c.env });
      const fileName = relative(repoRoot, path).split('\\').join('/');
      const actual = result.findings.filter((f) => f.code === code).map((f) => key(f.code, f.file, f.line)).sort();
      const wanted = c.expectations.filter((e) => e.kind === 'expect' && e.code === code).map((e) => key(e.code, fileName, e.line)).sort();
      expect(actual, 'findings (none missing, none extra)').toEqual(wanted);
      checkDetails(result.findings, c.expectations.filter((e) => e.code === code), () => fileName);
    });
  }

  if (folders.length > 0) {
    it.each(folders)('folder %s', async (folder) => {
      const root = join(dir, folder);
      const result = await lintFolder(root, [rule], folderOptions(root));
      const expectations = [
        ...pyFilesUnder(root).flatMap((f) => parseAnnotations(readFileSync(join(root, f), 'utf8')).map((e) => ({ ...e, file: relative(repoRoot, join(root, f)).split('\\').join('/') }))),
        ...jsonAnnotations(root),
      ].filter((e) => e.code === code);
      const actual = result.findings.filter((f) => f.code === code).map((f) => key(f.code, f.file, f.line)).sort();
      const wanted = expectations.filter((e) => e.kind === 'expect').map((e) => key(e.code, e.file, e.line)).sort();
      expect(actual, 'findings (none missing, none extra)').toEqual(wanted);
      checkDetails(result.findings, expectations, (e) => (e as Expectation & { file: string }).file);
    });
  }
});
