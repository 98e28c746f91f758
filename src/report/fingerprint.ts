// GitHub code scanning's line fingerprint (SARIF partialFingerprints.primaryLocationLineHash),
// computed the way github/codeql-action's upload-sarif computes it when a result has none, so the
// value we emit agrees with the action's and alerts keep their identity across unrelated edits.
//
// Each line's hash is a base-37 rolling hash (64-bit wrap-around) over the 100 characters that
// start at the beginning of the line, reading on into the following lines, with spaces and tabs
// left out and CR / CRLF read as LF. After the text comes one end-of-file marker (0xFFFF), then
// zeros. The value is "<unsigned hex>:<n>", where n counts how often that hash has been seen so far
// in the file (1 for the first). Checked against the action's published test vectors
// (test/fingerprint.test.ts).

const WINDOW = 100;
const BASE = 37n;
const MASK = (1n << 64n) - 1n;
const EOF_MARK = 0xffff;
const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

/** BASE^WINDOW mod 2^64: the weight of the character leaving the window. */
const LEAVING_WEIGHT = (() => {
  let w = 1n;
  for (let i = 0; i < WINDOW; i++) w = (w * BASE) & MASK;
  return w;
})();

/** The fingerprint of every line of `text`; index 0 is line 1. A text ending in a newline has one more (empty) line. */
export function lineFingerprints(text: string): string[] {
  const window = new Array<number>(WINDOW).fill(0);
  // For each window slot: the line that starts at the character in that slot, or -1.
  const lineStartingAt = new Array<number>(WINDOW).fill(-1);
  const seen = new Map<string, number>();
  const out: string[] = [];
  let hash = 0n;
  let slot = 0;
  let line = 0;
  let atLineStart = true;
  let afterCR = false;

  const emit = () => {
    const hex = hash.toString(16);
    const n = (seen.get(hex) ?? 0) + 1;
    seen.set(hex, n);
    out[lineStartingAt[slot] - 1] = `${hex}:${n}`;
    lineStartingAt[slot] = -1;
  };
  const roll = (c: number) => {
    const leaving = window[slot];
    window[slot] = c;
    hash = (BASE * hash + BigInt(c) - LEAVING_WEIGHT * BigInt(leaving)) & MASK;
    slot = (slot + 1) % WINDOW;
  };
  const feed = (code: number) => {
    let c = code;
    if (c === SPACE || c === TAB || (afterCR && c === LF)) {
      afterCR = false;
      return;
    }
    afterCR = c === CR;
    if (c === CR) c = LF;
    // The slot about to be overwritten held a line start 100 characters ago: its hash is complete.
    if (lineStartingAt[slot] !== -1) emit();
    if (atLineStart) {
      atLineStart = false;
      line++;
      lineStartingAt[slot] = line;
    }
    if (c === LF) atLineStart = true;
    roll(c);
  };

  for (let i = 0; i < text.length; i++) feed(text.charCodeAt(i));
  feed(EOF_MARK);
  for (let i = 0; i < WINDOW; i++) {
    if (lineStartingAt[slot] !== -1) emit();
    roll(0);
  }
  return out;
}

/** Fingerprints by file, computed once per file on first use. */
export class FingerprintCache {
  private readonly byFile = new Map<string, string[]>();
  constructor(private readonly sources: ReadonlyMap<string, string>) {}

  /** The fingerprint of `line` (1-based) in `file`, or undefined when the file's text is unknown. */
  get(file: string, line: number): string | undefined {
    let hashes = this.byFile.get(file);
    if (!hashes) {
      const text = this.sources.get(file);
      if (text === undefined) return undefined;
      hashes = lineFingerprints(text);
      this.byFile.set(file, hashes);
    }
    return hashes[line - 1];
  }
}
