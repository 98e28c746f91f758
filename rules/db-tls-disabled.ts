import { weakestConfidence } from '../src/rule-kit/django-checks.js';
import type { Py } from '../src/model/values.js';
import { known, pyTruthy } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';
import type { Verdict } from '../src/rule-kit/rule-helpers.js';
import { dictKeys, isLocalHost, judge, member, orElse, show, sourceClause } from '../src/rule-kit/rule-helpers.js';

// libpq's default sslmode, and mysqlclient's (libmysqlclient's) default ssl_mode: both try TLS
// and fall back to plain text, and neither checks the server's certificate.
const PG_DEFAULT = known('prefer');
const MYSQL_DEFAULT_MODE = known('PREFERRED');
const NO_SSL_OPTIONS = known(null);

const PG_WEAK: Readonly<Record<string, string>> = {
  disable: 'the login and every query and result cross the network in clear text',
  allow: 'libpq tries plain text first and uses TLS only if the server insists, never checking its certificate',
  prefer: 'libpq falls back to plain text whenever TLS is not offered (an attacker in the middle can refuse it) and never checks the server\'s certificate',
};

const PG_FIX = "'OPTIONS': {'sslmode': 'verify-full', 'sslrootcert': '/etc/ssl/certs/rds-global-bundle.pem'} (the CA bundle of your provider; 'require' at the very least), or ?sslmode=verify-full in a database URL";
const MYSQL_FIX = "'OPTIONS': {'ssl_mode': 'VERIFY_IDENTITY', 'ssl': {'ca': '/etc/ssl/certs/rds-global-bundle.pem'}} (the CA bundle of your provider)";

const str = (py: Py) => (typeof py === 'string' ? py : undefined);
const isPostgres = (py: Py) => (typeof py === 'string' ? /postgres|postgis|psycopg/i.test(py) : undefined);
// mysqlclient and PyMySQL take OPTIONS ssl / ssl_mode; MySQL Connector/Python has other options.
const isMysql = (py: Py) => (typeof py === 'string' ? /mysql/i.test(py) && !/connector/i.test(py) : undefined);
const isRemote = (py: Py) => (typeof py === 'string' ? !isLocalHost(py) : undefined);

