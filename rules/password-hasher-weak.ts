import type { Concrete, Py } from '../src/model/values.js';
import { isConcrete } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { judge, seqItems, show, sourceClause } from '../src/rule-kit/rule-helpers.js';

// Django hashes new and changed passwords with the FIRST hasher only; later entries just verify
// (and upgrade) old hashes, so a weak hasher further down the list is fine.
const WEAK_HASHERS: Readonly<Record<string, string>> = {
  'django.contrib.auth.hashers.MD5PasswordHasher': 'a single round of salted MD5',
  'django.contrib.auth.hashers.SHA1PasswordHasher': 'a single round of salted SHA-1',
  'django.contrib.auth.hashers.UnsaltedMD5PasswordHasher': 'unsalted MD5',
  'django.contrib.auth.hashers.UnsaltedSHA1PasswordHasher': 'unsalted SHA-1',
  'django.contrib.auth.hashers.CryptPasswordHasher': 'crypt(3) (DES, 8 significant characters)',
};

/** The first entry of a PASSWORD_HASHERS list, when it is a known string. */
function firstHasher(py: Py): { name: string; item: Concrete } | undefined {
  const first = seqItems(py)?.[0];
  if (!first || !isConcrete(first) || typeof first.py !== 'string') return undefined;
  return { name: first.py, item: first };
}

export default defineRule({
  code: 'DJS601',
  name: 'password-hasher-weak',
  level: 'error',
  meta: {
    summary: 'The first PASSWORD_HASHERS entry is a fast, weak hash (MD5, SHA-1, unsalted, crypt)',
    description:
      'Django stores every new or changed password with the first hasher in PASSWORD_HASHERS. MD5, SHA-1, the unsalted variants and crypt are fast hashes: a leaked user table can be cracked at billions of guesses per second.',
    cwe: ['CWE-916'],
    securitySeverity: '7.5',
    precision: 'very-high',
    messages: {
      weak: 'PASSWORD_HASHERS starts with {{hasher}}{{source}}: Django stores every new or changed password with {{algorithm}}, which a leaked user table cracks at billions of guesses per second. Put "django.contrib.auth.hashers.PBKDF2PasswordHasher" (or Argon2PasswordHasher) first, or delete PASSWORD_HASHERS to use Django\'s default; a weak hasher may stay later in the list only to upgrade old hashes.',
    },
    docs: `
## What it does
Flags production settings whose first \`PASSWORD_HASHERS\` entry is
\`MD5PasswordHasher\`, \`SHA1PasswordHasher\`, \`UnsaltedMD5PasswordHasher\`,
\`UnsaltedSHA1PasswordHasher\` or \`CryptPasswordHasher\` (from \`django.contrib.auth.hashers\`).
An unset \`PASSWORD_HASHERS\` uses Django's default (PBKDF2) and is fine.

## Why is this bad?
Django hashes every new or changed password with the *first* hasher in the list. MD5 and SHA-1
are designed to be fast: one GPU tests billions of candidates per second, so most passwords in
a leaked user table are recovered within hours. The unsalted variants also let identical
passwords share a hash and be looked up in precomputed tables; crypt uses DES and ignores all but
the first 8 characters. Weak hashers later in the list are harmless: Django only uses them to
check existing hashes, then re-hashes the password with the first hasher at the next login.
Test settings often put MD5 first for speed; that is fine there, never in production.

## Example
\`\`\`python
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
\`\`\`

Use instead:
\`\`\`python
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.MD5PasswordHasher",  # only to upgrade legacy hashes
]
\`\`\`
`,
  },
  check(ctx) {
    const hashers = ctx.get('PASSWORD_HASHERS');
    const verdict = judge(hashers, (py) => {
      const first = firstHasher(py);
      return first ? first.name in WEAK_HASHERS : undefined;
    });
    if (!verdict) return;
    const first = firstHasher(verdict.option.py)!;
    ctx.report({
      messageId: 'weak',
      value: verdict.value,
      // Point at the offending entry itself, unless the list differs between branches.
      origin: verdict.value.kind === 'oneOf' ? undefined : first.item.origin,
      data: { hasher: show(first.name), algorithm: WEAK_HASHERS[first.name], source: sourceClause(verdict.value) },
    });
  },
});
