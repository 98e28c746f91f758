// Which Django a project pins, read from its requirement files as bounded text (never run, never
// installed): only to tell a project on Django before 2.0, where MIDDLEWARE_CLASSES is the
// middleware Django runs when MIDDLEWARE is unset. From 2.0 MIDDLEWARE_CLASSES is ignored, so
// without such a pin djsec judges as current Django does.
import { basename, dirname, sep } from 'node:path';
import { readBounded } from './evidence.js';

/** requirements.txt, requirements-prod.txt, requirements/base.txt, Pipfile, setup.py (pyproject.toml and setup.cfg are evidence files already). */
export function isRequirementsFile(absPath: string): boolean {
  const name = basename(absPath);
  if (/^requirements([._-][\w.-]*)?\.(txt|in)$/i.test(name) || name === 'Pipfile' || name === 'setup.py') return true;
  return basename(dirname(absPath)) === 'requirements' && /\.(txt|in)$/.test(name);
}

const SPEC_FILES = (absPath: string) => isRequirementsFile(absPath) || /^(pyproject\.toml|setup\.cfg)$/.test(basename(absPath));

/** `django` (not `django-foo`) followed by its version specifiers, in any of the files' syntaxes. */
const DJANGO_SPEC = /(?:^|["'\s,[(])django\s*(?:\[[^\]]*\])?\s*(?:=\s*["'])?\s*((?:(?:===|==|~=|<=|>=|!=|<|>|\^|~)\s*v?[\d.*]+\s*,?\s*)+)/gim;

/** Whether a specifier list (`==1.8.2`, `>=1.8,<1.9`, `~=1.11`, `^1.11`) only allows Django below 2.0. */
export function pinsBelow2(specs: string): boolean {
  for (const m of specs.matchAll(/(===|==|~=|<=|>=|!=|<|>|\^|~)\s*v?(\d+)(?:\.(\d+|\*))?/g)) {
    const [, op, majorText, minorText] = m;
    const major = Number(majorText);
    if ((op === '==' || op === '===' || op === '~=' || op === '^' || op === '~' || op === '<=') && major <= 1) return true;
    if (op === '<' && (major < 2 || (major === 2 && (minorText === undefined || Number(minorText) === 0)))) return true;
  }
  return false;
}

export interface DjangoPin {
  file: string;
  line: number;
  below2: boolean;
}

/** The Django pins of one file's text (exported for tests). */
export function djangoPinsInText(file: string, text: string): DjangoPin[] {
  const out: DjangoPin[] = [];
  for (const m of text.matchAll(DJANGO_SPEC)) {
    const line = text.slice(0, m.index + m[0].search(/django/i)).split('\n').length;
    out.push({ file, line, below2: pinsBelow2(m[1]) });
  }
  return out;
}

/**
 * For each settings module, whether the nearest folder above it (up to the scan's files) whose
 * requirement files pin Django pins it below 2.0. A folder's `requirements/` files count as its own.
 */
export function legacyDjangoFor(modules: readonly string[], files: readonly string[]): Set<string> {
  const pinsByDir = new Map<string, DjangoPin[]>();
  for (const file of files.filter(SPEC_FILES)) {
    const text = readBounded(file);
    if (text === undefined || !/django/i.test(text)) continue;
    const pins = djangoPinsInText(file, text);
    if (pins.length === 0) continue;
    const dir = basename(dirname(file)) === 'requirements' ? dirname(dirname(file)) : dirname(file);
    pinsByDir.set(dir, [...(pinsByDir.get(dir) ?? []), ...pins]);
  }
  const legacy = new Set<string>();
  if (pinsByDir.size === 0) return legacy;
  for (const module of modules) {
    for (let dir = dirname(module); ; dir = dirname(dir)) {
      const pins = pinsByDir.get(dir);
      // Every pin in that folder must say below 2.0 (a requirements file per environment agrees).
      if (pins) {
        if (pins.every((p) => p.below2)) legacy.add(module);
        break;
      }
      if (dirname(dir) === dir || !dir.includes(sep)) break;
    }
  }
  return legacy;
}
