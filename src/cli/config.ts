// User configuration, and the only reader of it: `[tool.djsec]` in the closest pyproject.toml
// above the first path that has that table (or the file given with --config), with command-line
// flags on top. A flag replaces the config value of the same key; --env/--dotenv add to `env`.
// Any unknown key, wrong type or unknown rule is a usage error (exit 2) naming the key and file.
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { TomlError, parse as parseToml } from 'smol-toml';
import { rules as allRules } from '../../rules/index.js';
import { parseEnvFile, parseEnvPair } from './env-file.js';
import { UsageError } from '../errors.js';
import { errnoMessage } from '../errno-message.js';
import type { Level } from '../finding.js';
import type { PathPattern } from '../project/glob.js';
import { pathPattern } from '../project/glob.js';
import type { Rule } from '../rule-kit/rule.js';
import { readRegularFile } from '../model/source.js';

export const FORMATS = ['text', 'concise', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];
export const FAIL_ON = ['error', 'warning', 'note', 'never'] as const;
export type FailOn = Level | 'never';

/** Flags as the command line gives them; undefined means "not given" (config or default applies). */
export interface CliFlags {
  format: Format;
  outputFile?: string;
  select?: string[];
  ignore?: string[];
  failOn?: FailOn;
  listRules?: boolean;
  explain?: string;
  color?: boolean;
  quiet?: boolean;
  settings?: string[];
  env: string[];
  envFile: string[];
  includeDev?: boolean;
  printSettings?: boolean;
  jobs?: number;
  config?: string;
  baseline?: string;
  writeBaseline?: string;
  stdin?: boolean;
  stdinFilename?: string;
  sarifCategory?: string;
  settingsPackage?: boolean;
  requireEntry?: boolean;
}

/** `[tool.djsec]` after validation; paths in it are relative to `dir`. */
export interface FileConfig {
  file: string;
  dir: string;
  select?: string[];
  ignore?: string[];
  failOn?: FailOn;
  settings?: string[];
  includeDev?: boolean;
  exclude?: string[];
  perFileIgnores?: Record<string, string[]>;
  env?: Record<string, string>;
  maxFileSize?: number;
}

export interface PerFileIgnore {
  pattern: PathPattern;
  codes: ReadonlySet<string>;
}

/** Everything a run needs, merged from defaults, the config file and the flags. */
export interface Options {
  format: Format;
  outputFile?: string;
  quiet: boolean;
  color: boolean;
  listRules: boolean;
  explain?: string;
  printSettings: boolean;
  /** Threads for a large run (--jobs); undefined: one per core. */
  jobs?: number;
  /** The paths to lint (absent in stdin mode). */
  paths: string[];
  /** In stdin mode: the absolute path the text is linted as. */
  stdinPath?: string;
  rules: Rule[];
  failOn: FailOn;
  includeDev: boolean;
  /** --settings / `settings`: each with the folder it is relative to. */
  settings: { arg: string; base: string }[];
  deployed: Map<string, string>;
  /** Folder that `exclude` and `per-file-ignores` patterns are relative to. */
  patternBase: string;
  exclude: PathPattern[];
  perFileIgnores: PerFileIgnore[];
  maxFileBytes?: number;
  baseline?: string;
  writeBaseline?: string;
  sarifCategory?: string;
  /** Named files bring the rest of their settings package (split settings judged together). */
  settingsPackage: boolean;
  /** --require-entry: a run that judged no production settings module exits 2 instead of warning. */
  requireEntry: boolean;
  /** The config file that was read, if any. */
  configFile?: string;
}

const KEYS = ['select', 'ignore', 'fail-on', 'settings', 'include-dev', 'exclude', 'per-file-ignores', 'env', 'max-file-size'] as const;

