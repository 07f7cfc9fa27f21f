/**
 * Octokit/fetch failures -> the typed errors of core/errors.ts.
 * Messages are built from status, headers and the API's own message: never from
 * request headers, so a token cannot leak.
 */
import {
  AuthError,
  CancelledError,
  ForbiddenError,
  GoneError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  ServerError,
  ValidationError,
  isCiError,
} from '../../core/errors';

export interface ErrorContext {
  /** Host name for messages, e.g. "api.github.com". */
  readonly host: string;
  /** What was requested, for 404 messages, e.g. "Repository octo/hello". */
  readonly what: string;
  /** True when the caller (or dispose) aborted. */
  readonly aborted: boolean;
  readonly now: number;
}

interface HttpFailure {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly data: unknown;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A response-carrying error (Octokit RequestError), or undefined for transport failures. */
function httpFailure(error: unknown): HttpFailure | undefined {
  if (!isRecord(error) || typeof error.status !== 'number' || !isRecord(error.response)) {
    return undefined;
  }
  const headers: Record<string, string | undefined> = {};
  if (isRecord(error.response.headers)) {
    for (const [key, value] of Object.entries(error.response.headers)) {
      headers[key.toLowerCase()] = typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
    }
  }
  return { status: error.status, headers, data: error.response.data };
}

function apiMessage(data: unknown): string | undefined {
  return isRecord(data) && typeof data.message === 'string' ? data.message : undefined;
}

function validationDetails(data: unknown): string[] {
  if (!isRecord(data) || !Array.isArray(data.errors)) {
    return [];
  }
  return data.errors.map((item: unknown) => {
    if (typeof item === 'string') {
      return item;
    }
    if (isRecord(item)) {
      if (typeof item.message === 'string') {
        return item.message;
      }
      return [item.resource, item.field, item.code].filter((part) => typeof part === 'string').join(' ');
    }
    return '';
  }).filter((text) => text !== '');
}

function scopes(header: string | undefined): string[] {
  return (header ?? '').split(',').map((scope) => scope.trim()).filter((scope) => scope !== '');
}

/** Scopes the endpoint accepts when the token has none of them (classic tokens only). */
export function missingScopesOf(headers: Readonly<Record<string, string | undefined>>): string[] {
  const accepted = scopes(headers['x-accepted-oauth-scopes']);
  if (headers['x-oauth-scopes'] === undefined || accepted.length === 0) {
    return [];
  }
  const granted = new Set(scopes(headers['x-oauth-scopes']));
  return accepted.some((scope) => granted.has(scope)) ? [] : accepted;
}

function rateLimitReset(failure: HttpFailure, now: number): number | undefined {
  const retryAfter = Number(failure.headers['retry-after']);
  if (failure.headers['retry-after'] !== undefined && Number.isFinite(retryAfter)) {
    return now + retryAfter * 1000;
  }
  const reset = Number(failure.headers['x-ratelimit-reset']);
  if (failure.headers['x-ratelimit-remaining'] === '0' && Number.isFinite(reset) && reset > 0) {
    return reset * 1000;
  }
  return undefined;
}

function isRateLimited(failure: HttpFailure): boolean {
  if (failure.headers['x-ratelimit-remaining'] === '0') {
    return true;
  }
  const message = apiMessage(failure.data) ?? '';
  return /secondary rate limit|abuse detection|rate limit exceeded/i.test(message) || failure.headers['retry-after'] !== undefined;
}

function fromHttp(failure: HttpFailure, context: ErrorContext): Error {
  const { status } = failure;
  const message = apiMessage(failure.data);
  if (status === 401) {
    return new AuthError(`${context.host} rejected the token (401 ${message ?? 'Bad credentials'}). Sign in again.`, status);
  }
  if ((status === 403 && isRateLimited(failure)) || status === 429) {
    const resetAt = rateLimitReset(failure, context.now) ?? context.now + DEFAULT_RATE_LIMIT_WAIT_MS;
    return new RateLimitError(`${context.host} rate limit reached; retrying after ${new Date(resetAt).toISOString()}`, resetAt, status);
  }
  if (status === 403) {
    const missing = missingScopesOf(failure.headers);
    const hint = missing.length > 0 ? `: the token lacks the scope ${missing.map((scope) => `"${scope}"`).join(' or ')}` : message ? `: ${message}` : '';
    return new ForbiddenError(`Access denied by ${context.host}${hint}`, missing, status);
  }
  if (status === 404) {
    return new NotFoundError(`${context.what}: not found or no access`, status);
  }
  if (status === 410) {
    return new GoneError(`${context.what}: no longer available${message ? ` (${message})` : ''}`, status);
  }
  if (status === 422 || status === 400) {
    const details = validationDetails(failure.data);
    const text = [message ?? 'Invalid request', ...details].join(': ');
    return new ValidationError(`${context.host} rejected the request: ${text}`, status);
  }
  if (status >= 500) {
    return new ServerError(`${context.host} had a server error (${status}); try again later`, status);
  }
  return new ServerError(`${context.host} answered with unexpected status ${status}`, status);
}

function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; isRecord(current) && depth < 4; current = current.cause, depth++) {
    if (typeof current.code === 'string' && NETWORK_CODES.has(current.code)) {
      return current.code;
    }
  }
  return undefined;
}

/** A CiError the toolkit's fetch threw, which Octokit wraps in a RequestError (status 500, no response). */
function transportCiError(error: unknown): Error | undefined {
  if (isRecord(error) && !isRecord(error.response) && isCiError(error.cause)) {
    return error.cause;
  }
  return undefined;
}

/** Translates anything thrown by a request into a CiError. */
export function toCiError(error: unknown, context: ErrorContext): Error {
  if (isCiError(error)) {
    return error;
  }
  if (context.aborted) {
    return new CancelledError();
  }
  const transport = transportCiError(error);
  if (transport) {
    return transport;
  }
  const failure = httpFailure(error);
  if (failure) {
    return fromHttp(failure, context);
  }
  const reason = errorCode(error) ?? (error instanceof Error ? error.message : String(error));
  return new NetworkError(`Could not reach ${context.host} (${reason})`, { cause: error });
}
