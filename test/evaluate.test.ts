// Table-driven tests of the evaluator: expression text → abstract value.
import { describe, expect, it } from 'vitest';
import { evaluateModule, summarize } from './support/model.js';

const PRELUDE = `import os
import environ
from decouple import config, Csv
from environs import Env as EnvironsEnv
import dj_database_url
from distutils.util import strtobool
from pathlib import Path
import copy
env = environ.Env(SCHEMED=(bool, True), SCHEMED_INT=(int, 5))
envs = EnvironsEnv()
`;

async function value(expr: string, env: Record<string, string> = {}, prelude = PRELUDE): Promise<string> {
  const module = await evaluateModule(`${prelude}X = ${expr}\n`, env);
  return summarize(module.ns.get('X'));
}

const table: [string, string, Record<string, string>?][] = [
  // literals
  ['True', 'known True'],
  ['None', 'known None'],
  ['0x1F + 0o7 + 0b1 + 1_000', 'known 1039'],
  ['1.5e3', 'known 1500.0'],
  ['"a" "b" \'c\'', "known 'abc'"],
  ['"tab\\tnew\\nline"', "known 'tab\\tnew\\nline'"],
  ['r"\\d+"', "known '\\\\d+'"],
  ['b"bytes"', "known b'bytes'"],
  ['"\\u00e9\\x41"', "known 'éA'"],
  ['[1, "a", None]', "known [1, 'a', None]"],
  ['(1,)', 'known (1,)'],
  ['{"a": 1, **{"b": 2}}', "known {'a': 1, 'b': 2}"],
  // A repeated key keeps its first place and takes the last value (1 and True are one key).
  ['{"a": 1, "b": 2, "a": 3, **{"b": 4, "c": 5}, 1: "x", True: "y", (1, "t"): 6, (True, "t"): 7}', "known {'a': 3, 'b': 4, 'c': 5, 1: 'y', (1, 't'): 7}"],
  ['{"a": 1, [1]: 2}', 'unknown'],
  // `a | b` and `.update` set b's keys in turn, as a literal does (operators.ts dictSetAll).
  ['{"a": 1, "b": 2, 1: "x"} | {"b": 3, True: "y", "c": 4}', "known {'a': 1, 'b': 3, 1: 'y', 'c': 4}"],
  ['{"a": 1} | {}', "known {'a': 1}"],
  ['{"a": 1} | {[1]: 2}', 'unknown'],
  ['{1, 1, 2}', 'known {1, 2}'],
  ['[*[1, 2], 3]', 'known [1, 2, 3]'],
  // operators
  ['not 0', 'known True'],
  ['1 < 2 <= 2 != 3', 'known True'],
  ['"a" in ("a", "b")', 'known True'],
  ['"x" not in ["a"]', 'known True'],
  ['None is None', 'known True'],
  ['7 // 2, -7 // 2, 7 % -3, 2 ** 10', 'known (3, -4, -2, 1024)'],
  ['7 / 2', 'known 3.5'],
  ['"ab" * 3', "known 'ababab'"],
  ['[0] * 3 + [1]', 'known [0, 0, 0, 1]'],
  ['"%s-%d" % ("a", 3)', "known 'a-3'"],
  ['f"{1}-{\'b\'}"', "known '1-b'"],
  ['"{}/{}".format("a", 2)', "known 'a/2'"],
  ['0 or "" or "x"', "known 'x'"],
  ['1 and 0', 'known 0'],
  ['"y" if 0 else "n"', "known 'n'"],
  ['" A,B ".strip().lower().split(",")', "known ['a', 'b']"],
  ['",".join(["a", "b"])', "known 'a,b'"],
  ['"abc"[1:], "abc"[-1], [1, 2, 3][0]', "known ('bc', 'c', 1)"],
  ['{"k": "v"}["k"]', "known 'v'"],
  ['{"k": "v"}.get("z", "d")', "known 'd'"],
  ['int("42") + int(True)', 'known 43'],
  ['bool(""), bool("False"), str(3), float("1.5")', "known (False, True, '3', 1.5)"],
  ['list("ab"), tuple([1]), len([1, 2])', "known (['a', 'b'], (1,), 2)"],
  ['os.path.join("/srv", "app", "static")', "known '/srv/app/static'"],
  ['str(Path("/srv/app") / "db.sqlite3")', "known '/srv/app/db.sqlite3'"],
  ['Path("/srv/app/settings.py").resolve().parent.parent', "known PosixPath('/srv')"],
  // caps: hostile sizes become unknown instantly
  ['"x" * 10**10', 'unknown'],
  ['2 ** 10**9', 'unknown'],
  ['[0] * 10**9', 'unknown'],
  ['1 << 10**6', 'unknown'],
  // not modelled → unknown, never guessed
  ['load_flag()', 'unknown'],
  ['[x for x in range(3)]', 'unknown'],
  ['lambda: 1', 'unknown'],
  ['undefined_name', 'unknown'],
  ['1 / 0', 'unknown'],
  // os.environ
  ['os.environ.get("DEBUG", "1")', "env[DEBUG] '1'"],
  ['os.getenv("DEBUG")', 'env[DEBUG] None'],
  ['os.environ["DEBUG"]', 'unknown'],
  ['os.environ["DEBUG"]', "env[DEBUG=] 'on'", { DEBUG: 'on' }],
  ['os.getenv("DEBUG", "0") == "1"', 'env[DEBUG] False'],
  ['os.getenv("DEBUG", "0") == "1"', 'env[DEBUG=] True', { DEBUG: '1' }],
  ['os.getenv("DEBUG", "True").lower() in ("true", "1")', 'env[DEBUG] True'],
  ['bool(int(os.getenv("DEBUG", "0")))', 'env[DEBUG] False'],
  ['strtobool(os.getenv("DEBUG", "yes"))', 'env[DEBUG] 1'],
  ['os.environ.get("HOSTS", "a.com,b.com").split(",")', "env[HOSTS] ['a.com', 'b.com']"],
  ['os.environ.get("DEBUG") or "fallback"', "env[DEBUG] 'fallback'"],
  // django-environ: the default is returned as written (not cast)
  ['env.bool("DEBUG", default=True)', 'env[DEBUG] True'],
  ['env.bool("DEBUG", default="False")', "env[DEBUG] 'False'"],
  ['env.bool("DEBUG", default=False)', 'env[DEBUG=] True', { DEBUG: 'on' }],
  ['env.bool("DEBUG", default=False)', 'env[DEBUG=] False', { DEBUG: 'nope' }],
  ['env("SCHEMED")', 'env[SCHEMED] True'],
  ['env("SCHEMED")', 'env[SCHEMED=] False', { SCHEMED: 'false' }],
  ['env.int("N", default=3)', 'env[N=] 7', { N: '7' }],
  ['env("N", default=3)', 'env[N=] 7', { N: '7' }],
  ['env.list("HOSTS", default=["*"])', "env[HOSTS] ['*']"],
  ['env.list("HOSTS", default=[])', "env[HOSTS=] ['a', 'b']", { HOSTS: 'a,b' }],
  ['env.str("SECRET_KEY")', 'unknown'],
  ['env.db("DATABASE_URL", default="postgres://u:p@h:5432/n")["HOST"]', "env[DATABASE_URL] 'h'"],
  ['env.db(default="postgres://u:p@h:5432/n")["PASSWORD"]', "env[DATABASE_URL] 'p'"],
  ['env.read_env()', 'known None'],
  // environs: the second positional argument is the default
  ['envs.bool("DEBUG", True)', 'env[DEBUG] True'],
  ['envs("NAME", "x")', "env[NAME] 'x'"],
  ['envs.bool("DEBUG", False)', 'env[DEBUG=] True', { DEBUG: 'true' }],
  // python-decouple casts the default too
  ['config("DEBUG", default="False", cast=bool)', 'env[DEBUG] False'],
  ['config("DEBUG", default=True, cast=bool)', 'env[DEBUG] True'],
  ['config("DEBUG", default="maybe", cast=bool)', 'unknown'],
  ['config("DEBUG", cast=bool)', 'env[DEBUG=] True', { DEBUG: 't' }],
  ['config("HOSTS", default="a, b", cast=Csv())', "env[HOSTS] ['a', 'b']"],
  ['config("PORT", default="5432", cast=int)', 'env[PORT] 5432'],
  // dj-database-url
  ['dj_database_url.config(default="mysql://u:p@10.0.0.5/db")["ENGINE"]', "env[DATABASE_URL] 'django.db.backends.mysql'"],
  ['dj_database_url.parse("postgres://u:p@h/db")["NAME"]', "known 'db'"],
  // the default world: membership of os.environ
  ['"DJANGO_SECURE" in os.environ', 'env[DJANGO_SECURE] False'],
  ['"DJANGO_SECURE" not in os.environ', 'env[DJANGO_SECURE] True'],
  ['"DJANGO_SECURE" in os.environ', 'env[DJANGO_SECURE=] True', { DJANGO_SECURE: '' }],
  ['os.environ.__contains__("K")', 'env[K] False'],
  ['"K" in os.environ.keys()', 'env[K] False'],
  // comprehensions and generators, over anything the model enumerates
  ['[h.strip() for h in os.environ.get("HOSTS", "a.com, b.com").split(",") if h.strip()]', "env[HOSTS] ['a.com', 'b.com']"],
  ['[h for h in os.environ.get("HOSTS", "").split(",") if h]', 'env[HOSTS] []'],
  ['[m for m in ["a", "b", "c"] if m not in ["b"]]', "known ['a', 'c']"],
  ['{k: v for k, v in [("a", 1), ("b", 2)]}', "known {'a': 1, 'b': 2}"],
  ['{x * 2 for x in [1, 2, 2]}', 'known {2, 4}'],
  ['[(x, y) for x in [1, 2] for y in ["a"]]', "known [(1, 'a'), (2, 'a')]"],
  ['list(x for x in ["a", "b"])', "known ['a', 'b']"],
  ['tuple(x.upper() for x in ["a"])', "known ('A',)"],
  ['",".join(x for x in ["a", "b"])', "known 'a,b'"],
  ['any(x == "b" for x in ["a", "b"])', 'known True'],
  ['all(x for x in [1, 0])', 'known False'],
  ['[x for x in UNKNOWN_THING]', 'unknown'],
  ['[x for x in ["a"] if some_call(x)]', 'unknown'],
  // getattr, copies, merges
  ['getattr(env, "bool")("SCHEMED")', 'env[SCHEMED] True'],
  ['getattr(os, "sep", "/")', 'unknown'],
  ['copy.deepcopy({"a": [1]})', "known {'a': [1]}"],
  ['list(["x"]) + ["y"]', "known ['x', 'y']"],
  ['dict({"a": 1}, **{"b": 2})', "known {'a': 1, 'b': 2}"],
  ['{**{"a": 1}, **{"a": 2, "b": 3}}', "known {'a': 2, 'b': 3}"],
];