export function resolveOptions(flags: CliFlags, argPaths: string[], cwd: string): Options {
  const stdin = flags.stdin === true || argPaths.includes('-');
  if (stdin && argPaths.some((p) => p !== '-')) {
    throw new UsageError('--stdin (or "-") reads one module from standard input: give no other paths');
  }
  if (flags.stdinFilename !== undefined && !stdin) throw new UsageError('--stdin-filename needs --stdin (or "-" as the path)');
  const stdinPath = stdin ? resolve(cwd, flags.stdinFilename ?? 'stdin.py') : undefined;
  const paths = stdin ? [] : argPaths.length > 0 ? argPaths : ['.'];

  const start = stdinPath ? dirname(stdinPath) : startDir(resolve(cwd, paths[0]));
  const file = flags.config !== undefined ? loadConfigFile(resolve(cwd, flags.config), cwd, true) : findConfig(start, cwd);
  const where = (key: string) => (file ? `${display(file.file, cwd)}: ${key}` : key);

  const select = flags.select ?? file?.select;
  const ignore = flags.ignore ?? file?.ignore;
  const rules = selectRules(
    select,
    ignore,
    flags.select ? '--select' : where('select'),
    flags.ignore ? '--ignore' : where('ignore'),
  );

  const deployed = new Map<string, string>(Object.entries(file?.env ?? {}));
  for (const f of flags.envFile) {
    let text: string;
    try {
      text = readRegularFile(resolve(cwd, f));
    } catch (e) {
      throw new UsageError(`--dotenv: cannot read ${f}: ${errnoMessage(e)}`);
    }
    for (const [k, v] of parseEnvFile(text)) deployed.set(k, v);
  }
  for (const pair of flags.env) {
    const parsed = parseEnvPair(pair);
    if (!parsed) throw new UsageError(`--env expects KEY=VALUE, got ${JSON.stringify(pair)}`);
    deployed.set(parsed[0], parsed[1]);
  }

  const patternBase = file?.dir ?? cwd;
  const perFileIgnores = Object.entries(file?.perFileIgnores ?? {}).map(([pattern, codes]) => ({
    pattern: pathPattern(pattern),
    codes: new Set(codes.flatMap((c) => lookupRule(c, where(`per-file-ignores."${pattern}"`))).map((r) => r.code)),
  }));

  return {
    format: flags.format,
    outputFile: flags.outputFile,
    quiet: flags.quiet === true,
    color: flags.color !== false,
    listRules: flags.listRules === true,
    explain: flags.explain,
    printSettings: flags.printSettings === true,
    jobs: flags.jobs,
    paths,
    stdinPath,
    rules,
    failOn: flags.failOn ?? file?.failOn ?? 'warning',
    includeDev: flags.includeDev ?? file?.includeDev ?? false,
    settings: flags.settings && flags.settings.length > 0
      ? flags.settings.map((arg) => ({ arg, base: cwd }))
      : (file?.settings ?? []).map((arg) => ({ arg, base: file!.dir })),
    deployed,
    patternBase,
    exclude: (file?.exclude ?? []).map(pathPattern),
    perFileIgnores,
    maxFileBytes: file?.maxFileSize,
    baseline: flags.baseline,
    writeBaseline: flags.writeBaseline,
    sarifCategory: flags.sarifCategory,
    settingsPackage: flags.settingsPackage === true,
    requireEntry: flags.requireEntry === true,
    configFile: file?.file,
  };
}

/** True when a path is excluded by the config's `exclude` patterns. */
export function isExcluded(options: Pick<Options, 'exclude' | 'patternBase'>, absPath: string): boolean {
  if (options.exclude.length === 0) return false;
  const rel = toPosix(relative(options.patternBase, absPath));
  return options.exclude.some((p) => p.test(rel));
}

/** True when `per-file-ignores` turns off `code` for the file at `absPath`. */
export function isIgnoredForFile(options: Pick<Options, 'perFileIgnores' | 'patternBase'>, absPath: string, code: string): boolean {
  if (options.perFileIgnores.length === 0) return false;
  const rel = toPosix(relative(options.patternBase, absPath));
  return options.perFileIgnores.some((p) => p.codes.has(code) && p.pattern.test(rel));
}

// ---- rule selection ---------------------------------------------------------------------------

/** A code (DJS101), a name (debug-enabled) or a group prefix (DJS1) → the rules it means. */
export function lookupRule(key: string, where: string): Rule[] {
  const registry = allRules as readonly Rule[];
  const upper = key.trim().toUpperCase();
  const exact = registry.find((r) => r.code === upper || r.name === key.trim().toLowerCase());
  if (exact) return [exact];
  if (/^DJS\d{0,2}$/.test(upper)) {
    const group = registry.filter((r) => r.code.startsWith(upper));
    if (group.length > 0) return group;
  }
  throw new UsageError(`${where}: unknown rule ${JSON.stringify(key)} (see djsec --list-rules)`);
}

function selectRules(select: string[] | undefined, ignore: string[] | undefined, selectWhere: string, ignoreWhere: string): Rule[] {
  const registry = allRules as readonly Rule[];
  const selected = select && select.length > 0 ? select.flatMap((k) => lookupRule(k, selectWhere)) : [...registry];
  const ignored = new Set((ignore ?? []).flatMap((k) => lookupRule(k, ignoreWhere)));
  // Registry order, whatever order they were named in.
  return registry.filter((r) => selected.includes(r) && !ignored.has(r));
}

// ---- finding and reading the config file ------------------------------------------------------

function startDir(abs: string): string {
  try {
    return statSync(abs).isDirectory() ? abs : dirname(abs);
  } catch {
    return dirname(abs);
  }
}

/** The closest pyproject.toml with a [tool.djsec] table, from `dir` up to the filesystem root. */
function findConfig(dir: string, cwd: string): FileConfig | undefined {
  for (let d = dir; ; d = dirname(d)) {
    const candidate = join(d, 'pyproject.toml');
    if (existsSync(candidate)) {
      const found = loadConfigFile(candidate, cwd, false);
      if (found) return found;
    }
    if (dirname(d) === d) return undefined;
  }
}

