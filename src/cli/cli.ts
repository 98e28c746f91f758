// Command line: flags → options (src/cli/config.ts) → discover or stdin → lint → per-file ignores →
// baseline → format (src/report/) → exit code.
// Exit codes: 0 no finding at or above --fail-on; 1 findings; 2 usage, config or internal error.
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { rules as allRules } from '../../rules/index.js';
import { createBaseline, filterByBaseline, readBaseline } from '../lint/baseline.js';
import { foldRootCauses } from '../lint/fold.js';
import { colorLevel } from './color.js';
import type { CliFlags, Options } from './config.js';
import { FAIL_ON, FORMATS, isExcluded, isIgnoredForFile, resolveOptions } from './config.js';
import { discover } from '../project/discover.js';
import { UsageError } from '../errors.js';
import { LEVEL_RANK } from '../finding.js';
import { formatGithub } from '../report/github.js';
import { JSON_SCHEMA_VERSION, formatJson, formatRulesJson } from '../report/json.js';
import { formatConcise } from '../report/concise.js';
import { formatSarif } from '../report/sarif.js';
import { anyJudgedModule, formatText } from '../report/text.js';
import type { LintOptions, LintResult } from '../lint/lint.js';
import { displayPath, lintFilesInTurns } from '../lint/lint.js';
import { lintFilesParallel } from '../lint/parallel.js';
import { loadInfra } from '../infra/load.js';
import { withTaskEnvironment } from '../infra/ecs-env.js';
import type { CacheChoice } from '../lint/results-cache.js';
import { djsecBuildId, openResultsCache, resultsCacheDir, withResultsCache } from '../lint/results-cache.js';
import { TreeSnapshotFile } from '../lint/tree-snapshot-file.js';

// Worker threads of a large run load this bundle too, and start here (src/lint/parallel.ts).
export { runLintWorker } from '../lint/lint-worker.js';
import { progressLine } from './progress.js';
import { writeOutput } from './write-output.js';
import { VERSION } from '../version.js';
import { getParser } from '../model/parse.js';
import { printSettings, printSettingsJson } from '../report/print-settings.js';
import { ruleDocPage } from '../rule-kit/rule-docs.js';
import { ruleDocsUrl } from '../rule-kit/rule.js';
import { repoPathMapper } from '../project/repo-root.js';
import type { Rule } from '../rule-kit/rule.js';
import { decodeSource, readRegularFile } from '../model/source.js';

export { VERSION } from '../version.js';

const registry = allRules as readonly Rule[];
const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];
const collectList = (value: string, previous: string[] | undefined) => [...(previous ?? []), ...value.split(',').map((s) => s.trim()).filter(Boolean)];

