/**
 * A fake Buildkite REST API v2 on 127.0.0.1, built on the fake-server kit: Bearer tokens with REST
 * scopes, 200 requests per minute per organization with RateLimit-* headers (delta seconds) and 429,
 * page/per_page + Link pagination, faults and a request log. API base = `server.url` (paths under /v2).
 */
import { FakeServer, FakeStorageServer, json, ManualClock, RateBudget, Router } from '../kit';
import { addRoutes } from './routes';
import { FakeBuildkiteState, type FakeToken } from './state';

export class FakeBuildkiteServer extends FakeServer<FakeToken> {
  readonly state: FakeBuildkiteState;
  readonly budget: RateBudget;
  /** The artifact store downloads are redirected to (its own origin; records Authorization headers). */
  readonly storage: FakeStorageServer;

  constructor(options: { readonly state?: FakeBuildkiteState; readonly clock?: ManualClock; readonly limitPerMinute?: number; readonly enforce?: boolean } = {}) {
    const clock = options.clock ?? options.state?.clock ?? new ManualClock();
    const state = options.state ?? new FakeBuildkiteState(clock);
    const router = new Router<FakeToken>();
    const storage = new FakeStorageServer();
    const budget = new RateBudget({ limit: options.limitPerMinute ?? 200, windowMs: 60_000, enforce: options.enforce ?? true, reset: 'delta', prefix: 'ratelimit' }, state.clock);
    super({
      router,
      authenticate: (headers) => {
        const bearer = /^Bearer (.+)$/i.exec(headers.authorization ?? '')?.[1];
        return bearer === undefined ? undefined : state.tokens.get(bearer);
      },
      unauthorized: () => json(401, { message: 'Authentication required. Please supply a valid API Access Token: https://buildkite.com/docs/apis/rest-api#authentication' }),
      notFound: () => json(404, { message: 'Not Found' }),
      budget,
      // Buildkite counts requests per organization; token-level endpoints count against the token.
      budgetKey: (token, path) => /^\/v2\/organizations\/([^/]+)/.exec(path)?.[1] ?? `token:${token.uuid}`,
      tooMany: () => json(429, { message: 'You have exceeded the rate limit. Please wait before making more requests.' }),
      clock: state.clock,
      companions: [storage],
    });
    this.storage = storage;
    this.state = state;
    this.budget = budget;
    addRoutes(router, state, () => ({ api: this.url, web: `${this.url}/web` }), (key, bytes, contentType) => storage.put(key, { bytes, contentType }));
  }
}
