// Fixture annotations, after Semgrep and mdtest:
//   DEBUG = True  # expect: DJS101            (trailing: this line)
//   # expect: 9 DJS101 "'False'"              (own line: the next code line; stacks)
//   # ok: DJS101   # todo-expect: DJS101       (must not fire / known miss)
//   # case: name                               (each case is linted as its own module; other
//                                               cases are blanked so line numbers stay true)
//   # fixture-env: KEY=VALUE                   (inside a case: evaluate as deployed)

export type ExpectationKind = 'expect' | 'ok' | 'todo-expect';

export interface Expectation {
  kind: ExpectationKind;
  code: string;
  line: number;
  column?: number;
  fragment?: string;
}

export interface FixtureCase {
  name: string;
  source: string;
  expectations: Expectation[];
  env: Map<string, string>;
}

const ANNOTATION = /#\s*(expect|ok|todo-expect):\s*(\d+\s+)?(DJS\d{3})(?:\s+"((?:[^"\\]|\\.)*)")?/g;
const CASE = /^\s*#\s*case:\s*(.*)$/;
const ENV = /^\s*#\s*fixture-env:\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;

function isCodeLine(line: string): boolean {
  const t = line.trim();
  return t !== '' && !t.startsWith('#');
}

/** Every annotation of a source, each resolved to the line it applies to (1-based). */
export function parseAnnotations(source: string): Expectation[] {
  const lines = source.split(/\r\n|\r|\n/);
  const out: Expectation[] = [];
  let pending: Omit<Expectation, 'line'>[] = [];
  lines.forEach((text, index) => {
    const found: Omit<Expectation, 'line'>[] = [];
    for (const m of text.matchAll(ANNOTATION)) {
      found.push({
        kind: m[1] as ExpectationKind,
        code: m[3],
        column: m[2] ? Number(m[2].trim()) : undefined,
        fragment: m[4]?.replace(/\\"/g, '"'),
      });
    }
    if (isCodeLine(text)) {
      for (const p of [...pending, ...found]) out.push({ ...p, line: index + 1 });
      pending = [];
    } else {
      pending.push(...found);
    }
  });
  if (pending.length > 0) throw new Error(`annotation(s) with no code line after them: ${pending.map((p) => p.code).join(', ')}`);
  return out;
}

/** Splits a fixture into its cases; a file with no `# case:` is one case. */
export function splitCases(source: string): FixtureCase[] {
  const lines = source.split(/\r\n|\r|\n/);
  const starts: { index: number; name: string }[] = [];
  lines.forEach((l, i) => {
    const m = CASE.exec(l);
    if (m) starts.push({ index: i, name: m[1].trim() });
  });
  if (starts.length === 0) return [{ name: 'whole file', source, expectations: parseAnnotations(source), env: envOf(lines) }];
  return starts.map((start, n) => {
    const end = n + 1 < starts.length ? starts[n + 1].index : lines.length;
    const kept = lines.map((l, i) => (i < starts[0].index || (i >= start.index && i < end) ? l : ''));
    const caseSource = kept.join('\n');
    return { name: start.name, source: caseSource, expectations: parseAnnotations(caseSource), env: envOf(kept) };
  });
}

function envOf(lines: string[]): Map<string, string> {
  const env = new Map<string, string>();
  for (const l of lines) {
    const m = ENV.exec(l);
    if (m) env.set(m[1], m[2]);
  }
  return env;
}