function buildProgram(): Command {
  return new Command()
    .name('djsec')
    .description('Static security linter for Django settings. Reads settings without executing them.')
    .version(VERSION, '-V, --version', 'print the version (also -v)')
    .argument('[paths...]', 'files or directories to lint (default: .); "-" reads standard input')
    .addOption(new Option('-f, --format <format>', 'output format (concise: one line a finding)').choices(FORMATS).default('text'))
    .option('-o, --output-file <file>', 'write the report to a file instead of stdout (a regular file is replaced atomically; a FIFO or device is written through)')
    .option('--config <file>', 'read settings from this file instead of the closest pyproject.toml with [tool.djsec]')
    .option('--select <codes>', 'only these rules (codes, names or groups like DJS1; comma-separated)', collectList)
    .option('--ignore <codes>', 'skip these rules (codes, names or groups; comma-separated)', collectList)
    .addOption(new Option('--fail-on <level>', 'exit 1 when a finding is at or above this level (default: warning)').choices(FAIL_ON))
    .option('--settings <module-or-path>', 'judge this settings module as production (repeatable)', collect)
    .option('--env <KEY=VALUE>', 'evaluate with this environment variable set, as deployed (repeatable)', collect, [])
    .option('--dotenv <file>', 'evaluate with the variables of this dotenv file set (repeatable)', collect, [])
    // Node reads an --env-file anywhere on its command line, script arguments included (up to a
    // `--`), before djsec starts: a missing file stops Node with exit code 9, and NODE_OPTIONS in
    // the file is applied to djsec's own process. So djsec's option is --dotenv, and --env-file is
    // refused with that explanation when Node let it through.
    .addOption(new Option('--env-file <file>').hideHelp().argParser(collect).default([]))
    .option('--include-dev', 'also lint development, test and example settings modules')
    .option('--baseline <file>', 'report only findings that are not recorded in this baseline file')
    .option('--write-baseline <file>', 'record the current findings in this baseline file and exit 0')
    .option('--stdin', 'lint one module read from standard input (see --stdin-filename)')
    .option('--stdin-filename <path>', 'the path the standard input module is linted as (default: stdin.py)')
    .option('--settings-package', "also read the other modules of a named file's settings/ package, so split settings are judged together (the pre-commit hook uses it)")
    .option('--sarif-category <name>', 'SARIF automationDetails.id category (default: let upload-sarif decide)')
    .option('--print-settings', "print each entry's effective settings with value kind and origin")
    .option('--no-cache', 'do not read or write the results cache (see docs/results-cache.md)')
    .option('--cache-dir <dir>', 'keep the results cache in this folder (default: ~/.cache/djsec/results; off under CI unless given)')
    .option('--jobs <n>', 'threads for large runs (one per 500 modules, so 1,000+; default: up to one per core; 1: no worker threads)', parseJobs)
    .option('--list-rules', 'list every rule and exit')
    .option('--explain <code>', "print a rule's documentation and exit")
    .option('--no-color', 'disable colour (NO_COLOR and FORCE_COLOR are honoured too)')
    .option('-q, --quiet', 'print only findings at or above --fail-on, and nothing when clean')
    .option('--require-entry', 'exit 2 when the run judged no production settings module (default: a warning on stderr; the pre-commit hook and the Action set it)')
    .showHelpAfterError('djsec: run djsec --help for usage')
    .exitOverride();
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  program.configureOutput({
    writeOut: (s) => process.stdout.write(s),
    writeErr: (s) => process.stderr.write(s),
    // Every message starts `djsec:`, commander's own too (`error: unknown option`).
    outputError: (s, write) => write(s.replace(/^error: /, 'djsec: ')),
  });
  // `djsec -v`, as many tools answer it (commander takes one short flag for the version: -V).
  if (argv.length === 1 && argv[0] === '-v') argv = ['--version'];
  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    throw e;
  }
  const cwd = process.cwd();
  const flags = program.opts<CliFlags & CacheChoice & { dotenv: string[] }>();
  if (flags.envFile.length > 0) {
    throw new UsageError('--env-file is read by Node.js itself before djsec starts (a missing file stops Node with exit code 9, and NODE_OPTIONS in the file applies to djsec\'s own process): use --dotenv FILE');
  }
  const options = resolveOptions({ ...flags, envFile: flags.dotenv }, program.processedArgs[0] as string[], cwd);
  return run(options, cwd, flags);
}

function listRules(options: Pick<Options, 'format'>): string {
  if (options.format === 'json') return formatRulesJson(registry, { version: VERSION });
  const rows = registry.map((r) => [r.code, r.name, r.level, r.meta.djangoCheck ?? '', r.meta.summary]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i].length)));
  return rows.map((row) => row.map((cell, i) => (i < 4 ? cell.padEnd(widths[i]) : cell)).join('  ')).join('\n') + '\n';
}

/** The rule's whole documentation page (docs/rules/<CODE>-<name>.md), "How to suppress" included. */
function explain(code: string): string {
  const rule = registry.find((r) => r.code === code.toUpperCase() || r.name === code);
  if (!rule) throw new UsageError(`--explain: unknown rule ${JSON.stringify(code)} (see djsec --list-rules)`);
  return `${ruleDocPage(rule).replace(/^<!--.*-->\n/, '').trimEnd()}\n\nDocumentation: ${ruleDocsUrl(rule)}\n`;
}

async function run(options: Options, cwd: string, cache: CacheChoice = { cache: true }): Promise<number> {
  if (options.listRules) return write(listRules(options), options);
  if (options.explain) return write(explain(options.explain), options);

  const result = await lint(options, cwd, cache);
  if (options.printSettings) {
    return write(options.format === 'json' ? printSettingsJson(result, { version: VERSION, schemaVersion: JSON_SCHEMA_VERSION }) : printSettings(result), options);
  }

  result.findings = result.findings.filter((f) => !isIgnoredForFile(options, resolve(cwd, f.file), f.code));
  if (options.writeBaseline) {
    const baselinePath = resolve(cwd, options.writeBaseline);
    writeOutput(options.writeBaseline, createBaseline(result.findings, { cwd, sources: result.sources, baselinePath }, `djsec ${VERSION}`));
    process.stderr.write(`djsec: recorded ${result.findings.length} finding(s) in ${options.writeBaseline}\n`);
    return result.errors.length > 0 ? 2 : 0;
  }
  let hiddenByBaseline = 0;
  if (options.baseline) {
    const baselinePath = resolve(cwd, options.baseline);
    const filtered = filterByBaseline(result.findings, readBaseline(baselinePath, options.baseline), { cwd, sources: result.sources, baselinePath });
    hiddenByBaseline = result.findings.length - filtered.fresh.length;
    result.findings = filtered.fresh;
    // Entries of rules that did not run (--select/--ignore) are not stale, just not checked.
    const stale = filtered.stale.filter((e) => options.rules.some((r) => r.code === e.code)).length;
    if (!options.quiet && stale > 0) {
      process.stderr.write(`djsec: ${stale} baseline entr${stale === 1 ? 'y matches' : 'ies match'} nothing any more; refresh it with --write-baseline\n`);
    }
  }

  // After suppressions and the baseline (which see every code): one finding per root cause.
  result.findings = foldRootCauses(result.findings);
  const failRank = options.failOn === 'never' ? Infinity : LEVEL_RANK[options.failOn];
  const shown = options.quiet ? result.findings.filter((f) => LEVEL_RANK[f.level] >= failRank) : result.findings;
  const report = formatReport({ ...result, findings: shown }, options, cwd, hiddenByBaseline);
  // The code frames the report computed are kept for the next run (src/lint/text-facts.ts).
  result.textFacts?.save();
  for (const e of result.errors) process.stderr.write(`djsec: ${e.file}: ${e.message}\n`);
  const nothingJudged = nothingJudgedWarning(result, options);
  if (nothingJudged) process.stderr.write(`djsec: ${nothingJudged}\n`);
  const usage = result.errors.length > 0 || (nothingJudged !== undefined && options.requireEntry);
  const code = usage ? 2 : result.findings.some((f) => LEVEL_RANK[f.level] >= failRank) ? 1 : 0;
  if (report.length > 0) write(report, options);
  return code;
}

