// Which django-configurations class deploys: DJANGO_CONFIGURATION as the project's own entry
// points default it, `os.environ.setdefault("DJANGO_CONFIGURATION", "Prod")` in wsgi.py/asgi.py
// (what a server runs) and manage.py (what developers run). Read as text next to the settings
// module and in the folders above it, never run. The deployment evidence of the roles
// (Dockerfiles, Procfiles, compose) is meant to fold this in.
import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { readSource } from '../model/source.js';

const SETDEFAULT = /\benviron\.setdefault\(\s*["']DJANGO_CONFIGURATION["']\s*,\s*["']([A-Za-z_][A-Za-z0-9_]*)["']\s*\)/g;
const SERVER_FILES = ['wsgi.py', 'asgi.py'];
/** Folders above the settings module searched for entry points (settings/ → project/ → repository). */
const MAX_LEVELS = 4;
const MAX_BYTES = 256 * 1024;

export interface ConfigurationEvidence {
  /** Classes wsgi.py/asgi.py default DJANGO_CONFIGURATION to (what a server runs without the variable). */
  server: string[];
  /** Classes manage.py defaults it to. */
  manage: string[];
  /** Where each wsgi.py/asgi.py default is written (DJS007 points there). */
  serverAt: { name: string; file: string; line: number }[];
}

/** The DJANGO_CONFIGURATION defaults of the entry points near a settings module, inside `root`. */
export function configurationEvidence(settingsPath: string, root: string): ConfigurationEvidence {
  const evidence: ConfigurationEvidence = { server: [], manage: [], serverAt: [] };
  let dir = dirname(settingsPath);
  for (let level = 0; level <= MAX_LEVELS; level++) {
    for (const file of [...SERVER_FILES, 'manage.py']) {
      const names = file === 'manage.py' ? evidence.manage : evidence.server;
      for (const { name, line } of configurationDefaultsAt(join(dir, file))) {
        if (!names.includes(name)) names.push(name);
        if (file !== 'manage.py') evidence.serverAt.push({ name, file: join(dir, file), line });
      }
    }
    // manage.py marks the project's root: entry points above it belong to something else.
    const parent = dirname(dir);
    if (existsSync(join(dir, 'manage.py')) || parent === dir || !inside(root, parent)) break;
    dir = parent;
  }
  return evidence;
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}

/** The class names a file's `os.environ.setdefault("DJANGO_CONFIGURATION", ...)` calls give (size-capped, regular files only). */
export function configurationDefaults(path: string): string[] {
  return configurationDefaultsAt(path).map((d) => d.name);
}

/** The same, with the 1-based line of each call. */
export function configurationDefaultsAt(path: string): { name: string; line: number }[] {
  if (!existsSync(path)) return [];
  const source = readSource(path, MAX_BYTES);
  if (!source.ok) return [];
  const found: { name: string; line: number }[] = [];
  source.text.split('\n').forEach((line, index) => {
    for (const m of line.matchAll(SETDEFAULT)) {
      // A commented-out default is no evidence.
      if (!line.slice(0, m.index).includes('#')) found.push({ name: m[1], line: index + 1 });
    }
  });
  return found;
}
