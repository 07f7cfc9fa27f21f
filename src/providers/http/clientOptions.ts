/**
 * What a REST provider hands its HTTP client, from the registry's deps and the provider's own
 * options: one place for the defaults (30 s per exchange, 2 retries of reads 500 ms apart, the
 * provider's request budget), and the budgeted client of one account built from it.
 */
import type { ProviderDeps } from '../../core/ci/provider';
import { systemClock, type Clock, type Logger } from '../../core/ports';
import type { AuthHeader } from './auth';
import { HttpClient } from './client';
import type { ErrorDialect } from './errors';
import type { FetchLike } from './exchange';
import { RequestLimiter } from './limiter';

/** The options a REST provider takes for its client (tests shorten the delays, raise the budget). */
export interface ClientOptions {
  readonly requestsPerMinute?: number;
  readonly clock?: Clock;
  readonly timeoutMs?: number;
  readonly maxRetries?: number;
  readonly retryDelayMs?: number;
}

export interface ClientConfig {
  readonly host: string;
  readonly getToken: () => Promise<string | undefined>;
  readonly fetch?: FetchLike;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly userAgent: string;
  readonly timeoutMs: number;
  readonly requestsPerMinute: number;
  readonly maxRetries: number;
  readonly retryDelayMs: number;
}

/** The client config of `host`: the options first, then the deps, then the defaults. */
export function clientConfig(host: string, deps: ProviderDeps, options: ClientOptions, defaultRequestsPerMinute: number): ClientConfig {
  return {
    host,
    getToken: deps.getToken,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    logger: deps.logger,
    clock: options.clock ?? systemClock,
    userAgent: deps.userAgent ?? 'FlowForge',
    timeoutMs: options.timeoutMs ?? 30_000,
    requestsPerMinute: options.requestsPerMinute ?? deps.requestsPerMinute ?? defaultRequestsPerMinute,
    maxRetries: options.maxRetries ?? 2,
    retryDelayMs: options.retryDelayMs ?? 500,
  };
}

/**
 * An HttpClient on `config.host` behind its own RequestLimiter, the stored credential turned into
 * its header by `authOf` (nothing sent without one). Dispose both with the provider.
 */
export function budgetedClient(config: ClientConfig, dialect: ErrorDialect, authOf: (credential: string) => AuthHeader): { readonly http: HttpClient; readonly limiter: RequestLimiter } {
  const limiter = new RequestLimiter(config.requestsPerMinute, config.clock);
  const http = new HttpClient({
    baseUrl: config.host,
    dialect,
    auth: async () => {
      const credential = await config.getToken();
      return credential === undefined || credential === '' ? undefined : authOf(credential);
    },
    ...(config.fetch ? { fetch: config.fetch } : {}),
    userAgent: config.userAgent,
    timeoutMs: config.timeoutMs,
    limiter,
    retry: { maxRetries: config.maxRetries, baseDelayMs: config.retryDelayMs },
    clock: config.clock,
    logger: config.logger,
  });
  return { http, limiter };
}
