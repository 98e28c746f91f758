// The results cache stores each distinct finding message once per file (src/lint/message-table.ts).
import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/finding.js';
import { MessageTable, restoreMessage } from '../src/lint/message-table.js';

const finding = (message: string, line: number): Finding =>
  ({ code: 'DJS101', name: 'debug-enabled', level: 'error', message, file: 'settings.py', line, column: 1, endLine: line, endColumn: 5, confidence: 'high' }) as Finding;

describe('message table', () => {
  it('stores each message once, leaves the findings alone, and restores them exactly (key order too)', () => {
    const table = new MessageTable();
    const findings = [finding('DEBUG is True', 1), finding('DEBUG is 1', 2), finding('DEBUG is True', 3)];
    const stored = findings.map((f) => table.store(f));
    expect(table.messages).toEqual(['DEBUG is True', 'DEBUG is 1']);
    expect(stored.map((f) => f.message)).toEqual([0, 1, 0]);
    expect(findings[0].message).toBe('DEBUG is True');
    const parsed = JSON.parse(JSON.stringify({ stored, messages: table.messages })) as { stored: unknown[]; messages: unknown };
    const restored = parsed.stored.map((f) => restoreMessage(f, parsed.messages));
    expect(JSON.stringify(restored)).toBe(JSON.stringify(findings));
  });

  it('refuses a finding that points outside the table or at no string', () => {
    for (const [message, messages] of [[2, ['a', 'b']], [-1, ['a']], [0.5, ['a']], ['0', ['a']], [0, [7]], [0, 'a']] as const) {
      expect(restoreMessage({ code: 'DJS101', message }, messages)).toBeUndefined();
    }
    expect(restoreMessage(null, ['a'])).toBeUndefined();
  });
});
