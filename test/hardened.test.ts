// fixtures/hardened/ is the production layout djsec recommends (split settings, django-environ,
// secrets from SSM, HSTS, secure cookies, TLS to RDS and ElastiCache, private S3 uploads).
// Every registered rule must stay silent on it at error and warning level; notes are advice and
// allowed. When a new rule fires here, either the fixture is not truly hardened (fix the fixture)
// or the rule is wrong (fix the rule). The canaries below keep the test honest: weakening one
// line must make the matching rule fire, so silence cannot come from values the model gave up on.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { discover } from '../src/project/discover.js';
import type { LintResult } from '../src/lint/lint.js';
import { lintFiles } from '../src/lint/lint.js';
import { getParser } from '../src/model/parse.js';
import type { Rule } from '../src/rule-kit/rule.js';
import { lintFolder, repoRoot } from './support/lint.js';

const root = join(repoRoot, 'fixtures', 'hardened');
const settingsDir = 'fixtures/hardened/config/settings';
const production = join(root, 'config', 'settings', 'production.py');
const base = join(root, 'config', 'settings', 'base.py');

/** Values a deployment sets (the variables production.py requires, with no default). */
const deployedEnv = new Map([
  ['DJANGO_ALLOWED_HOSTS', 'shop.example.com,admin.shop.example.com'],
  ['DB_HOST', 'shop.c9akciq32wpf.eu-west-1.rds.amazonaws.com'],
  ['SES_SMTP_USER', 'ses-smtp-user.shop'],
]);

const loud = (result: LintResult) =>
  result.findings.filter((f) => f.level !== 'note').map((f) => `${f.code} ${f.name} ${f.file}:${f.line} ${f.message}`);

/** Lints the fixture with one file's text replaced, as the CLI would (discovery, roles and all). */
async function lintWithEdit(file: string, search: string, replacement: string): Promise<LintResult> {
  const text = readFileSync(file, 'utf8');
  expect(text, `${file} contains ${search}`).toContain(search);
  const parser = await getParser();
  return lintFiles(discover([root], repoRoot).candidates, parser, {
    cwd: repoRoot,
    rules,
    overrides: new Map([[file, text.replace(search, replacement)]]),
  });
}

describe('hardened production fixture', () => {
  it('is judged as one production entry; local.py is skipped as development', async () => {
    const result = await lintFolder(root, rules);
    expect(result.errors).toEqual([]);
    expect(result.entries).toEqual([`${settingsDir}/production.py`]);
    expect(result.skipped.map((s) => s.file)).toEqual([`${settingsDir}/local.py`]);
  });

  it(`yields no error or warning from any of the ${rules.length} registered rules`, async () => {
    expect(loud(await lintFolder(root, rules))).toEqual([]);
  });

  it('yields no error or warning as deployed (required variables set)', async () => {
    expect(loud(await lintFolder(root, rules, { env: deployedEnv }))).toEqual([]);
  });

  it('is understood by the model: the hardening settings are evaluated, not unknown', async () => {
    const result = await lintFolder(root, rules);
    const settings = result.evaluations.get(production)!.ns;
    const names = [
      'DEBUG', 'MIDDLEWARE', 'INSTALLED_APPS', 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS',
      'SECURE_HSTS_PRELOAD', 'SECURE_PROXY_SSL_HEADER', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'CSRF_TRUSTED_ORIGINS',
      'CORS_ALLOWED_ORIGINS', 'AUTH_PASSWORD_VALIDATORS', 'DATABASES', 'CACHES', 'CELERY_BROKER_URL', 'AWS_DEFAULT_ACL',
      'AWS_S3_OBJECT_PARAMETERS', 'STORAGES', 'EMAIL_USE_TLS',
    ];
    const notEvaluated = names.filter((n) => !['known', 'env'].includes(settings.get(n)?.kind ?? 'missing'));
    expect(notEvaluated).toEqual([]);
    // Secrets come from SSM at run time: unknown by design, never guessed at.
    expect(settings.get('SECRET_KEY')?.kind).toBe('unknown');
  });

  // Each canary weakens one line; the rule for it must then fire (when it is registered).
  const canaries: { code: string; file: string; search: string; replacement: string }[] = [
    { code: 'DJS101', file: production, search: 'DEBUG = False', replacement: 'DEBUG = True' },
    { code: 'DJS302', file: production, search: 'SECURE_SSL_REDIRECT = True', replacement: 'SECURE_SSL_REDIRECT = False' },
    { code: 'DJS303', file: production, search: 'SECURE_HSTS_SECONDS = 31536000', replacement: 'SECURE_HSTS_SECONDS = 0' },
    { code: 'DJS304', file: production, search: 'SECURE_HSTS_INCLUDE_SUBDOMAINS = True', replacement: 'SECURE_HSTS_INCLUDE_SUBDOMAINS = False' },
    { code: 'DJS305', file: production, search: 'SECURE_HSTS_PRELOAD = True', replacement: 'SECURE_HSTS_PRELOAD = False' },
    { code: 'DJS401', file: production, search: 'SESSION_COOKIE_SECURE = True', replacement: 'SESSION_COOKIE_SECURE = False' },
    { code: 'DJS403', file: production, search: 'CSRF_COOKIE_SECURE = True', replacement: 'CSRF_COOKIE_SECURE = False' },
    { code: 'DJS502', file: production, search: 'env.list("DJANGO_ALLOWED_HOSTS")', replacement: 'env.list("DJANGO_ALLOWED_HOSTS", default=["*"])' },
    { code: 'DJS505', file: production, search: 'CORS_ALLOWED_ORIGINS = ["https://app.shop.example.com"]', replacement: 'CORS_ALLOW_ALL_ORIGINS = True' },
    { code: 'DJS601', file: base, search: '# PASSWORD_HASHERS is left unset', replacement: 'PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  #' },
    { code: 'DJS602', file: base, search: '"OPTIONS": {"min_length": 12}', replacement: '"OPTIONS": {"min_length": 6}' },
    { code: 'DJS701', file: production, search: '"HOST": env("DB_HOST")', replacement: '"HOST": env("DB_HOST", default="52.14.201.7")' },
    { code: 'DJS703', file: production, search: 'REDIS_URL = f"rediss://', replacement: 'REDIS_URL = f"redis://' },
    { code: 'DJS704', file: production, search: 'AWS_DEFAULT_ACL = None', replacement: 'AWS_DEFAULT_ACL = "public-read"' },
  ];
  const registered = new Set((rules as readonly Rule[]).map((r) => r.code));
  const active = canaries.filter((c) => registered.has(c.code));
  it.each(active.map((c) => [c.code, c] as const))('canary: weakening the fixture makes %s fire', async (code, c) => {
    const result = await lintWithEdit(c.file, c.search, c.replacement);
    expect(result.findings.map((f) => f.code)).toContain(code);
  });
});
