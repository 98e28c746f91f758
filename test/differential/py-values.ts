// The Python values the generator writes, with Python's repr, truthiness and equality.
export type PyValue =
  | { k: 'none' }
  | { k: 'bool'; v: boolean }
  | { k: 'int'; v: number }
  | { k: 'float'; v: number }
  | { k: 'str'; v: string }
  | { k: 'list' | 'tuple' | 'set'; items: PyValue[] };

export const NONE: PyValue = { k: 'none' };
export const bool = (v: boolean): PyValue => ({ k: 'bool', v });
export const int = (v: number): PyValue => ({ k: 'int', v });
export const float = (v: number): PyValue => ({ k: 'float', v });
export const str = (v: string): PyValue => ({ k: 'str', v });
export const list = (items: PyValue[]): PyValue => ({ k: 'list', items });
export const tuple = (items: PyValue[]): PyValue => ({ k: 'tuple', items });

/** A list or tuple written over several lines, with a trailing comma and comments. */
export function pyLiteralMultiline(v: PyValue): string {
  if ((v.k !== 'list' && v.k !== 'tuple') || v.items.length === 0) return pyLiteral(v);
  const [open, close] = v.k === 'list' ? ['[', ']'] : ['(', ')'];
  const lines = v.items.map((item, i) => `    ${pyLiteral(item)},${i === 0 ? '  # first' : ''}`);
  return [open, '    # entries', ...lines, close].join('\n');
}

/** Python source for a value. Generated strings never contain quotes, backslashes or '$'. */
export function pyLiteral(v: PyValue): string {
  switch (v.k) {
    case 'none':
      return 'None';
    case 'bool':
      return v.v ? 'True' : 'False';
    case 'int':
      return String(v.v);
    case 'float':
      return Number.isInteger(v.v) ? `${v.v}.0` : String(v.v);
    case 'str':
      if (/['"\\\n\r]/.test(v.v)) throw new Error(`generated string needs escaping: ${v.v}`);
      return `'${v.v}'`;
    case 'list':
      return `[${v.items.map(pyLiteral).join(', ')}]`;
    case 'tuple':
      return v.items.length === 1 ? `(${pyLiteral(v.items[0])},)` : `(${v.items.map(pyLiteral).join(', ')})`;
    case 'set':
      return v.items.length === 0 ? 'set()' : `{${v.items.map(pyLiteral).join(', ')}}`;
  }
}

export function pyTruthy(v: PyValue): boolean {
  switch (v.k) {
    case 'none':
      return false;
    case 'bool':
      return v.v;
    case 'int':
    case 'float':
      return v.v !== 0;
    case 'str':
      return v.v.length > 0;
    default:
      return v.items.length > 0;
  }
}

/** Structural equality of the same kind (True == 1 is not needed here). */
export function pyEquals(a: PyValue, b: PyValue): boolean {
  if (a.k !== b.k) return false;
  if (a.k === 'none') return true;
  if (a.k === 'bool' || a.k === 'int' || a.k === 'float' || a.k === 'str') return a.v === (b as typeof a).v;
  const items = (b as typeof a).items;
  return a.items.length === items.length && a.items.every((x, i) => pyEquals(x, items[i]));
}

/** Safe inside decouple's Csv(): shlex splits on the delimiter and treats quotes, '\\' and '#' specially. */
export function isCsvSafe(s: string): boolean {
  return !/[\s,'"\\#]/.test(s);
}
