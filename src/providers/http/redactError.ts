/**
 * Redaction of what leaves a provider: an error's message and stack (and those of its causes)
 * with every credential removed by value. The HTTP client applies it to everything it throws,
 * GitHub's session to its errors, and the provider pool (accountAccess.ts) to every
 * provider's rejections with every configured token, so a server or proxy that echoes the
 * request headers never puts a credential into a problem, a toast or a log line.
 */
import { redact } from '../../core/redact';

const MAX_CAUSES = 5;

/** Sets a text of an error; where it cannot be set (DOMException's getters), defines it on the object. */
function assign(error: Error, key: 'message' | 'stack', value: string): void {
  if (error[key] === value) {
    return;
  }
  try {
    error[key] = value;
  } catch {
    Object.defineProperty(error, key, { value, configurable: true, writable: true });
  }
}

/** Rewrites the message and stack of `error` and its causes in place; returns `error`. */
export function rewriteErrorTexts<T>(error: T, rewrite: (text: string) => string): T {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSES && current instanceof Error; depth++) {
    // Read the stack first: V8 formats it on first access, from the message at that time.
    const stack = current.stack;
    assign(current, 'message', rewrite(current.message));
    if (typeof stack === 'string') {
      assign(current, 'stack', rewrite(stack));
    }
    current = current.cause;
  }
  return error;
}

/** `error` (the same object) with `secrets` removed from its texts; other values unchanged. */
export function redactError<T>(error: T, secrets: readonly (string | undefined)[]): T {
  const values = secrets.filter((secret): secret is string => secret !== undefined && secret.length >= 4);
  return rewriteErrorTexts(error, (text) => redact(text, values));
}
