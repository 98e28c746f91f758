'use strict';
// Worker thread of a large run (src/lint/parallel.ts).
require('./djsec.cjs').runLintWorker();
