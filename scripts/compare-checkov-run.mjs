// The side-effect half of `npm run compare:checkov`: laying the infrastructure fixtures out one
// case a folder, installing Checkov in a temporary virtualenv (or using --checkov PATH), running
// Checkov and djsec, and handing their JSON to compare-checkov-results.mjs. Programs are run
// through an injected `run(command, args, options)` so the failure paths are testable without
// PyPI or Checkov.
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { CHECKOV_VERSION, PAIRS, resolvePairs } from './compare-checkov-mapping.mjs';
import { CompareError, compareAll, formatComparison, parseCheckovReport, parseDjsecReport } from './compare-checkov-results.mjs';

export const repoRoot = resolve(import.meta.dirname, '..');

/** Fixture files bigger than this are not comparison input (a fixture is a few KB). */
const MAX_FIXTURE_BYTES = 1024 * 1024;

const posix = (p) => p.split(sep).join('/');

/** The `# case:` marker of the rule fixtures (test/support/annotations.ts reads the same). */
const CASE = /^\s*#\s*case:\s*(.*)$/;

/**
 * A fixture file's cases, each the whole file with the other cases' lines blanked, so line numbers
 * stay those of the fixture (what the fixture test does). A file without markers is one case.
 */
export function splitCases(source) {
  const lines = source.split(/\r\n|\r|\n/);
  const starts = [];
  lines.forEach((l, i) => {
    const m = CASE.exec(l);
    if (m) starts.push({ index: i, name: m[1].trim() });
  });
  if (starts.length === 0) return [{ name: '', source }];
  return starts.map((start, n) => {
    const end = n + 1 < starts.length ? starts[n + 1].index : lines.length;
    return { name: start.name, source: lines.map((l, i) => (i < starts[0].index || (i >= start.index && i < end) ? l : '')).join('\n') };
  });
}

const CLOUDFORMATION = /AWSTemplateFormatVersion|["']?Type["']?\s*:\s*["']?AWS::/;

/** Files both tools read as infrastructure: Terraform, Dockerfiles, CloudFormation templates. */
export function isInfraFile(name, text) {
  if (name.endsWith('.tf')) return true;
  if (/^(Dockerfile|Containerfile)([.-].*)?$/.test(name) || name.endsWith('.dockerfile') || name.endsWith('.Dockerfile')) return true;
  if (/\.(ya?ml|json|template)$/.test(name) && name !== 'fixture.json') return CLOUDFORMATION.test(text);
  return false;
}

/** Regular files only (a symlink or device in a fixture is not followed), within the size cap. */
function readRegular(path) {
  const st = lstatSync(path);
  if (!st.isFile() || st.size > MAX_FIXTURE_BYTES) return undefined;
  return readFileSync(path, 'utf8');
}

function infraFilesUnder(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...infraFilesUnder(path));
    else if (entry.isFile()) {
      const text = readRegular(path);
      if (text !== undefined && isInfraFile(entry.name, text)) out.push({ path, text });
    }
  }
  return out;
}

/**
 * Lays the fixtures out under `root`, one folder a case: each infrastructure file directly in a
 * fixture folder is split into its cases, each subfolder is one case (a small project). Returns
 * the cases with the fixture path and case name each laid-out file stands for.
 */
