// Writes the benchmark inputs into a directory: a synthetic repository (Django projects with split
// settings among ordinary modules, plus node_modules, virtualenvs, .git and a .gitignore'd folder
// that a scanner must skip), a settings-only corpus, and one startproject-style settings.py.
// Seeded: the same seed and sizes give the same files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { appModule, baseSettings, devSettings, libraryModule, productionSettings, rng, singleSettings } from './python-templates.mjs';

export const FULL = {
  projects: 60, // 40 with base/production/local/test + 20 with base/production = 200 settings modules
  pythonFiles: 5000, // Python files a scanner has to consider (settings modules included)
  corpusProjects: 500,
  venvFiles: 2500,
  nodeModulesFiles: 3000,
  gitObjects: 2000,
  ignoredFiles: 100,
};

export const TINY = {
  projects: 3,
  pythonFiles: 60,
  corpusProjects: 4,
  venvFiles: 20,
  nodeModulesFiles: 20,
  gitObjects: 20,
  ignoredFiles: 5,
};

const STYLES = ['environ', 'environ', 'decouple', 'os'];
const APP_KINDS = ['models', 'views', 'admin', 'forms', 'urls', 'apps', 'serializers', 'utils', 'tasks'];

/** Writes a file (and its folders); returns its size in bytes. */
function write(file, text) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return Buffer.byteLength(text);
}

/** The split settings of one project (cookiecutter-django layout): base, production, local, test. */
function writeSettingsPackage(r, root, project, apps, full, counts) {
  const style = r.pick(STYLES);
  const dir = join(root, 'config', 'settings');
  const modules = [['base.py', baseSettings(r, project, apps, style)], ['production.py', productionSettings(r, style)]];
  if (full) modules.push(['local.py', devSettings(r, 'local')], ['test.py', devSettings(r, 'test')]);
  write(join(dir, '__init__.py'), '');
  for (const [name, text] of modules) counts.bytes += write(join(dir, name), text);
  counts.settingsModules += modules.length;
  counts.pythonFiles = (counts.pythonFiles ?? 0) + modules.length + 1;
}

