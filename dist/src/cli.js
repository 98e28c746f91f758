// Command line: flags → options → discover → lint → format → exit code.
// Exit codes: 0 no finding at or above --fail-on; 1 findings; 2 usage, config or internal error.
import { readFileSync, renameSync, writeFileSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { rules as allRules } from '../rules/index.js';
import { discover } from './discover.js';
import { parseEnvFile, parseEnvPair } from './env-file.js';
import { UsageError } from './errors.js';
import { LEVEL_RANK } from './finding.js';
import { formatJson } from './formatters/json.js';
import { formatText } from './formatters/text.js';
import { RuleCrash, lintFiles } from './lint.js';
import { getParser } from './parse.js';
import { printSettings } from './print-settings.js';
import { colorLevel } from './color.js';
export const VERSION = '0.1.0';
const FORMATS = ['text', 'json'];
const collect = (value, previous) => [...previous, value];
const collectList = (value, previous) => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
function buildProgram() {
    return new Command()
        .name('djsec')
        .description('Static security linter for Django settings. Reads settings without executing them.')
        .version(VERSION, '--version', 'print the version')
        .argument('[paths...]', 'files or directories to lint', ['.'])
        .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
        .option('-o, --output-file <file>', 'write the report to a file (atomically) instead of stdout')
        .option('--select <codes>', 'only these rules (codes or names, comma-separated)', collectList, [])
        .option('--ignore <codes>', 'skip these rules (codes or names, comma-separated)', collectList, [])
        .addOption(new Option('--fail-on <level>', 'exit 1 when a finding is at or above this level').choices(['error', 'warning', 'note', 'never']).default('warning'))
        .option('--settings <module-or-path>', 'judge this settings module as production (repeatable)', collect, [])
        .option('--env <KEY=VALUE>', 'evaluate with this environment variable set, as deployed (repeatable)', collect, [])
        .option('--env-file <file>', 'evaluate with the variables of this dotenv file set (repeatable)', collect, [])
        .option('--include-dev', 'also lint development, test and example settings modules')
        .option('--print-settings', "print each entry's effective settings with value kind and origin")
        .option('--list-rules', 'list every rule and exit')
        .option('--explain <code>', "print a rule's documentation and exit")
        .option('--no-color', 'disable colour (NO_COLOR and FORCE_COLOR are honoured too)')
        .option('--quiet', 'print only findings at or above --fail-on, and nothing when clean')
        .showHelpAfterError('(run djsec --help for usage)')
        .exitOverride();
}
export async function main(argv) {
    const program = buildProgram();
    const stdout = process.stdout;
    program.configureOutput({
        writeOut: (s) => stdout.write(s),
        writeErr: (s) => process.stderr.write(s),
    });
    try {
        program.parse(argv, { from: 'user' });
    }
    catch (e) {
        if (e instanceof CommanderError) {
            if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help')
                return 0;
            return 2;
        }
        throw e;
    }
    const options = program.opts();
    const paths = program.processedArgs[0];
    return run(paths, options);
}
function selectRules(options) {
    const byKey = new Map();
    for (const r of allRules) {
        byKey.set(r.code.toUpperCase(), r);
        byKey.set(r.name, r);
    }
    const lookup = (key, flag) => {
        const upper = key.toUpperCase();
        const exact = byKey.get(upper) ?? byKey.get(key);
        if (exact)
            return [exact];
        // A prefix selects a group: DJS1 = every DJS1xx rule.
        const group = allRules.filter((r) => r.code.startsWith(upper));
        if (group.length > 0 && /^DJS\d{0,2}$/.test(upper))
            return group;
        throw new UsageError(`${flag}: unknown rule ${JSON.stringify(key)} (see djsec --list-rules)`);
    };
    let selected = options.select.length > 0 ? options.select.flatMap((k) => lookup(k, '--select')) : [...allRules];
    const ignored = new Set(options.ignore.flatMap((k) => lookup(k, '--ignore')));
    selected = selected.filter((r) => !ignored.has(r));
    return [...new Set(selected)];
}
function listRules() {
    const rows = allRules.map((r) => [r.code, r.name, r.level, r.meta.djangoCheck ?? '', r.meta.summary]);
    const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i].length)));
    return rows.map((row) => row.map((cell, i) => (i < 4 ? cell.padEnd(widths[i]) : cell)).join('  ')).join('\n') + '\n';
}
function explain(code) {
    const rule = allRules.find((r) => r.code === code.toUpperCase() || r.name === code);
    if (!rule)
        throw new UsageError(`--explain: unknown rule ${JSON.stringify(code)} (see djsec --list-rules)`);
    const header = [`# ${rule.code} ${rule.name}`, '', rule.meta.summary + '.', '', `Level: ${rule.level}`];
    if (rule.meta.djangoCheck)
        header.push(`Django check: ${rule.meta.djangoCheck}`);
    if (rule.meta.cwe.length)
        header.push(`CWE: ${rule.meta.cwe.join(', ')}`);
    return `${header.join('\n')}\n${rule.meta.docs.trimEnd()}\n`;
}
function deployedEnv(options, cwd) {
    const env = new Map();
    for (const file of options.envFile) {
        let text;
        try {
            text = readFileSync(resolve(cwd, file), 'utf8');
        }
        catch {
            throw new UsageError(`--env-file: cannot read ${file}`);
        }
        for (const [k, v] of parseEnvFile(text))
            env.set(k, v);
    }
    for (const pair of options.env) {
        const parsed = parseEnvPair(pair);
        if (!parsed)
            throw new UsageError(`--env expects KEY=VALUE, got ${JSON.stringify(pair)}`);
        env.set(parsed[0], parsed[1]);
    }
    return env;
}
async function run(paths, options) {
    const cwd = process.cwd();
    if (options.listRules)
        return write(listRules(), options);
    if (options.explain)
        return write(explain(options.explain), options);
    const rules = selectRules(options);
    const deployed = deployedEnv(options, cwd);
    const discovery = discover(paths, cwd);
    const explicitEntries = options.settings.map((s) => resolveSettingsArg(s, cwd, discovery.candidates));
    for (const e of explicitEntries)
        if (!discovery.candidates.includes(e))
            discovery.candidates.push(e);
    const parser = await getParser();
    const result = lintFiles(discovery.candidates, parser, {
        cwd,
        rules,
        deployed,
        explicitEntries,
        includeDev: options.includeDev,
        namedOnCommandLine: discovery.named,
    });
    for (const note of discovery.notes)
        result.skipped.push({ file: displayRelative(cwd, note.path), reason: note.message });
    if (options.printSettings)
        return write(printSettings(result), options);
    const failRank = options.failOn === 'never' ? Infinity : LEVEL_RANK[options.failOn];
    const shown = options.quiet ? result.findings.filter((f) => LEVEL_RANK[f.level] >= failRank) : result.findings;
    const report = formatReport({ ...result, findings: shown }, options, cwd);
    for (const e of result.errors)
        process.stderr.write(`djsec: ${e.file}: ${e.message}\n`);
    const code = result.errors.length > 0 ? 2 : result.findings.some((f) => LEVEL_RANK[f.level] >= failRank) ? 1 : 0;
    if (report.length > 0)
        write(report, options);
    return code;
}
function formatReport(result, options, cwd) {
    switch (options.format) {
        case 'json':
            return formatJson(result, { version: VERSION });
        case 'text': {
            if (options.quiet && result.findings.length === 0)
                return '';
            const toFile = options.outputFile !== undefined;
            return formatText(result, { color: toFile ? 0 : colorLevel(process.stdout, options.color !== false), cwd });
        }
    }
}
function write(text, options) {
    if (options.outputFile)
        writeAtomically(options.outputFile, text);
    else
        process.stdout.write(text);
    return 0;
}
/** Writes to a temp file in the same directory and renames it, so readers never see half a report. */
export function writeAtomically(file, text) {
    const target = resolve(file);
    const temp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
    try {
        writeFileSync(temp, text);
        renameSync(temp, target);
    }
    catch (e) {
        try {
            unlinkSync(temp);
        }
        catch {
            // the temp file was never created
        }
        throw new UsageError(`cannot write ${file}: ${e.code ?? String(e)}`);
    }
}
/** --settings accepts a path or a dotted module name (mysite.settings.production). */
function resolveSettingsArg(arg, cwd, candidates) {
    const asPath = resolve(cwd, arg);
    try {
        readFileSync(asPath);
        return asPath;
    }
    catch {
        // not a readable path: try a dotted module name
    }
    const suffix = '/' + arg.replace(/\./g, '/') + '.py';
    const match = candidates.find((c) => c.split('\\').join('/').endsWith(suffix));
    if (match)
        return match;
    throw new UsageError(`--settings: cannot find ${JSON.stringify(arg)} (a path, or a dotted module inside the scanned paths)`);
}
function displayRelative(cwd, p) {
    const rel = p.startsWith(cwd + '/') ? p.slice(cwd.length + 1) : p;
    return rel.split('\\').join('/');
}
/** Entry point for bin/djsec.js: never lets a stack trace reach the user unless DJSEC_DEBUG=1. */
export async function runCli(argv) {
    try {
        process.exitCode = await main(argv);
    }
    catch (e) {
        if (e instanceof UsageError) {
            process.stderr.write(`djsec: ${e.message}\n`);
        }
        else if (e instanceof RuleCrash) {
            process.stderr.write(`djsec: internal error: ${e.message}\n`);
            if (process.env.DJSEC_DEBUG === '1')
                process.stderr.write(`${e.causeError?.stack ?? ''}\n`);
        }
        else {
            process.stderr.write(`djsec: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
            if (process.env.DJSEC_DEBUG === '1' && e instanceof Error)
                process.stderr.write(`${e.stack}\n`);
            else
                process.stderr.write('djsec: set DJSEC_DEBUG=1 to see the stack trace\n');
        }
        process.exitCode = 2;
    }
}