export function layoutFixtures(fixtureDirs, root) {
  const cases = [];
  const add = (files) => {
    const dir = join(root, `c${String(cases.length + 1).padStart(4, '0')}`);
    const origins = new Map();
    for (const f of files) {
      const target = join(dir, f.rel);
      mkdirSync(resolve(target, '..'), { recursive: true });
      writeFileSync(target, f.text);
      origins.set(posix(relative(root, target)), f.label);
    }
    cases.push({ dir, origins });
  };
  for (const fixtureDir of fixtureDirs) {
    for (const entry of readdirSync(fixtureDir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(fixtureDir, entry.name);
      const shown = posix(relative(repoRoot, path));
      if (entry.isFile()) {
        const text = readRegular(path);
        if (text === undefined || !isInfraFile(entry.name, text)) continue;
        for (const c of splitCases(text)) add([{ rel: entry.name, text: c.source, label: { file: shown, caseName: c.name } }]);
      } else if (entry.isDirectory()) {
        const files = infraFilesUnder(path).map((f) => ({ rel: relative(path, f.path), text: f.text, label: { file: posix(relative(repoRoot, f.path)), caseName: '' } }));
        if (files.length > 0) add(files);
      }
    }
  }
  return cases;
}

/** The default input: every rule fixture folder and the example project (the folders without infrastructure files add nothing). */
export function defaultFixtureDirs() {
  const rulesDir = join(repoRoot, 'fixtures', 'rules');
  return [...readdirSync(rulesDir).sort().map((d) => join(rulesDir, d)), join(repoRoot, 'fixtures', 'example-project')].filter((d) => lstatSync(d, { throwIfNoEntry: false })?.isDirectory());
}

/** spawnSync with the output captured; what tests replace. */
export function runProgram(command, args, options = {}) {
  return spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
}

/** The last non-empty line a failed program wrote (pip's own error sentence), or how it failed. */
export function lastLine(result) {
  if (result.error) return result.error.message;
  const last = (text) => String(text ?? '').split('\n').map((l) => l.trim()).filter(Boolean).at(-1);
  return last(result.stderr) ?? last(result.stdout) ?? `exit code ${result.status}`;
}

/** Creates a virtualenv in `dir` and pip-installs the pinned Checkov; returns its checkov binary. */
export function installCheckov(dir, run) {
  const venv = join(dir, 'venv');
  const made = run('python3', ['-m', 'venv', venv]);
  if (made.error || made.status !== 0) throw new CompareError(`could not install Checkov: python3 -m venv failed: ${lastLine(made)}`);
  const bin = join(venv, process.platform === 'win32' ? 'Scripts' : 'bin');
  const pip = run(join(bin, 'pip'), ['install', '--disable-pip-version-check', '--no-input', `checkov==${CHECKOV_VERSION}`]);
  if (pip.error || pip.status !== 0) throw new CompareError(`could not install Checkov: ${lastLine(pip)}`);
  return join(bin, 'checkov');
}

/** Checkov over every case folder at once (each folder is its own Terraform module), restricted to the mapped ids. */
export function runCheckov(checkov, root, pairs, run) {
  const ids = [...new Set(pairs.flatMap((p) => p.checkov))].sort();
  const frameworks = [...new Set(pairs.flatMap((p) => p.frameworks))].sort();
  // No --quiet: in JSON it drops passed_checks, and both-pass is half of agreement.
  const r = run(checkov, ['-d', root, '--framework', ...frameworks, '--check', ids.join(','), '-o', 'json', '--compact', '--skip-download', '--soft-fail'], { cwd: root });
  if (r.error || r.status !== 0) throw new CompareError(`Checkov failed: ${lastLine(r)}`);
  return parseCheckovReport(r.stdout, root);
}

function djsec(args, run) {
  return run(process.execPath, [join(repoRoot, 'bin', 'djsec.js'), ...args], { cwd: repoRoot });
}

/** The rules of this djsec, { code, name } each. */
export function listRules(run) {
  const r = djsec(['--list-rules', '-f', 'json'], run);
  if (r.error || r.status !== 0) throw new CompareError(`djsec --list-rules failed: ${lastLine(r)} (run npm run build first)`);
  try {
    return JSON.parse(r.stdout).rules;
  } catch {
    throw new CompareError('djsec --list-rules -f json did not print JSON');
  }
}

/** djsec on each case folder alone (a case is a project of its own), only the mapped codes. */
export function runDjsec(cases, root, codes, run) {
  const findings = [];
  for (const c of cases) {
    const r = djsec([c.dir, '-f', 'json', '--select', codes.join(','), '--no-cache', '--no-color', '--fail-on', 'never'], run);
    if (r.error || r.status !== 0) throw new CompareError(`djsec failed on ${[...c.origins.values()][0].file}: ${lastLine(r)}`);
    findings.push(...parseDjsecReport(r.stdout, root, repoRoot));
  }
  return findings;
}

const USAGE = 'usage: npm run compare:checkov [-- --checkov PATH] [-- --fixtures DIR...] [--keep]';

export function parseArgs(argv) {
  const options = { checkov: undefined, fixtures: [], keep: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--checkov' && i + 1 < argv.length) options.checkov = resolve(argv[++i]);
    else if (a === '--fixtures') {
      while (i + 1 < argv.length && !argv[i + 1].startsWith('--')) options.fixtures.push(resolve(argv[++i]));
      if (options.fixtures.length === 0) throw new CompareError(`--fixtures needs at least one folder\n${USAGE}`);
    } else if (a === '--keep') options.keep = true;
    else if (a === '--help' || a === '-h') options.help = true;
    else throw new CompareError(`unknown argument ${JSON.stringify(a)}\n${USAGE}`);
  }
  return options;
}

/** Rewrites laid-out paths (c0001/rds.tf) to the fixture file and case they stand for. */
function relabel(items, cases) {
  const origin = new Map(cases.flatMap((c) => [...c.origins]));
  return items.map((x) => ({ ...x, ...(origin.get(x.file) ?? { file: x.file, caseName: '' }) }));
}

/**
 * The whole comparison. Returns the exit code: 0 compared (the table is the result, whatever the
 * agreement), 2 could not compare (no Checkov, no fixtures, a report that does not read).
 */
export function main(argv, { run = runProgram, stdout = process.stdout, stderr = process.stderr } = {}) {
  let work;
  try {
    const options = parseArgs(argv);
    if (options.help) {
      stdout.write(`${USAGE}\n`);
      return 0;
    }
    const fixtureDirs = options.fixtures.length > 0 ? options.fixtures : defaultFixtureDirs();
    for (const d of fixtureDirs) {
      if (!lstatSync(d, { throwIfNoEntry: false })?.isDirectory()) throw new CompareError(`${d} is not a folder`);
    }
    const { resolved, missing } = resolvePairs(PAIRS, listRules(run));
    if (resolved.length === 0) throw new CompareError('no mapped rule exists in this djsec');
    work = mkdtempSync(join(tmpdir(), 'djsec-compare-checkov-'));
    // The real path: Checkov's file_abs_path is resolved (macOS's /var is /private/var).
    mkdirSync(join(work, 'cases'));
    const root = realpathSync(join(work, 'cases'));
    const cases = layoutFixtures(fixtureDirs, root);
    if (cases.length === 0) throw new CompareError(`no Terraform, CloudFormation or Dockerfile fixtures in ${fixtureDirs.map((d) => posix(relative(repoRoot, d)) || '.').join(', ')}`);
    let checkov = options.checkov;
    if (checkov === undefined) {
      stderr.write(`compare:checkov: installing Checkov ${CHECKOV_VERSION} in a temporary virtualenv (or pass --checkov PATH)\n`);
      checkov = installCheckov(work, run);
    }
    const version = run(checkov, ['--version']);
    if (version.error || version.status !== 0) throw new CompareError(`cannot run Checkov at ${checkov}: ${lastLine(version)}`);
    stderr.write(`compare:checkov: ${cases.length} fixture cases, Checkov ${version.stdout.trim()}\n`);
    const report = runCheckov(checkov, root, resolved, run);
    const checkovResults = relabel(report.results, cases);
    const findings = relabel(runDjsec(cases, root, [...new Set(resolved.map((p) => p.code))], run), cases);
    const comparisons = compareAll(resolved, checkovResults, findings);
    const unparsed = relabel(report.parsingErrors.map((file) => ({ file })), cases);
    stdout.write(formatComparison(comparisons, { missing, unparsed, checkovVersion: version.stdout.trim() }));
    if (options.keep) stderr.write(`compare:checkov: cases kept in ${root}\n`);
    return 0;
  } catch (e) {
    // Any failure, ours or the file system's, is a sentence and exit 2: never a figure.
    stderr.write(`compare:checkov: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  } finally {
    if (work && !argv.includes('--keep')) rmSync(work, { recursive: true, force: true });
  }
}
