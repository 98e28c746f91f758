// The worker script of a parallel lint when djsec runs from its compiled modules (the tests);
// the bundle's is dist/djsec-worker.cjs (scripts/bundle.mjs).
import { runLintWorker } from './lint-worker.js';

void runLintWorker();
