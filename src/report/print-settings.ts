// --print-settings: each entry's effective settings with value kind and origin, secrets masked.
// Answers "why did djsec say that?".
import type { LintResult } from '../lint/lint.js';
import { judgedClassEntries } from '../lint/class-entries.js';
import type { EnvSource, Value } from '../model/values.js';
import { safeRepr } from '../rule-kit/secrets.js';

/** `env DJANGO_DEBUG, default True  base.py:7` — value, how it was obtained, where. */
function describe(name: string, v: Value): string {
  const at = (o?: { file: string; line: number }) => (o ? `${o.file}:${o.line}` : '');
  switch (v.kind) {
    case 'known':
      return `${safeRepr(v.py, name)}  literal  ${at(v.origin)}${chosenBy(name, v.world)}`;
    case 'env': {
      const deployed = v.env.filter((e) => e.deployed).map((e) => e.name);
      const unset = v.env.filter((e) => !e.deployed && !e.branch).map((e) => e.name);
      const how = unset.length > 0 ? `env ${unset.join(', ')}, default ${safeRepr(v.py, name)}` : deployed.length > 0 ? `env ${deployed.join(', ')} as deployed: ${safeRepr(v.py, name)}` : safeRepr(v.py, name);
      return `${how}  ${at(v.origin)}${chosenBy(name, v.env)}`;
    }
    case 'oneOf':
      return `one of ${v.options.map((o) => (o.kind === 'unassigned' ? 'unassigned' : describe(name, o).split('  ')[0])).join(' | ')}  (undecidable branches)`;
    case 'unknown':
      return `unknown: ${v.reason}  ${at(v.origin)}`;
    case 'unassigned':
      return 'unassigned (Django default)';
  }
}

/** `  (default world: LOCAL_DEV unset takes the else of `if os.getenv(...)` at s.py:8; otherwise True)`. */
function chosenBy(name: string, sources: readonly EnvSource[] | undefined): string {
  const branch = sources?.find((e) => e.branch);
  if (!branch?.branch) return '';
  const names = [...new Set(sources!.filter((e) => e.branch && !e.deployed).map((e) => e.name))].join(', ');
  const other = branch.otherwise ? `; otherwise ${branch.otherwise.kind === 'unassigned' ? 'unassigned (Django default)' : describe(name, branch.otherwise).split('  ')[0]}` : '';
  return `  (default world: ${names} unset, by \`${branch.condition ?? 'if ...'}\` at ${branch.branch.file}:${branch.branch.line}${other})`;
}

/**
 * What --print-settings shows, in run order: each entry, or each deployed class of a module of
 * django-configurations classes, with its chain, its role and the files it read.
 */
function judgedSettings(result: LintResult) {
  const out: { file: string; title?: string; role?: { role: string; reason: string }; reads: string[]; settings: { ns: ReadonlyMap<string, Value> } }[] = [];
  for (const evaluation of result.evaluations.values()) {
    if (!result.entries.includes(evaluation.module.file)) continue;
    const classes = judgedClassEntries(evaluation);
    const judged = classes ? classes.map((c) => ({ settings: c.settings, title: `class ${c.entry.chain.join(' → ')}` })) : [{ settings: evaluation, title: undefined }];
    const role = result.roles.find((r) => r.file === evaluation.module.file);
    const reads = evaluation.files.map((f) => result.evaluations.get(f)?.module.file ?? f);
    for (const { settings, title } of judged) out.push({ file: evaluation.module.file, title, role, reads, settings });
  }
  return out;
}

function settingNames(settings: { ns: ReadonlyMap<string, Value> }): string[] {
  return [...settings.ns.keys()].filter((n) => /^[A-Z][A-Z0-9_]*$/.test(n)).sort();
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
  const entries = judgedSettings(result).map((j) => ({
    entry: j.file,
    ...(j.title ? { class: j.title } : {}),
    ...(j.role ? { role: j.role.role, reason: j.role.reason } : {}),
    reads: j.reads,
    settings: settingNames(j.settings).map((name) => settingJson(name, j.settings.ns.get(name)!)),
  }));
  return JSON.stringify({ version: meta.version, schemaVersion: meta.schemaVersion, entries }, null, 2) + '\n';
}

export function printSettings(result: LintResult): string {
  const out: string[] = [];
  for (const j of judgedSettings(result)) {
    out.push(`# ${j.file}${j.title ? ` (${j.title})` : ''}`);
    if (j.role) out.push(`#   ${j.role.role}: ${j.role.reason}`);
    if (j.reads.length > 1) out.push(`#   reads: ${j.reads.join(' → ')}`);
    const names = settingNames(j.settings);
    const width = Math.min(40, Math.max(0, ...names.map((n) => n.length)));
    for (const name of names) out.push(`${name.padEnd(width)}  ${describe(name, j.settings.ns.get(name)!)}`);
    out.push('');
  }
  return out.join('\n');
}
