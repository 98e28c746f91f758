// Seeded generator of Django settings modules for the differential test against Django's own
// `check --deploy`. Each module varies the settings that djsec's Django-mirroring rules judge and
// writes every value in one of several forms: literals, env lookups with defaults (os.environ,
// django-environ, python-decouple), chained and unpacked assignments, list mutations, decidable
// `if DEBUG:` blocks and conditional expressions.
//
// Every form evaluates, with the environment unset, to a value djsec's model can know: statement
// `if`s on environment values (decided in the default world, as Django sees an empty
// environment), `in os.environ`, comprehensions and the walrus operator included. Forms the model
// must call unknown (env lookups without a default) are never produced: they would make Django
// and djsec disagree by construction.
import { Rng } from './rng.js';
import type { PyValue } from './py-values.js';
import { NONE, bool, float, int, isCsvSafe, list, pyEquals, pyLiteral, pyLiteralMultiline, pyTruthy, str } from './py-values.js';
import { BOOLISH, DEBUG_TOOLBAR_MW, SETTINGS, STANDARD_MIDDLEWARE } from './setting-values.js';

/** Prefix of every environment variable a generated module reads; the runner unsets them all. */
export const ENV_PREFIX = 'DJSEC_DIFF_';

export interface GeneratedModule {
  /** Reproduces this module: generateModule(seed, index). */
  seed: number;
  index: number;
  /** The module's source; for split settings, both files one after the other (for reports). */
  source: string;
  /** Split settings: a package with base.py and production.py (`from .base import *`), entry production.py. */
  files?: { 'base.py': string; 'production.py': string };
  /** Variables set as deployed (djsec --env; Django's environment); the others are unset. */
  env?: Record<string, string>;
}

/** Values a deployed variable takes, by the kind of value the setting it feeds has. */
const STRING_VALUES = ['', ' ', 'DENY', 'SAMEORIGIN', 'same-origin', 'no-referrer,origin', 'unsafe-none', 'short', 'k'.repeat(60), 'Zq3!vT9pL2@xW7mN4%bR8^cY1&dF6*gH5(jK0)sA-eU_oI+zQ4'];
const DEPLOYED_VALUES: Record<PyValue['k'], string[]> = {
  none: STRING_VALUES,
  str: STRING_VALUES,
  bool: ['True', 'False', 'true', 'false', '1', '0', 'yes', 'off', ''],
  int: ['0', '3600', '31536000'],
  float: ['0', '0.0', '3600'],
  list: ['', 'example.com', 'a.example.com,b.example.com', 'django.contrib.sessions', 'same-origin,origin', 'https://example.com,example.com'],
  tuple: ['', 'example.com', 'a.example.com,b.example.com'],
  set: ['same-origin'],
};

/** Deploys some of the module's variables (a quarter of the modules), so djsec's --env path is compared too. */
function deployedEnv(w: ModuleWriter): Record<string, string> | undefined {
  const { rng } = w;
  if (w.envNames.length === 0 || !rng.chance(0.25)) return undefined;
  const env: Record<string, string> = {};
  for (const [name, kind] of w.envNames) if (rng.chance(0.5)) env[name] = rng.pick(DEPLOYED_VALUES[kind]);
  return Object.keys(env).length > 0 ? env : undefined;
}

// ---- writing a value as Python source ----

interface Expr {
  text: string;
  /** True when the expression reads the environment (so an `if` on it is undecidable). */
  env: boolean;
}

type Helper = 'env_bool' | 'env_str' | 'env_int' | 'env_list';

/** Small helpers as real projects write them; djsec evaluates them by substitution. */
const HELPERS: Record<Helper, string[]> = {
  env_bool: ['def env_bool(name, default=False):', "    return os.environ.get(name, str(default)).lower() in ('1', 'true', 'yes', 'on')"],
  env_str: ['def env_str(name, default=None):', "    '''Read a variable, with a default.'''", '    return os.getenv(name, default)'],
  env_int: ['def env_int(name, default=0):', '    return int(os.environ.get(name, default))'],
  env_list: ["def env_list(name, default=''):", '    value = os.environ.get(name, default)', '    if not value:', '        return []', "    return value.split(',')"],
};

class ModuleWriter {
  readonly imports = new Set<'os' | 'getenv' | 'environ' | 'decouple'>();
  readonly helpers = new Set<Helper>();
  /** Statements an expression needs first (environment writes), emitted before its statement. */
  private setupLines: string[] = [];
  /** django-environ scheme entries: environ.Env(NAME=(cast, default)). */
  readonly scheme: string[] = [];
  private envCount = 0;
  /** Every environment variable the module reads or writes, with the kind of value it feeds. */
  readonly envNames: [string, PyValue['k']][] = [];
  /** The kinds of the values being written, innermost last. */
  private readonly kinds: PyValue['k'][] = [];
  /** DEBUG's value and whether it was written without reading the environment. */
  debug: { value: PyValue; env: boolean } | undefined;

  constructor(readonly rng: Rng) {}

  envVar(setting: string): string {
    this.envCount += 1;
    const name = `${ENV_PREFIX}${setting}_${this.envCount}`;
    this.envNames.push([name, this.kinds[this.kinds.length - 1] ?? 'str']);
    return `'${name}'`;
  }

  /** The setup statements collected since the last call. */
  takeSetup(): string[] {
    const lines = this.setupLines;
    this.setupLines = [];
    return lines;
  }

