// --print-settings: each entry's effective settings with value kind and origin, secrets masked.
// Answers "why did djsec say that?".
import type { LintResult } from '../lint/lint.js';
import type { Value } from '../model/values.js';
import { safeRepr } from '../rule-kit/secrets.js';

/** `env DJANGO_DEBUG, default True  base.py:7` — value, how it was obtained, where. */
function describe(name: string, v: Value): string {
  const at = (o?: { file: string; line: number }) => (o ? `${o.file}:${o.line}` : '');
  switch (v.kind) {
    case 'known':
      return `${safeRepr(v.py, name)}  literal  ${at(v.origin)}`;
    case 'env': {
      const deployed = v.env.filter((e) => e.deployed).map((e) => e.name);
      const unset = v.env.filter((e) => !e.deployed).map((e) => e.name);
      const how = unset.length > 0 ? `env ${unset.join(', ')}, default ${safeRepr(v.py, name)}` : `env ${deployed.join(', ')} as deployed: ${safeRepr(v.py, name)}`;
      return `${how}  ${at(v.origin)}`;
    }
    case 'oneOf':
      return `one of ${v.options.map((o) => (o.kind === 'unassigned' ? 'unassigned' : describe(name, o).split('  ')[0])).join(' | ')}  (undecidable branches)`;
    case 'unknown':
      return `unknown: ${v.reason}  ${at(v.origin)}`;
    case 'unassigned':
      return 'unassigned (Django default)';
  }
}

/** The evaluated entries, in run order. */
function entryEvaluations(result: LintResult) {
  return [...result.evaluations.values()].filter((e) => result.entries.includes(e.module.file));
}

function settingNames(evaluation: { ns: ReadonlyMap<string, Value> }): string[] {
  return [...evaluation.ns.keys()].filter((n) => /^[A-Z][A-Z0-9_]*$/.test(n)).sort();
}

/** One setting as data: its kind, a masked rendering of its value and where it was set. */
function settingJson(name: string, v: Value) {
  const origin = 'origin' in v && v.origin ? { file: v.origin.file, line: v.origin.line } : null;
  const value = v.kind === 'known' || v.kind === 'env' ? safeRepr(v.py, name) : null;
  const env = v.kind === 'env' ? v.env.map((e) => ({ name: e.name, deployed: e.deployed })) : undefined;
  return { name, kind: v.kind, value, ...(env ? { env } : {}), origin, text: describe(name, v) };
}

/** --print-settings --format json: the same facts as the text, secrets masked the same way. */
export function printSettingsJson(result: LintResult, meta: { version: string; schemaVersion: number }): string {
  const entries = entryEvaluations(result).map((evaluation) => ({
    entry: evaluation.module.file,
    reads: evaluation.files.map((f) => result.evaluations.get(f)?.module.file ?? f),
    settings: settingNames(evaluation).map((name) => settingJson(name, evaluation.ns.get(name)!)),
  }));
  return JSON.stringify({ version: meta.version, schemaVersion: meta.schemaVersion, entries }, null, 2) + '\n';
}

export function printSettings(result: LintResult): string {
  const out: string[] = [];
  for (const evaluation of entryEvaluations(result)) {
    out.push(`# ${evaluation.module.file}`);
    if (evaluation.files.length > 1) out.push(`#   reads: ${evaluation.files.map((f) => result.evaluations.get(f)?.module.file ?? f).join(' → ')}`);
    const names = settingNames(evaluation);
    const width = Math.min(40, Math.max(0, ...names.map((n) => n.length)));
    for (const name of names) out.push(`${name.padEnd(width)}  ${describe(name, evaluation.ns.get(name)!)}`);
    out.push('');
  }
  return out.join('\n');
}
