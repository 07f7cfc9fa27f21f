/**
 * One account's connection: the Octokit client, its ETag cache, the last rate-limit
 * figures, and `call()`, which ties every request to the caller's signal and to
 * the session's lifetime and turns failures into CiErrors.
 */
import { NetworkError } from '../../core/errors';
import type { RateLimitInfo, RequestOptions, TokenSource } from '../../core/ci/provider';
import type { Logger } from '../../core/ports';
import { DEFAULT_TUNING, createGitHubClient, type ClientTuning, type GitHubClient } from './client';
import { EtagCache } from './etagCache';
import { toCiError } from './errors';

export interface SessionOptions {
  readonly apiUrl: string;
  readonly getToken: TokenSource;
  readonly logger: Logger;
  readonly fetch?: typeof globalThis.fetch;
  readonly userAgent?: string;
  readonly tuning?: Partial<ClientTuning>;
  readonly cacheSize?: number;
}

export class GitHubSession {
  readonly client: GitHubClient;
  readonly apiHost: string;
  private readonly cache: EtagCache;
  private readonly lifetime = new AbortController();
  private lastRateLimit: RateLimitInfo | undefined;

  constructor(options: SessionOptions) {
    this.apiHost = new URL(options.apiUrl).host;
    this.cache = new EtagCache(options.cacheSize);
    this.client = createGitHubClient({
      baseUrl: options.apiUrl,
      getToken: options.getToken,
      logger: options.logger,
      cache: this.cache,
      fetch: options.fetch,
      userAgent: options.userAgent,
      tuning: { ...DEFAULT_TUNING, ...options.tuning },
      onRateLimit: (info) => {
        this.lastRateLimit = info;
      },
    });
  }

  get rateLimit(): RateLimitInfo | undefined {
    return this.lastRateLimit;
  }

  /** False when the response was served from the ETag cache after a 304. */
  changed(response: object): boolean {
    return !this.cache.wasNotModified(response);
  }

  /** Runs one logical request (which may span pages) with cancellation and error mapping. */
  async call<T>(what: string, options: RequestOptions | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const signals = options?.signal ? [this.lifetime.signal, options.signal] : [this.lifetime.signal];
    const signal = AbortSignal.any(signals);
    try {
      return await run(signal);
    } catch (error: unknown) {
      throw toCiError(error, { host: this.apiHost, what, aborted: signal.aborted, now: Date.now() });
    }
  }

  /** Guards against truncated bodies: a JSON endpoint must answer with an object. */
  json<T>(data: T): T {
    if (typeof data !== 'object' || data === null) {
      throw new NetworkError(`Incomplete response from ${this.apiHost}`);
    }
    return data;
  }

  dispose(): void {
    this.lifetime.abort();
    this.cache.clear();
  }
}
