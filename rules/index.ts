// The rule registry, sorted by code. A meta test checks codes, names, files and docs agree.
import type { Rule } from '../src/rule.js';
import debugEnabled from './debug-enabled.js';
import passwordHasherWeak from './password-hasher-weak.js';
import sessionSerializerPickle from './session-serializer-pickle.js';
import syntaxError from './syntax-error.js';

export const rules = [
  syntaxError,
  debugEnabled,
  sessionSerializerPickle,
  passwordHasherWeak,
] as const satisfies readonly Rule[];
