import { djangoDefault } from '../src/rule-kit/django-defaults.js';
import { dictGet } from '../src/model/operators.js';
import type { Py, Value } from '../src/model/values.js';
import { isConcrete } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { judge, seqItems, show, sourceClause, stringItems } from '../src/rule-kit/rule-helpers.js';

const AUTH_APPS = new Set(['django.contrib.auth', 'django.contrib.auth.apps.AuthConfig']);
const MINIMUM_LENGTH_VALIDATOR = 'django.contrib.auth.password_validation.MinimumLengthValidator';
/** MinimumLengthValidator's own default, and the floor this rule asks for. */
const SAFE_MIN_LENGTH = 8;

function isEmptySequence(py: Py): boolean | undefined {
  const items = seqItems(py);
  return items ? items.length === 0 : undefined;
}

function withoutAuthApp(py: Py): boolean | undefined {
  const apps = stringItems(py);
  return apps ? !apps.some((app) => AUTH_APPS.has(app)) : undefined;
}

function isShort(py: Py): boolean | undefined {
  if (typeof py === 'bigint') return py < BigInt(SAFE_MIN_LENGTH);
  if (typeof py === 'number') return py < SAFE_MIN_LENGTH;
  return undefined;
}

/** A known string-keyed entry of a dict value; undefined when missing or not known. */
function entry(value: Value | undefined, key: string): Value | undefined {
  if (!value || !isConcrete(value) || typeof value.py !== 'object' || value.py === null || value.py.t !== 'dict') return undefined;
  const found = dictGet(value.py, key);
  return found === 'missing' ? undefined : found;
}

/**
 * The min_length values of every MinimumLengthValidator in a validator list; a validator with no
 * OPTIONS.min_length uses its safe default of 8 and yields no value.
 */
function minLengths(py: Py): { validators: number; values: Value[] } {
  let validators = 0;
  const values: Value[] = [];
  for (const item of seqItems(py) ?? []) {
    const name = entry(item, 'NAME');
    if (!name || !isConcrete(name) || name.py !== MINIMUM_LENGTH_VALIDATOR) continue;
    validators++;
    const minLength = entry(entry(item, 'OPTIONS'), 'min_length');
    if (minLength) values.push(minLength);
  }
  return { validators, values };
}

/** The short min_length Django enforces, when every MinimumLengthValidator is set below 8. */
function shortMinLength(py: Py): Value | undefined {
  const { validators, values } = minLengths(py);
  // Django applies every validator: one with a safe (or unknown) length is enough.
  if (validators === 0 || values.length !== validators) return undefined;
  const verdicts = values.map((v) => judge(v, isShort));
  return verdicts.every((v) => v !== undefined) ? verdicts[0]!.value : undefined;
}

export default defineRule({
  code: 'DJS602',
  name: 'password-validators-missing',
  level: 'warning',
  meta: {
    summary: 'AUTH_PASSWORD_VALIDATORS is empty or unset, or MinimumLengthValidator allows fewer than 8 characters',
    description:
      "Without password validators Django accepts any password, even a single character or 'password'. A MinimumLengthValidator set below 8 characters leaves accounts open to guessing and credential stuffing.",
    cwe: ['CWE-521'],
    securitySeverity: '5.3',
    precision: 'high',
    messages: {
      missing:
        "AUTH_PASSWORD_VALIDATORS is not set: Django's default is an empty list, so users (admins included) may choose any password, even 'a' or 'password'. Set AUTH_PASSWORD_VALIDATORS to Django's four validators: UserAttributeSimilarityValidator, MinimumLengthValidator, CommonPasswordValidator and NumericPasswordValidator.",
      empty:
        'AUTH_PASSWORD_VALIDATORS is empty{{source}}: users (admins included) may choose any password. List Django\'s four validators: UserAttributeSimilarityValidator, MinimumLengthValidator, CommonPasswordValidator and NumericPasswordValidator.',
      short:
        'MinimumLengthValidator accepts passwords of {{value}} characters{{source}}: short passwords fall to guessing and credential stuffing. Set OPTIONS {"min_length": 8} or more (12 or more for staff accounts), or drop OPTIONS to use the default of 8.',
    },
    docs: `
## What it does
Flags production settings where \`AUTH_PASSWORD_VALIDATORS\` is unset or empty (Django's
default is an empty list), or where \`MinimumLengthValidator\` is configured with
\`OPTIONS["min_length"]\` below 8. An unset setting is reported at line 1 of the entry module.
Projects whose \`INSTALLED_APPS\` leaves out \`django.contrib.auth\` are not judged.

## Why is this bad?
Password validators are the only thing standing between Django's user creation, password change
and reset forms and passwords like \`a\`, \`123456\` or the user's own name. \`django-admin
startproject\` writes the four validators into new settings; deleting them, or lowering
\`min_length\` below 8, lets users pick passwords that online guessing and credential-stuffing
lists break quickly. A validator list without \`MinimumLengthValidator\` is not reported: custom
strength validators (zxcvbn and the like) are judged by their authors.

## Example
\`\`\`python
AUTH_PASSWORD_VALIDATORS = []
\`\`\`

Use instead:
\`\`\`python
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
\`\`\`
`,
  },
  check(ctx) {
    // A project without django.contrib.auth has no passwords to validate.
    if (judge(ctx.get('INSTALLED_APPS'), withoutAuthApp)) return;
    const validators = ctx.getOrDefault('AUTH_PASSWORD_VALIDATORS');
    const empty = judge(validators, isEmptySequence, djangoDefault('AUTH_PASSWORD_VALIDATORS'));
    if (empty) {
      // Django's default has no origin: the finding lands on line 1 of the entry.
      if (ctx.get('AUTH_PASSWORD_VALIDATORS') === undefined) ctx.report({ messageId: 'missing' });
      else ctx.report({ messageId: 'empty', value: empty.value, data: { source: sourceClause(empty.value) } });
      return;
    }
    const verdict = judge(validators, (py) => shortMinLength(py) !== undefined);
    if (!verdict) return;
    const short = shortMinLength(verdict.option.py)!;
    const shown = judge(short, isShort)!.option.py;
    // Inside one list, point at min_length itself; across branches, at the validator lists.
    const at = verdict.value.kind === 'oneOf' ? verdict.value : short;
    ctx.report({ messageId: 'short', value: at, data: { value: show(shown), source: sourceClause(at) } });
  },
});

