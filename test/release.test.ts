// Releases: one version everywhere, docs links that name its tag, and a release workflow that
// checks, builds, tests, publishes with provenance and attaches the tarball.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { formatSarif } from '../src/report/sarif.js';
import type { Rule } from '../src/rule-kit/rule.js';
import { VERSION } from '../src/version.js';
import { repoRoot } from './support/lint.js';

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  files: string[];
};

describe('release', () => {
  it('src/version.ts is package.json\'s version', () => {
    expect(VERSION).toBe(pkg.version);
  });

  it('SARIF helpUri points at the docs of this version\'s tag, not main', () => {
    const sarif = JSON.parse(formatSarif({ findings: [], files: [], entries: [], skipped: [], errors: [], notes: [], roles: [], roleNotes: [], evaluations: new Map(), sources: new Map() }, { version: VERSION, rules: rules as readonly Rule[], repoPath: (f) => f }));
    const uris: string[] = sarif.runs[0].tool.driver.rules.map((r: { helpUri: string }) => r.helpUri);
    expect(uris.every((u) => u.startsWith(`https://github.com/djsec/djsec/blob/v${pkg.version}/docs/rules/DJS`))).toBe(true);
  });

  it('the package has no dependency with native code, and ships the grammar', () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['chalk', 'commander', 'smol-toml', 'web-tree-sitter', 'yaml']);
    expect(pkg.optionalDependencies).toBeUndefined();
    // pre-commit installs a hook repository's devDependencies too: none may build native code.
    expect(Object.keys(pkg.devDependencies).filter((d) => d.startsWith('tree-sitter'))).toEqual([]);
    expect(pkg.files).toContain('dist/tree-sitter-python.wasm');
  });

  it('the release workflow runs on a tag, tests, publishes with provenance and attaches the tarball', () => {
    const workflow = readFileSync(join(repoRoot, '.github/workflows/release.yml'), 'utf8');
    expect(workflow).toMatch(/tags: \['v\*\.\*\.\*'\]/);
    expect(workflow).toContain('id-token: write');
    expect(workflow).toContain('npm test');
    expect(workflow).toContain('npm publish --provenance');
    expect(workflow).toMatch(/gh release create .*djsec-\*\.tgz/);
  });

  it('CHANGELOG.md has a section for this version', () => {
    expect(readFileSync(join(repoRoot, 'CHANGELOG.md'), 'utf8')).toContain(`## [${pkg.version}]`);
  });
});
