/**
 * The outermost Octokit request wrapper: per-request token, no automatic retry
 * of mutations, one deadline over a read and all its retries, conditional requests
 * with the ETag cache, rate-limit bookkeeping.
 */
import type { RateLimitInfo, TokenSource } from '../../core/ci/provider';
import { EtagCache, type CachedResponse } from './etagCache';

/** The subset of Octokit's endpoint options this hook touches. */
export interface HookOptions {
  method: string;
  headers: Record<string, string | number | undefined>;
  request?: Record<string, unknown>;
}

export type HookRequest<O extends HookOptions> = (options: O) => Promise<CachedResponse>;

export interface RequestHookDeps<O extends HookOptions> {
  readonly getToken: TokenSource;
  readonly cache: EtagCache;
  /** Full URL with query string of the request (Octokit's endpoint.parse). */
  readonly urlOf: (options: O) => string;
  readonly onRateLimit: (info: RateLimitInfo) => void;
  /** A GET/HEAD, retries included, is aborted after this many ms and fails with `timedOut()`. */
  readonly readDeadlineMs: number;
  readonly timedOut: () => Error;
}

function header(headers: CachedResponse['headers'] | undefined, name: string): string | undefined {
  const value = headers?.[name];
  return value === undefined ? undefined : String(value);
}

function readRateLimit(headers: CachedResponse['headers'] | undefined): RateLimitInfo | undefined {
  const limit = Number(header(headers, 'x-ratelimit-limit'));
  const remaining = Number(header(headers, 'x-ratelimit-remaining'));
  const reset = Number(header(headers, 'x-ratelimit-reset'));
  if (!Number.isFinite(limit) || !Number.isFinite(remaining) || !Number.isFinite(reset) || header(headers, 'x-ratelimit-limit') === undefined) {
    return undefined;
  }
  return { limit, remaining, resetAt: reset * 1000 };
}

function responseOf(error: unknown): { status?: unknown; response?: { headers?: CachedResponse['headers'] } } | undefined {
  return typeof error === 'object' && error !== null ? (error) : undefined;
}

function isJsonBody(data: unknown): boolean {
  return typeof data === 'object' && data !== null && !(data instanceof ArrayBuffer);
}

export function createRequestHook<O extends HookOptions>(deps: RequestHookDeps<O>) {
  const record = (headers: CachedResponse['headers'] | undefined): void => {
    const info = readRateLimit(headers);
    if (info) {
      deps.onRateLimit(info);
    }
  };

  return async (request: HookRequest<O>, options: O): Promise<CachedResponse> => {
    const isRead = options.method === 'GET' || options.method === 'HEAD';
    if (!isRead) {
      // Mutations must never be repeated behind the user's back.
      options.request = { ...options.request, retries: 0 };
    }
    if (options.headers.authorization === undefined) {
      const token = await deps.getToken();
      if (token) {
        options.headers.authorization = `token ${token}`;
      }
    }
    const key = options.method === 'GET' ? EtagCache.key(deps.urlOf(options), headerText(options.headers.authorization)) : undefined;
    const etag = key === undefined ? undefined : deps.cache.etag(key);
    if (etag !== undefined) {
      options.headers['if-none-match'] = etag;
    }
    const deadline = isRead ? withDeadline(options, deps.readDeadlineMs) : undefined;
    try {
      const response = await request(options);
      record(response.headers);
      const newEtag = header(response.headers, 'etag');
      if (key !== undefined && newEtag !== undefined && isJsonBody(response.data)) {
        deps.cache.store(key, newEtag, response);
      }
      return response;
    } catch (error: unknown) {
      const failure = responseOf(error);
      record(failure?.response?.headers);
      const cached = key !== undefined && failure?.status === 304 ? deps.cache.hit(key) : undefined;
      if (cached) {
        return cached;
      }
      throw deadline?.expired() ? deps.timedOut() : error;
    } finally {
      deadline?.clear();
    }
  };
}

/** Ties the request's signal to a deadline; `expired()`: the deadline (not the caller) ended it. */
function withDeadline(options: HookOptions, ms: number): { expired(): boolean; clear(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  const caller = options.request?.signal instanceof AbortSignal ? options.request.signal : undefined;
  options.request = { ...options.request, signal: caller ? AbortSignal.any([caller, controller.signal]) : controller.signal };
  return {
    expired: () => controller.signal.aborted && !(caller?.aborted ?? false),
    clear: () => clearTimeout(timer),
  };
}

function headerText(value: string | number | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}
