/**
 * HttpClient: a small REST client on an injected fetch. Per request: credentials from an async
 * source, the host's limiter, one whole-exchange timeout, the caller's AbortSignal, strict JSON
 * for 2xx answers, typed errors (redacted), bounded retries of idempotent reads, and the server's
 * rate-limit headers (remembered, and a spent budget pauses the limiter).
 */
import { AuthError, isCiError, RateLimitError, type CiError } from '../../core/errors';
import type { ArtifactDownload } from '../../core/ci/operations';
import type { RateLimitInfo } from '../../core/ci/provider';
import { nullLogger, systemClock, type Clock, type Logger } from '../../core/ports';
import type { AuthHeader } from './auth';
import { translateStatus, UnexpectedResponseError, type ErrorDialect } from './errors';
import { download, type DownloadRequest } from './download';
import { exchange, type FetchLike } from './exchange';
import { parseErrorBody, parseJson, rejectHtml } from './json';
import type { RequestLimiter } from './limiter';
import { redactError } from './redactError';
import { budgetSpent, readRateLimit, resumeAt } from './rateLimit';
import { DEFAULT_RETRY, isIdempotent, retryDelay, sleep, type RetryPolicy } from './retry';

export type Query = Readonly<Record<string, string | number | boolean | undefined>>;
export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  readonly method?: Method;
  /** Path below the base URL ("/projects/1" or "projects/1"), or an absolute URL on the base's origin (a next link). */
  readonly path: string;
  readonly query?: Query;
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON request body. */
  readonly json?: unknown;
  readonly signal?: AbortSignal;
  /** Short token-free description for messages, e.g. "pipelines of group/app". */
  readonly what: string;
  /** Credentials for this request instead of the client's (a token check before storing it). */
  readonly auth?: AuthHeader;
  /** Non-2xx statuses returned instead of thrown (e.g. 416 for log ranges); their body is read leniently. */
  readonly accept?: readonly number[];
  /** How a 2xx body is read: strict JSON (default), text, or bytes only (`body` undefined). */
  readonly as?: 'json' | 'text' | 'bytes';
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  /** Final URL after redirects. */
  readonly url: string;
  /** Parsed JSON or text per `as`; for accepted non-2xx statuses, the leniently read body. */
  readonly body: unknown;
  readonly bytes: Uint8Array;
}

export interface HttpClientConfig {
  /** Base URL, path prefix included: "https://gitlab.example.com/api/v4", "https://ci.example.com/jenkins/". */
  readonly baseUrl: string;
  /** Shown in messages instead of the base URL, e.g. the instance URL without /api/v4. */
  readonly host?: string;
  /** Service name and error wording; see ErrorDialect. */
  readonly dialect: ErrorDialect;
  /** Credentials per request; undefined means not signed in (AuthError, nothing sent). */
  readonly auth: () => Promise<AuthHeader | undefined>;
  readonly fetch?: FetchLike;
  readonly userAgent: string;
  /** One timeout for the whole exchange, headers and body (default 30 s). */
  readonly timeoutMs?: number;
  /** The host's request budget; optional. */
  readonly limiter?: RequestLimiter;
  /** Retries of GET/HEAD; mutations are never retried. Default DEFAULT_RETRY. */
  readonly retry?: Partial<RetryPolicy>;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

export class HttpClient {
  private readonly base: URL;
  private readonly retry: RetryPolicy;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly timeoutMs: number;
  private lastRateLimit: RateLimitInfo | undefined;
  /** Aborted by dispose(): every request in flight (and any later one) ends with CancelledError. */
  private readonly lifetime = new AbortController();

  constructor(private readonly config: HttpClientConfig) {
    this.base = new URL(config.baseUrl.endsWith('/') ? config.baseUrl : `${config.baseUrl}/`);
    this.retry = { ...DEFAULT_RETRY, ...config.retry };
    this.clock = config.clock ?? systemClock;
    this.logger = config.logger ?? nullLogger;
    this.timeoutMs = config.timeoutMs ?? 30_000;
  }

  /** The last rate-limit headers seen. */
  get rateLimit(): RateLimitInfo | undefined {
    return this.lastRateLimit;
  }

  /** For messages: `config.host`, else the base URL without a trailing slash. */
  get host(): string {
    return this.config.host ?? this.base.href.replace(/\/$/, '');
  }

