// The Django a project pins (src/project/django-version.ts): only a pin below 2.0 makes
// MIDDLEWARE_CLASSES the middleware list.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { djangoPinsInText, isRequirementsFile, legacyDjangoFor, pinsBelow2 } from '../src/project/django-version.js';

describe('pinsBelow2', () => {
  it.each([
    ['==1.8.2', true], ['===1.11', true], ['~=1.11', true], ['^1.11', true], ['~1.11', true], ['<=1.11.29', true],
    ['>=1.8,<1.9', true], ['>=1.11,<2.0', true], ['<2', true],
    ['==2.2', false], ['>=1.8', false], ['>=3.2,<4', false], ['<2.1', false], ['~=2.0', false], ['!=1.8', false],
  ])('%s → %s', (spec, below) => expect(pinsBelow2(spec)).toBe(below));
});

describe('djangoPinsInText', () => {
  it('reads requirements, Pipfile, pyproject and setup.py forms, not other django-* packages', () => {
    expect(djangoPinsInText('r.txt', 'django-environ==0.4\nDjango==1.8.2\ndjango-cors-headers==2.4.0\n')).toEqual([{ file: 'r.txt', line: 2, below2: true }]);
    expect(djangoPinsInText('Pipfile', '[packages]\ndjango = "==1.11.29"\n')).toEqual([{ file: 'Pipfile', line: 2, below2: true }]);
    expect(djangoPinsInText('pyproject.toml', 'dependencies = ["Django>=4.2,<5"]\n')).toEqual([{ file: 'pyproject.toml', line: 1, below2: false }]);
    expect(djangoPinsInText('setup.py', "install_requires=['Django~=1.11', 'requests']\n")).toEqual([{ file: 'setup.py', line: 1, below2: true }]);
    expect(djangoPinsInText('r.txt', 'Django\npsycopg2\n')).toEqual([]);
  });
});

describe('legacyDjangoFor', () => {
  const project = (files: Record<string, string>) => {
    const root = mkdtempSync(join(tmpdir(), 'djsec-djver-'));
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(join(root, rel, '..'), { recursive: true });
      writeFileSync(join(root, rel), text);
    }
    return root;
  };

  it('takes the nearest folder with a pin; every pin there must be below 2.0', () => {
    const root = project({
      'requirements.txt': 'Django==1.8.2\n',
      'app/settings.py': '',
      'svc/requirements/base.txt': 'Django>=3.2,<4\n',
      'svc/conf/settings.py': '',
      'mixed/requirements.txt': 'Django==1.11\n',
      'mixed/requirements-new.txt': 'Django==4.2\n',
      'mixed/settings.py': '',
    });
    const files = ['requirements.txt', 'svc/requirements/base.txt', 'mixed/requirements.txt', 'mixed/requirements-new.txt'].map((f) => join(root, f));
    const modules = ['app/settings.py', 'svc/conf/settings.py', 'mixed/settings.py'].map((f) => join(root, f));
    expect([...legacyDjangoFor(modules, files)]).toEqual([join(root, 'app/settings.py')]);
  });

  it('knows requirement file names', () => {
    expect(['/p/requirements.txt', '/p/requirements-prod.txt', '/p/requirements/base.txt', '/p/Pipfile', '/p/setup.py', '/p/requirements.in'].every(isRequirementsFile)).toBe(true);
    expect(['/p/README.txt', '/p/Pipfile.lock', '/p/docs/requirements.rst'].some(isRequirementsFile)).toBe(false);
  });
});