/** Discovers (or reads standard input), then lints with every option applied. */
/** Set once a run gets as far as linting (bin/djsec.js writes its code cache only after one). */
let linted = false;

async function lint(options: Options, cwd: string, cache: CacheChoice): Promise<LintResult> {
  linted = true;
  let candidates: string[];
  let named: Set<string>;
  let notes: { path: string; message: string }[] = [];
  let evidenceFiles: string[] = [];
  let infraFiles: string[] = [];
  const overrides = new Map<string, string>();
  // A re-run over unchanged files answers from the results cache (src/lint/results-cache.ts), and
  // discovery from its tree snapshot; --print-settings needs the model, --stdin is never cached.
  const cacheDir = options.printSettings || options.stdinPath ? undefined : resultsCacheDir(cache, cwd);
  const build = cacheDir && djsecBuildId();
  const resultsCache = cacheDir && build ? openResultsCache({ dir: cacheDir, build }) : undefined;
  const snapshotFile = resultsCache && TreeSnapshotFile.open(resultsCache, cwd);
  if (options.stdinPath) {
    const source = decodeSource(readFileSync(0));
    if (!source.ok) throw new UsageError(`--stdin: ${source.message}`);
    overrides.set(options.stdinPath, source.text);
    candidates = [options.stdinPath];
    named = new Set(candidates);
  } else {
    const discovery = discover(options.paths, cwd, [], snapshotFile?.snapshots);
    candidates = discovery.candidates;
    named = discovery.named;
    notes = discovery.notes;
    evidenceFiles = discovery.evidence;
    infraFiles = discovery.infra;
    if (options.settingsPackage) {
      const packages = [...new Set([...named].map(settingsPackageOf).filter((d): d is string => d !== undefined))];
      if (packages.length > 0) for (const c of discover(packages, cwd, [], snapshotFile?.snapshots).candidates) if (!candidates.includes(c)) candidates.push(c);
    }
    snapshotFile?.save();
  }
  // `exclude` holds for files named on the command line too: pre-commit names every file it passes.
  // Said, not silent: a settings module left out by the config is listed as skipped.
  const excludedBy = `excluded by [tool.djsec] exclude${options.configFile ? ` in ${displayPath(cwd, options.configFile)}` : ''}`;
  for (const c of candidates) if (isExcluded(options, c)) notes.push({ path: c, message: excludedBy });
  candidates = candidates.filter((c) => !isExcluded(options, c));
  const explicitEntries = options.settings.map((s) => resolveSettingsArg(s.arg, s.base, candidates));
  for (const e of explicitEntries) if (!candidates.includes(e)) candidates.push(e);
  const progress = progressLine();
  // Large runs parse with WASM (cheaper tree walks), small ones natively (faster start): see parse.ts.
  // Large runs also use every core (src/lint/parallel.ts); --print-settings needs the serial model.
  const lintOptions: LintOptions = {
    onProgress: (done, total) => progress.update(done, total),
    cwd,
    rules: options.rules,
    knownRules: registry,
    deployed: options.deployed,
    explicitEntries,
    includeDev: options.includeDev,
    namedOnCommandLine: named,
    evidenceFiles: evidenceFiles.filter((f) => !isExcluded(options, f)),
    maxFileBytes: options.maxFileBytes,
    overrides,
    forgetUnjudged: !options.printSettings,
  };
  // Terraform and Dockerfiles: their parsers load only when the run has such files (src/infra/).
  infraFiles = infraFiles.filter((f) => !isExcluded(options, f));
  let taskNote: { file: string; message: string } | undefined;
  if (infraFiles.length > 0) {
    lintOptions.infra = await loadInfra(infraFiles, (p) => displayPath(cwd, p), options.maxFileBytes);
    // An ECS task definition's environment is how the settings deploy (explicit --env wins).
    const task = withTaskEnvironment(options.deployed, lintOptions.infra.model);
    lintOptions.deployed = task.deployed;
    lintOptions.deployedFrom = task.deployedFrom;
    taskNote = task.note;
  }
  const snapshots = snapshotFile?.snapshots;
  const result = await withResultsCache(resultsCache && { ...resultsCache, isFile: snapshots && ((path) => snapshots.isFile(path)) }, candidates, lintOptions, async (cached) => {
    // Candidates the cache reuses are not parsed: the parser is chosen for the others.
    const parser = await getParser({ files: candidates.filter((c) => !cached.reuse?.units.has(c)).length });
    return options.printSettings || options.jobs === 1 ? lintFilesInTurns(candidates, parser, cached) : lintFilesParallel(candidates, parser, cached, options.jobs);
  });
  progress.clear();
  for (const note of notes) result.skipped.push({ file: displayPath(cwd, note.path), reason: note.message });
  if (taskNote) result.notes.push(taskNote);
  return result;
}

