// djsec's version, as package.json has it (test/release.test.ts keeps the two equal). Links to
// the rule docs name its tag, so a report points at the docs of the version that wrote it.
export const VERSION = '0.1.0';

/** The git tag of this version: `v0.1.0`. */
export const VERSION_TAG = `v${VERSION}`;
