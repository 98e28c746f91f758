// No output ever contains a whole secret. Distinct secrets are planted in every credential
// setting (literals, env defaults, URL passwords, deployed values, branches), every registered
// rule lints them, and neither a finding message nor the JSON, SARIF or GitHub output may
// contain any planted secret whole. Rules print masks such as 'k3$9…' (64 chars).
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { formatGithub } from '../src/report/github.js';
import { formatJson } from '../src/report/json.js';
import { formatText } from '../src/report/text.js';
import { formatSarif } from '../src/report/sarif.js';
import type { LintResult } from '../src/lint/lint.js';
import { lintSource } from './support/lint.js';

/** Each planted secret is unique, so any occurrence in the output is a leak. */
const S = {
  secretKey: 'Kx9$mQ2!vL7@wR4#tY8^pN3&zB6*cF1(hJ5)dG0-sA_eU+iO=qW~rT[yE]uI{oP}',
  secretKeyBytes: 'Wk4!short-key-9qZ',
  secretKeyInsecure: 'django-insecure-Vb7#mN2$kL9@qR4!wT8^yU3&iO6*pA1(sD5)fG0-hJ',
  secretKeyEnvDefault: 'Ed3$fallback-Rq8!Zm5@Lp2#Wn7^Tk4&Yb9*Hc6(Gv1)Js0-Xd_Fa+Qe=Nr~Mt',
  secretKeyDeployed: 'Dp5!deployed-short',
  fallbackShort: 'Fb2#old-Xy7!Qw',
  fallbackLong: 'Fl8$rotated-Mv3!Nb6@Cx1#Zq9^Lk4&Wj7*Ph2(Gt5)Rs0-Ud_Ye+Ia=Ko~Ew',
  fallbackEnv: 'Fe6!env-old-Tz1#Wq',
  dbPassword: 'Db1!pa55-Qz7#Wx',
  dbPasswordEnv: 'De4$pa55-Rt8!Yk',
  dbUrlPassword: 'Du7~url-Mn2!Bv',
  djDbUrlPassword: 'Dj3!url-Lp6~Kq',
  dbUrlSetting: 'Ds5$url-Hg1!Fw',
  dbUrlDeployed: 'Dd9!deployed-Cx2~Vb',
  celeryPassword: 'Ce2!broker-Pz5~Ql',
  brokerPassword: 'Br8$broker-Nm4!Xs',
  cachePassword: 'Ca4~cache-Jk9!Wd',
  cacheEnvPassword: 'Cv1!cache-Ty6~Ub',
  sentryPassword: 'Se6!sentry-Qa3~Zx',
  emailPassword: 'Em3!smtp-Lo8#Pk',
  emailEnvPassword: 'Ee7$smtp-Ik2!Uj',
  emailUrlPassword: 'Eu5~smtp-Yh4!Tg',
  awsKeyId: 'AKIAQ3EGH7TNV2XYZ5AB',
  awsS3KeyId: 'AKIAZ7MQWRT2YUIOPL3K',
  awsKeyIdEnv: 'ASIAW4ERT5YUI6OPA7SD',
  awsKeyIdShaped: 'AKIAK2JHG3FDS4AQW5ER',
  awsSecret: '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',
  awsS3Secret: 'bT4ds4e/Lr8Xn3Ay0Mq5Su9Zw2Oc7Id6Hg1Ke4Ft',
  awsSecretEnv: 'cU5et5f/Ms9Yo4Bz1Nr6Tv0Ax3Pd8Je7Ih2Lf5Gu',
  awsSessionToken: 'IQoJb3JpZ2luX2VjEHoaCXVzLWVhc3QtMSJHMEUCIQDx7Tq9',
  branchA: 'Ba1!branch-Wq4#Zx',
  branchB: 'Bb2@branch-Er5$Cv',
} as const;

