/**
 * HTTP answers and transport failures -> the typed errors of core/errors.ts. Messages are built
 * from the status, the server's own explanation and the caller's `what`, never from request
 * headers; the client also redacts the credential by value from every message it throws.
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
import { resumeAt } from './rateLimit';

/** A 2xx answer that is not what was asked for: HTML, cut-off or wrong-shaped JSON. */
export class UnexpectedResponseError extends ServerError {
  constructor(message: string, status = 200) {
    super(message, status);
  }
}

export type NetworkReason = 'dns' | 'refused' | 'reset' | 'tls' | 'timeout' | 'other';

/** NetworkError with the reason the host could not be reached. */
export class HttpNetworkError extends NetworkError {
  constructor(message: string, readonly reason: NetworkReason, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A non-2xx answer, as given to translateStatus and a dialect. */
export interface FailedResponse {
  readonly status: number;
  readonly headers: Headers;
  /** Error body read leniently: JSON, short text, or undefined. */
  readonly body: unknown;
  readonly method: string;
  /** What was asked, e.g. "project group/app" (no token, no query). */
  readonly what: string;
}

/** How one service explains its errors; every part is optional. */
export interface ErrorDialect {
  /** Service name in messages, e.g. "GitLab". */
  readonly service: string;
  /** The server's explanation from an error body. Default: `message` or `error` string. */
  readonly messageOf?: (body: unknown) => string | undefined;
  /** For a 403: the permissions/scopes the server says are missing, and what the action needs. */
  readonly forbidden?: (failure: FailedResponse) => { readonly missingScopes: readonly string[]; readonly need?: string };
}

function defaultMessage(body: unknown): string | undefined {
  if (typeof body === 'string') {
    return body || undefined;
  }
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const record = body as Record<string, unknown>;
    for (const key of ['message', 'error_description', 'error']) {
      const value = record[key];
      if (typeof value === 'string' && value !== '') {
        return value;
      }
    }
  }
  return undefined;
}

export function translateStatus(failure: FailedResponse, dialect: ErrorDialect, now: number): CiError {
  const { status, headers, what } = failure;
  const name = dialect.service;
  const detail = (dialect.messageOf ?? defaultMessage)(failure.body);
  const suffix = detail ? `: ${detail}` : '';
  if (status === 401) {
    return new AuthError(`${name} rejected the token (401) for ${what}. Sign in again${suffix}`, 401);
  }
  if (status === 429) {
    const at = resumeAt(headers, now);
    return new RateLimitError(`${name} rate limit reached for ${what}; retry after ${new Date(at).toISOString()}`, at, 429);
  }
  if (status === 403) {
    const { missingScopes, need } = dialect.forbidden?.(failure) ?? { missingScopes: [] };
    const scopeText = missingScopes.length > 0 ? ` (missing scope: ${missingScopes.join(', ')})` : '';
    const says = detail ? ` — ${name} says: ${detail}` : '';
    return new ForbiddenError(`${name} denied access to ${what} (403)${scopeText}${need ? `: ${need}` : ''}${says}`, missingScopes, 403);
  }
  if (status === 404) {
    return new NotFoundError(`${name} ${what} not found (404), or the token has no access to it`, 404);
  }
  if (status === 410) {
    return new GoneError(`${name} ${what} is gone (410)${suffix}`, 410);
  }
  if (status === 400 || status === 409 || status === 422) {
    return new ValidationError(detail ?? `${name} rejected the request for ${what} (${status})`, status);
  }
  if (status >= 500) {
    return new ServerError(`${name} server error ${status} for ${what}${suffix}`, status);
  }
  return new ServerError(`Unexpected ${name} response ${status} for ${what}${suffix}`, status);
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
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const candidate = (current as { code?: unknown }).code;
    if (typeof candidate === 'string') {
      code = candidate;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return code;
}

function reasonOf(code: string | undefined): NetworkReason {
  if (code === undefined) {
    return 'other';
  }
  if (CERT_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL')) {
    return 'tls';
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return 'dns';
  }
  if (code === 'ECONNREFUSED') {
    return 'refused';
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE' || code === 'UND_ERR_CLOSED') {
    return 'reset';
  }
  return code.includes('TIMEOUT') ? 'timeout' : 'other';
}

const REASON_TEXT: Readonly<Record<NetworkReason, string>> = {
  dns: 'host name could not be resolved',
  refused: 'connection refused',
  reset: 'connection was reset',
  tls: 'TLS failure',
  timeout: 'connection timed out',
  other: 'network failure',
};

export interface TransportContext {
  /** Service name, e.g. "GitLab". */
  readonly service: string;
  /** Origin (and path prefix) for messages, e.g. "https://gitlab.example.com". */
  readonly host: string;
  readonly cancelled: boolean;
  readonly timedOut: boolean;
  readonly timeoutMs: number;
}

/** A thrown fetch/body error -> CancelledError or HttpNetworkError (with its reason). */
export function translateTransportError(error: unknown, context: TransportContext): CiError {
  if (context.cancelled) {
    return new CancelledError();
  }
  const { service, host } = context;
  if (context.timedOut) {
    const limit = context.timeoutMs < 1000 ? `${context.timeoutMs} ms` : `${Math.round(context.timeoutMs / 1000)} s`;
    return new HttpNetworkError(`${service} at ${host} did not answer within ${limit} (timed out)`, 'timeout', { cause: error });
  }
  const code = errorCode(error);
  const reason = reasonOf(code);
  if (reason === 'tls') {
    return new HttpNetworkError(
      `Could not verify the TLS certificate of ${host} (${code ?? 'TLS'}). If this ${service} uses a self-signed or private CA certificate, add the CA to your system or NODE_EXTRA_CA_CERTS.`,
      'tls',
      { cause: error },
    );
  }
  const text = reason === 'other' && code !== undefined ? code : REASON_TEXT[reason];
  return new HttpNetworkError(`Cannot reach ${service} at ${host}: ${text}`, reason, { cause: error });
}
