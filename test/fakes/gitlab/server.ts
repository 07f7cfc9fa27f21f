/**
 * A fake GitLab REST v4 server on 127.0.0.1 over real HTTP, built on the fake-server kit, for
 * provider tests and demos: auth (PRIVATE-TOKEN or Bearer), scopes, pagination, RateLimit-* headers,
 * fault injection and per-route stats. Instance URL = `server.url`; API under /api/v4, GraphQL at
 * POST /api/graphql (the projects' pipelines, see graphql/).
 */
import { FakeServer, json, RateBudget, Router, type RateSnapshot } from '../kit';
import { kitRule, type FaultRule } from './faults';
import { deploymentRoutes } from './handlers/deployments';
import { GRAPHQL_PATH, graphqlRoutes } from './handlers/graphql';
import { jobRoutes } from './handlers/jobs';
import { mergeRequestRoutes } from './handlers/mergeRequests';
import { pipelineRoutes } from './handlers/pipelines';
import { repositoryRoutes } from './handlers/repository';
import { userRoutes } from './handlers/user';
import { FakeGitLabState, type FakeToken } from './state';
import type { Access, Reply, Route } from './types';

export interface FakeRateLimit {
  /** Requests allowed per window. */
  readonly limit: number;
  readonly windowSeconds?: number;
  /** Answer 429 with Retry-After once the window's budget is spent. */
  readonly enforce?: boolean;
}

export interface FakeGitLabOptions {
  readonly state?: FakeGitLabState;
  readonly port?: number;
  readonly rateLimit?: FakeRateLimit;
}

const ROUTES: readonly Route[] = [...userRoutes, ...pipelineRoutes, ...jobRoutes, ...repositoryRoutes, ...deploymentRoutes, ...mergeRequestRoutes, ...graphqlRoutes];
/** GitLab.com's limits count per instance here: one budget for every token. */
const INSTANCE = 'instance';

export class FakeGitLabServer extends FakeServer<FakeToken> {
  readonly state: FakeGitLabState;
  private readonly budget: RateBudget;
  private limits: FakeRateLimit;

  constructor(private readonly options: FakeGitLabOptions = {}) {
    const state = options.state ?? new FakeGitLabState();
    const limits = options.rateLimit ?? { limit: 2000, windowSeconds: 60, enforce: false };
    const budget = new RateBudget({ ...budgetOptions(limits), render: rateLimitHeaders }, { now: () => Date.now() });
    const router = new Router<FakeToken>();
    super({
      router,
      basePath: '/api/v4',
      rootPaths: [GRAPHQL_PATH],
      authenticate: (headers) => {
        const privateToken = headers['private-token'];
        const value = typeof privateToken === 'string' ? privateToken : /^Bearer (.+)$/i.exec(headers.authorization ?? '')?.[1];
        return value === undefined ? undefined : state.tokens.get(value);
      },
      unauthorized: () => json(401, { message: '401 Unauthorized' }),
      notFound: () => json(404, { error: '404 Not Found' }),
      budget,
      budgetKey: () => INSTANCE,
      tooMany: (limit) => ({ status: 429, text: 'Retry later', headers: { 'retry-after': String(Math.max(1, Math.ceil((limit.resetMs - limit.now) / 1000))), 'content-type': 'text/plain' } }),
    });
    this.state = state;
    this.budget = budget;
    this.limits = limits;
    for (const route of ROUTES) {
      router.add(route.name, (req) => checkAccess(route.access, req.identity) ?? route.handle({ state, web: this.url, params: Object.values(req.params), url: req.url, headers: req.headers, body: req.body, token: req.identity }));
    }
  }

  get rateLimit(): FakeRateLimit {
    return this.limits;
  }

  /** Changes the limit; requests of the current window still count. */
  set rateLimit(limits: FakeRateLimit) {
    this.limits = limits;
    this.budget.configure(budgetOptions(limits));
  }

  override start(): Promise<string> {
    return super.start(this.options.port ?? 0);
  }

  /** `faults.add` with GitLab's `drop` / `stall` flags. */
  override inject(rule: FaultRule): void {
    this.faults.add(kitRule(rule));
  }
}

function budgetOptions(limits: FakeRateLimit): { limit: number; windowMs: number; enforce: boolean } {
  return { limit: limits.limit, windowMs: (limits.windowSeconds ?? 60) * 1000, enforce: limits.enforce ?? false };
}

/** GitLab's RateLimit-* headers (https://docs.gitlab.com/ee/administration/settings/user_and_ip_rate_limits.html). */
function rateLimitHeaders(limit: RateSnapshot): Record<string, string> {
  return {
    'ratelimit-limit': String(limit.limit),
    'ratelimit-observed': String(limit.used),
    'ratelimit-remaining': String(limit.remaining),
    'ratelimit-reset': String(Math.ceil(limit.resetMs / 1000)),
    'ratelimit-resettime': new Date(limit.resetMs).toUTCString(),
  };
}

function checkAccess(access: Access, token: FakeToken): Reply | undefined {
  const scopes = token.scopes;
  const ok = access === 'user' || scopes.includes('api') || (access === 'read' && scopes.includes('read_api'));
  if (ok) {
    return undefined;
  }
  return json(403, {
    error: 'insufficient_scope',
    error_description: 'The request requires higher privileges than provided by the access token.',
    scope: access === 'write' ? 'api' : 'api read_api',
  });
}
