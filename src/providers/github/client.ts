/**
 * Octokit construction: @octokit/core (only `request()` is used, so no generated endpoint
 * methods) + throttling + retry plugins, the toolkit's fetch (one timeout over headers and
 * body, a cut body is an error, no token across origins) and the request hook (token, ETag
 * cache, rate limit).
 */
import type { Logger } from '../../core/ports';
import { translateTransportError, wholeExchangeFetch } from '../http';
import type { RateLimitInfo, TokenSource } from '../../core/ci/provider';
import type { EtagCache } from './etagCache';
import { createRequestHook, type HookRequest } from './requestHook';
import type * as OctokitVendor from '../vendor/octokit';

export type GitHubClient = InstanceType<typeof OctokitVendor.GitHubOctokit>;

let vendor: typeof OctokitVendor | undefined;
/** Octokit + bottleneck load with the first GitHub client (on the first poll), not at activation. */
function octokitVendor(): typeof OctokitVendor {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose: dist/vendor/octokit.js (esbuild.config.mjs)
  vendor ??= require('../vendor/octokit') as typeof OctokitVendor;
  return vendor;
}

/** Timings and retry budgets; tests shrink them. */
export interface ClientTuning {
  /** Per-attempt timeout in ms, covering the headers and the whole body. */
  readonly timeoutMs: number;
  /**
   * How much longer than one timeout a read may take with its retries: a GET settles within
   * timeoutMs + retryWindowMs however its attempts fail (32 s by default, not three 30 s attempts).
   */
  readonly retryWindowMs: number;
  /** Retries of idempotent GETs on 5xx/network failures. */
  readonly retries: number;
  /** Base of the quadratic retry back-off in ms (1x, 4x, ...). */
  readonly retryBaseMs: number;
  /** Longest rate-limit wait (seconds) Octokit may sit out itself; longer ones surface as RateLimitError. */
  readonly maxThrottleWaitSeconds: number;
  /** Multiplier from a rate-limit wait in seconds to ms (1000 in production). */
  readonly throttleUnitMs: number;
}

export const DEFAULT_TUNING: ClientTuning = {
  timeoutMs: 30_000,
  retryWindowMs: 2_000,
  retries: 2,
  retryBaseMs: 250,
  maxThrottleWaitSeconds: 10,
  throttleUnitMs: 1000,
};

export interface ClientOptions {
  readonly baseUrl: string;
  readonly getToken: TokenSource;
  readonly logger: Logger;
  readonly cache: EtagCache;
  readonly onRateLimit: (info: RateLimitInfo) => void;
  readonly fetch?: typeof globalThis.fetch;
  readonly userAgent?: string;
  readonly tuning: ClientTuning;
}

let clientSequence = 0;

export function createGitHubClient(options: ClientOptions): GitHubClient {
  const { GitHubOctokit } = octokitVendor();
  const { tuning, logger } = options;
  const shouldWait = (retryAfter: number, request: { method: string }, retryCount: number): boolean => {
    const wait = request.method === 'GET' && retryCount < 1 && retryAfter <= tuning.maxThrottleWaitSeconds;
    logger.debug(`GitHub rate limit hit; ${wait ? `retrying after ${retryAfter} s` : 'giving up'}`);
    return wait;
  };
  const host = new URL(options.baseUrl).host;
  const octokit = new GitHubOctokit({
    baseUrl: options.baseUrl,
    userAgent: options.userAgent ?? 'FlowForge',
    request: {
      fetch: wholeExchangeFetch({ fetch: options.fetch ?? globalThis.fetch, timeoutMs: tuning.timeoutMs, service: 'GitHub', host }),
    },
    log: {
      debug: (message: string) => logger.trace(message),
      info: (message: string) => logger.debug(message),
      warn: (message: string) => logger.warn(message),
      // Octokit also reports 304 Not Modified as an error; real failures are thrown, mapped and logged by callers.
      error: (message: string) => logger.debug(message),
    },
    throttle: {
      // A distinct id per client so write spacing and concurrency are per account.
      id: `flowforge-${++clientSequence}`,
      retryAfterBaseValue: tuning.throttleUnitMs,
      onRateLimit: (retryAfter, request, _octokit, retryCount) => shouldWait(retryAfter, request, retryCount),
      onSecondaryRateLimit: (retryAfter, request, _octokit, retryCount) => shouldWait(retryAfter, request, retryCount),
    },
    retry: {
      retries: tuning.retries,
      retryAfterBaseValue: tuning.retryBaseMs,
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
    },
  });
  type EndpointOptions = Required<GitHubClient['request']['endpoint']['DEFAULTS']>;
  const hook = createRequestHook<EndpointOptions>({
    getToken: options.getToken,
    cache: options.cache,
    urlOf: (request) => octokit.request.endpoint.parse(request).url,
    onRateLimit: options.onRateLimit,
    readDeadlineMs: tuning.timeoutMs + tuning.retryWindowMs,
    timedOut: () => translateTransportError(undefined, { service: 'GitHub', host, cancelled: false, timedOut: true, timeoutMs: tuning.timeoutMs }),
  });
  octokit.hook.wrap('request', (request, endpoint) => hook(request as HookRequest<EndpointOptions>, endpoint));
  return octokit;
}
