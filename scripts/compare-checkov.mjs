#!/usr/bin/env node
// `npm run compare:checkov [-- --checkov PATH] [-- --fixtures DIR...] [--keep]`: djsec against
// Checkov on the infrastructure fixtures, agreement per mapped check pair (issue 18's anchor).
// Checkov comes from a temporary virtualenv (pip, PyPI) unless --checkov names a checkov binary;
// when neither works it says so and exits 2, never printing a figure. See docs/infrastructure.md.
import { main } from './compare-checkov-run.mjs';

process.exitCode = main(process.argv.slice(2));
