/**
 * Translates GitLab HTTP failures and transport errors into FlowForge's typed errors.
 * Messages never contain the token or request headers.
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
  type CiError,
} from '../../core/errors';
import { asArray, isObject, str } from './json';
import { retryAt } from './rate-limit';

/** GitLab's explanation from an error body: `message` (string, list or field map) or `error`. */
export function gitlabMessage(body: unknown): string | undefined {
  if (!isObject(body)) {
    return typeof body === 'string' && body.trim() !== '' ? body.trim().slice(0, 500) : undefined;
  }
  const message = body.message;
  if (typeof message === 'string') {
    return message;
  }
  if (Array.isArray(message)) {
    return asArray(message).map(String).join('; ');
  }
  if (isObject(message)) {
    return Object.entries(message)
      .map(([field, value]) => {
        const text = Array.isArray(value) ? value.map(String).join(', ') : String(value);
        return field === 'base' ? text : `${field} ${text}`;
      })
      .join('; ');
  }
  return str(body, 'error_description') ?? str(body, 'error');
}

function scopesFrom(body: unknown, isMutation: boolean): string[] {
  if (isObject(body) && str(body, 'error') === 'insufficient_scope') {
    const scope = str(body, 'scope');
    const listed = scope ? scope.split(/\s+/).filter(Boolean) : [];
    if (isMutation) {
      return ['api'];
    }
    return listed.includes('read_api') ? ['read_api'] : listed.slice(0, 1);
  }
  return [];
}

export interface FailedResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  readonly method: string;
  /** What was asked, e.g. "project group/app" (no token, no query). */
  readonly what: string;
}

export function translateStatus(response: FailedResponse, now: number): CiError {
  const { status, headers, body, what } = response;
  const isMutation = response.method !== 'GET';
  const detail = gitlabMessage(body);
  const suffix = detail ? `: ${detail}` : '';
  if (status === 401) {
    return new AuthError(`GitLab rejected the token (401) for ${what}. Sign in again${suffix}`, 401);
  }
  if (status === 429) {
    const resetAt = retryAt(headers, now);
    return new RateLimitError(`GitLab rate limit reached for ${what}; retry after ${new Date(resetAt).toISOString()}`, resetAt, 429);
  }
  if (status === 403) {
    const missing = scopesFrom(body, isMutation);
    const need = isMutation
      ? 'this action requires the api scope and at least the Developer role on the project'
      : 'reading requires the read_api (or api) scope and access to the project';
    const scopeText = missing.length > 0 ? ` (missing scope: ${missing.join(', ')})` : '';
    return new ForbiddenError(`GitLab denied access to ${what} (403)${scopeText}: ${need}${suffix ? ` — GitLab says${suffix.slice(1)}` : ''}`, missing, 403);
  }
  if (status === 404) {
    return new NotFoundError(`GitLab ${what} not found (404), or the token has no access to it`, 404);
  }
  if (status === 410) {
    return new GoneError(`GitLab ${what} is gone (410)${suffix}`, 410);
  }
  if (status === 400 || status === 409 || status === 422) {
    return new ValidationError(detail ?? `GitLab rejected the request for ${what} (${status})`, status);
  }
  if (status >= 500) {
    return new ServerError(`GitLab server error ${status} for ${what}${suffix}`, status);
  }
  return new ServerError(`Unexpected GitLab response ${status} for ${what}${suffix}`, status);
}

const CERT_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The innermost `code` in an error's cause chain (undici wraps socket errors). */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  let code: string | undefined;
  for (let depth = 0; depth < 5 && isObject(current); depth++) {
    const candidate = (current as { code?: unknown }).code;
    if (typeof candidate === 'string') {
      code = candidate;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return code;
}

export interface TransportContext {
  readonly host: string;
  readonly cancelled: boolean;
  readonly timedOut: boolean;
  readonly timeoutMs: number;
}

export function translateTransportError(error: unknown, context: TransportContext): CiError {
  if (context.cancelled) {
    return new CancelledError();
  }
  if (context.timedOut) {
    return new NetworkError(`GitLab at ${context.host} did not answer within ${Math.round(context.timeoutMs / 1000)} s`, { cause: error });
  }
  const code = errorCode(error);
  if (code !== undefined && CERT_CODES.has(code)) {
    return new NetworkError(
      `Could not verify the TLS certificate of ${context.host} (${code}). If this GitLab uses a self-signed or private CA certificate, add the CA to your system or NODE_EXTRA_CA_CERTS.`,
      { cause: error },
    );
  }
  const reason =
    code === 'ENOTFOUND' || code === 'EAI_AGAIN'
      ? 'host name could not be resolved'
      : code === 'ECONNREFUSED'
        ? 'connection refused'
        : code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE'
          ? 'connection was reset'
          : code?.includes('TIMEOUT')
            ? 'connection timed out'
            : code ?? 'network failure';
  return new NetworkError(`Cannot reach GitLab at ${context.host}: ${reason}`, { cause: error });
}
