// Role names (src/project/roles.ts): the token vocabulary that marks development, test, CI and
// build-only modules, and the summary of a run that judged nothing. Whole decisions are tested on
// project folders in roles.fixtures.test.ts.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { nameTokens, nonProductionByName } from '../src/project/roles.js';
import { formatText } from '../src/report/text.js';
import { lintFolder } from './support/lint.js';

describe('module names', () => {
  it('splits on _ . - and camelCase', () => {
    expect(nameTokens('settingsDev')).toEqual(['settings', 'dev']);
    expect(nameTokens('settings_e2e-local.x')).toEqual(['settings', 'e2e', 'local', 'x']);
  });

  it.each([
    'unittests', 'pytest', 'it', 'e2e', 'integration', 'devstack', 'ci', 'github', 'gitlab', 'travis', 'circleci', 'jenkins',
    'settings_dev', 'local', 'test_settings', 'settingsTest', 'DevSettings', 'settings.testing',
  ])('%s is development or test', (name) => {
    expect(nonProductionByName(`/repo/shop/settings/${name}.py`)?.kind).toBe('development');
  });

  it.each(['settings_compress', 'settings_sphinx', 'docs', 'collectstatic'])('%s is build-only', (name) => {
    expect(nonProductionByName(`/repo/shop/${name}.py`)?.kind).toBe('build');
  });

  it.each(['production', 'settings', 'base', 'digital', 'citadel', 'latest', 'deploy', 'settings_prod', 'common'])('%s is a production candidate', (name) => {
    expect(nonProductionByName(`/repo/shop/settings/${name}.py`)).toBeUndefined();
  });
});

describe('a run where every module is skipped', () => {
  it('says that nothing was judged instead of reporting no problems', async () => {
    const root = mkdtempSync(join(tmpdir(), 'djsec-all-skipped-'));
    mkdirSync(join(root, 'settings'));
    writeFileSync(join(root, 'settings', 'local.py'), 'SECRET_KEY = "x"\nINSTALLED_APPS = []\nDEBUG = True\n');
    writeFileSync(join(root, 'settings', 'test.py'), 'from .local import *\n');
    const result = await lintFolder(root, rules);
    expect(result.findings).toEqual([]);
    const text = formatText(result, { color: 0, cwd: root });
    expect(text).toContain('No settings module judged: every one was skipped');
    expect(text).not.toContain('No problems');
  });
});
