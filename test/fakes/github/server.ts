/**
 * A fake GitHub REST API on 127.0.0.1, built on the fake-server kit: real HTTP, token auth, ETags
 * and 304s, rate-limit headers, Link pagination, log redirects, mutations that change state, and
 * injectable faults. Used by provider tests and as the base of `npm run demo`.
 */
import { FakeServer, FakeStorageServer, RateBudget, Router as KitRouter } from '../kit';
import { Faults } from './faults';
import { message, type GitHubIdentity, type Router } from './http';
import { registerActions } from './handlers/actions';
import { artifactKey, registerArtifacts } from './handlers/artifacts';
import { registerChecks } from './handlers/checks';
import { registerContents } from './handlers/contents';
import { registerDeployments } from './handlers/deployments';
import { registerJobs } from './handlers/jobs';
import { LOG_DOWNLOAD_PREFIX, registerLogs } from './handlers/logs';
import { registerPulls } from './handlers/pulls';
import { registerRepos } from './handlers/repos';
import { registerRuns } from './handlers/runs';
import { registerWorkflows } from './handlers/workflows';
import { RateLimits, rateLimitHeaders } from './rateLimit';
import type { Urls } from './renderCommon';
import { FakeGitHubState, type FakeArtifact, type FakeGitHubData } from './state';
import { Stats } from './stats';

export interface FakeGitHubOptions {
  /** Initial data, or a ready state object. */
  readonly state?: FakeGitHubState | Partial<FakeGitHubData>;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Requests per hour per token (default 5000). */
  readonly rateLimit?: number;
  /** Base URL used in html_url fields (default: the server URL). */
  readonly webUrl?: string;
}

export interface FakeGitHub {
  readonly url: string;
  readonly state: FakeGitHubState;
  readonly stats: Stats;
  readonly faults: Faults;
  readonly rateLimits: RateLimits;
  /** The artifact storage host (its own origin) the zip downloads redirect to. */
  readonly storage: FakeStorageServer;
  close(): Promise<void>;
}

/** The handler modules' routes on the kit router, each handler given the state and base URLs. */
function createRouter(state: FakeGitHubState, urls: Urls): KitRouter<GitHubIdentity> {
  const router = new KitRouter<GitHubIdentity>();
  const routes: Router = { add: (key, handler) => router.add(key, (request) => handler({ ...request, user: request.identity.user, state, urls })) };
  for (const register of [registerRepos, registerWorkflows, registerRuns, registerJobs, registerLogs, registerChecks, registerActions, registerContents, registerDeployments, registerArtifacts, registerPulls]) {
    register(routes);
  }
  return router;
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const state = options.state instanceof FakeGitHubState ? options.state : new FakeGitHubState(options.state);
  const urls = { api: '', web: options.webUrl ?? '' };
  const budget = new RateBudget({ limit: options.rateLimit ?? 5000, windowMs: 3_600_000, enforce: true, render: rateLimitHeaders }, { now: () => Date.now() });
  const storage = new FakeStorageServer();
  const server = new FakeServer<GitHubIdentity>({
    router: createRouter(state, urls),
    companions: [storage],
    authenticate: (headers, path) => {
      const token = /^(?:token|bearer)\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
      const user = token === undefined ? undefined : state.userByToken(token);
      // The log storage behind the 302 takes its signed URL instead of a token.
      return user !== undefined ? { user } : path.startsWith(`${LOG_DOWNLOAD_PREFIX}/`) ? {} : undefined;
    },
    unauthorized: () => message(401, 'Bad credentials'),
    notFound: () => message(404, 'Not Found'),
    budget,
    budgetKey: (identity) => identity.user?.login,
    tooMany: (_limit, login) => message(403, `API rate limit exceeded for user ${login}.`),
    // Conditional requests answered 304 do not count against the primary rate limit, nor do errors.
    free: (status) => status === 304 || status >= 400,
    etags: true,
    // GitHub reads a body as JSON whatever the content type says.
    alwaysJson: true,
  });
  const url = await server.start(options.port ?? 0);
  // Each 302 hands out a fresh signed link to the artifact's zip as the state holds it now.
  const artifactBlob = (artifact: FakeArtifact) => storage.put(artifactKey(artifact), { bytes: Buffer.from(artifact.zipBase64, 'base64'), contentType: 'application/zip' });
  Object.assign(urls, { api: url, web: options.webUrl ?? url, artifactBlob });

  let closing: Promise<void> | undefined;
  return {
    url,
    state,
    stats: new Stats(server.stats),
    faults: new Faults(server.faults),
    rateLimits: new RateLimits(budget),
    storage,
    close: () => (closing ??= server.close()),
  };
}
