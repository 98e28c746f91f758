/** An error the user caused (bad flag, bad path, bad config): one line, exit 2, no stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}
