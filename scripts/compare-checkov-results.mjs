// The pure half of `npm run compare:checkov`: reading Checkov's and djsec's JSON reports, joining
// them per resource (or per file) for each mapped pair, the agreement arithmetic and the printed
// table. Nothing here runs a program or touches the disk, so all of it is unit-tested.
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** A report that cannot be read: the script prints the message and exits 2, never a figure. */
export class CompareError extends Error {}

const posix = (p) => p.split(sep).join('/');

/** A path inside `root`, '/'-separated and relative; Checkov writes '/dir/file' relative to -d. */
function underRoot(root, path) {
  const abs = isAbsolute(path) && path.startsWith(root) ? path : resolve(root, path.replace(/^\/+/, ''));
  return posix(relative(root, abs));
}

/** Checkov's JSON, read from the first line that opens it if a notice was printed before it. */
function checkovJson(text) {
  const start = text.search(/^[[{]/m);
  try {
    return JSON.parse(start > 0 ? text.slice(start) : text);
  } catch {
    throw new CompareError(`Checkov's output is not JSON (it starts ${JSON.stringify(text.slice(0, 60))})`);
  }
}

/**
 * Checkov's `-o json` output: one report object `{ check_type, results: { passed_checks,
 * failed_checks, ... } }` for one framework, a list of them for several, or only a summary object
 * (`{ passed: 0, failed: 0, ... }`) when it found nothing to scan. Returns one entry a result with
 * the file relative to `root`, and the files Checkov could not parse.
 */
export function parseCheckovReport(text, root) {
  const data = checkovJson(String(text));
  const reports = Array.isArray(data) ? data : [data];
  const results = [];
  const parsingErrors = [];
  for (const report of reports) {
    if (report === null || typeof report !== 'object') throw new CompareError('Checkov\'s JSON output holds something other than reports');
    if (!('results' in report)) {
      if ('passed' in report && 'failed' in report) continue; // the summary of an empty scan
      throw new CompareError('Checkov\'s JSON report has no results');
    }
    const framework = String(report.check_type ?? 'unknown');
    for (const file of report.results?.parsing_errors ?? []) parsingErrors.push(underRoot(root, String(file)));
    for (const [list, verdict] of [['failed_checks', 'failed'], ['passed_checks', 'passed']]) {
      const records = report.results?.[list] ?? [];
      if (!Array.isArray(records)) throw new CompareError(`Checkov's ${list} is not a list`);
      for (const r of records) {
        const range = r.file_line_range;
        const path = r.file_abs_path ?? r.file_path;
        if (typeof r.check_id !== 'string' || typeof path !== 'string' || !Array.isArray(range) || range.length !== 2) {
          throw new CompareError(`a Checkov ${list} entry lacks check_id, file_path or file_line_range`);
        }
        results.push({ checkId: r.check_id, framework, file: underRoot(root, path), start: Number(range[0]), end: Number(range[1]), resource: String(r.resource ?? ''), verdict });
      }
    }
  }
  return { results, parsingErrors };
}

/** djsec's `-f json` findings as { code, file (relative to root), line, message }. */
export function parseDjsecReport(text, root, cwd) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    throw new CompareError(`djsec's output is not JSON (it starts ${JSON.stringify(String(text).slice(0, 60))})`);
  }
  if (!data || !Array.isArray(data.findings)) throw new CompareError('djsec\'s JSON report has no findings list');
  return data.findings.map((f) => ({ code: f.code, file: underRoot(root, resolve(cwd, f.file)), line: f.line, message: String(f.message ?? '') }));
}

/** The Terraform address or CloudFormation logical id a djsec message starts with, for listing. */
const addressIn = (message) => /^[A-Za-z][\w-]*\.[\w-]+/.exec(message)?.[0] ?? /^\S+/.exec(message)?.[0] ?? '';

/**
 * One pair's comparison. Units are Checkov's resources (file + line range; several mapped ids on
 * one resource fail it if any fails) or whole files. A djsec finding belongs to the resource whose
 * range holds its line; a finding outside every range Checkov judged is "not evaluated by
 * Checkov" (its check does not support that resource type): listed, but outside the ratio.
 */
