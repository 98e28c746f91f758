// Suppression comments and DJS002 with the rules they talk about enabled (the fixture runner
// lints DJS002 alone, so it cannot see a suppression that worked).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import debugEnabled from '../rules/debug-enabled.js';
import { rules } from '../rules/index.js';
import unusedSuppression from '../rules/unused-suppression.js';
import { lintFiles } from '../src/lint/lint.js';
import { getParser } from '../src/model/parse.js';
import type { Rule } from '../src/rule-kit/rule.js';
import { findComments, readDirectives } from '../src/lint/suppress.js';
import { lintFolder, lintSource, repoRoot } from './support/lint.js';

const both = [debugEnabled, unusedSuppression] as Rule[];
const codes = async (source: string, ruleSet: readonly Rule[] = both) =>
  (await lintSource(source, ruleSet)).findings.map((f) => `${f.code}:${f.line}`);

async function lintWithRegistry(source: string) {
  const path = join(repoRoot, 'fixtures', '__inline__', 'settings.py');
  return lintFiles([path], await getParser(), {
    cwd: repoRoot, rules: both, knownRules: rules as readonly Rule[], namedOnCommandLine: new Set([path]), overrides: new Map([[path, source]]),
  });
}

describe('# djsec: ignore', () => {
  it('suppresses a finding on its own line, by code or by name, and is then used', async () => {
    expect(await codes('DEBUG = True  # djsec: ignore[DJS101]\n')).toEqual([]);
    expect(await codes('DEBUG = True  # djsec: ignore[debug-enabled] -- staging only\n')).toEqual([]);
    expect(await codes('DEBUG = True  # djsec: ignore[djs101]\n')).toEqual([]);
  });

  it('on its own line suppresses the next line, stacking over other comments', async () => {
    expect(await codes('# djsec: ignore[DJS101]\nDEBUG = True\n')).toEqual([]);
    expect(await codes('# djsec: ignore[DJS101]\n# another comment\nDEBUG = True\n')).toEqual([]);
  });

  it('does not reach past a blank line, and is then unused', async () => {
    expect(await codes('# djsec: ignore[DJS101]\n\nDEBUG = True\n')).toEqual(['DJS002:1', 'DJS101:3']);
  });

  it('a trailing comment does not suppress the next line', async () => {
    expect(await codes('X = 1  # djsec: ignore[DJS101]\nDEBUG = True\n')).toEqual(['DJS002:1', 'DJS101:2']);
  });

  it('other codes on the line do not suppress, and the unused code is named', async () => {
    const r = await lintSource('DEBUG = True  # djsec: ignore[DJS001]\n', [...both, rules.find((x) => x.code === 'DJS001')!] as Rule[]);
    expect(r.findings.map((f) => f.code).sort()).toEqual(['DJS002', 'DJS101']);
    expect(r.findings.find((f) => f.code === 'DJS002')!.message).toContain('no DJS001 finding');
  });

  it('reports an unused code as a note at the comment', async () => {
    const r = await lintSource('DEBUG = False  # djsec: ignore[DJS101]\n', both);
    expect(r.findings).toMatchObject([{ code: 'DJS002', level: 'note', line: 1, column: 16, endColumn: 39 }]);
    expect(r.findings[0].message).toContain('no DJS101 finding here');
  });

  it('a bare ignore suppresses everything on the line but is reported as too broad', async () => {
    const r = await lintSource('DEBUG = True  # djsec: ignore\n', both);
    expect(r.findings.map((f) => f.code)).toEqual(['DJS002']);
    expect(r.findings[0].message).toContain('# djsec: ignore[DJS101]');
  });

  it('unknown codes and names are reported when the registry is known', async () => {
    const r = await lintWithRegistry('DEBUG = True  # djsec: ignore[DJS101, DJS999, no-such-rule]\n');
    expect(r.findings.map((f) => f.code)).toEqual(['DJS002']);
    expect(r.findings[0].message).toContain('DJS999, no-such-rule');
  });

  it('without DJS002 enabled, suppressions still apply and nothing is reported about them', async () => {
    expect(await codes('DEBUG = True  # djsec: ignore[DJS101]\nX = 1  # djsec: ignore\n', [debugEnabled])).toEqual([]);
  });

  it('DJS002 notes are silenced by a comment naming DJS002', async () => {
    expect(await codes('DEBUG = False  # djsec: ignore[DJS101, DJS002]\n')).toEqual([]);
    expect(await codes('# djsec: ignore[DJS002]\nDEBUG = False  # djsec: ignore[DJS101]\n')).toEqual([]);
  });

  it('is read from the file where the finding lands (base.py), not the entry', async () => {
    const r = await lintFolder(join(repoRoot, 'fixtures', 'suppress', 'split'), both);
    expect(r.findings).toEqual([]);
  });

  it('skip-file in the header drops every finding in the file; later in the file it does nothing', async () => {
    expect(await codes('"""Settings."""\n# djsec: skip-file\nDEBUG = True\n')).toEqual([]);
    const late = '\n'.repeat(30) + '# djsec: skip-file\nDEBUG = True\n';
    expect(await codes(late)).toEqual(['DJS101:32']);
  });

  it('an own-line comment also covers its own line (missing-setting findings sit on line 1)', () => {
    expect(readDirectives('f.py', '# djsec: ignore[DJS301]\nSECRET_KEY = "x"\n').suppressions[0].targets).toEqual([1, 2]);
  });
});