/**
 * Reads one config file. A file named pyproject.toml holds its settings under [tool.djsec]; any
 * other file (e.g. djsec.toml given with --config) holds them at the top level.
 */
function loadConfigFile(path: string, cwd: string, explicit: boolean): FileConfig | undefined {
  const shown = display(path, cwd);
  let text: string;
  try {
    text = readRegularFile(path);
  } catch (e) {
    throw new UsageError(`--config: cannot read ${shown}: ${errnoMessage(e)}`);
  }
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (e) {
    const at = e instanceof TomlError ? `:${e.line}:${e.column}` : '';
    throw new UsageError(`${shown}${at}: invalid TOML: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
  }
  // [tool.djsec] wherever it is; a file other than pyproject.toml may hold the keys at the top level.
  const nested = isTable(doc.tool) && doc.tool.djsec !== undefined;
  const isPyproject = basename(path) === 'pyproject.toml';
  if (!nested && isPyproject) {
    if (explicit) throw new UsageError(`${shown}: no [tool.djsec] table`);
    return undefined;
  }
  const table: unknown = nested ? (doc.tool as Record<string, unknown>).djsec : doc;
  const prefix = nested ? '[tool.djsec] ' : '';
  if (!isTable(table)) throw new UsageError(`${shown}: ${prefix.trim() || 'the file'} must be a table`);
  return validate(table, { file: path, dir: dirname(path) }, (key) => `${shown}: ${prefix}${key}`);
}

function validate(table: Record<string, unknown>, base: { file: string; dir: string }, where: (key: string) => string): FileConfig {
  const out: FileConfig = { ...base };
  for (const [key, value] of Object.entries(table)) {
    switch (key as (typeof KEYS)[number]) {
      case 'select':
      case 'ignore': {
        const codes = stringArray(value, where(key));
        for (const c of codes) lookupRule(c, where(key));
        out[key as 'select' | 'ignore'] = codes;
        break;
      }
      case 'fail-on':
        if (typeof value !== 'string' || !(FAIL_ON as readonly string[]).includes(value)) {
          throw new UsageError(`${where(key)}: expected one of ${FAIL_ON.join(', ')}, got ${describe(value)}`);
        }
        out.failOn = value as FailOn;
        break;
      case 'settings':
        out.settings = stringArray(value, where(key));
        break;
      case 'include-dev':
        if (typeof value !== 'boolean') throw new UsageError(`${where(key)}: expected true or false, got ${describe(value)}`);
        out.includeDev = value;
        break;
      case 'exclude':
        out.exclude = stringArray(value, where(key));
        break;
      case 'per-file-ignores': {
        if (!isTable(value)) throw new UsageError(`${where(key)}: expected a table of "pattern" = ["CODE", ...], got ${describe(value)}`);
        const map: Record<string, string[]> = {};
        for (const [pattern, codes] of Object.entries(value)) {
          const list = stringArray(codes, where(`${key}."${pattern}"`));
          for (const c of list) lookupRule(c, where(`${key}."${pattern}"`));
          map[pattern] = list;
        }
        out.perFileIgnores = map;
        break;
      }
      case 'env': {
        if (!isTable(value)) throw new UsageError(`${where(key)}: expected a table of NAME = "value", got ${describe(value)}`);
        const env: Record<string, string> = {};
        for (const [name, v] of Object.entries(value)) {
          if (typeof v !== 'string') {
            throw new UsageError(`${where(`${key}.${name}`)}: expected a string (environment values are strings: write ${JSON.stringify(String(v))}), got ${describe(v)}`);
          }
          env[name] = v;
        }
        out.env = env;
        break;
      }
      case 'max-file-size':
        out.maxFileSize = byteSize(value, where(key));
        break;
      default:
        throw new UsageError(`${where(key)}: unknown key ${JSON.stringify(key)} (known keys: ${KEYS.join(', ')})`);
    }
  }
  return out;
}

function stringArray(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new UsageError(`${where}: expected an array of strings, got ${describe(value)}`);
  }
  return value as string[];
}

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2 };

/** Bytes: an integer, or a string such as "512KB" or "10MB" (binary units). */
function byteSize(value: unknown, where: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  if (typeof value === 'bigint' && value > 0n) return Number(value);
  const m = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value) : null;
  const unit = m ? UNITS[m[2].toLowerCase()] : undefined;
  if (!m || unit === undefined || Number(m[1]) <= 0) {
    throw new UsageError(`${where}: expected a positive number of bytes or a size such as "10MB", got ${describe(value)}`);
  }
  return Math.round(Number(m[1]) * unit);
}

function isTable(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return `an array ${JSON.stringify(v)}`;
  if (isTable(v)) return 'a table';
  return `${typeof v} ${JSON.stringify(typeof v === 'bigint' ? String(v) : v)}`;
}

function display(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return toPosix(rel.startsWith('..') || rel === '' ? path : rel);
}

function toPosix(p: string): string {
  return p.split(sep).join('/');
}
