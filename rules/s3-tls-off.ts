import type { Py, Value } from '../src/model/values.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { dictKeys, isLocalHost, judge, member, sourceClause } from '../src/rule-kit/rule-helpers.js';
import { safeRepr } from '../src/rule-kit/secrets.js';

type Problem = 'useSsl' | 'verify' | 'protocol' | 'endpoint';

const S3_BACKEND = /^storages\.backends\.(s3|s3boto3|s3boto)\./;

/** Each TLS knob of django-storages' S3 backend: the AWS_* setting and its STORAGES option name. */
const KNOBS: { setting: string; option: string; problem: Problem; test: (py: Py) => boolean | undefined }[] = [
  // boto3's use_ssl=False: the client speaks http:// to S3.
  { setting: 'AWS_S3_USE_SSL', option: 'use_ssl', problem: 'useSsl', test: (py) => py === false || py === 0n },
  // verify=False turns certificate checks off; a string is a CA bundle path, which is fine.
  { setting: 'AWS_S3_VERIFY', option: 'verify', problem: 'verify', test: (py) => py === false || py === 0n },
  { setting: 'AWS_S3_URL_PROTOCOL', option: 'url_protocol', problem: 'protocol', test: (py) => (typeof py === 'string' ? /^http:?$/i.test(py.trim()) : undefined) },
  { setting: 'AWS_S3_ENDPOINT_URL', option: 'endpoint_url', problem: 'endpoint', test: (py) => (typeof py === 'string' ? plainHttpHost(py) !== undefined : undefined) },
];

/** The remote host of an http:// URL, or undefined for https or a local host. */
function plainHttpHost(url: string): string | undefined {
  const m = /^http:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^/:?#]*)/i.exec(url.trim());
  return m && !isLocalHost(m[1]) ? m[1] : undefined;
}

export default defineRule({
  code: 'DJS706',
  name: 's3-tls-off',
  level: 'warning',
  meta: {
    summary: 'django-storages reaches S3, or serves its files, without TLS',
    description:
      'AWS_S3_USE_SSL = False, AWS_S3_VERIFY = False, an http:// AWS_S3_ENDPOINT_URL or AWS_S3_URL_PROTOCOL = "http:" (or the same STORAGES options) send uploads and downloads, or the URLs browsers fetch files from, over plain or unverified connections that anyone on the path can read and change.',
    cwe: ['CWE-319'],
    securitySeverity: '5.9',
    precision: 'very-high',
    messages: {
      useSsl:
        '{{setting}} is {{value}}{{source}}: django-storages talks to S3 over plain HTTP, so every upload and download crosses the network unencrypted and can be read or altered on the way. Remove it (the default is True).',
      verify:
        '{{setting}} is {{value}}{{source}}: the S3 client accepts any certificate, so anyone in the middle can read and change uploads and downloads. Remove it (the default verifies), or set it to the path of a CA bundle.',
      protocol:
        "{{setting}} is {{value}}{{source}}: file URLs on the custom domain are built with http://, so browsers fetch uploads and static files, scripts included, unencrypted and modifiable by anyone on the path. Set 'https:' (the default) and serve the domain over TLS, e.g. CloudFront with an ACM certificate.",
      endpoint:
        '{{setting}} is {{value}}{{source}}: django-storages reaches the S3-compatible endpoint on {{host}} over plain HTTP, so every upload, download and access key signature crosses the network unencrypted. Use an https:// endpoint.',
    },
    docs: `
## What it does
Flags django-storages S3 settings that turn TLS off: \`AWS_S3_USE_SSL = False\`,
\`AWS_S3_VERIFY = False\`, \`AWS_S3_URL_PROTOCOL = "http:"\` and an \`http://\` \`AWS_S3_ENDPOINT_URL\`
on a non-local host, and the same options (\`use_ssl\`, \`verify\`, \`url_protocol\`,
\`endpoint_url\`) in the \`OPTIONS\` of an S3 backend in \`STORAGES\`, static files included: a
script served over HTTP can be rewritten on the way. \`AWS_S3_VERIFY\` set to a CA bundle path is
fine, and so is an \`http://localhost\` endpoint (a local MinIO).

## Why is this bad?
\`use_ssl=False\` makes boto3 talk to S3 over plain HTTP: every file uploaded by users and every
download crosses the network readable and modifiable. \`verify=False\` keeps the encryption but
accepts any certificate, which an attacker in the middle provides. \`url_protocol = "http:"\`
makes the URLs that pages embed plain HTTP, so browsers fetch images, documents and static
scripts without TLS, and an injected script runs with the site's origin.

## Example
\`\`\`python
AWS_S3_CUSTOM_DOMAIN = "media.example.com"
AWS_S3_URL_PROTOCOL = "http:"
\`\`\`

Use instead:
\`\`\`python
AWS_S3_CUSTOM_DOMAIN = "media.example.com"  # CloudFront with an ACM certificate
AWS_S3_URL_PROTOCOL = "https:"
\`\`\`
`,
  },
  check(ctx) {
    const candidates: { setting: string; problem: Problem; test: (py: Py) => boolean | undefined; value: Value }[] = [];
    for (const knob of KNOBS) {
      const value = ctx.get(knob.setting);
      if (value) candidates.push({ ...knob, value });
    }
    const storages = ctx.get('STORAGES');
    for (const alias of dictKeys(storages)) {
      const storage = member(storages, alias);
      if (!judge(member(storage, 'BACKEND'), (py) => (typeof py === 'string' ? S3_BACKEND.test(py) : undefined))) continue;
      const options = member(storage, 'OPTIONS');
      for (const knob of KNOBS) {
        candidates.push({ ...knob, setting: `STORAGES['${alias}']['OPTIONS']['${knob.option}']`, value: member(options, knob.option) });
      }
    }
    for (const { setting, problem, test, value } of candidates) {
      const verdict = judge(value, test);
      if (!verdict) continue;
      const host = typeof verdict.option.py === 'string' ? plainHttpHost(verdict.option.py) ?? '' : '';
      ctx.report({ messageId: problem, value: verdict.value, data: { setting, value: safeRepr(verdict.option.py), host, source: sourceClause(verdict.value) } });
    }
  },
});
