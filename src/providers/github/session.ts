/**
 * One account's connection: the Octokit client, its ETag cache, the last rate-limit
 * figures, `call()`, which ties every request to the caller's signal and to the session's
 * lifetime and turns failures into redacted CiErrors, and the boundary checks of every
 * answer (`object`, `items`, `logText`): JSON of the expected shape (schemas.ts), or a
 * typed error that says what came back instead.
 */
import { credentialSecrets } from '../../core/ci/credential';
import { AuthError } from '../../core/errors';
import type { RateLimitInfo, RequestOptions, TokenSource } from '../../core/ci/provider';
import type { Logger } from '../../core/ports';
import type { ArtifactDownload } from '../../core/ci/operations';
import { parseJsonKeepingBigInts } from '../http/bigIntJson';
import { download, type DownloadRequest } from '../http/download';
import { parseJsonText, rejectHtml } from '../http/json';
import { redactError } from '../http/redactError';
import { requireShape, wellShaped, type ShapeSpec } from '../http/shape';
import { DEFAULT_TUNING, createGitHubClient, type ClientTuning, type GitHubClient } from './client';
import { EtagCache } from './etagCache';
import { toCiError } from './errors';

/** What session checks read of an Octokit response. */
export interface ResponseLike {
  readonly data: unknown;
  readonly headers: Readonly<Record<string, string | number | undefined>>;
}

function contentTypeOf(response: ResponseLike): string {
  return String(response.headers['content-type'] ?? '');
}

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
  private readonly getToken: TokenSource;
  private readonly logger: Logger;
  private readonly options: SessionOptions;

  constructor(options: SessionOptions) {
    this.getToken = options.getToken;
    this.logger = options.logger;
    this.options = options;
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

  /**
   * Runs one logical request (which may span pages) with cancellation and error mapping; the error
   * has the account's token (and `secrets`, tokens sent explicitly) removed from its texts.
   */
  async call<T>(what: string, options: RequestOptions | undefined, run: (signal: AbortSignal) => Promise<T>, secrets: readonly string[] = []): Promise<T> {
    const signals = options?.signal ? [this.lifetime.signal, options.signal] : [this.lifetime.signal];
    const signal = AbortSignal.any(signals);
    try {
      return await run(signal);
    } catch (error: unknown) {
      const typed = toCiError(error, { host: this.apiHost, what, aborted: signal.aborted, now: Date.now() });
      const token = await this.getToken().catch(() => undefined);
      throw redactError(typed, [...secrets, ...(token ? [token] : [])].flatMap(credentialSecrets));
    }
  }

  /**
   * The JSON body of an answer: Octokit's parsed value, or, where Octokit gave up and handed back
   * text (an HTML page, an empty or cut-off body, a value too large for its parser), the text
   * parsed here or a typed error saying what it was.
   */
  body(response: ResponseLike, what: string): unknown {
    const { data } = response;
    if (typeof data === 'object' && data !== null && !(data instanceof ArrayBuffer)) {
      return data;
    }
    const text = typeof data === 'string' ? data : data instanceof ArrayBuffer ? new TextDecoder().decode(data) : '';
    return parseJsonText(text, contentTypeOf(response), `${what} (${this.apiHost})`, parseJsonKeepingBigInts);
  }

  /** The answer as an object of `spec`'s shape, or a ShapeError. */
  object<T>(response: ResponseLike, spec: ShapeSpec, what: string): T {
    return requireShape<T>(this.body(response, what), spec, `${what} (${this.apiHost})`);
  }

  /** The items of `spec`'s shape in a list (malformed ones dropped and logged); not a list: ShapeError. */
  items<T>(list: unknown, spec: ShapeSpec, what: string): T[] {
    return wellShaped<T>(list, spec, `${what} (${this.apiHost})`, this.logger);
  }

  /** A log's text as bytes; a web page instead of the log is an error. */
  logBytes(response: ResponseLike, what: string): Buffer {
    const { data } = response;
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data instanceof ArrayBuffer ? Buffer.from(data) : Buffer.alloc(0);
    rejectHtml(bytes.subarray(0, 1024).toString('utf8'), contentTypeOf(response), `${what} (${this.apiHost})`, 'the log');
    return bytes;
  }

  /**
   * Streams `path` below the API URL (an artifact zip): the token to the API origin only, the
   * storage host it redirects to gets none (http/download.ts); retried before the first byte only.
   */
  async download(path: string, request: Omit<DownloadRequest, 'url' | 'auth' | 'signal'>, options?: RequestOptions): Promise<ArtifactDownload> {
    const token = await this.getToken();
    if (!token) {
      throw new AuthError(`Not signed in to GitHub at ${this.apiHost}`);
    }
    const signal = options?.signal ? AbortSignal.any([this.lifetime.signal, options.signal]) : this.lifetime.signal;
    const tuning = { ...DEFAULT_TUNING, ...this.options.tuning };
    const base = this.options.apiUrl.endsWith('/') ? this.options.apiUrl : `${this.options.apiUrl}/`;
    return download(
      { ...request, url: new URL(path.replace(/^\/+/, ''), base), auth: { name: 'authorization', value: `token ${token}`, secret: token }, signal },
      {
        fetch: this.options.fetch,
        dialect: { service: 'GitHub' },
        host: this.apiHost,
        userAgent: this.options.userAgent ?? 'FlowForge',
        headersTimeoutMs: tuning.timeoutMs,
        stallTimeoutMs: tuning.timeoutMs,
        retry: { maxRetries: tuning.retries, baseDelayMs: tuning.retryBaseMs },
        logger: this.logger,
      },
    );
  }

  dispose(): void {
    this.lifetime.abort();
    this.cache.clear();
  }
}