describe('evaluator', () => {
  it.each(table)('%s → %s', async (expr, expected, env) => {
    expect(await value(expr, env ?? {})).toBe(expected);
  });

  it('returns unknown on a 10,000-deep expression instead of crashing', async () => {
    expect(await value('('.repeat(10_000) + '1' + ')'.repeat(10_000))).toBe('unknown');
    expect(await value('1' + ' + 1'.repeat(10_000))).toBe('unknown');
    // Containers keep what they know; the part past the depth bound is unknown.
    const deep = await evaluateModule('X = ' + '{"a": '.repeat(3000) + '1' + '}'.repeat(3000) + '\n');
    let v = deep.ns.get('X')!;
    let levels = 0;
    while (v.kind === 'known' && typeof v.py === 'object' && v.py !== null && v.py.t === 'dict') {
      v = v.py.entries[0].value;
      levels++;
    }
    expect(v.kind).toBe('unknown');
    expect(levels).toBeLessThan(200);
    expect(await value('not '.repeat(10_000) + 'True')).toBe('unknown');
  });

  it('evaluates small helper functions by substitution', async () => {
    const prelude = `${PRELUDE}
def env_bool(name, default=False):
    return os.environ.get(name, str(default)).lower() in ("1", "true")

def get_list(name, default=""):
    value = os.environ.get(name)
    if value is None:
        return default.split(",") if default else []
    return value.split(",")

def recursive(n):
    return recursive(n)
`;
    expect(await value('env_bool("DEBUG", True)', {}, prelude)).toBe('env[DEBUG] True');
    expect(await value('env_bool("DEBUG")', {}, prelude)).toBe('env[DEBUG] False');
    expect(await value('env_bool("DEBUG")', { DEBUG: 'true' }, prelude)).toBe('env[DEBUG=] True');
    expect(await value('get_list("HOSTS", "*")', {}, prelude)).toBe("env[HOSTS] ['*']");
    expect(await value('get_list("HOSTS", "*")', { HOSTS: 'a.com' }, prelude)).toBe("env[HOSTS=] ['a.com']");
    expect(await value('recursive(1)', {}, prelude)).toBe('unknown');
  });
});
