/**
 * The GitLab REST v4 transport: the shared HTTP toolkit (../http) pointed at /api/v4 with a
 * Bearer token, GitLab's error wording, the instance's limiter, and GET retries on 5xx.
 */
import type { Clock, Logger } from '../../core/ports';
import { bearer, HttpClient, type FetchLike, type RequestLimiter } from '../http';
import { GITLAB_DIALECT } from './dialect';
import { apiBase } from './urls';

export type GitLabHttp = HttpClient;

export interface GitLabHttpConfig {
  readonly host: string;
  readonly getToken: () => Promise<string | undefined>;
  readonly fetch: FetchLike;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly limiter: RequestLimiter;
  readonly userAgent: string;
  readonly timeoutMs: number;
  /** Retries of a GET after 5xx or a reset connection (mutations are never retried). */
  readonly maxRetries: number;
  /** Base delay between GET retries; doubles each attempt. */
  readonly retryDelayMs: number;
}

export function createGitLabHttp(config: GitLabHttpConfig): GitLabHttp {
  return new HttpClient({
    baseUrl: apiBase(config.host),
    host: config.host,
    dialect: GITLAB_DIALECT,
    auth: async () => {
      const token = await config.getToken();
      return token ? bearer(token) : undefined;
    },
    fetch: config.fetch,
    userAgent: config.userAgent,
    timeoutMs: config.timeoutMs,
    limiter: config.limiter,
    // GitLab's 500s are often transient (Gitaly timeouts), so they are retried like 502-504.
    retry: { maxRetries: config.maxRetries, baseDelayMs: config.retryDelayMs, statuses: [500, 502, 503, 504] },
    clock: config.clock,
    logger: config.logger,
  });
}