describe('comment scanner', () => {
  it('skips strings of every kind', () => {
    const src = [
      'A = "# no"  # yes1',
      "B = r'\\'# no'  # yes2",
      'C = """',
      '# no',
      '"""  # yes3',
      "D = f'{x}#no' # yes4",
      'E = "a\\',
      '# no"  # yes5',
    ].join('\n');
    expect(findComments(src).map((c) => [c.line, c.text])).toEqual([
      [1, '# yes1'], [2, '# yes2'], [5, '# yes3'], [6, '# yes4'], [8, '# yes5'],
    ]);
  });

  it('knows own-line comments and CRLF line numbers', () => {
    const c = findComments('X = 1\r\n  # own\r\nY = 2  # trailing\r\n');
    expect(c.map((x) => [x.line, x.column, x.ownLine])).toEqual([[2, 3, true], [3, 8, false]]);
  });

  it('parses codes, names and the reason', () => {
    const d = readDirectives('f.py', 'DEBUG = True  # djsec: ignore[DJS101 , debug-enabled] -- staging only\n');
    expect(d.suppressions[0]).toMatchObject({ codes: ['DJS101', 'debug-enabled'], reason: 'staging only', targets: [1] });
  });
});

describe('issue 16: noqa, and bare ignores under --select', () => {
  it('# noqa: DJS101 suppresses like the djsec form; other tools\' codes and a bare # noqa are left alone', async () => {
    expect(await codes('DEBUG = True  # noqa: DJS101\n')).toEqual([]);
    expect(await codes('DEBUG = True  # noqa: E501, DJS101\n')).toEqual([]);
    expect(await codes('DEBUG = True  # noqa\n')).toEqual(['DJS101:1']);
    expect(await codes('DEBUG = True  # noqa: F403\n')).toEqual(['DJS101:1']);
    // Its own line only, as flake8 reads it; unused DJS codes are reported like the djsec form's.
    expect(await codes('# noqa: DJS101\nDEBUG = True\n')).toEqual(['DJS002:1', 'DJS101:2']);
    expect(await codes('DEBUG = False  # noqa: DJS101\n')).toEqual(['DJS002:1']);
  });

  it('a bare ignore hiding a rule --select left out is not called unused, nor told to go', async () => {
    // lintWithRegistry runs DJS101 and DJS002 only, out of every rule djsec has.
    const hidesUnselected = await lintWithRegistry('ALLOWED_HOSTS = ["*"]  # djsec: ignore\n');
    expect(hidesUnselected.findings).toEqual([]);
    const r = await lintWithRegistry('DEBUG = True  # djsec: ignore\n');
    expect(r.findings.map((f) => f.code)).toEqual(['DJS002']);
    expect(r.findings[0].message).toContain('among the rules this run selected');
  });
});
