// The SARIF line fingerprint must equal the one github/codeql-action's upload-sarif computes, or
// the action logs "inconsistent fingerprint" for every result. The vectors below are the expected
// values published with the action's own fingerprint tests (src/fingerprints.test.ts and
// src/testdata/fingerprinting.expected.sarif), reproduced here as data only.
import { describe, expect, it } from 'vitest';
import { lineFingerprints } from '../src/report/fingerprint.js';

const vectors: [string, string[]][] = [
  ['', ['c129715d7a2bc9a3:1']],
  [' a\nb\n  \t\tc\n d', ['271789c17abda88f:1', '54703d4cd895b18:1', '180aee12dab6264:1', 'a23a3dc5e078b07b:1']],
  [' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End', ['8b7cf3e952e7aeb2:1', 'b1ae1287ec4718d9:1', 'bff680108adb0fcc:1', 'c6805c5e1288b612:1', 'b86d3392aea1be30:1', 'e6ceba753e1a442:1']],
  [' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n', ['e9496ae3ebfced30:1', 'fb7c023a8b9ccb3f:1', 'ce8ba1a563dcdaca:1', 'e20e36e16fcb0cc8:1', 'b3edc88f2938467e:1', 'c8e28b0b4002a3a0:1', 'c129715d7a2bc9a3:1']],
  [' hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n', ['e9496ae3ebfced30:1', 'fb7c023a8b9ccb3f:1', 'ce8ba1a563dcdaca:1', 'e20e36e16fcb0cc8:1', 'b3edc88f2938467e:1', 'c8e28b0b4002a3a0:1', 'c129715d7a2bc9a3:1']],
  [' hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r', ['e9496ae3ebfced30:1', 'fb7c023a8b9ccb3f:1', 'ce8ba1a563dcdaca:1', 'e20e36e16fcb0cc8:1', 'b3edc88f2938467e:1', 'c8e28b0b4002a3a0:1', 'c129715d7a2bc9a3:1']],
  [
    'Lorem ipsum dolor sit amet.\n'.repeat(10),
    ['a7f2ff13bc495cf2:1', 'a7f2ff13bc495cf2:2', 'a7f2ff13bc495cf2:3', 'a7f2ff13bc495cf2:4', 'a7f2ff13bc495cf2:5', 'a7f2ff13bc495cf2:6', 'a7f2ff1481e87703:1', 'a9cf91f7bbf1862b:1', '55ec222b86bcae53:1', 'cc97dc7b1d7d8f7b:1', 'c129715d7a2bc9a3:1'],
  ],
];

describe('lineFingerprints (upload-sarif primaryLocationLineHash)', () => {
  it.each(vectors.map(([text, want], i) => [i, text, want] as const))('vector %i', (_i, text, want) => {
    expect(lineFingerprints(text)).toEqual(want);
  });

  it('matches the action on its fingerprinting fixture (line 1 of testFile1.js)', () => {
    expect(lineFingerprints('var a = 0;\nvar b = 0;\nvar c = 0;\nvar d = 0;\n')[0]).toBe('5e4d5a9cf1294ad9:1');
  });

  it('ignores indentation changes and edits more than 100 characters below the line', () => {
    const before = 'X = 1\nDEBUG = True\n' + 'Y = 2\n'.repeat(40);
    const after = 'X = 1\n    DEBUG  =  True\n' + 'Y = 2\n'.repeat(30) + 'Z = 3\n';
    expect(lineFingerprints(after)[1]).toBe(lineFingerprints(before)[1]);
  });

  it('is stable when lines are inserted above', () => {
    const body = 'DEBUG = True\nALLOWED_HOSTS = ["*"]\n';
    const moved = '"""Docs."""\nimport os\n\n' + body;
    expect(lineFingerprints(moved)[3]).toBe(lineFingerprints(body)[0]);
  });
});
