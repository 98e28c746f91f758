// The progress line: silent when piped, silent for the first second, erased before the report.
import { describe, expect, it } from 'vitest';
import { progressLine } from '../src/cli/progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream, writes };
}

describe('progress line', () => {
  it('never writes when stderr is not a terminal', () => {
    const { stream, writes } = fakeStream(false);
    let t = 0;
    const p = progressLine(stream, 1000, () => (t += 5000));
    p.update(1, 10);
    p.clear();
    expect(writes).toEqual([]);
  });

  it('waits a second, then shows done/total, and erases itself', () => {
    const { stream, writes } = fakeStream(true);
    let t = 0;
    const p = progressLine(stream, 1000, () => t);
    t = 500;
    p.update(1, 10);
    expect(writes).toEqual([]);
    t = 1500;
    p.update(5, 10);
    expect(writes.join('')).toContain('djsec: 5/10 settings modules');
    p.clear();
    expect(writes[writes.length - 1]).toBe('\r\x1b[2K');
  });

  it('writes nothing on clear when it never showed', () => {
    const { stream, writes } = fakeStream(true);
    const p = progressLine(stream, 1000, () => 0);
    p.update(1, 2);
    p.clear();
    expect(writes).toEqual([]);
  });
});
