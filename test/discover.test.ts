// Discovery: which files are candidate settings modules, without parsing.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discover } from '../src/project/discover.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'djsec-discover-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const found = (root: string) => discover([root], root).candidates.map((c) => c.slice(root.length + 1)).sort();

describe('discovery', () => {
  it('picks settings by name and by a sniff of core settings', () => {
    const root = tree({
      'mysite/settings.py': '',
      'mysite/settings/prod.py': '',
      'mysite/prod_settings.py': '',
      'conf/core.py': 'SECRET_KEY = "x"\n',
      'conf/annotated.py': 'ALLOWED_HOSTS: list[str] = []\n',
      'app/views.py': 'def index(request):\n    SECRET_KEY = "local variable, not a setting"\n',
      'app/models.py': 'from .base import *\nSTATUS = 1\n',
    });
    expect(found(root)).toEqual(['conf/annotated.py', 'conf/core.py', 'mysite/prod_settings.py', 'mysite/settings.py', 'mysite/settings/prod.py']);
  });

  it('lists the files that may name the deployed settings module, as .gitignore allows', () => {
    const root = tree({
      '.gitignore': 'ignored/\n',
      'Dockerfile': '', 'docker-compose.prod.yml': '', 'Procfile': '', 'manage.py': '', 'pytest.ini': '',
      'mysite/wsgi.py': '', '.github/workflows/ci.yml': '', 'k8s/web.yaml': '',
      'ignored/Dockerfile': '', 'locale/messages.yml': '', 'README.md': '',
    });
    const evidence = discover([root], root).evidence.map((e) => e.slice(root.length + 1)).sort();
    expect(evidence).toEqual(['.github/workflows/ci.yml', 'Dockerfile', 'Procfile', 'docker-compose.prod.yml', 'k8s/web.yaml', 'manage.py', 'mysite/wsgi.py', 'pytest.ini']);
  });

  it('finds an override module that only star-imports its base and sets security settings', () => {
    const root = tree({
      'conf/base.py': 'SECRET_KEY = "x"\n',
      'conf/production.py': 'from .base import *\n\nSECURE_HSTS_SECONDS = 31536000\n',
      'conf/staging.py': 'from .base import *\nDEBUG = False\n',
      'app/admin.py': 'from .models import *\nadmin_site = None\n',
    });
    expect(found(root)).toEqual(['conf/base.py', 'conf/production.py', 'conf/staging.py']);
  });

  it('skips dependency, virtualenv and migration folders', () => {
    const root = tree({
      'node_modules/pkg/settings.py': '',
      '.venv/lib/settings.py': '',
      'env2/pyvenv.cfg': '',
      'env2/lib/settings.py': '',
      'app/migrations/0001_settings.py': '',
      'lib/site-packages/django/conf/global_settings.py': '',
      'ok/settings.py': '',
    });
    expect(found(root)).toEqual(['ok/settings.py']);
  });
});