const MODULES: { name: string; source: string; env?: Record<string, string> }[] = [
  {
    name: 'literals',
    source: `
import dj_database_url
import environ

env = environ.Env()

DEBUG = False
SECRET_KEY = "${S.secretKey}"
SECRET_KEY_FALLBACKS = ["${S.fallbackShort}", "${S.fallbackLong}"]
DATABASES = {
    "default": {"ENGINE": "django.db.backends.postgresql", "NAME": "app", "USER": "app", "PASSWORD": "${S.dbPassword}", "HOST": "203.0.113.10"},
    "replica": env.db("REPLICA_URL", default="postgres://app:${S.dbUrlPassword}@203.0.113.11:5432/app"),
    "other": dj_database_url.config(default="postgres://app:${S.djDbUrlPassword}@db.example.com/app"),
}
CELERY_BROKER_URL = "amqp://celery:${S.celeryPassword}@rabbit.example.com:5672//"
BROKER_URL = "redis://:${S.brokerPassword}@redis.example.com:6379/0"
CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://:${S.cachePassword}@redis.example.com:6379/1"}}
SENTRY_DSN = "https://public:${S.sentryPassword}@sentry.example.com/1"
EMAIL_HOST = "smtp.example.com"
EMAIL_HOST_PASSWORD = "${S.emailPassword}"
AWS_ACCESS_KEY_ID = "${S.awsKeyId}"
AWS_S3_ACCESS_KEY_ID = "${S.awsS3KeyId}"
AWS_SECRET_ACCESS_KEY = "${S.awsSecret}"
AWS_S3_SECRET_ACCESS_KEY = "${S.awsS3Secret}"
AWS_SESSION_TOKEN = "${S.awsSessionToken}"
STORAGES = {"default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"access_key": "${S.awsKeyIdShaped}"}}}
`,
  },
  {
    name: 'env defaults',
    source: `
import os

import environ
from decouple import config

env = environ.Env()

DEBUG = os.environ.get("DJANGO_DEBUG", "False")
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "${S.secretKeyEnvDefault}")
SECRET_KEY_FALLBACKS = [os.environ.get("DJANGO_OLD_KEY", "${S.fallbackEnv}")]
DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "PASSWORD": env("DB_PASSWORD", default="${S.dbPasswordEnv}"), "HOST": "198.51.100.7"}}
DATABASE_URL = env("DATABASE_URL", default="postgres://app:${S.dbUrlSetting}@198.51.100.8/app")
CACHES = {"default": env.cache("REDIS_URL", default="redis://:${S.cacheEnvPassword}@cache.example.com:6379/1")}
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="smtp://mailer:${S.emailUrlPassword}@smtp.example.com:587")
EMAIL_HOST_PASSWORD = config("EMAIL_HOST_PASSWORD", default="${S.emailEnvPassword}")
AWS_ACCESS_KEY_ID = os.getenv("AWS_ACCESS_KEY_ID", "${S.awsKeyIdEnv}")
AWS_SECRET_ACCESS_KEY = env("AWS_SECRET_ACCESS_KEY", default="${S.awsSecretEnv}")
`,
  },
  {
    name: 'weak keys and branches',
    source: `
import os

if os.path.exists("/etc/myproject/staging"):
    SECRET_KEY = "${S.branchA}"
    EMAIL_HOST_PASSWORD = "${S.branchA}"
else:
    SECRET_KEY = "${S.branchB}"
    EMAIL_HOST_PASSWORD = "${S.branchB}"
SECRET_KEY_FALLBACKS = ["${S.secretKeyInsecure}", b"${S.secretKeyBytes}"]
`,
  },
  {
    name: 'deployed values',
    env: { DJANGO_SECRET_KEY: S.secretKeyDeployed, DATABASE_URL: `postgres://app:${S.dbUrlDeployed}@203.0.113.20/app` },
    source: `
import os

import environ

env = environ.Env()

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DATABASES = {"default": env.db("DATABASE_URL")}
`,
  },
];

const PLANTED = Object.entries(S);

async function lintAll(): Promise<{ name: string; result: LintResult }[]> {
  return Promise.all(MODULES.map(async (m) => ({ name: m.name, result: await lintSource(m.source, rules, { env: m.env ? new Map(Object.entries(m.env)) : undefined }) })));
}

