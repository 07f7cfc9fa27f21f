/**
 * The GitLab REST v4 transport: auth header, client-side budget, timeout, abort,
 * GET-only retries on 5xx, rate-limit bookkeeping and error translation.
 * Plain fetch, no SDK (see the commit introducing this file for the measurement).
 */
import { AuthError, CancelledError, type CiError } from '../../core/errors';
import type { Logger, Clock } from '../../core/ports';
import type { RateLimitInfo } from '../../core/ci/provider';
import { translateStatus, translateTransportError } from './http-errors';
import type { RequestLimiter } from '../http/limiter';
import { readRateLimit } from './rate-limit';
import { apiBase } from './urls';

export type Query = Readonly<Record<string, string | number | undefined>>;

export interface HttpRequest {
  readonly method?: 'GET' | 'POST';
  /** Path below /api/v4, starting with "/". Already URL-encoded. */
  readonly path: string;
  readonly query?: Query;
  readonly headers?: Readonly<Record<string, string>>;
  readonly json?: unknown;
  readonly signal?: AbortSignal;
  /** Short token-free description for error messages, e.g. "project group/app". */
  readonly what: string;
  /** Use this token instead of the account's (token checks before storing). */
  readonly token?: string;
  /** Statuses returned to the caller instead of thrown (e.g. 416 for traces). */
  readonly accept?: readonly number[];
  /** Return the body as bytes instead of parsed JSON/text. */
  readonly raw?: boolean;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON, or text for non-JSON bodies; undefined when `raw`. */
  readonly body: unknown;
  readonly bytes: Uint8Array | undefined;
}

export interface HttpConfig {
  readonly host: string;
  readonly getToken: () => Promise<string | undefined>;
  readonly fetch: typeof globalThis.fetch;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly limiter: RequestLimiter;
  readonly userAgent: string;
  readonly timeoutMs: number;
  /** Retries of a GET after 5xx (mutations are never retried). */
  readonly maxRetries: number;
  /** Base delay between GET retries; doubles each attempt. */
  readonly retryDelayMs: number;
}

export class GitLabHttp {
  private lastRateLimit: RateLimitInfo | undefined;

  constructor(private readonly config: HttpConfig) {}

  get rateLimit(): RateLimitInfo | undefined {
    return this.lastRateLimit;
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    const method = req.method ?? 'GET';
    const retries = method === 'GET' ? this.config.maxRetries : 0;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(req, method);
      } catch (error) {
        const ciError = error as CiError;
        if (attempt >= retries || ciError.kind !== 'server') {
          throw error;
        }
        this.config.logger.debug(`GitLab ${req.what}: ${ciError.message}; retry ${attempt + 1}/${retries}`);
        await this.delay(this.config.retryDelayMs * 2 ** attempt, req.signal);
      }
    }
  }

  private async once(req: HttpRequest, method: string): Promise<HttpResponse> {
    const token = req.token ?? (await this.config.getToken());
    if (!token) {
      throw new AuthError(`Not signed in to GitLab at ${this.config.host}`);
    }
    await this.config.limiter.acquire(req.signal);

    const url = new URL(`${apiBase(this.config.host)}${req.path}`);
    for (const [key, value] of Object.entries(req.query ?? {})) {
      if (value !== undefined) {
        url.searchParams.set(key, String(value));
      }
    }
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization: `Bearer ${token}`,
      'user-agent': this.config.userAgent,
      ...req.headers,
    };
    if (req.json !== undefined) {
      headers['content-type'] = 'application/json';
    }

    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.config.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout.signal]) : timeout.signal;
    const context = () => ({
      host: this.config.host,
      cancelled: req.signal?.aborted ?? false,
      timedOut: timeout.signal.aborted,
      timeoutMs: this.config.timeoutMs,
    });
    try {
      let response: Response;
      try {
        response = await this.config.fetch(url, {
          method,
          headers,
          body: req.json === undefined ? undefined : JSON.stringify(req.json),
          signal,
          redirect: 'follow',
        });
      } catch (error) {
        throw translateTransportError(error, context());
      }
      this.noteRateLimit(response.headers);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await response.arrayBuffer());
      } catch (error) {
        throw translateTransportError(error, context());
      }
      const ok = response.ok || (req.accept?.includes(response.status) ?? false);
      const body = req.raw && ok ? undefined : parseBody(bytes, response.headers);
      if (!ok) {
        throw translateStatus({ status: response.status, headers: response.headers, body, method, what: req.what }, this.config.clock.now());
      }
      return { status: response.status, headers: response.headers, body, bytes: req.raw ? bytes : undefined };
    } finally {
      clearTimeout(timer);
    }
  }

  private noteRateLimit(headers: Headers): void {
    const info = readRateLimit(headers);
    if (info) {
      this.lastRateLimit = info;
    }
  }

  private delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new CancelledError());
        return;
      }
      const onAbort = () => {
        handle.dispose();
        reject(new CancelledError());
      };
      const handle = this.config.clock.setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

function parseBody(bytes: Uint8Array, headers: Headers): unknown {
  const text = new TextDecoder().decode(bytes);
  if ((headers.get('content-type') ?? '').includes('json') && text.trim() !== '') {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}
