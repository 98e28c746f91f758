// The stamps signed cache files hold are checked before BigInt() reads them (src/file-stamp.ts).
import { describe, expect, it } from 'vitest';
import { isDecimal, isStamp } from '../src/file-stamp.js';

describe('file stamps', () => {
  it('takes only non-empty strings of ASCII digits, as /^\\d+$/ did', () => {
    for (const v of ['0', '1796568691162519620', '00042']) expect(isDecimal(v)).toBe(true);
    for (const v of ['', ' 1', '1 ', '-1', '+1', '1e9', '0x1f', '1.5', '١٢٣', '12a', 5, null, undefined, ['1']]) expect(isDecimal(v), String(v)).toBe(false);
    for (let c = 0; c < 0x3000; c++) {
      const v = `1${String.fromCharCode(c)}`;
      expect(isDecimal(v)).toBe(/^\d+$/.test(v));
    }
  });

  it('takes five of them as a stamp', () => {
    expect(isStamp(['1', '2', '3', '4', '5'])).toBe(true);
    expect(isStamp(['1', '2', '3', '4'])).toBe(false);
    expect(isStamp(['1', '2', '3', '4', 'x'])).toBe(false);
    expect(isStamp('12345')).toBe(false);
  });
});
