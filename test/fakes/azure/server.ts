/**
 * A fake Azure DevOps REST API 7.1 on 127.0.0.1, built on the fake-server kit: PATs as Basic (any
 * user name), api-version required, continuation tokens (x-ms-continuationtoken), X-RateLimit-*
 * headers (epoch reset) with 429 + Retry-After once spent, and, while `delaying` is set, the
 * Retry-After and X-RateLimit-Delay that Azure DevOps sends when it starts to delay a user's requests.
 * The server URL stands for a server (https://dev.azure.com): paths are /{organization}/{project}/_apis/...
 */
import { FakeServer, FakeStorageServer, ManualClock, RateBudget, Router, type Reply } from '../kit';
import { addRoutes, vssError } from './routes';
import { FakeAzureState, type FakeToken } from './state';

export interface FakeAzureOptions {
  readonly state?: FakeAzureState;
  readonly clock?: ManualClock;
  readonly limitPerWindow?: number;
  readonly enforce?: boolean;
}

export class FakeAzureServer extends FakeServer<FakeToken> {
  readonly state: FakeAzureState;
  readonly budget: RateBudget;
  /** Blob storage on its own origin that pipeline artifact downloads are redirected to (records Authorization headers). */
  readonly storage: FakeStorageServer;
  /** Seconds of Retry-After on every answer while Azure DevOps "delays" this user; undefined: not delaying. */
  delaying: number | undefined;

  constructor(options: FakeAzureOptions = {}) {
    const clock = options.clock ?? options.state?.clock ?? new ManualClock();
    const state = options.state ?? new FakeAzureState(clock);
    const router = new Router<FakeToken>();
    const storage = new FakeStorageServer();
    // Azure DevOps counts usage per user over a sliding five minutes (200 TSTUs); requests here count one each.
    const budget = new RateBudget({ limit: options.limitPerWindow ?? 1000, windowMs: 5 * 60_000, enforce: options.enforce ?? true, reset: 'epoch', prefix: 'x-ratelimit' }, state.clock);
    super({
      router,
      authenticate: (headers) => {
        const basic = /^Basic (.+)$/i.exec(headers.authorization ?? '')?.[1];
        if (basic === undefined) return undefined;
        const decoded = Buffer.from(basic, 'base64').toString('utf8');
        return state.tokens.get(decoded.slice(decoded.indexOf(':') + 1));
      },
      unauthorized: () => ({ status: 401, text: '', headers: { 'www-authenticate': 'Basic realm="https://dev.azure.com/"', 'x-tfs-processid': 'fake' } }),
      notFound: () => vssError(404, 'The controller for path was not found or does not implement IController.'),
      budget,
      budgetKey: () => 'user',
      tooMany: (): Reply => ({ ...vssError(429, 'Request was blocked due to exceeding usage of resource \'Build\' in namespace \'User\'.'), headers: { 'retry-after': '30', 'x-ratelimit-resource': 'Build/User' } }),
      clock: state.clock,
      companions: [storage],
    });
    this.storage = storage;
    this.state = state;
    this.budget = budget;
    this.delaying = undefined;
    addRoutes(router, state, () => this.url, (key, bytes, contentType) => storage.put(key, { bytes, contentType }), () => storage.url);
  }
}