  private helper(name: Helper, args: string): Expr {
    this.imports.add('os');
    this.helpers.add(name);
    return { text: `${name}(${args})`, env: true };
  }

  /** A random expression that evaluates to `v` with the environment unset. */
  expr(setting: string, v: PyValue, depth = 0): Expr {
    this.kinds.push(v.k);
    try {
      const forms = this.formsFor(setting, v, depth);
      return this.rng.weightedPick(forms)();
    } finally {
      this.kinds.pop();
    }
  }

  private lit(v: PyValue): Expr {
    return { text: pyLiteral(v), env: false };
  }

  private formsFor(setting: string, v: PyValue, depth: number): [number, () => Expr][] {
    const { rng } = this;
    const forms: [number, () => Expr][] = [[6, () => this.lit(v)]];
    const osGet = (dflt: string) => {
      this.imports.add('os');
      const key = this.envVar(setting);
      const form = rng.pick([`os.environ.get(${key}, ${dflt})`, `os.getenv(${key}, ${dflt})`, `os.environ.get(${key}, default=${dflt})`, `getenv(${key}, ${dflt})`]);
      if (form.startsWith('getenv')) this.imports.add('getenv');
      return form;
    };
    const environ = (method: string, args: string) => {
      this.imports.add('environ');
      return `env${method}(${this.envVar(setting)}${args})`;
    };
    const decouple = (args: string) => {
      this.imports.add('decouple');
      return `config(${this.envVar(setting)}${args})`;
    };
    const envExpr = (text: string): Expr => ({ text, env: true });

    // os.environ.get / os.getenv return the default unchanged, whatever its type
    forms.push([3, () => envExpr(osGet(pyLiteral(v)))]);
    // `None or x` is x whatever x is
    forms.push([1, () => envExpr(`${osGet(rng.pick(['None', "''"]))} or ${pyLiteral(v)}`)]);
    // django-environ returns an unset variable's default as written (no cast unless parse_default)
    forms.push([1, () => envExpr(environ(rng.pick(['', '.str', '.bool', '.int']), `, default=${pyLiteral(v)}`))]);
    forms.push([1, () => this.helper('env_str', `${this.envVar(setting)}, ${pyLiteral(v)}`)]);
    // a variable the module itself sets (os.environ.setdefault / os.environ[K] = ...) is read as set
    const written = this.envWriteForm(setting, v);
    if (written) forms.push([2, written]);
    if (v.k === 'none') {
      forms.push([2, () => {
        this.imports.add('os');
        return envExpr(`${rng.pick(['os.environ.get', 'os.getenv'])}(${this.envVar(setting)})`);
      }]);
      forms.push([1, () => envExpr(decouple(', default=None'))]);
    }
    if (v.k === 'bool') {
      forms.push([3, () => envExpr(environ('.bool', rng.chance(0.5) ? `, default=${pyLiteral(v)}` : `, ${pyLiteral(v)}`))]);
      forms.push([2, () => this.environScheme(setting, 'bool', v)]);
      const decoupleDefaults = v.v ? ['True', "'true'", "'1'", "'yes'", "'on'", '1', "'True'"] : ['False', "'false'", "'0'", "'no'", "'off'", "''", '0'];
      forms.push([3, () => envExpr(decouple(`, default=${rng.pick(decoupleDefaults)}, cast=bool`))]);
      forms.push([3, () => envExpr(this.boolFromString(setting, v.v))]);
      forms.push([1, () => envExpr(`bool(int(${osGet(v.v ? rng.pick(["'1'", "'2'"]) : "'0'")}))`)]);
      const helperDefaults = v.v ? ['True', "'true'", "'1'", "'YES'", '1', "'on'"] : ['False', "'false'", "'0'", "'no'", '0', "''", "'off'"];
      forms.push([2, () => this.helper('env_bool', `${this.envVar(setting)}, ${rng.pick(helperDefaults)}`)]);
      if (depth < 2) forms.push([1, () => this.negation(setting, v.v, depth)]);
      if (this.debug) {
        const debugTruth = pyTruthy(this.debug.value);
        if (debugTruth === v.v && this.debug.value.k === 'bool') forms.push([2, () => ({ text: 'DEBUG', env: this.debug!.env })]);
        if (debugTruth === !v.v) forms.push([2, () => ({ text: 'not DEBUG', env: this.debug!.env })]);
      }
    }
    if (v.k === 'int') {
      forms.push([2, () => envExpr(environ('.int', `, default=${v.v}`))]);
      forms.push([2, () => envExpr(decouple(rng.chance(0.5) ? `, default=${v.v}, cast=int` : `, default='${v.v}', cast=int`))]);
      forms.push([2, () => envExpr(`int(${osGet(rng.chance(0.5) ? `'${v.v}'` : String(v.v))})`)]);
      forms.push([1, () => this.helper('env_int', `${this.envVar(setting)}, ${rng.chance(0.5) ? `'${v.v}'` : String(v.v)}`)]);
      if (v.v > 0 && v.v % 3600 === 0) forms.push([2, () => ({ text: `60 * 60 * ${v.v / 3600}`, env: false })]);
    }
    if (v.k === 'float') {
      forms.push([2, () => envExpr(`float(${osGet(`'${pyLiteral(v)}'`)})`)]);
      forms.push([1, () => envExpr(environ('.float', `, default=${pyLiteral(v)}`))]);
    }
    if (v.k === 'str') {
      // env('K', x) would take x as the cast: only env.str takes the default positionally
      forms.push([2, () => envExpr(rng.chance(0.5) ? environ(rng.pick(['', '.str']), `, default=${pyLiteral(v)}`) : environ('.str', `, ${pyLiteral(v)}`))]);
      forms.push([2, () => envExpr(decouple(rng.pick([`, default=${pyLiteral(v)}`, `, ${pyLiteral(v)}`, `, default=${pyLiteral(v)}, cast=str`])))]);
      if (v.v.length >= 2) {
        const cut = 1 + rng.int(v.v.length - 1);
        const [a, b] = splitCodePoints(v.v, cut);
        forms.push([1, () => ({ text: `${pyLiteral(str(a))} + ${pyLiteral(str(b))}`, env: false })]);
        // implicit concatenation, an f-string, str.format and %-formatting
        forms.push([1, () => ({ text: `${pyLiteral(str(a))} ${pyLiteral(str(b))}`, env: false })]);
        if (!/[{}"%]/.test(v.v)) {
          forms.push([1, () => ({ text: `f"{${pyLiteral(str(a))}}${b}"`, env: false })]);
          forms.push([1, () => ({ text: `"{}{}".format(${pyLiteral(str(a))}, ${pyLiteral(str(b))})`, env: false })]);
          forms.push([1, () => ({ text: `"%s${b}" % ${pyLiteral(str(a))}`, env: false })]);
        }
      }
      const unit = repeatedUnit(v.v);
      if (unit) forms.push([3, () => ({ text: `${pyLiteral(str(unit))} * ${[...v.v].length / [...unit].length}`, env: false })]);
      if (v.v === v.v.toUpperCase() && v.v !== v.v.toLowerCase() && /^[\x20-\x7e]*$/.test(v.v)) {
        forms.push([1, () => envExpr(`${osGet(pyLiteral(str(v.v.toLowerCase())))}.upper()`)]);
      }
      if (v.v === v.v.trim() && v.v.length > 0) forms.push([1, () => envExpr(`${osGet(pyLiteral(str(`  ${v.v} `)))}.strip()`)]);
    }
    if (v.k === 'list' || v.k === 'tuple') {
      const method = v.k === 'list' ? '.list' : '.tuple';
      forms.push([2, () => envExpr(environ(method, `, default=${pyLiteral(v)}`))]);
      const strings = v.items.every((i) => i.k === 'str') ? v.items.map((i) => (i.k === 'str' ? i.v : '')) : undefined;
      if (strings && v.k === 'list') {
        if (strings.every(isCsvSafe)) {
          // Csv() strips each item but keeps a blank one: ' ' is [''], 'a,,b' is ['a', 'b']
          const item = (s: string) => (s === '' ? rng.pick([' ', '  ']) : rng.pick([s, ` ${s}`, `${s} `]));
          forms.push([2, () => envExpr(decouple(`, default=${pyLiteral(str(strings.map(item).join(rng.pick([',', ',,']))))}, cast=Csv()`))]);
        }
        if (strings.every((s) => s.length > 0 && !s.includes(','))) {
          forms.push([1, () => this.helper('env_list', strings.length === 0 && rng.chance(0.5) ? this.envVar(setting) : `${this.envVar(setting)}, ${pyLiteral(str(strings.join(',')))}`)]);
        }
        // str.split(',') keeps empty strings: ''.split(',') == ['']
        if (strings.length > 0 && strings.every((s) => !s.includes(','))) {
          forms.push([2, () => envExpr(`${osGet(pyLiteral(str(strings.join(','))))}.split(',')`)]);
        }
        if (strings.every((s) => s.length > 0 && !/\s/.test(s))) {
          forms.push([1, () => envExpr(`${osGet(pyLiteral(str(strings.join(' '))))}.split()`)]);
        }
      }
      if (strings && v.k === 'list' && strings.every((s) => s.length > 0 && !s.includes(',') && s === s.trim())) {
        // the comprehension real settings use to read a list: strip each item, drop blanks
        forms.push([2, () => envExpr(`[h.strip() for h in ${osGet(pyLiteral(str(strings.map((x) => (rng.chance(0.3) ? ` ${x}` : x)).join(','))))}.split(',') if h.strip()]`)]);
      }
      if (strings && v.k === 'list' && depth === 0) {
        // everything, minus what this deployment disables: a filter over a module-level list
        forms.push([2, () => {
          const extras = ['myproject.disabled.One', 'myproject.disabled.Two'].filter((x) => !strings.includes(x)).slice(0, 1 + rng.int(2));
          const all = `all_${setting.toLowerCase()}`;
          const disabled = `disabled_${setting.toLowerCase()}`;
          const items = [...strings];
          for (const extra of extras) items.splice(rng.int(items.length + 1), 0, extra);
          this.setupLines.push(`${all} = ${pyLiteral(list(items.map((x) => str(x))))}`, `${disabled} = ${pyLiteral(list(extras.map((x) => str(x))))}`);
          return { text: rng.pick([`[m for m in ${all} if m not in ${disabled}]`, `list(m for m in ${all} if m not in ${disabled})`]), env: false };
        }]);
      }
      if (v.items.length >= 2 && depth === 0) {
        // DJANGO_APPS + THIRD_PARTY_APPS: a module-level part joined to the rest
        forms.push([2, () => {
          const cut = 1 + rng.int(v.items.length - 1);
          const part = `${setting.toLowerCase()}_base`;
          this.setupLines.push(`${part} = ${pyLiteral({ k: v.k, items: v.items.slice(0, cut) })}`);
          return { text: `${part} + ${pyLiteral({ k: v.k, items: v.items.slice(cut) })}`, env: false };
        }]);
      }
      if (depth < 2) {
        const other: PyValue = { k: v.k === 'list' ? 'tuple' : 'list', items: v.items };
        forms.push([1, () => {
          const inner = this.expr(setting, other, depth + 1);
          return { text: `${v.k}(${inner.text})`, env: inner.env };
        }]);
      }
    }
    if (depth < 2) forms.push([2, () => this.conditional(setting, v, depth)]);
    if (depth < 2) forms.push([1, () => this.booleanOperator(setting, v, depth)]);
    // a lookup in a dict literal
    forms.push([1, () => {
      const inner = this.expr(setting, v, depth + 1);
      return rng.chance(0.5)
        ? { text: `{'prod': ${inner.text}, 'dev': ${pyLiteral(decoyFor(rng, v))}}['prod']`, env: inner.env }
        : { text: `{'dev': ${pyLiteral(decoyFor(rng, v))}}.get('prod', ${inner.text})`, env: inner.env };
    }]);
    if (v.k === 'bool' && v.v) forms.push([1, () => ({ text: `bool(${pyLiteral(rng.pick([int(1), str('x'), list([NONE])]))})`, env: false })]);
    return forms;
  }

  /**
   * Reading a variable the module sets first: `os.environ.setdefault(K, S)` or `os.environ[K] = S`,
   * then a lookup whose own default differs, so only the written S gives `v`.
   */
  private envWriteForm(setting: string, v: PyValue): (() => Expr) | undefined {
    const { rng } = this;
    const reads: [string, (key: string) => string][] = [];
    const viaEnviron = (text: string) => {
      this.imports.add('environ');
      return text;
    };
    const viaDecouple = (text: string) => {
      this.imports.add('decouple');
      return text;
    };
    if (v.k === 'str' && isCsvSafe(v.v)) {
      reads.push(
        [v.v, (k) => `os.environ[${k}]`],
        [v.v, (k) => `os.environ.get(${k}, 'unused')`],
        [v.v, (k) => viaEnviron(`env.str(${k}, default='unused')`)],
        [v.v, (k) => viaDecouple(`config(${k}, default='unused')`)],
      );
    }
    if (v.k === 'bool') {
      const environText = v.v ? rng.pick(['true', 'on', 'ok', 'y', 'Yes', '1', '2']) : rng.pick(['false', 'off', 'no', '0', 'nope']);
      const decoupleText = v.v ? rng.pick(['true', 'True', 'on', 'y', 't', '1']) : rng.pick(['false', 'off', 'n', 'f', '0', '']);
      reads.push(
        [environText, (k) => viaEnviron(`env.bool(${k}, default=${v.v ? 'False' : 'True'})`)],
        [decoupleText, (k) => viaDecouple(`config(${k}, default=${v.v ? 'False' : 'True'}, cast=bool)`)],
        [v.v ? 'True' : 'False', (k) => `os.environ[${k}] == 'True'`],
      );
    }
    if (v.k === 'int' && v.v >= 0) {
      reads.push(
        [String(v.v), (k) => `int(os.environ[${k}])`],
        [String(v.v), (k) => viaEnviron(`env.int(${k}, default=${v.v === 0 ? 1 : 0})`)],
        [String(v.v), (k) => viaDecouple(`config(${k}, default=${v.v === 0 ? 1 : 0}, cast=int)`)],
      );
    }
    if (v.k === 'list' && v.items.length > 0 && v.items.every((i) => i.k === 'str' && i.v !== '' && isCsvSafe(i.v))) {
      const text = v.items.map((i) => (i.k === 'str' ? i.v : '')).join(',');
      reads.push(
        [text, (k) => viaEnviron(`env.list(${k}, default=[])`)],
        [text, (k) => viaDecouple(`config(${k}, default='', cast=Csv())`)],
        [text, (k) => `os.environ[${k}].split(',')`],
      );
    }
    if (reads.length === 0) return undefined;
    return () => {
      this.imports.add('os');
      const [text, read] = rng.pick(reads);
      const key = this.envVar(setting);
      this.setupLines.push(rng.chance(0.5) ? `os.environ.setdefault(${key}, ${pyLiteral(str(text))})` : `os.environ[${key}] = ${pyLiteral(str(text))}`);
      return { text: read(key), env: true };
    };
  }

  /** django-environ scheme: environ.Env(NAME=(bool, default)), then env('NAME') or env.bool('NAME'). */
  private environScheme(setting: string, cast: string, v: PyValue): Expr {
    this.imports.add('environ');
    const key = this.envVar(setting);
    this.scheme.push(`${key.slice(1, -1)}=(${cast}, ${pyLiteral(v)})`);
    return { text: this.rng.chance(0.5) ? `env(${key})` : `env.${cast}(${key})`, env: true };
  }

  /** A comparison or membership test on an env default that yields `want`. */
  private boolFromString(setting: string, want: boolean): string {
    const { rng } = this;
    this.imports.add('os');
    const key = this.envVar(setting);
    const get = rng.pick(['os.environ.get', 'os.getenv']);
    switch (rng.int(4)) {
      case 0: {
        const dflt = want ? 'True' : rng.pick(['False', 'no', '']);
        return `${get}(${key}, ${pyLiteral(str(dflt))}) == 'True'`;
      }
      case 1: {
        const dflt = want ? rng.pick(['true', 'True', '1', 'YES']) : rng.pick(['false', '0', 'off', '']);
        return `${get}(${key}, ${pyLiteral(str(dflt))}).lower() in ('true', '1', 'yes')`;
      }
      case 2: {
        const dflt = want ? rng.pick(['1', 'yes']) : '0';
        return `${get}(${key}, ${pyLiteral(str(dflt))}) != '0'`;
      }
      default:
        return want ? `${get}(${key}) is None` : `${get}(${key}) is not None`;
    }
  }

  private negation(setting: string, want: boolean, depth: number): Expr {
    const inner = this.expr(setting, bool(!want), depth + 1);
    return { text: `not ${parenthesize(inner.text)}`, env: inner.env };
  }

  /** `and`/`or` return an operand: `<falsy> or v`, `<truthy> and v`, or `v and x` when v is falsy. */
  private booleanOperator(setting: string, v: PyValue, depth: number): Expr {
    const { rng } = this;
    const inner = this.expr(setting, v, depth + 1);
    const operand = parenthesize(inner.text);
    // operands of v's own type: a deployed variable can flip v's truth and make the operand the value
    const [falsy, truthy] = {
      none: ['None', "'x'"],
      bool: ['False', 'True'],
      int: ['0', '1'],
      float: ['0.0', '1.0'],
      str: ["''", "'yes'"],
      list: ['[]', "['x']"],
      tuple: ['()', "('x',)"],
      set: ['set()', "{'x'}"],
    }[v.k];
    const options = [`${falsy} or ${operand}`, `${truthy} and ${operand}`];
    if (!pyTruthy(v)) options.push(`${operand} and ${truthy}`);
    else options.push(`${operand} or ${falsy}`);
    return { text: rng.pick(options), env: inner.env };
  }

  /** `v if <true> else decoy` or `decoy if <false> else v`. */
  private conditional(setting: string, v: PyValue, depth: number): Expr {
    const { rng } = this;
    const truth = rng.chance(0.5);
    const cond = this.condition(setting, truth);
    const chosen = this.expr(setting, v, depth + 1);
    const decoy = pyLiteral(decoyFor(rng, v));
    const [body, alternative] = truth ? [parenthesize(chosen.text), decoy] : [decoy, parenthesize(chosen.text)];
    return { text: `${body} if ${cond.text} else ${alternative}`, env: chosen.env || cond.env };
  }

  /**
   * A statement-level condition whose truth is `truth` with the environment unset, in the shapes
   * real settings use: a comparison or `is (not) None` on a lookup, an env-derived DEBUG (a raw
   * string such as 'False' is truthy), an env-derived name compared with a literal,
   * `in os.environ`, and the walrus operator. `setup` goes before the `if`.
   */
  statementCondition(setting: string, truth: boolean): { text: string; setup: string[] } {
    const { rng } = this;
    this.imports.add('os');
    const shapes: [number, () => { text: string; setup: string[] }][] = [
      [3, () => ({ text: this.boolFromString(setting, truth), setup: [] })],
      [2, () => {
        const key = this.envVar(setting);
        return { text: truth ? rng.pick([`${key} not in os.environ`, `not os.environ.__contains__(${key})`]) : rng.pick([`${key} in os.environ`, `${key} in os.environ.keys()`]), setup: [] };
      }],
      [2, () => {
        const key = this.envVar(setting);
        const stage = `deploy_stage_${this.envNames.length}`;
        const dflt = rng.pick(['development', 'local', 'production']);
        const test = rng.pick(['production', 'staging']);
        const equal = dflt === test;
        const text = truth === equal ? `${stage} == ${pyLiteral(str(test))}` : `${stage} != ${pyLiteral(str(test))}`;
        return { text, setup: [`${stage} = ${rng.pick(['os.environ.get', 'os.getenv'])}(${key}, ${pyLiteral(str(dflt))})`] };
      }],
      [1, () => {
        const key = this.envVar(setting);
        const bound = `flag_${this.envNames.length}`;
        return { text: `(${bound} := os.environ.get(${key}, ${pyLiteral(str(truth ? rng.pick(['1', 'on', 'False']) : ''))}))`, setup: [] };
      }],
    ];
    if (this.debug && this.debug.env) {
      const debugTruth = pyTruthy(this.debug.value);
      shapes.push([3, () => ({ text: debugTruth === truth ? 'DEBUG' : 'not DEBUG', setup: [] })]);
    }
    return rng.weightedPick(shapes)();
  }

  /** An expression whose truth is `truth` with the environment unset. */
  condition(setting: string, truth: boolean): Expr {
    const { rng } = this;
    const options: [number, () => Expr][] = [[3, () => ({ text: this.boolFromString(setting, truth), env: true })]];
    if (this.debug) {
      const debugTruth = pyTruthy(this.debug.value);
      const env = this.debug.env;
      options.push([4, () => ({ text: debugTruth === truth ? 'DEBUG' : 'not DEBUG', env })]);
    }
    if (this.imports.has('environ')) options.push([1, () => ({ text: `env.bool(${this.envVar(setting)}, default=${truth ? 'True' : 'False'})`, env: true })]);
    return rng.weightedPick(options)();
  }
}

/** The shortest unit that `s` repeats at least twice ('abab' → 'ab'), in code points. */
function repeatedUnit(s: string): string | undefined {
  const chars = [...s];
  for (let p = 1; p <= chars.length / 2; p++) {
    if (chars.length % p !== 0) continue;
    const unit = chars.slice(0, p).join('');
    if (unit.repeat(chars.length / p) === s) return unit;
  }
  return undefined;
}

function parenthesize(text: string): string {
  return /^[\w.'"[\]()]+$/.test(text) && !text.includes(' ') ? text : `(${text})`;
}

function splitCodePoints(s: string, cut: number): [string, string] {
  const chars = [...s];
  const at = Math.min(cut, chars.length - 1);
  return [chars.slice(0, at).join(''), chars.slice(at).join('')];
}

/** A different value of the same shape, for branches and assignments that do not count. */
function decoyFor(rng: Rng, v: PyValue): PyValue {
  switch (v.k) {
    case 'bool':
      return bool(!v.v);
    case 'int':
      return int(v.v === 0 ? 3600 : 0);
    case 'float':
      return float(v.v === 0 ? 3600 : 0);
    case 'str':
      return str(v.v === 'DENY' ? 'SAMEORIGIN' : rng.pick(['DENY', 'decoy', 'same-origin', 'x'.repeat(60)]));
    case 'none':
      return str('decoy');
    default:
      return { k: v.k, items: v.items.length === 0 ? [str('decoy')] : [] };
  }
}

// ---- statements ----

interface Chunk {
  /** 0: DEBUG; 1: earlier assignments that are overridden or deleted; 2: the final assignments. */
  phase: 0 | 1 | 2;
  lines: string[];
}

function indent(lines: string[]): string[] {
  return lines.flatMap((l) => l.split('\n')).map((l) => `    ${l}`);
}

function annotation(v: PyValue): string {
  switch (v.k) {
    case 'none':
      return 'None';
    case 'bool':
      return 'bool';
    case 'int':
      return 'int';
    case 'float':
      return 'float';
    case 'str':
      return 'str';
    case 'list':
      return 'list[str]';
    case 'tuple':
      return 'tuple[str, ...]';
    case 'set':
      return 'set[str]';
  }
}

/** `name = <expr>` preceded by whatever the expression needs first. */
function assignment(w: ModuleWriter, name: string, v: PyValue, annotate = false): string[] {
  const e = w.expr(name, v);
  // a literal list may be written over several lines, with comments
  const text = e.text === pyLiteral(v) && w.rng.chance(0.3) ? pyLiteralMultiline(v) : e.text;
  return [...w.takeSetup(), annotate ? `${name}: ${annotation(v)} = ${text}` : `${name} = ${text}`];
}

/** Statements that leave `name` bound to `v`. */
function writeSetting(w: ModuleWriter, name: string, v: PyValue): Chunk[] {
  const { rng } = w;
  const debugDecidable = w.debug !== undefined && !w.debug.env;
  const choice = rng.weighted([10, 2, debugDecidable ? 3 : 0, v.k === 'list' ? 4 : 0, 4]);
  switch (choice) {
    case 0:
      return [{ phase: 2, lines: assignment(w, name, v, rng.chance(0.15)) }];
    case 1:
      // the last assignment wins
      return [
        { phase: 1, lines: assignment(w, name, decoyFor(rng, v)) },
        { phase: 2, lines: assignment(w, name, v) },
      ];
    case 2:
      return [{ phase: 2, lines: ifDebugBlock(w, name, v) }];
    case 3:
      return [{ phase: 2, lines: listOperations(w, name, v) }];
    default:
      return [{ phase: 2, lines: envIfBlock(w, name, v) }];
  }
}

/** A setting left to Django's default, sometimes after an assignment that `del` undoes. */
function writeUnassigned(w: ModuleWriter, name: string, decoy: PyValue): Chunk[] {
  if (name === 'DEBUG' || !w.rng.chance(0.1)) return [];
  return [
    { phase: 1, lines: assignment(w, name, decoy) },
    { phase: 2, lines: [`del ${name}`] },
  ];
}

/** `if DEBUG:` (DEBUG known): the value goes in the branch Python takes, a decoy in the other. */
function ifDebugBlock(w: ModuleWriter, name: string, v: PyValue): string[] {
  const { rng } = w;
  const negate = rng.chance(0.4);
  const taken = pyTruthy(w.debug!.value) !== negate;
  const test = negate ? 'if not DEBUG:' : 'if DEBUG:';
  const real = assignment(w, name, v);
  const setup = real.slice(0, -1);
  const realLine = real[real.length - 1];
  const decoy = `${name} = ${pyLiteral(decoyFor(rng, v))}`;
  if (rng.chance(0.5)) {
    return [...setup, ...(taken ? [test, ...indent([realLine]), 'else:', ...indent([decoy])] : [test, ...indent([decoy]), 'else:', ...indent([realLine])])];
  }
  // no else: an untaken branch leaves the earlier assignment in place
  return [...setup, ...(taken ? [decoy, test, ...indent([realLine])] : [realLine, test, ...indent([decoy])])];
}

/**
 * A statement `if` on the environment, decided in the default world (or as deployed): the value
 * goes in the branch Python takes with nothing set, a decoy in the other. Deployed variables may
 * flip it: Django and djsec must then both take the other branch.
 */
function envIfBlock(w: ModuleWriter, name: string, v: PyValue): string[] {
  const { rng } = w;
  const truth = rng.chance(0.5);
  const cond = w.statementCondition(name, truth);
  const real = assignment(w, name, v);
  const setup = [...cond.setup, ...real.slice(0, -1)];
  const realLine = real[real.length - 1];
  const decoy = `${name} = ${pyLiteral(decoyFor(rng, v))}`;
  if (rng.chance(0.5)) {
    const [yes, no] = truth ? [realLine, decoy] : [decoy, realLine];
    if (rng.chance(0.3)) {
      // elif: a second condition that is false in the default world, before the else
      const other = w.statementCondition(name, false);
      return [...setup, ...other.setup, `if ${cond.text}:`, ...indent([yes]), `elif ${other.text}:`, ...indent([decoy]), 'else:', ...indent([no])];
    }
    return [...setup, `if ${cond.text}:`, ...indent([yes]), 'else:', ...indent([no])];
  }
  // no else: a skipped branch leaves the earlier assignment in place
  return [...setup, ...(truth ? [decoy, `if ${cond.text}:`, ...indent([realLine])] : [realLine, `if ${cond.text}:`, ...indent([decoy])])];
}

/** Builds a list by mutation: a prefix, then +=, .append, .insert (and a decoy in an untaken if). */
function listOperations(w: ModuleWriter, name: string, v: PyValue): string[] {
  const { rng } = w;
  if (v.k !== 'list') throw new Error('listOperations needs a list');
  const target = v.items;
  // choose which items are written up front; the rest are added in order by mutations
  const upFront = target.map(() => rng.chance(0.5));
  const current: PyValue[] = target.filter((_, i) => upFront[i]);
  const lines = [`${name} = ${pyLiteral(list(current))}`];
  // items are added in order, so item i always goes to index i
  for (let i = 0; i < target.length; i++) {
    if (upFront[i]) continue;
    const item = pyLiteral(target[i]);
    if (i === current.length) {
      lines.push(rng.pick([`${name}.append(${item})`, `${name} += [${item}]`, `${name} = ${name} + [${item}]`, `${name}.extend([${item}])`]));
    } else {
      const index = rng.chance(0.3) ? -(current.length - i) : i;
      lines.push(`${name}.insert(${index}, ${item})`);
    }
    current.splice(i, 0, target[i]);
  }
  if (w.debug && !w.debug.env && rng.chance(0.5)) {
    const taken = pyTruthy(w.debug.value);
    // an untaken branch adds something Django never sees
    const extra = name === 'MIDDLEWARE' ? DEBUG_TOOLBAR_MW : 'debug_toolbar';
    lines.push(taken ? 'if not DEBUG:' : 'if DEBUG:', ...indent([`${name}.append(${pyLiteral(str(extra))})`]));
  }
  if (rng.chance(0.25)) {
    // add then remove (.remove drops the first equal item): for MIDDLEWARE, one Django looks for
    const missing = name === 'MIDDLEWARE' ? STANDARD_MIDDLEWARE.filter((m) => !target.some((t) => t.k === 'str' && t.v === m)) : [];
    const extra = pyLiteral(str(missing.length > 0 ? rng.pick(missing) : 'myproject.removed'));
    lines.push(rng.pick([`${name}.append(${extra})`, `${name}.insert(0, ${extra})`, `${name} += [${extra}]`]), `${name}.remove(${extra})`);
  }
  if (!pyEquals(list(current), v)) throw new Error(`listOperations built ${pyLiteral(list(current))}, wanted ${pyLiteral(v)}`);
  return lines;
}

/**
 * Statements that change no mirrored setting as Django reads it: an optional local-settings import
 * that fails, the pre-1.10 MIDDLEWARE_CLASSES, lower-case names, assignments local to a function
 * or class body.
 */
function noise(w: ModuleWriter): string[] {
  const { rng } = w;
  switch (rng.int(5)) {
    case 0:
      return ['try:', `    from .${rng.pick(['local_settings', 'local'])} import *  # noqa: F401,F403`, 'except ImportError:', '    pass'];
    case 1:
      return [`MIDDLEWARE_CLASSES = ${pyLiteral(list(STANDARD_MIDDLEWARE.map((m) => str(m))))}`];
    case 2:
      return [rng.pick(['debug = True', "secret_key = ''", 'allowed_hosts = []', "x_frame_options = 'SAMEORIGIN'"])];
    case 3:
      return ['def _local_only():', '    SECURE_SSL_REDIRECT = False', '    DEBUG = True', '    return SECURE_SSL_REDIRECT, DEBUG'];
    default:
      return ['class LocalConfig:', '    DEBUG = True', "    MIDDLEWARE = []", "    SECRET_KEY = ''"];
  }
}

/** A trailing comment on some one-line statements, as real settings have. */
function withComments(w: ModuleWriter, lines: string[]): string[] {
  return lines.map((l) => (/^[A-Z_]+( |:).*[^:\n]$/.test(l) && !l.includes('\n') && w.rng.chance(0.1) ? `${l}  # ${w.rng.pick(['noqa', 'set by ops', 'TODO: review'])}` : l));
}

/** `A = B = expr` for settings with equal scalar values, or `A, B = x, y`. */
function writeGroup(w: ModuleWriter, names: string[], values: PyValue[]): Chunk {
  const { rng } = w;
  const allEqual = values.every((x) => pyEquals(x, values[0]));
  if (allEqual && rng.chance(0.6)) {
    const e = w.expr(names[0], values[0]);
    return { phase: 2, lines: [...w.takeSetup(), `${names.join(' = ')} = ${e.text}`] };
  }
  const exprs = names.map((n, i) => w.expr(n, values[i]).text);
  const setup = w.takeSetup();
  const style = rng.int(3);
  if (style === 0) return { phase: 2, lines: [...setup, `${names.join(', ')} = ${exprs.join(', ')}`] };
  if (style === 1) return { phase: 2, lines: [...setup, `(${names.join(', ')}) = (${exprs.join(', ')})`] };
  return { phase: 2, lines: [...setup, `[${names.join(', ')}] = [${exprs.join(', ')}]`] };
}

export function generateModule(seed: number, index: number): GeneratedModule {
  const rng = new Rng(mixSeed(seed, index));
  const w = new ModuleWriter(rng);
  const chunks: Chunk[] = [];
  const pending: { name: string; value: PyValue }[] = [];

  for (const setting of SETTINGS) {
    const value = setting.value(rng);
    if (!rng.chance(setting.name === 'MIDDLEWARE' ? 0.85 : setting.name === 'CSRF_TRUSTED_ORIGINS' ? 0.3 : 0.7)) {
      chunks.push(...writeUnassigned(w, setting.name, value));
      continue;
    }
    if (setting.name === 'DEBUG') {
      const e = rng.chance(0.6) ? { text: pyLiteral(value), env: false } : w.expr('DEBUG', value);
      chunks.push({ phase: 0, lines: [...w.takeSetup(), `DEBUG = ${e.text}`] });
      w.debug = { value, env: e.env };
      continue;
    }
    pending.push({ name: setting.name, value });
  }
  // some scalar settings are written together
  const scalars = pending.filter((p) => p.value.k !== 'list' && p.value.k !== 'set');
  const grouped = new Set<string>();
  for (let n = rng.int(3); n > 0 && scalars.length >= 2; n--) {
    const a = scalars.splice(rng.int(scalars.length), 1)[0];
    const b = scalars.splice(rng.int(scalars.length), 1)[0];
    // boolean settings often share a value: make some equal so chains appear
    if (BOOLISH.has(a.name) && BOOLISH.has(b.name) && rng.chance(0.5)) b.value = a.value;
    chunks.push(writeGroup(w, [a.name, b.name], [a.value, b.value]));
    grouped.add(a.name).add(b.name);
  }
  for (const p of pending) if (!grouped.has(p.name)) chunks.push(...writeSetting(w, p.name, p.value));
  for (let n = rng.int(3); n > 0; n--) chunks.push({ phase: rng.chance(0.5) ? 1 : 2, lines: noise(w) });

  const body: string[] = [];
  for (const phase of [0, 1, 2] as const) {
    for (const chunk of rng.shuffle(chunks.filter((c) => c.phase === phase))) body.push(...withComments(w, chunk.lines));
  }
  if (rng.chance(0.2)) return splitSettings(w, seed, index, body);
  return { seed, index, source: header(w).concat(body).join('\n') + '\n', env: deployedEnv(w) };
}

/**
 * Split settings: base.py has the imports and the first statements, production.py star-imports it
 * and goes on. Names the production part uses (os, env, helpers, DEBUG) come through the star import,
 * or are imported again, as real projects do.
 */
function splitSettings(w: ModuleWriter, seed: number, index: number, body: string[]): GeneratedModule {
  const { rng } = w;
  // cut before a top-level statement (not inside a block, a multi-line list or an if/else)
  const cuts = body.map((_, i) => i).filter((i) => /^[A-Za-z_([]/.test(body[i]) && !/^(else|elif|except|finally)\b/.test(body[i]));
  const cut = cuts.length > 0 ? rng.pick(cuts) : body.length;
  const base = header(w).concat(body.slice(0, cut)).join('\n') + '\n';
  const reimports: string[] = [];
  if (w.imports.has('os') && rng.chance(0.5)) reimports.push('import os');
  if (w.imports.has('environ') && rng.chance(0.5)) reimports.push('from .base import env  # noqa: F401');
  const production = [
    "'''Production settings: the base, then overrides.'''",
    rng.pick(['from .base import *  # noqa: F401,F403', 'from .base import *']),
    ...reimports,
    '',
    ...body.slice(cut),
  ].join('\n') + '\n';
  const files = { 'base.py': base, 'production.py': production };
  return { seed, index, source: `# ---- base.py ----\n${base}# ---- production.py ----\n${production}`, files, env: deployedEnv(w) };
}

function header(w: ModuleWriter): string[] {
  const lines = ['"""Generated by test/differential/generate.ts."""'];
  if (w.imports.has('os')) lines.push('import os');
  if (w.imports.has('getenv')) lines.push('from os import getenv');
  if (w.imports.has('environ')) lines.push('import environ');
  if (w.imports.has('decouple')) lines.push('from decouple import Csv, config');
  if (w.imports.has('environ')) lines.push(`env = environ.Env(${w.scheme.join(', ')})`);
  for (const helper of [...w.helpers].sort()) lines.push('', ...HELPERS[helper], '');
  lines.push('');
  return lines;
}

/** A per-module seed from the run's seed and the module's index (splitmix-style mixing). */
function mixSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export function generateBatch(seed: number, count: number): GeneratedModule[] {
  return Array.from({ length: count }, (_, i) => generateModule(seed, i));
}
