/**
 * One HTTP exchange under one timeout that covers the headers AND the whole body: a server that
 * sends headers and then stalls mid-body ends at the timeout as a network error, and a body
 * cut by a reset is an error, never a short answer. Redirects are followed here (at most 5) so
 * that the credential headers are dropped when a redirect leaves the origin.
 */
import { CancelledError, type CiError } from '../../core/errors';
import { translateTransportError } from './errors';

export type FetchLike = typeof globalThis.fetch;

export interface ExchangeRequest {
  readonly url: URL;
  readonly method: string;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  /** Header names removed on a redirect to another origin (authorization always is). */
  readonly credentialHeaders?: readonly string[];
}

export interface ExchangeOptions {
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Service name and host for error messages. */
  readonly service: string;
  readonly host: string;
}

export interface Exchanged {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  /** Final URL after redirects. */
  readonly url: string;
  readonly bytes: Uint8Array;
}

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Performs the exchange; throws CancelledError (caller abort) or HttpNetworkError (incl. timeout). */
export async function exchange(request: ExchangeRequest, options: ExchangeOptions): Promise<Exchanged> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout.signal]) : timeout.signal;
  const fail = (error: unknown): CiError =>
    translateTransportError(error, {
      service: options.service,
      host: options.host,
      cancelled: options.signal?.aborted ?? false,
      timedOut: timeout.signal.aborted,
      timeoutMs: options.timeoutMs,
    });
  try {
    let url = request.url;
    let method = request.method;
    let body = request.body;
    const headers: Record<string, string> = { ...request.headers };
    const credentials = ['authorization', 'cookie', ...(request.credentialHeaders ?? [])];
    for (let hop = 0; ; hop++) {
      // A request queued (by an SDK's limiter, say) after its caller gave up is not sent.
      if (options.signal?.aborted) throw fail(options.signal.reason);
      let response: Response;
      try {
        response = await options.fetch(url, { method, headers, body, signal, redirect: 'manual' });
      } catch (error) {
        throw fail(error);
      }
      const location = response.headers.get('location');
      if (REDIRECTS.has(response.status) && location !== null && hop < MAX_REDIRECTS) {
        await response.body?.cancel().catch(() => undefined);
        const next = new URL(location, url);
        if (next.origin !== url.origin) {
          for (const name of credentials) {
            delete headers[name];
          }
        }
        if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
          method = method === 'HEAD' ? 'HEAD' : 'GET';
          body = undefined;
          delete headers['content-type'];
        }
        url = next;
        continue;
      }
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await response.arrayBuffer());
      } catch (error) {
        throw fail(error);
      }
      return { status: response.status, statusText: response.statusText, headers: response.headers, url: url.href, bytes };
    }
  } finally {
    clearTimeout(timer);
  }
}

const NULL_BODY = new Set([101, 204, 205, 304]);

function headersOf(init: RequestInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(init?.headers).forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

/**
 * A `fetch` for SDKs (Octokit) with the same guarantees: whole-exchange timeout, body fully read
 * before the Response is handed over (a cut body rejects), credentials dropped across origins.
 * Rejections: HttpNetworkError, or the signal's AbortError when the caller aborted.
 */
export function wholeExchangeFetch(options: Omit<ExchangeOptions, 'signal'>): FetchLike {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const body = init?.body;
    if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array)) {
      throw new TypeError('wholeExchangeFetch sends string or byte bodies only');
    }
    const signal = init?.signal ?? undefined;
    let result: Exchanged;
    try {
      result = await exchange({ url, method: init?.method ?? 'GET', headers: headersOf(init), body: body ?? undefined }, { ...options, signal });
    } catch (error) {
      // A caller abort surfaces as the signal's AbortError, which SDKs know not to retry.
      if (error instanceof CancelledError && signal?.aborted) {
        throw signal.reason instanceof Error ? signal.reason : new DOMException('The operation was aborted', 'AbortError');
      }
      throw error;
    }
    const response = new Response(NULL_BODY.has(result.status) ? null : result.bytes, {
      status: result.status,
      statusText: result.statusText,
      headers: result.headers,
    });
    Object.defineProperty(response, 'url', { value: result.url });
    return response;
  };
}
