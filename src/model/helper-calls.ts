// Helper functions defined in the settings package, called by substitution: parameters bound to
// the call's arguments, then a short body of local assignments, if/elif/else and return is run.
// Loops, side effects and long bodies are unknown. The expression evaluator is passed in (it
// calls back here for `func` values), so this file does not import it.
import type { SyntaxNode } from './parse.js';
import type { EnvSource, Origin, PyFunc, Value } from './values.js';
import { known, oneOf, truthy, unknown } from './values.js';
import type { CallArgs, Scope } from './scope.js';
import { withEnvOf } from './lift.js';
import { chosenByBranch, decide } from './branch-state.js';
import { ifBranches, namedChildren, originOf } from './syntax.js';

export type Evaluate = (node: SyntaxNode, scope: Scope, depth: number) => Value;

export const MAX_CALL_DEPTH = 8;

/** Calls a small helper defined in the settings package, by substitution. */
export function callFunction(fn: PyFunc, args: CallArgs, scope: Scope, depth: number, origin: Origin, evaluate: Evaluate): Value {
  if (scope.callDepth >= MAX_CALL_DEPTH) return unknown(`call depth limit reached in ${fn.name}()`, origin);
  const locals = new Map<string, Value>();
  const frame: Frame = { locals, paths: 1, skipped: [] };
  let pos = 0;
  for (const param of fn.params) {
    if (param.star) return unknown(`${fn.name}() takes *args/**kwargs`, origin);
    const byKeyword = args.keywords.get(param.name);
    const value = pos < args.positional.length ? args.positional[pos++] : byKeyword ?? param.default;
    if (value === undefined) return unknown(`missing argument ${param.name} to ${fn.name}()`, origin);
    locals.set(param.name, value);
  }
  if (pos < args.positional.length) return unknown(`too many arguments to ${fn.name}()`, origin);
  const inner: Scope = {
    file: fn.file,
    poisoned: scope.poisoned,
    session: scope.session,
    callDepth: scope.callDepth + 1,
    lookup: (name) => frame.locals.get(name) ?? fn.lookupGlobal(name),
    onEnvWrite: scope.onEnvWrite,
    onBind: (name, value) => frame.locals.set(name, value),
    onLibraryCall: scope.onLibraryCall,
  };
  const body = fn.node.childForFieldName('body');
  if (!body) return unknown(`empty function ${fn.name}()`, origin);
  let result = runBody(namedChildren(body), inner, frame, depth, 0, evaluate) ?? known(null, origin);
  // `if name in os.environ:` skipped in the default world: what the helper returns depends on it.
  for (const s of frame.skipped) result = chosenByBranch(result, s.env, s.at);
  // Findings point at the call, where the arguments (often the insecure default) are written.
  return relocate(result, origin);
}

function relocate(v: Value, origin: Origin): Value {
  if (v.kind === 'oneOf') return { ...v, options: v.options.map((o) => relocate(o, origin)), origin };
  return v.kind === 'unassigned' ? v : { ...v, origin };
}

const MAX_HELPER_STATEMENTS = 12;

/**
 * Runs the statements of a helper body: assignments to local names, if/elif/else and return.
 * Returns the returned value, or undefined if the body falls off the end (None).
 */
/** A helper call's local names (replaced per path when an undecidable `if` forks it) and its path count. */
interface Frame {
  locals: Map<string, Value>;
  paths: number;
  /** The ifs the default world skipped whole (every test false because a variable is unset). */
  skipped: { env: EnvSource[]; at: Origin }[];
}

/** Paths through one helper call before it is unknown (each undecidable `if` forks one). */
const MAX_HELPER_PATHS = 16;

function runBody(statements: SyntaxNode[], scope: Scope, frame: Frame, depth: number, count: number, evaluate: Evaluate): Value | undefined {
  for (const [i, stmt] of statements.entries()) {
    if (count + i > MAX_HELPER_STATEMENTS) return unknown('helper function too long to evaluate');
    const origin = originOf(stmt, scope.file);
    if (stmt.type === 'return_statement') {
      const expr = namedChildren(stmt)[0];
      return expr ? evaluate(expr, scope, depth + 1) : known(null, origin);
    }
    if (stmt.type === 'pass_statement') continue;
    if (stmt.type === 'expression_statement') {
      const expr = namedChildren(stmt)[0];
      if (!expr || expr.type === 'string') continue;
      if (expr.type === 'assignment') {
        const left = expr.childForFieldName('left');
        const right = expr.childForFieldName('right');
        if (left?.type !== 'identifier' || !right) return unknown('helper assigns something other than a local name', origin);
        frame.locals.set(left.text, evaluate(right, scope, depth + 1));
        continue;
      }
      return unknown('helper has side effects', origin);
    }
    if (stmt.type === 'if_statement') {
      const branches = ifBranches(stmt);
      let taken: SyntaxNode[] | undefined;
      const possible: SyntaxNode[][] = [];
      const deciding: Value[] = [];
      let exhaustive = false;
      for (const branch of branches) {
        const cond = branch.condition ? evaluate(branch.condition, scope, depth + 1) : known(true);
        const t = truthy(cond);
        deciding.push(cond);
        if (t === true && possible.length === 0) {
          taken = branch.body;
          break;
        }
        if (t === false) continue;
        possible.push(branch.body);
        if (t === true) {
          exhaustive = true;
          break;
        }
      }
      if (taken) {
        const r = runBody(taken, scope, frame, depth, count + i, evaluate);
        // A return chosen by an env-dependent test depends on that variable too.
        if (r !== undefined) return deciding.reduce((acc, c) => withEnvOf(acc, c), r);
        continue;
      }
      if (possible.length === 0) {
        const env = deciding.flatMap((c) => decide(c).env);
        if (env.length > 0) frame.skipped.push({ env, at: origin });
        continue;
      }
      // Undecidable (a file that may exist, a call not modelled): each possible path runs on its
      // own locals and the helper returns one of their results, so a default in one is still seen.
      const alternatives = exhaustive ? possible : [...possible, []];
      if (frame.paths + alternatives.length - 1 > MAX_HELPER_PATHS) return unknown('helper has too many undecidable branches', origin);
      frame.paths += alternatives.length - 1;
      const rest = statements.slice(i + 1);
      const saved = frame.locals;
      const savedSkipped = frame.skipped;
      const results: Value[] = [];
      try {
        for (const body of alternatives) {
          frame.locals = new Map(saved);
          frame.skipped = [];
          let r = runBody([...body, ...rest], scope, frame, depth, count + i, evaluate) ?? known(null, origin);
          // Each path's own skipped ifs; the ones before the fork stay in the frame for all.
          for (const s of frame.skipped) r = chosenByBranch(r, s.env, s.at);
          results.push(r);
        }
      } finally {
        frame.locals = saved;
        frame.skipped = savedSkipped;
      }
      return oneOf(results, origin);
    }
    return unknown(`helper uses ${stmt.type.replace(/_/g, ' ')}`, origin);
  }
  return undefined;
}
