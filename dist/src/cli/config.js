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
import { pathPattern } from '../project/glob.js';
import { readRegularFile } from '../model/source.js';
export const FORMATS = ['text', 'concise', 'json', 'sarif', 'github'];
export const FAIL_ON = ['error', 'warning', 'note', 'never'];
const KEYS = ['select', 'ignore', 'fail-on', 'settings', 'include-dev', 'exclude', 'per-file-ignores', 'env', 'max-file-size'];
export function resolveOptions(flags, argPaths, cwd) {
    const stdin = flags.stdin === true || argPaths.includes('-');
    if (stdin && argPaths.some((p) => p !== '-')) {
        throw new UsageError('--stdin (or "-") reads one module from standard input: give no other paths');
    }
    if (flags.stdinFilename !== undefined && !stdin)
        throw new UsageError('--stdin-filename needs --stdin (or "-" as the path)');
    const stdinPath = stdin ? resolve(cwd, flags.stdinFilename ?? 'stdin.py') : undefined;
    const paths = stdin ? [] : argPaths.length > 0 ? argPaths : ['.'];
    const start = stdinPath ? dirname(stdinPath) : startDir(resolve(cwd, paths[0]));
    const file = flags.config !== undefined ? loadConfigFile(resolve(cwd, flags.config), cwd, true) : findConfig(start, cwd);
    const where = (key) => (file ? `${display(file.file, cwd)}: ${key}` : key);
    const select = flags.select ?? file?.select;
    const ignore = flags.ignore ?? file?.ignore;
    const rules = selectRules(select, ignore, flags.select ? '--select' : where('select'), flags.ignore ? '--ignore' : where('ignore'));
    const deployed = new Map(Object.entries(file?.env ?? {}));
    for (const f of flags.envFile) {
        let text;
        try {
            text = readRegularFile(resolve(cwd, f));
        }
        catch (e) {
            throw new UsageError(`--dotenv: cannot read ${f}: ${errnoMessage(e)}`);
        }
        for (const [k, v] of parseEnvFile(text))
            deployed.set(k, v);
    }
    for (const pair of flags.env) {
        const parsed = parseEnvPair(pair);
        if (!parsed)
            throw new UsageError(`--env expects KEY=VALUE, got ${JSON.stringify(pair)}`);
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
            : (file?.settings ?? []).map((arg) => ({ arg, base: file.dir })),
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
export function isExcluded(options, absPath) {
    if (options.exclude.length === 0)
        return false;
    const rel = toPosix(relative(options.patternBase, absPath));
    return options.exclude.some((p) => p.test(rel));
}
/** True when `per-file-ignores` turns off `code` for the file at `absPath`. */
export function isIgnoredForFile(options, absPath, code) {
    if (options.perFileIgnores.length === 0)
        return false;
    const rel = toPosix(relative(options.patternBase, absPath));
    return options.perFileIgnores.some((p) => p.codes.has(code) && p.pattern.test(rel));
}
// ---- rule selection ---------------------------------------------------------------------------
/** A code (DJS101), a name (debug-enabled) or a group prefix (DJS1) → the rules it means. */
export function lookupRule(key, where) {
    const registry = allRules;
    const upper = key.trim().toUpperCase();
    const exact = registry.find((r) => r.code === upper || r.name === key.trim().toLowerCase());
    if (exact)
        return [exact];
    if (/^DJS\d{0,2}$/.test(upper)) {
        const group = registry.filter((r) => r.code.startsWith(upper));
        if (group.length > 0)
            return group;
    }
    throw new UsageError(`${where}: unknown rule ${JSON.stringify(key)} (see djsec --list-rules)`);
}
function selectRules(select, ignore, selectWhere, ignoreWhere) {
    const registry = allRules;
    const selected = select && select.length > 0 ? select.flatMap((k) => lookupRule(k, selectWhere)) : [...registry];
    const ignored = new Set((ignore ?? []).flatMap((k) => lookupRule(k, ignoreWhere)));
    // Registry order, whatever order they were named in.
    return registry.filter((r) => selected.includes(r) && !ignored.has(r));
}
// ---- finding and reading the config file ------------------------------------------------------
function startDir(abs) {
    try {
        return statSync(abs).isDirectory() ? abs : dirname(abs);
    }
    catch {
        return dirname(abs);
    }
}
/** The closest pyproject.toml with a [tool.djsec] table, from `dir` up to the filesystem root. */
function findConfig(dir, cwd) {
    for (let d = dir;; d = dirname(d)) {
        const candidate = join(d, 'pyproject.toml');
        if (existsSync(candidate)) {
            const found = loadConfigFile(candidate, cwd, false);
            if (found)
                return found;
        }
        if (dirname(d) === d)
            return undefined;
    }
}
/**
 * Reads one config file. A file named pyproject.toml holds its settings under [tool.djsec]; any
 * other file (e.g. djsec.toml given with --config) holds them at the top level.
 */
function loadConfigFile(path, cwd, explicit) {
    const shown = display(path, cwd);
    let text;
    try {
        text = readRegularFile(path);
    }
    catch (e) {
        throw new UsageError(`--config: cannot read ${shown}: ${errnoMessage(e)}`);
    }
    let doc;
    try {
        doc = parseToml(text);
    }
    catch (e) {
        const at = e instanceof TomlError ? `:${e.line}:${e.column}` : '';
        throw new UsageError(`${shown}${at}: invalid TOML: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
    }
    // [tool.djsec] wherever it is; a file other than pyproject.toml may hold the keys at the top level.
    const nested = isTable(doc.tool) && doc.tool.djsec !== undefined;
    const isPyproject = basename(path) === 'pyproject.toml';
    if (!nested && isPyproject) {
        if (explicit)
            throw new UsageError(`${shown}: no [tool.djsec] table`);
        return undefined;
    }
    const table = nested ? doc.tool.djsec : doc;
    const prefix = nested ? '[tool.djsec] ' : '';
    if (!isTable(table))
        throw new UsageError(`${shown}: ${prefix.trim() || 'the file'} must be a table`);
    return validate(table, { file: path, dir: dirname(path) }, (key) => `${shown}: ${prefix}${key}`);
}
function validate(table, base, where) {
    const out = { ...base };
    for (const [key, value] of Object.entries(table)) {
        switch (key) {
            case 'select':
            case 'ignore': {
                const codes = stringArray(value, where(key));
                for (const c of codes)
                    lookupRule(c, where(key));
                out[key] = codes;
                break;
            }
            case 'fail-on':
                if (typeof value !== 'string' || !FAIL_ON.includes(value)) {
                    throw new UsageError(`${where(key)}: expected one of ${FAIL_ON.join(', ')}, got ${describe(value)}`);
                }
                out.failOn = value;
                break;
            case 'settings':
                out.settings = stringArray(value, where(key));
                break;
            case 'include-dev':
                if (typeof value !== 'boolean')
                    throw new UsageError(`${where(key)}: expected true or false, got ${describe(value)}`);
                out.includeDev = value;
                break;
            case 'exclude':
                out.exclude = stringArray(value, where(key));
                break;
            case 'per-file-ignores': {
                if (!isTable(value))
                    throw new UsageError(`${where(key)}: expected a table of "pattern" = ["CODE", ...], got ${describe(value)}`);
                const map = {};
                for (const [pattern, codes] of Object.entries(value)) {
                    const list = stringArray(codes, where(`${key}."${pattern}"`));
                    for (const c of list)
                        lookupRule(c, where(`${key}."${pattern}"`));
                    map[pattern] = list;
                }
                out.perFileIgnores = map;
                break;
            }
            case 'env': {
                if (!isTable(value))
                    throw new UsageError(`${where(key)}: expected a table of NAME = "value", got ${describe(value)}`);
                const env = {};
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
function stringArray(value, where) {
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
        throw new UsageError(`${where}: expected an array of strings, got ${describe(value)}`);
    }
    return value;
}
const UNITS = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2 };
/** Bytes: an integer, or a string such as "512KB" or "10MB" (binary units). */
function byteSize(value, where) {
    if (typeof value === 'number' && Number.isInteger(value) && value > 0)
        return value;
    if (typeof value === 'bigint' && value > 0n)
        return Number(value);
    const m = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value) : null;
    const unit = m ? UNITS[m[2].toLowerCase()] : undefined;
    if (!m || unit === undefined || Number(m[1]) <= 0) {
        throw new UsageError(`${where}: expected a positive number of bytes or a size such as "10MB", got ${describe(value)}`);
    }
    return Math.round(Number(m[1]) * unit);
}
function isTable(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}
function describe(v) {
    if (Array.isArray(v))
        return `an array ${JSON.stringify(v)}`;
    if (isTable(v))
        return 'a table';
    return `${typeof v} ${JSON.stringify(typeof v === 'bigint' ? String(v) : v)}`;
}
function display(path, cwd) {
    const rel = relative(cwd, path);
    return toPosix(rel.startsWith('..') || rel === '' ? path : rel);
}
function toPosix(p) {
    return p.split(sep).join('/');
}
