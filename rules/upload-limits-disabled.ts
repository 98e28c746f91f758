import { defineRule } from '../src/rule-kit/rule.js';
import { judge, sourceClause } from '../src/rule-kit/rule-helpers.js';

/** Each limit, what None lets a client do, and Django's default. */
const LIMITS: { setting: string; unlimited: string; fallback: string }[] = [
  {
    setting: 'DATA_UPLOAD_MAX_MEMORY_SIZE',
    unlimited: 'a request body of any size (file uploads aside) is read into memory',
    fallback: '2621440 (2.5 MB)',
  },
  {
    setting: 'DATA_UPLOAD_MAX_NUMBER_FIELDS',
    unlimited: 'a request can carry any number of GET/POST parameters, each parsed into memory',
    fallback: '1000',
  },
  {
    setting: 'DATA_UPLOAD_MAX_NUMBER_FILES',
    unlimited: 'a multipart request can carry any number of files, each written to a temporary file (CVE-2023-24580, the reason Django added this limit)',
    fallback: '100',
  },
];

export default defineRule({
  code: 'DJS708',
  name: 'upload-limits-disabled',
  level: 'warning',
  meta: {
    summary: "One of Django's request-size limits is turned off (None)",
    description:
      'DATA_UPLOAD_MAX_MEMORY_SIZE, DATA_UPLOAD_MAX_NUMBER_FIELDS and DATA_UPLOAD_MAX_NUMBER_FILES bound what Django parses from a request. Set to None, a single crafted request can exhaust the memory, CPU or disk of a worker.',
    cwe: ['CWE-770'],
    securitySeverity: '5.3',
    precision: 'very-high',
    messages: {
      unlimited:
        '{{setting}} is None{{source}}: {{unlimited}}, so one crafted request can exhaust a worker\'s memory, CPU or disk. Remove it (Django\'s default is {{fallback}}) or set the largest value a real request needs, and cap request bodies at the proxy as well (e.g. nginx client_max_body_size).',
    },
    docs: `
## What it does
Flags \`DATA_UPLOAD_MAX_MEMORY_SIZE\`, \`DATA_UPLOAD_MAX_NUMBER_FIELDS\` or
\`DATA_UPLOAD_MAX_NUMBER_FILES\` set to \`None\`, literally or as an environment default. Large
numbers are a judgement call and are not reported.

## Why is this bad?
These limits are Django's protection against requests built to exhaust a worker:
\`DATA_UPLOAD_MAX_MEMORY_SIZE\` caps the body Django reads into memory (file uploads are
streamed separately), \`DATA_UPLOAD_MAX_NUMBER_FIELDS\` caps how many parameters it parses, and
\`DATA_UPLOAD_MAX_NUMBER_FILES\` caps how many files a multipart request may carry (added for
CVE-2023-24580, where many small files exhausted resources). With \`None\` there is no cap, and a
few requests can take down every worker. If one view needs larger bodies, raise the limit to
what it needs, or read \`request.body\` as a stream in that view.

## Example
\`\`\`python
DATA_UPLOAD_MAX_MEMORY_SIZE = None
\`\`\`

Use instead:
\`\`\`python
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024  # 10 MB: the largest JSON payload the API accepts
\`\`\`
`,
  },
  check(ctx) {
    for (const { setting, unlimited, fallback } of LIMITS) {
      const verdict = judge(ctx.get(setting), (py) => py === null);
      if (!verdict) continue;
      ctx.report({ messageId: 'unlimited', value: verdict.value, data: { setting, unlimited, fallback, source: sourceClause(verdict.value) } });
    }
  },
});