/** The synthetic repository of goal 2, 3 and 5. Returns counts for the report. */
export function generateRepo(root, sizes, seed) {
  const r = rng(seed);
  const counts = { pythonFiles: 0, settingsModules: 0, prunedFiles: 0, bytes: 0 };
  const py = (file, text) => {
    counts.bytes += write(file, text);
    counts.pythonFiles++;
  };
  write(join(root, '.gitignore'), ['*.pyc', '__pycache__/', '/staticfiles/', '/generated/', '.env', '*.log', ''].join('\n'));
  write(join(root, 'README.md'), '# monorepo\n');

  const projectNames = [];
  for (let p = 0; p < sizes.projects; p++) {
    const project = `${r.word()}_${p}`;
    projectNames.push(project);
    const base = join(root, 'services', project);
    const apps = Array.from({ length: r.int(3, 6) }, (_, i) => `${r.word()}s${i}`);
    const full = p < Math.round((sizes.projects * 2) / 3);
    writeSettingsPackage(r, base, project, apps, full, counts);
    py(join(base, 'manage.py'), 'import os\nimport sys\n\nif __name__ == "__main__":\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")\n    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n');
    py(join(base, 'config', '__init__.py'), '');
    py(join(base, 'config', 'urls.py'), appModule(r, 'urls', project));
    py(join(base, 'config', 'wsgi.py'), 'import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\napplication = get_wsgi_application()\n');
  }
  // Spread the remaining Python files over the projects' apps, round-robin.
  let p = 0;
  while (counts.pythonFiles < sizes.pythonFiles) {
    const project = projectNames[p++ % projectNames.length];
    const app = `${r.word()}s${r.int(0, 99)}`;
    const dir = join(root, 'services', project, project, app);
    py(join(dir, '__init__.py'), '');
    for (const kind of APP_KINDS) if (counts.pythonFiles < sizes.pythonFiles) py(join(dir, `${kind}.py`), appModule(r, kind, app));
    for (let m = 0; m < r.int(1, 3) && counts.pythonFiles < sizes.pythonFiles; m++) py(join(dir, 'migrations', `000${m + 1}_auto.py`), appModule(r, 'migration', app));
    for (let t = 0; t < r.int(1, 3) && counts.pythonFiles < sizes.pythonFiles; t++) py(join(dir, 'tests', `test_${r.word()}_${t}.py`), appModule(r, 'tests', app));
  }

  // Noise a scanner must skip without reading: a virtualenv named .venv, one with an unusual name
  // (found by its pyvenv.cfg), node_modules with a Python build helper, .git objects, an ignored folder.
  const venvs = [join(root, '.venv'), join(root, 'tools', 'py311')];
  for (const v of venvs) write(join(v, 'pyvenv.cfg'), 'home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.7\n');
  for (let i = 0; i < sizes.venvFiles; i++) {
    const v = venvs[i % 5 === 0 ? 1 : 0];
    write(join(v, 'lib', 'python3.11', 'site-packages', `pkg${i % 40}`, `mod_${i}.py`), libraryModule(r));
    counts.prunedFiles++;
  }
  for (let i = 0; i < sizes.nodeModulesFiles; i++) {
    const pkg = join(root, 'frontend', 'node_modules', `pkg-${i % 150}`);
    if (i % 10 === 0) write(join(pkg, 'gyp', `gyp_${i}.py`), libraryModule(r));
    else write(join(pkg, 'lib', `index-${i}.js`), `module.exports = function f${i}(a) { return a + ${i}; };\n`);
    counts.prunedFiles++;
  }
  for (let i = 0; i < sizes.gitObjects; i++) {
    const hex = r.token(40).replace(/[^0-9a-f]/gi, '0').toLowerCase().padEnd(40, '0');
    write(join(root, '.git', 'objects', hex.slice(0, 2), hex.slice(2)), Buffer.from(r.token(r.int(100, 2000))));
    counts.prunedFiles++;
  }
  write(join(root, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  for (let i = 0; i < sizes.ignoredFiles; i++) {
    write(join(root, 'generated', `stub_${i}.py`), libraryModule(r));
    counts.prunedFiles++;
  }
  return counts;
}

/** The settings-only corpus of goals 3 and 4: split layouts and single settings.py files. */
export function generateCorpus(root, sizes, seed) {
  const r = rng(seed);
  const counts = { settingsModules: 0, pythonFiles: 0, bytes: 0 };
  for (let p = 0; p < sizes.corpusProjects; p++) {
    const project = `${r.word()}_${p}`;
    const base = join(root, project);
    if (p % 4 === 3) {
      counts.bytes += write(join(base, project, 'settings.py'), singleSettings(r, project));
      counts.settingsModules++;
      counts.pythonFiles++;
    } else {
      const apps = Array.from({ length: r.int(3, 6) }, (_, i) => `${r.word()}s${i}`);
      writeSettingsPackage(r, base, project, apps, true, counts);
      // What goal 2 edits: a base module every other module of its package imports.
      counts.firstBaseModule ??= join(base, 'config', 'settings', 'base.py');
    }
  }
  return counts;
}

/** The one settings.py of goal 1. */
export function generateSingle(root, seed) {
  const file = join(root, 'mysite', 'settings.py');
  write(file, singleSettings(rng(seed), 'mysite'));
  return file;
}

/**
 * A settings package whose modules each set os.environ, then star-import the previous one
 * (`writes`), or only read it: the chain issue 17 found quadratic. Returns the package's folder.
 */
export function generateEnvChain(dir, depth, writes) {
  const pkg = join(dir, 'settings');
  write(join(pkg, '__init__.py'), '');
  for (let i = 0; i < depth; i++) {
    const lines = ['import os'];
    if (writes) lines.push(`os.environ.setdefault("VAR_${i}", "v${i}")`);
    if (i > 0) lines.push(`from .m${i - 1} import *`);
    lines.push(`SETTING_${i} = os.environ.get("VAR_${i}", "default")`, `DEBUG = os.environ.get("VAR_0", "unset") == "v0"`);
    write(join(pkg, `m${i}.py`), `${lines.join('\n')}\n`);
  }
  return pkg;
}