export default defineRule({
  code: 'DJS702',
  name: 'db-tls-disabled',
  level: 'warning',
  meta: {
    summary: 'A remote PostgreSQL or MySQL database is reached without enforced TLS',
    description:
      "Connections to a database on another host carry its password and every query and result. PostgreSQL's sslmode disable/allow/prefer (prefer is libpq's default) and MySQL without ssl options (PREFERRED is the default) either send them in clear text or fall back to it when an attacker in the middle refuses TLS, and never verify the server.",
    cwe: ['CWE-319'],
    securitySeverity: '5.9',
    precision: 'high',
    messages: {
      pgWeak: "DATABASES['{{alias}}'] reaches PostgreSQL on {{host}} with sslmode {{mode}}{{source}}: {{why}}. Set {{fix}}.",
      pgUnset:
        "DATABASES['{{alias}}'] reaches PostgreSQL on the remote host {{host}}{{source}} with no sslmode in OPTIONS: libpq's default, 'prefer', falls back to plain text whenever TLS is not offered (an attacker in the middle can refuse it) and never checks the server's certificate, unless PGSSLMODE is set where Django runs. Set {{fix}}.",
      mysqlDisabled:
        "DATABASES['{{alias}}'] reaches MySQL on {{host}} with ssl_mode {{mode}}{{source}}: the login and every query and result cross the network in clear text. Set {{fix}}.",
      mysqlWeak:
        "DATABASES['{{alias}}'] reaches MySQL on the remote host {{host}}{{source}} with {{what}}: the client uses TLS only when the server offers it (an attacker in the middle can refuse it) and never checks the server's certificate. Set {{fix}}.",
    },
    docs: `
## What it does
Flags \`DATABASES\` entries for PostgreSQL or MySQL on a remote host whose TLS is off or
optional:
- PostgreSQL (\`django.db.backends.postgresql\`, PostGIS): \`OPTIONS["sslmode"]\` \`disable\`,
  \`allow\` or \`prefer\`, or no \`sslmode\` at all, since libpq's default is \`prefer\` (a
  \`PGSSLMODE\` set where Django runs would override it: the message says so). A database URL's
  \`?sslmode=\` and \`dj_database_url.config(ssl_require=True)\` count.
- MySQL (\`django.db.backends.mysql\` with mysqlclient or PyMySQL): \`OPTIONS["ssl_mode"]\`
  \`DISABLED\`, or neither an \`ssl\` dict nor a stricter \`ssl_mode\` (the default is \`PREFERRED\`).

Local hosts are not reported: no \`HOST\` (a Unix socket), \`localhost\`, \`127.0.0.0/8\`, \`::1\`, and
single-label names such as \`db\` (a docker-compose service on the same machine). Private
addresses and RDS endpoints are reported: the traffic still crosses a network. Environment
defaults count; a \`HOST\` that must be set at deploy time is not guessed at.

## Why is this bad?
The database connection carries the database password and every query and result: customer
records, password hashes, session data. With \`disable\` it is plain text for anyone on the path;
with \`allow\`, \`prefer\` or MySQL's \`PREFERRED\` the client uses TLS only when the server offers it,
so an attacker in the middle simply does not, and the client never checks whose certificate it
got. \`verify-full\` (PostgreSQL) and \`VERIFY_IDENTITY\` (MySQL) encrypt and authenticate the
server; on AWS, RDS can also enforce TLS on its side (\`rds.force_ssl\`, \`require_secure_transport\`).

## Example
\`\`\`python
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": "shop.c9akciq32wpf.eu-west-1.rds.amazonaws.com",
        "OPTIONS": {"sslmode": "prefer"},
    }
}
\`\`\`

Use instead:
\`\`\`python
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": "shop.c9akciq32wpf.eu-west-1.rds.amazonaws.com",
        "OPTIONS": {"sslmode": "verify-full", "sslrootcert": "/etc/ssl/certs/rds-global-bundle.pem"},
    }
}
\`\`\`
`,
  },
  check(ctx) {
    const databases = ctx.get('DATABASES');
    for (const alias of dictKeys(databases)) {
      const db = member(databases, alias);
      const host = judge(member(db, 'HOST'), isRemote);
      if (!host) continue;
      const engine = member(db, 'ENGINE');
      const options = member(db, 'OPTIONS');
      const report = (messageId: 'pgWeak' | 'pgUnset' | 'mysqlDisabled' | 'mysqlWeak', at: Verdict, data: Record<string, string>) =>
        ctx.report({
          messageId,
          value: at.value,
          confidence: weakestConfidence(host.value, at.value),
          data: { alias, host: show(host.option.py), source: sourceClause(at.value), ...data },
        });

      if (judge(engine, isPostgres)) {
        const mode = judge(orElse(member(options, 'sslmode'), PG_DEFAULT), (py) => Object.hasOwn(PG_WEAK, str(py)?.toLowerCase() ?? '') || undefined, PG_DEFAULT);
        if (!mode) continue;
        if (mode.option === PG_DEFAULT) report('pgUnset', host, { fix: PG_FIX });
        else report('pgWeak', mode, { mode: show(mode.option.py), why: PG_WEAK[String(mode.option.py).toLowerCase()], fix: PG_FIX });
      } else if (judge(engine, isMysql)) {
        const rawMode = member(options, 'ssl_mode');
        const disabled = judge(rawMode, (py) => str(py)?.toUpperCase() === 'DISABLED' || undefined);
        if (disabled) {
          report('mysqlDisabled', disabled, { mode: show(disabled.option.py), fix: MYSQL_FIX });
          continue;
        }
        const preferred = judge(orElse(rawMode, MYSQL_DEFAULT_MODE), (py) => str(py)?.toUpperCase() === 'PREFERRED' || undefined, MYSQL_DEFAULT_MODE);
        const noSsl = judge(orElse(member(options, 'ssl'), NO_SSL_OPTIONS), (py) => !pyTruthy(py), NO_SSL_OPTIONS);
        if (!preferred || !noSsl) continue;
        const explicit = preferred.option !== MYSQL_DEFAULT_MODE;
        const what = explicit ? `ssl_mode ${show(preferred.option.py)} and no 'ssl' options` : "no 'ssl' or 'ssl_mode' in OPTIONS";
        report('mysqlWeak', explicit ? preferred : host, { what, fix: MYSQL_FIX });
      }
    }
  },
});
