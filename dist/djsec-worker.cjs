'use strict';
// Worker thread of a large run (src/parallel.ts).
require('./djsec.cjs').runLintWorker();