/**
 * No silent green: a run that read no settings module, or judged none as production, says so
 * (the pre-commit hook and the Action make it an error with --require-entry).
 */
function nothingJudgedWarning(result: LintResult, options: Options): string | undefined {
  const where = options.stdinPath ? 'standard input' : options.paths.join(' ');
  if (!anyJudgedModule(result)) return `no settings module judged in ${where}: nothing was checked${result.files.length > 0 ? ' (the modules found hold no settings)' : ''}`;
  if (result.entries.length === 0) return `no production settings module judged in ${where} (every module found is development, test or a base): name one with --settings`;
  return undefined;
}

function formatReport(result: LintResult, options: Options, cwd: string, hiddenByBaseline: number): string {
  switch (options.format) {
    case 'json':
      return formatJson(result, { version: VERSION, hiddenByBaseline });
    case 'concise':
      if (options.quiet && result.findings.length === 0) return '';
      return formatConcise(result, { hiddenByBaseline });
    case 'sarif':
      return formatSarif(result, { version: VERSION, rules: registry, repoPath: repoPathMapper(cwd), category: options.sarifCategory });
    case 'github':
      return formatGithub(result, { repoPath: repoPathMapper(cwd) });
    case 'text': {
      if (options.quiet && result.findings.length === 0) return '';
      const toFile = options.outputFile !== undefined;
      return formatText(result, { color: toFile ? 0 : colorLevel(process.stdout, options.color), cwd, hiddenByBaseline });
    }
  }
}

function write(text: string, options: Pick<Options, 'outputFile'>): number {
  if (options.outputFile) writeOutput(options.outputFile, text);
  else process.stdout.write(text);
  return 0;
}

/** The nearest enclosing folder named `settings` (a split-settings package), if any. */
function settingsPackageOf(file: string): string | undefined {
  for (let d = dirname(file); dirname(d) !== d; d = dirname(d)) if (basename(d) === 'settings') return d;
  return undefined;
}

/** --settings accepts a path or a dotted module name (mysite.settings.production). */
function resolveSettingsArg(arg: string, base: string, candidates: string[]): string {
  const asPath = resolve(base, arg);
  try {
    readRegularFile(asPath);
    return asPath;
  } catch {
    // not a readable path: try a dotted module name
  }
  const suffix = '/' + arg.replace(/\./g, '/') + '.py';
  const match = candidates.find((c) => c.split('\\').join('/').endsWith(suffix));
  if (match) return match;
  throw new UsageError(`--settings: cannot find ${JSON.stringify(arg)} (a path, or a dotted module inside the scanned paths)`);
}

function parseJobs(value: string): number {
  if (!/^[1-9]\d{0,2}$/.test(value)) throw new InvalidArgumentError('expected a whole number from 1 to 999');
  return Number(value);
}

/** Entry point for bin/djsec.js: never lets a stack trace reach the user unless DJSEC_DEBUG=1. */
export async function runCli(argv: string[]): Promise<{ linted: boolean }> {
  // `djsec . | head`: the reader went away; stop quietly instead of printing an EPIPE trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  try {
    process.exitCode = await main(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`djsec: ${e.message}\n`);
    } else {
      process.stderr.write(`djsec: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      if (process.env.DJSEC_DEBUG === '1' && e instanceof Error) process.stderr.write(`${e.stack}\n`);
      else process.stderr.write('djsec: set DJSEC_DEBUG=1 to see the stack trace\n');
    }
    process.exitCode = 2;
  }
  return { linted };
}
