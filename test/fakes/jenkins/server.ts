/**
 * A fake Jenkins on 127.0.0.1 under a path prefix (`/jenkins`, as behind a reverse proxy), built on
 * the fake-server kit: HTTP Basic with API tokens or the password, anonymous access when allowed,
 * Jenkins' HTML error pages, the crumb issuer, faults and a request log. Server URL = `server.jenkinsUrl`.
 */
import { FakeServer, ManualClock, RateBudget, Router, text } from '../kit';
import { addRoutes, type Identity } from './routes';
import { FakeJenkinsState } from './state';

export const PREFIX = '/jenkins';

export class FakeJenkinsServer extends FakeServer<Identity> {
  readonly state: FakeJenkinsState;
  /** Rate-limit headers as a reverse proxy in front of Jenkins sends them (Jenkins sends none), off until configured. */
  readonly proxyBudget: RateBudget;
  private readonly proxyLimits: { on: boolean };

  constructor(options: { readonly state?: FakeJenkinsState; readonly clock?: ManualClock } = {}) {
    const state = options.state ?? new FakeJenkinsState(options.clock);
    const router = new Router<Identity>();
    const budget = new RateBudget({ limit: 1000, windowMs: 60_000, enforce: false, reset: 'epoch', prefix: 'x-ratelimit' }, { now: () => Date.now() });
    const limits = { on: false };
    super({
      budget,
      budgetKey: () => (limits.on ? 'proxy' : undefined),
      router,
      authenticate: (headers) => {
        const basic = /^Basic (.+)$/i.exec(headers.authorization ?? '')?.[1];
        if (basic === undefined) return { password: false };
        const decoded = Buffer.from(basic, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        const user = state.users.find((u) => u.id === decoded.slice(0, colon));
        const secret = decoded.slice(colon + 1);
        if (user === undefined) return undefined;
        if (user.tokens.includes(secret)) return { user: user.id, password: false };
        return user.password === secret ? { user: user.id, password: true } : undefined;
      },
      unauthorized: () => text(401, '<html><head><title>Error 401 Unauthorized</title></head><body><h2>HTTP ERROR 401 Unauthorized</h2></body></html>', { 'content-type': 'text/html;charset=utf-8', 'www-authenticate': 'Basic realm="Jenkins"' }),
      notFound: () => text(404, '<html><body><h2>HTTP ERROR 404 Not Found</h2></body></html>', { 'content-type': 'text/html;charset=utf-8' }),
      clock: state.clock,
    });
    this.state = state;
    this.proxyBudget = budget;
    this.proxyLimits = limits;
    addRoutes(router, state, PREFIX, () => this.jenkinsUrl);
  }

  /** From now on answers carry a proxy's X-RateLimit-* headers with these figures. */
  reportProxyLimits(limit: number, remaining: number, windowMs: number): void {
    this.proxyLimits.on = true;
    this.proxyBudget.configure({ limit, windowMs });
    this.proxyBudget.reset();
    for (let i = 0; i < limit - remaining - 1; i++) this.proxyBudget.spend('proxy');
  }

  /** The server URL a Jenkins user configures: http://127.0.0.1:PORT/jenkins. */
  get jenkinsUrl(): string {
    return `${this.url}${PREFIX}`;
  }
}
