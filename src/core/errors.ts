/**
 * Typed errors. Providers translate transport failures into these; the UI decides
 * what to show from the type alone (sign-in welcome, stale badge, toast with "Show Logs").
 * Messages must never contain a token.
 */
export type CiErrorKind = 'auth' | 'forbidden' | 'rate_limit' | 'not_found' | 'gone' | 'validation' | 'network' | 'server' | 'config' | 'cancelled';

export abstract class CiError extends Error {
  abstract readonly kind: CiErrorKind;
  /** HTTP status when the error came from a response. */
  readonly status: number | undefined;

  constructor(message: string, status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.status = status;
  }
}

/** 401, or a token that is missing: the user must sign in again. */
export class AuthError extends CiError {
  readonly kind = 'auth';
}

/** 403 that is not a rate limit: a permission or scope is missing. */
export class ForbiddenError extends CiError {
  readonly kind = 'forbidden';
  constructor(message: string, readonly missingScopes: readonly string[] = [], status = 403) {
    super(message, status);
  }
}

/** Primary or secondary rate limit. `resetAt` is epoch milliseconds when polling may resume. */
export class RateLimitError extends CiError {
  readonly kind = 'rate_limit';
  constructor(message: string, readonly resetAt: number, status = 429) {
    super(message, status);
  }
}

/** 404: not found, or no access (GitHub hides private repositories behind 404). */
export class NotFoundError extends CiError {
  readonly kind = 'not_found';
  constructor(message: string, status = 404) {
    super(message, status);
  }
}

/** 410: e.g. logs expired. */
export class GoneError extends CiError {
  readonly kind = 'gone';
  constructor(message: string, status = 410) {
    super(message, status);
  }
}

/** 422: the API rejected the input; `message` carries its explanation. */
export class ValidationError extends CiError {
  readonly kind = 'validation';
  constructor(message: string, status = 422) {
    super(message, status);
  }
}

/** DNS, refused, reset, TLS or timeout: the host could not be reached. */
export class NetworkError extends CiError {
  readonly kind = 'network';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, undefined, options);
  }
}

/** 5xx. */
export class ServerError extends CiError {
  readonly kind = 'server';
}

/** Bad settings: malformed URL, malformed repository entry. */
export class ConfigError extends CiError {
  readonly kind = 'config';
}

/** The request was aborted by us (dispose, superseded poll). */
export class CancelledError extends CiError {
  readonly kind = 'cancelled';
  constructor(message = 'Cancelled') {
    super(message);
  }
}

export function isCiError(error: unknown): error is CiError {
  return error instanceof CiError;
}

/** Short, token-free description of any thrown value, for logs and UI. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  return String(error);
}
