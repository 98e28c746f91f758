// Role names (src/project/roles.ts): the token vocabulary that marks development, test, CI and
// build-only modules. Whole decisions are tested on project folders in roles.fixtures.test.ts.
import { describe, expect, it } from 'vitest';
import { nameTokens, nonProductionByName } from '../src/project/roles.js';

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
