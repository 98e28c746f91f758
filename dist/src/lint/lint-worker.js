// A worker thread of a parallel lint (src/lint/parallel.ts): evaluates its share of the candidates,
// sends the facts roles are decided on, waits for the run's plan, judges its modules and sends
// its findings. Everything it sends is plain data. The bundle exports runLintWorker (through
// src/cli/cli.ts), so a worker loads the same dist/djsec.cjs as the CLI (dist/djsec-worker.cjs is one
// line); running from the compiled modules, src/lint/lint-worker-main.ts starts it.
import { rules as allRules } from '../../rules/index.js';
import { lazyWorkerThreads } from '../lazy-builtins.js';
import { LintShare } from './lint.js';
import { getParser } from '../model/parse.js';
export async function runLintWorker() {
    const { parentPort: port, workerData } = lazyWorkerThreads();
    if (!port)
        throw new Error('runLintWorker runs only in a worker thread');
    const init = workerData;
    const post = (m) => port.postMessage(m);
    const byCode = new Map(allRules.map((r) => [r.code, r]));
    const rules = init.ruleCodes.map((code) => byCode.get(code)).filter((r) => r !== undefined);
    const share = new LintShare(await getParser({ files: init.candidates.length }), { ...init.options, rules });
    await share.evaluateInTurns(init.candidates, (done) => post({ type: 'progress', done }), (i) => init.indexes[i]);
    post({ type: 'evaluated', readable: share.readable, templates: share.templates, facts: share.facts(), importCycle: share.sawImportCycle() });
    port.once('message', (plan) => {
        share.forgetUnjudged(plan);
        share.judge(plan);
        post({ type: 'judged', report: share.report() });
    });
}
