/**
 * A fake Bitbucket Cloud REST API 2.0 on 127.0.0.1, built on the fake-server kit: HTTP Basic for an
 * Atlassian account (e-mail + API token) and Bearer access tokens, 1,000 requests an hour per
 * credential with X-RateLimit-* headers and 429, `{values, next}` pagination, faults and a request
 * log. API base = `${server.url}/2.0`; web pages are `server.url` itself.
 */
import { FakeServer, ManualClock, RateBudget, Router } from '../kit';
import { addRoutes, bbError } from './routes';
import { FakeBitbucketState, type FakeCredential } from './state';

function credentialOf(authorization: string | undefined, state: FakeBitbucketState): FakeCredential | undefined {
  const bearer = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
  if (bearer !== undefined) {
    const found = state.credentials.get(bearer);
    return found?.kind === 'account' ? undefined : found;
  }
  const basic = /^Basic (.+)$/i.exec(authorization ?? '')?.[1];
  if (basic === undefined) return undefined;
  const found = state.credentials.get(Buffer.from(basic, 'base64').toString('utf8'));
  return found?.kind === 'account' ? found : undefined;
}

export class FakeBitbucketServer extends FakeServer<FakeCredential> {
  readonly state: FakeBitbucketState;
  readonly budget: RateBudget;

  constructor(options: { readonly state?: FakeBitbucketState; readonly clock?: ManualClock; readonly limitPerHour?: number; readonly enforce?: boolean } = {}) {
    const clock = options.clock ?? options.state?.clock ?? new ManualClock();
    const state = options.state ?? new FakeBitbucketState(clock);
    const router = new Router<FakeCredential>();
    const budget = new RateBudget({ limit: options.limitPerHour ?? 1000, windowMs: 3_600_000, enforce: options.enforce ?? true, reset: 'delta', prefix: 'x-ratelimit' }, state.clock);
    super({
      router,
      authenticate: (headers) => credentialOf(headers.authorization, state),
      unauthorized: () => bbError(401, 'Unauthorized', 'Invalid or expired credentials'),
      notFound: () => bbError(404, 'Resource not found'),
      budget,
      budgetKey: (credential) => `${credential.kind}:${credential.name}`,
      tooMany: () => bbError(429, 'Rate limit for this resource has been exceeded'),
      clock: state.clock,
    });
    this.state = state;
    this.budget = budget;
    addRoutes(router, state, () => this.url);
  }

  /** The API base URL (the account's apiUrl). */
  get apiUrl(): string {
    return `${this.url}/2.0`;
  }
}
