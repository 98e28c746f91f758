// Findings' messages as the results cache stores them: each distinct message once per file, and
// each finding pointing at it by number. A rule words most of its findings alike (the corpus's
// 3,000 recorded findings hold 817 distinct messages, a third of the units file's bytes before),
// and every byte is read, hashed and parsed again on the next run.
import type { Finding } from '../finding.js';

/** A finding as stored: its message replaced by the message's index in the file's table. */
export type StoredFinding = Omit<Finding, 'message'> & { message: number };

export class MessageTable {
  readonly messages: string[] = [];
  private readonly index = new Map<string, number>();

  /** A copy of the finding that points into the table (the finding itself is left as it is). */
  store(finding: Finding): StoredFinding {
    let at = this.index.get(finding.message);
    if (at === undefined) {
      at = this.messages.push(finding.message) - 1;
      this.index.set(finding.message, at);
    }
    return { ...finding, message: at };
  }
}

/**
 * The finding with its message restored from the table, in place (the object was just parsed),
 * or undefined when it points outside the table (a damaged file, ignored by the caller).
 */
export function restoreMessage(finding: unknown, messages: unknown): Finding | undefined {
  if (!finding || typeof finding !== 'object' || !Array.isArray(messages)) return undefined;
  const stored = finding as { message: unknown };
  const at = stored.message;
  if (typeof at !== 'number' || !Number.isInteger(at) || at < 0 || at >= messages.length || typeof messages[at] !== 'string') return undefined;
  stored.message = messages[at];
  return stored as unknown as Finding;
}