export function comparePair(pair, checkovResults, findings) {
  const ids = new Set(pair.checkov);
  const mine = checkovResults.filter((r) => ids.has(r.checkId));
  const flagged = findings.filter((f) => f.code === pair.code);
  const units = new Map();
  for (const r of mine) {
    // One resource judged by several mapped ids is one unit; its range is the union of theirs.
    const place = `${r.file}|${r.caseName ?? ''}`;
    const key = pair.unit === 'file' ? place : `${place}#${r.resource || `${r.start}-${r.end}`}`;
    const unit = units.get(key) ?? { file: r.file, caseName: r.caseName ?? '', start: pair.unit === 'file' ? undefined : r.start, end: pair.unit === 'file' ? undefined : r.end, resource: pair.unit === 'file' ? '' : r.resource, checkov: 'passed', failedIds: [], djsec: [] };
    if (unit.start !== undefined) {
      unit.start = Math.min(unit.start, r.start);
      unit.end = Math.max(unit.end, r.end);
    }
    if (r.verdict === 'failed') {
      unit.checkov = 'failed';
      if (!unit.failedIds.includes(r.checkId)) unit.failedIds.push(r.checkId);
    }
    units.set(key, unit);
  }
  const notEvaluated = [];
  for (const f of flagged) {
    const unit = [...units.values()].find((u) => u.file === f.file && u.caseName === (f.caseName ?? '') && (u.start === undefined || (f.line >= u.start && f.line <= u.end)));
    if (unit) unit.djsec.push(f);
    else notEvaluated.push({ file: f.file, caseName: f.caseName ?? '', line: f.line, resource: addressIn(f.message) });
  }
  const counts = { bothFlag: 0, bothPass: 0, onlyDjsec: 0, onlyCheckov: 0 };
  const disagreements = [];
  for (const u of units.values()) {
    const djsecFlags = u.djsec.length > 0;
    const checkovFails = u.checkov === 'failed';
    if (djsecFlags && checkovFails) counts.bothFlag++;
    else if (!djsecFlags && !checkovFails) counts.bothPass++;
    else {
      counts[djsecFlags ? 'onlyDjsec' : 'onlyCheckov']++;
      disagreements.push({ side: djsecFlags ? 'djsec' : 'checkov', file: u.file, caseName: u.caseName, start: u.start, end: u.end, resource: u.resource, failedIds: u.failedIds, lines: u.djsec.map((f) => f.line) });
    }
  }
  const compared = units.size;
  const agreements = counts.bothFlag + counts.bothPass;
  return { pair, compared, agreements, counts, disagreements, notEvaluated };
}

/** Every pair compared, and for a pair of several Checkov ids each id alone (the figure per check id). */
export function compareAll(pairs, checkovResults, findings) {
  return pairs.map((pair) => ({
    ...comparePair(pair, checkovResults, findings),
    perId: pair.checkov.length > 1 ? pair.checkov.map((id) => comparePair({ ...pair, checkov: [id] }, checkovResults, findings)) : [],
  }));
}

/** The overall figure: agreements over compared units of the pairs that test the same thing. */
export function overallAgreement(comparisons) {
  const same = comparisons.filter((c) => c.pair.overlap === 'same');
  const compared = same.reduce((n, c) => n + c.compared, 0);
  const agreements = same.reduce((n, c) => n + c.agreements, 0);
  return { compared, agreements, ratio: compared === 0 ? undefined : agreements / compared };
}

const percent = (agreements, compared) => (compared === 0 ? 'n/a' : `${((100 * agreements) / compared).toFixed(1)}%`);

/** file:lines, and the fixture case the unit was laid out from. */
/** The counting columns of a table row. */
const row = (c) => [c.compared, c.counts.bothFlag, c.counts.bothPass, c.counts.onlyDjsec, c.counts.onlyCheckov, percent(c.agreements, c.compared), c.notEvaluated.length].join(' | ');

const where = (d) => `${d.file}${d.start === undefined ? '' : `:${d.start}-${d.end}`}${d.caseName ? ` (case: ${d.caseName})` : ''}`;

/** The printed report: a table per pair, the disagreements, the overall figure. */
export function formatComparison(comparisons, { missing = [], unparsed = [], checkovVersion = '' } = {}) {
  const out = [];
  out.push(`djsec vs Checkov${checkovVersion ? ` ${checkovVersion}` : ''}: agreement per check pair`);
  out.push('');
  out.push('| djsec | Checkov | overlap | unit | compared | both flag | both pass | only djsec | only Checkov | agreement | not evaluated by Checkov |');
  out.push('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const c of comparisons) {
    const { pair } = c;
    out.push(`| ${pair.code} ${pair.rule} | ${pair.checkov.join(', ')} | ${pair.overlap} | ${pair.unit} | ${row(c)} |`);
    for (const one of c.perId ?? []) out.push(`| ↳ | ${one.pair.checkov[0]} | | | ${row(one)} |`);
  }
  for (const c of comparisons) {
    if (c.compared === 0) out.push(`\n${c.pair.code} / ${c.pair.checkov.join(', ')}: Checkov returned no result for these ids on the fixtures (check not in this release, or no resource it supports).`);
    if (c.disagreements.length === 0 && c.notEvaluated.length === 0) continue;
    out.push('');
    out.push(`${c.pair.code} ${c.pair.rule} vs ${c.pair.checkov.join(', ')} (${c.pair.note})`);
    for (const d of c.disagreements) {
      out.push(d.side === 'djsec' ? `  only djsec:   ${where(d)} ${d.resource} (line ${d.lines.join(', ')})` : `  only Checkov: ${where(d)} ${d.resource} (${d.failedIds.join(', ')})`);
    }
    for (const n of c.notEvaluated) out.push(`  not evaluated by Checkov: ${n.file}:${n.line}${n.caseName ? ` (case: ${n.caseName})` : ''} ${n.resource}`);
  }
  if (missing.length > 0) out.push('');
  for (const m of missing) out.push(`skipped: ${m.rule} (${m.checkov.join(', ')}) is not a rule of this djsec`);
  if (unparsed.length > 0) out.push('');
  for (const u of unparsed) out.push(`Checkov could not parse ${where(u)}: its resources are not compared`);
  const overall = overallAgreement(comparisons);
  out.push('');
  out.push(overall.ratio === undefined
    ? 'overall agreement (pairs testing the same thing): nothing compared'
    : `overall agreement (pairs testing the same thing): ${overall.agreements}/${overall.compared} = ${percent(overall.agreements, overall.compared)}`);
  return `${out.join('\n')}\n`;
}