  /** The absolute URL of `path` + `query` below the base. */
  url(path: string, query: Query = {}): URL {
    const url = /^https?:\/\//i.test(path) ? new URL(path) : new URL(path.replace(/^\/+/, ''), this.base);
    if (url.origin !== this.base.origin) {
      throw new UnexpectedResponseError(`Refusing to send ${this.config.dialect.service} credentials to another origin (${url.origin})`, 0);
    }
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) {
        url.searchParams.set(key, String(value));
      }
    }
    return url;
  }

  /** Ends every request in flight with CancelledError (the provider was disposed); later ones fail at once. */
  dispose(): void {
    this.lifetime.abort();
  }

  async request(given: HttpRequest): Promise<HttpResponse> {
    const signal = given.signal ? AbortSignal.any([given.signal, this.lifetime.signal]) : this.lifetime.signal;
    const req: HttpRequest = { ...given, signal };
    const method = req.method ?? 'GET';
    const retries = isIdempotent(method) ? this.retry.maxRetries : 0;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(req, method);
      } catch (error) {
        const ciError = error as CiError;
        const wait = attempt < retries && isCiError(error) ? retryDelay(ciError, attempt, this.retry, this.clock.now()) : undefined;
        if (wait === undefined) {
          throw error;
        }
        this.logger.debug(`${this.config.dialect.service} ${req.what}: ${ciError.message}; retry ${attempt + 1}/${retries} in ${wait} ms`);
        await sleep(this.clock, wait, req.signal);
      }
    }
  }

  /** GET `path` and return its JSON body (strict: HTML, empty or invalid JSON throw). */
  async getJson(path: string, what: string, options: { readonly query?: Query; readonly signal?: AbortSignal } = {}): Promise<unknown> {
    return (await this.request({ path, what, ...options })).body;
  }

  /**
   * Streams `path` (download.ts): the client's credentials to its own origin only, redirects to a
   * storage host without them, a stall timeout instead of the whole-exchange one, retried only
   * before the first body byte.
   */
  async download(
    req: Omit<DownloadRequest, 'url' | 'auth'> & { readonly path: string; readonly query?: Query; readonly stallTimeoutMs?: number },
  ): Promise<ArtifactDownload> {
    const auth = await this.config.auth();
    if (!auth) {
      throw new AuthError(`Not signed in to ${this.config.dialect.service} at ${this.host}`);
    }
    const signal = req.signal ? AbortSignal.any([req.signal, this.lifetime.signal]) : this.lifetime.signal;
    const { path, query, stallTimeoutMs, ...rest } = req;
    return download(
      { ...rest, url: this.url(path, query), auth, signal },
      {
        fetch: this.config.fetch,
        dialect: this.config.dialect,
        host: this.host,
        userAgent: this.config.userAgent,
        headersTimeoutMs: this.timeoutMs,
        stallTimeoutMs: stallTimeoutMs ?? this.timeoutMs,
        retry: this.retry,
        clock: this.clock,
        logger: this.logger,
        acquire: (given) => this.acquire(given),
      },
    );
  }

  private async once(req: HttpRequest, method: Method): Promise<HttpResponse> {
    const auth = req.auth ?? (await this.config.auth());
    const { service } = this.config.dialect;
    if (!auth) {
      throw new AuthError(`Not signed in to ${service} at ${this.host}`);
    }
    const secrets = [auth.secret];
    try {
      const url = this.url(req.path, req.query);
      await this.acquire(req.signal);
      const headers: Record<string, string> = { accept: 'application/json', 'user-agent': this.config.userAgent };
      for (const [name, value] of Object.entries(req.headers ?? {})) {
        headers[name.toLowerCase()] = value;
      }
      headers[auth.name] = auth.value;
      if (req.json !== undefined) {
        headers['content-type'] = 'application/json';
      }
      const answer = await exchange(
        { url, method, headers, body: req.json === undefined ? undefined : JSON.stringify(req.json), credentialHeaders: [auth.name] },
        { fetch: this.config.fetch ?? globalThis.fetch, timeoutMs: this.timeoutMs, signal: req.signal, service, host: this.host },
      );
      this.noteRateLimit(answer.status, answer.headers);
      const ok = answer.status >= 200 && answer.status < 300;
      if (!ok && !(req.accept?.includes(answer.status) ?? false)) {
        const body = parseErrorBody(answer.bytes);
        throw translateStatus({ status: answer.status, headers: answer.headers, body, method, what: req.what }, this.config.dialect, this.clock.now());
      }
      return { status: answer.status, headers: answer.headers, url: answer.url, bytes: answer.bytes, body: this.bodyOf(req, answer.status, answer.headers, answer.bytes) };
    } catch (error) {
      throw redactError(error, secrets);
    }
  }

  private bodyOf(req: HttpRequest, status: number, headers: Headers, bytes: Uint8Array): unknown {
    if (status < 200 || status >= 300) {
      return parseErrorBody(bytes);
    }
    const as = req.as ?? 'json';
    if (as !== 'json' && asksForPlainText(req)) {
      // A log asked for as text that comes back as a web page is a proxy's or a sign-in page, not the log.
      rejectHtml(new TextDecoder().decode(bytes.subarray(0, 1024)), headers.get('content-type') ?? '', `${this.config.dialect.service} ${req.what}`, 'the text asked for');
    }
    if (as === 'bytes' || req.method === 'HEAD' || status === 204 || status === 205) {
      return undefined;
    }
    if (as === 'text') {
      return new TextDecoder().decode(bytes);
    }
    return parseJson(bytes, headers.get('content-type') ?? '', `${this.config.dialect.service} ${req.what}`);
  }

  private async acquire(signal: AbortSignal | undefined): Promise<void> {
    try {
      await this.config.limiter?.acquire(signal);
    } catch (error) {
      if (error instanceof RateLimitError) {
        throw new RateLimitError(`${this.config.dialect.service} rate limit reached; requests resume at ${new Date(error.resetAt).toISOString()}`, error.resetAt, error.status);
      }
      throw error;
    }
  }

  private noteRateLimit(status: number, headers: Headers): void {
    const now = this.clock.now();
    const info = readRateLimit(headers, now);
    if (info) {
      this.lastRateLimit = info;
    }
    if (status === 429 || (budgetSpent(headers) && info !== undefined)) {
      this.config.limiter?.pauseUntil(resumeAt(headers, now));
    }
  }
}

/** A read whose Accept header names text types and no HTML (a log download). */
function asksForPlainText(req: HttpRequest): boolean {
  const method = req.method ?? 'GET';
  const accept = Object.entries(req.headers ?? {}).find(([name]) => name.toLowerCase() === 'accept')?.[1]?.toLowerCase();
  return (method === 'GET' || method === 'HEAD') && accept !== undefined && accept.includes('text/plain') && !accept.includes('html');
}