function leaksIn(text: string): string[] {
  return PLANTED.filter(([, secret]) => text.includes(secret)).map(([name]) => name);
}

describe('secrets are masked in every output', async () => {
  const results = await lintAll();
  const findings = results.flatMap((r) => r.result.findings);

  it('plants every secret in some module source', () => {
    const sources = MODULES.map((m) => m.source + JSON.stringify(m.env ?? {})).join('\n');
    expect(PLANTED.filter(([, s]) => !sources.includes(s)).map(([n]) => n)).toEqual([]);
  });

  it('reports every planted secret on the line that writes it (the test is not vacuous)', () => {
    // A oneOf is reported at its first branch; deployed values are not written in the source.
    const elsewhere = new Set(['branchB', 'secretKeyDeployed', 'dbUrlDeployed']);
    const missed: string[] = [];
    for (const [i, m] of MODULES.entries()) {
      const lines = m.source.split('\n');
      for (const [name, secret] of PLANTED) {
        const line = lines.findIndex((l) => l.includes(secret)) + 1;
        if (line === 0 || elsewhere.has(name)) continue;
        if (!results[i].result.findings.some((f) => f.line === line)) missed.push(`${name} (${m.name}, line ${line})`);
      }
    }
    expect(missed).toEqual([]);
  });

  it('fires every secret rule on the planted settings', () => {
    const codes = new Set(findings.map((f) => f.code));
    for (const code of ['DJS201', 'DJS202', 'DJS203', 'DJS204', 'DJS205', 'DJS206', 'DJS207', 'DJS208', 'DJS209']) {
      expect(codes.has(code), `${code} reported`).toBe(true);
    }
  });

  it.each(MODULES.map((m) => m.name))('no finding message contains a planted secret (%s)', (name) => {
    const { result } = results.find((r) => r.name === name)!;
    const leaks = result.findings.flatMap((f) => leaksIn(f.message).map((secret) => `${f.code} line ${f.line}: ${secret} in "${f.message}"`));
    expect(leaks).toEqual([]);
  });

  it.each(MODULES.map((m) => m.name))('the JSON, SARIF and GitHub outputs contain no planted secret (%s)', (name) => {
    const { result } = results.find((r) => r.name === name)!;
    expect(leaksIn(formatJson(result, { version: '0.0.0-test' })), 'json').toEqual([]);
    expect(leaksIn(formatSarif(result, { version: '0.0.0-test', rules, repoPath: (f) => f })), 'sarif').toEqual([]);
    expect(leaksIn(formatGithub(result, { repoPath: (f) => f })), 'github').toEqual([]);
  });

  it.each(MODULES.map((m) => m.name))('the text output, code frames included, contains no planted secret (%s)', (name) => {
    const { result } = results.find((r) => r.name === name)!;
    expect(leaksIn(formatText(result, { color: 0, cwd: '/' })), 'text').toEqual([]);
  });
});

describe('the cheap test before the secret-name test (code frames)', () => {
  it('holds for every name isSecretName accepts', async () => {
    const { isSecretName, mayHoldSecretName } = await import('../src/rule-kit/secrets.js');
    const parts = ['SECRET', 'PASSWORD', 'PASSWD', 'PASS', 'TOKEN', 'CREDENTIAL', 'PRIVATE', 'API_KEY', 'APIKEY', 'ACCESS_KEY', 'AUTH_KEY', '_KEY', 'KEY', 'DSN', 'DB', 'AWS', 'X', '_', 'NAME', 'HOST', 'key', 'pass', 'dsn'];
    let accepted = 0;
    for (const a of parts) for (const b of parts) for (const c of ['', ...parts]) {
      const name = `${a}${b}${c}`;
      if (!isSecretName(name)) continue;
      accepted++;
      expect(mayHoldSecretName(name), name).toBe(true);
    }
    expect(accepted).toBeGreaterThan(1000);
    expect(mayHoldSecretName('BOT_NAME = "mybot"')).toBe(false);
  });
});
