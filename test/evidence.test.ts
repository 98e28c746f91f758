// Deployment evidence (src/project/evidence.ts): each file kind, read as text, gives the module it
// names with the right kind; build steps, comments and unresolvable values name nothing.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../src/project/evidence.js';
import { evidenceFileKind, evidenceInText, readDeploymentEvidence, resolveEvidenceModule } from '../src/project/evidence.js';

const at = (path: string, text: string) => {
  const file = `/repo/${path}`;
  const kind = evidenceFileKind(file);
  if (!kind) throw new Error(`${path} is no evidence file`);
  return evidenceInText(file, text, kind).map((e) => ({ line: e.line, kind: e.kind, module: e.module, configuration: e.configuration }));
};

describe('deployment evidence by file kind', () => {
  it.each([
    ['Dockerfile', 'FROM python:3.12\nENV DJANGO_SETTINGS_MODULE=shop.settings.production\n', 2, 'deploy'],
    ['Dockerfile', 'FROM python:3.12\nENV DJANGO_SETTINGS_MODULE shop.settings.production\n', 2, 'deploy'],
    ['Containerfile', 'FROM python:3.12\nCMD ["gunicorn", "shop.wsgi"]\nENTRYPOINT ["python", "manage.py", "runserver", "--settings=shop.settings.production"]\n', 3, 'deploy'],
    ['docker/prod.Dockerfile', 'ARG SETTINGS=shop.settings.production\nENV DJANGO_SETTINGS_MODULE=${SETTINGS}\n', 2, 'deploy'],
    ['docker-compose.prod.yml', 'services:\n  web:\n    environment:\n      DJANGO_SETTINGS_MODULE: shop.settings.production\n', 4, 'deploy'],
    ['compose.yaml', 'services:\n  web:\n    environment:\n      - DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-shop.settings.production}\n', 4, 'deploy'],
    ['Procfile', 'release: python manage.py migrate --settings=shop.settings.production\nweb: gunicorn shop.wsgi\n', 1, 'deploy'],
    ['app.yaml', 'runtime: python312\nenv_variables:\n  DJANGO_SETTINGS_MODULE: "shop.settings.production"\n', 3, 'deploy'],
    ['fly.toml', 'app = "shop"\n[env]\n  DJANGO_SETTINGS_MODULE = "shop.settings.production"\n', 3, 'deploy'],
    ['render.yaml', 'services:\n  - type: web\n    envVars:\n      - key: DJANGO_SETTINGS_MODULE\n        value: shop.settings.production\n', 5, 'deploy'],
    ['app.json', '{\n  "env": {\n    "DJANGO_SETTINGS_MODULE": {\n      "value": "shop.settings.production"\n    }\n  }\n}\n', 4, 'deploy'],
    ['.ebextensions/django.config', 'option_settings:\n  aws:elasticbeanstalk:application:environment:\n    DJANGO_SETTINGS_MODULE: shop.settings.production\n', 3, 'deploy'],
    ['.do/app.yaml', 'services:\n- name: web\n  envs:\n  - key: DJANGO_SETTINGS_MODULE\n    value: shop.settings.production\n', 5, 'deploy'],
    ['serverless.yml', 'provider:\n  environment:\n    DJANGO_SETTINGS_MODULE: shop.settings.production\n', 3, 'deploy'],
    ['k8s/deployment.yaml', 'spec:\n  containers:\n    - env:\n        - name: DJANGO_SETTINGS_MODULE\n          value: "shop.settings.production"\n', 5, 'deploy'],
    ['deploy/gunicorn.service', '[Service]\nEnvironment="DJANGO_SETTINGS_MODULE=shop.settings.production"\nExecStart=/srv/venv/bin/gunicorn shop.wsgi\n', 2, 'deploy'],
    ['gunicorn.conf.py', 'raw_env = ["DJANGO_SETTINGS_MODULE=shop.settings.production"]\n', 1, 'deploy'],
    ['uwsgi.ini', '[uwsgi]\nenv = DJANGO_SETTINGS_MODULE=shop.settings.production\n', 2, 'deploy'],
    ['zappa_settings.json', '{"production": {"django_settings": "shop.settings.x", "environment_variables": {"DJANGO_SETTINGS_MODULE": "shop.settings.production"}}}\n', 1, 'deploy'],
    ['shop/wsgi.py', 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.production")\n', 2, 'wsgi'],
    ['shop/asgi.py', "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings.production')\n", 2, 'wsgi'],
    ['manage.py', 'import os\nos.environ["DJANGO_SETTINGS_MODULE"] = "shop.settings.production"\n', 2, 'manage'],
    ['pytest.ini', '[pytest]\nDJANGO_SETTINGS_MODULE = shop.settings.production\n', 2, 'test'],
    ['setup.cfg', '[tool:pytest]\naddopts = --ds=shop.settings.production\n', 2, 'test'],
    ['tox.ini', '[testenv]\nsetenv =\n    DJANGO_SETTINGS_MODULE=shop.settings.production\n', 3, 'test'],
    ['pyproject.toml', '[tool.pytest.ini_options]\nDJANGO_SETTINGS_MODULE = "shop.settings.production"\n', 2, 'test'],
    ['conftest.py', 'import os\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.production")\n', 3, 'test'],
    ['.github/workflows/ci.yml', 'jobs:\n  test:\n    env:\n      DJANGO_SETTINGS_MODULE: shop.settings.production\n', 4, 'ci'],
    ['.gitlab-ci.yml', 'variables:\n  DJANGO_SETTINGS_MODULE: shop.settings.production\n', 2, 'ci'],
    ['.travis.yml', 'env:\n  - DJANGO_SETTINGS_MODULE=shop.settings.production\n', 2, 'ci'],
    ['.circleci/config.yml', 'jobs:\n  build:\n    environment:\n      DJANGO_SETTINGS_MODULE: shop.settings.production\n', 4, 'ci'],
    ['Jenkinsfile', "pipeline {\n  environment {\n    DJANGO_SETTINGS_MODULE = 'shop.settings.production'\n  }\n}\n", 3, 'ci'],
    ['bitbucket-pipelines.yml', 'pipelines:\n  default:\n    - step:\n        script:\n          - export DJANGO_SETTINGS_MODULE=shop.settings.production\n', 5, 'ci'],
  ])('%s', (path, text, line, kind) => {
    expect(at(path, text)).toEqual([{ line, kind, module: 'shop.settings.production', configuration: undefined }]);
  });

  it('a deployment workflow is deploy configuration, not CI', () => {
    expect(at('.github/workflows/deploy.yml', 'jobs:\n  deploy:\n    env:\n      DJANGO_SETTINGS_MODULE: shop.settings.production\n')[0].kind).toBe('deploy');
  });

  it('a RUN step names settings for the build only', () => {
    expect(at('Dockerfile', 'FROM python:3.12\nRUN DJANGO_SETTINGS_MODULE=shop.settings.local \\\n    python manage.py collectstatic --noinput\n')).toEqual([
      { line: 2, kind: 'build', module: 'shop.settings.local', configuration: undefined },
    ]);
  });

  it('development compose files and services are development evidence', () => {
    expect(at('docker-compose.dev.yml', 'services:\n  web:\n    environment:\n      DJANGO_SETTINGS_MODULE: shop.settings.x\n')[0].kind).toBe('dev');
    const services = at('docker-compose.yml', 'services:\n  web:\n    environment:\n      DJANGO_SETTINGS_MODULE: shop.settings.a\n  test:\n    environment:\n      DJANGO_SETTINGS_MODULE: shop.settings.b\n');
    expect(services.map((e) => [e.module, e.kind])).toEqual([['shop.settings.a', 'deploy'], ['shop.settings.b', 'dev']]);
  });

  it('records DJANGO_CONFIGURATION for class-based settings', () => {
    expect(at('Dockerfile', 'ENV DJANGO_SETTINGS_MODULE=shop.settings\nENV DJANGO_CONFIGURATION=Production\n')).toEqual([
      { line: 1, kind: 'deploy', module: 'shop.settings', configuration: undefined },
      { line: 2, kind: 'deploy', module: undefined, configuration: 'Production' },
    ]);
  });

  it('comments, bare variables and other files name nothing', () => {
    expect(at('Dockerfile', '# ENV DJANGO_SETTINGS_MODULE=shop.settings.old\nENV DJANGO_SETTINGS_MODULE=$SETTINGS\n')).toEqual([]);
    expect(at('shop/wsgi.py', 'import os\n# os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.old")\n')).toEqual([]);
    expect(evidenceFileKind('/repo/README.md')).toBeUndefined();
    expect(evidenceFileKind('/repo/shop/settings.py')).toBeUndefined();
    expect(evidenceFileKind('/repo/shop/locale/messages.yml')).toBeUndefined();
    expect(evidenceFileKind('/repo/helm/shop/templates/deployment.yaml')).toBe('deploy');
  });
});

describe('reading and resolving evidence', () => {
  it('reads regular files only, never through a symlink', () => {
    const dir = mkdtempSync(join(tmpdir(), 'djsec-evidence-'));
    writeFileSync(join(dir, 'real.Dockerfile'), 'ENV DJANGO_SETTINGS_MODULE=shop.settings.production\n');
    symlinkSync(join(dir, 'real.Dockerfile'), join(dir, 'Dockerfile'));
    const found = readDeploymentEvidence([join(dir, 'Dockerfile'), join(dir, 'real.Dockerfile')]);
    expect(found.map((e) => e.file)).toEqual([join(dir, 'real.Dockerfile')]);
  });

  it('resolves a dotted name to the nearest candidate, in src/ or a subfolder too', () => {
    const candidates = ['/repo/backend/shop/settings/production.py', '/repo/other/shop/settings/production.py', '/repo/backend/shop/settings/base.py'];
    const e: Evidence = { file: '/repo/backend/Dockerfile', line: 1, kind: 'deploy', module: 'shop.settings.production' };
    expect(resolveEvidenceModule(e, candidates)).toEqual(['/repo/backend/shop/settings/production.py']);
    expect(resolveEvidenceModule({ ...e, module: 'shop.settings' }, ['/repo/src/shop/settings/__init__.py'])).toEqual(['/repo/src/shop/settings/__init__.py']);
    expect(resolveEvidenceModule({ ...e, module: 'nowhere.settings' }, candidates)).toEqual([]);
  });

  it('bounds what it reads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'djsec-evidence-'));
    mkdirSync(join(dir, 'k8s'));
    writeFileSync(join(dir, 'k8s', 'big.yaml'), `${'# padding\n'.repeat(40_000)}DJANGO_SETTINGS_MODULE: shop.settings.production\n`);
    expect(readDeploymentEvidence([join(dir, 'k8s', 'big.yaml')])).toEqual([]);
  });
});
