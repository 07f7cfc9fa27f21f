/**
 * A fake GitHub REST API on 127.0.0.1: real HTTP, token auth, ETags and 304s,
 * rate-limit headers, Link pagination, log redirects, mutations that change state,
 * and injectable faults. Used by provider tests and as the base of `npm run demo`.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Faults, type Fault } from './faults';
import type { Reply } from './http';
import { message } from './http';
import { registerActions } from './handlers/actions';
import { registerChecks } from './handlers/checks';
import { registerContents } from './handlers/contents';
import { registerDeployments } from './handlers/deployments';
import { registerJobs } from './handlers/jobs';
import { LOG_DOWNLOAD_PREFIX, registerLogs } from './handlers/logs';
import { registerRepos } from './handlers/repos';
import { registerRuns } from './handlers/runs';
import { registerWorkflows } from './handlers/workflows';
import { RateLimits } from './rateLimit';
import { Router } from './router';
import { FakeGitHubState, type FakeGitHubData, type FakeUser } from './state';
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
  close(): Promise<void>;
}

function createRouter(): Router {
  const router = new Router();
  for (const register of [registerRepos, registerWorkflows, registerRuns, registerJobs, registerLogs, registerChecks, registerActions, registerContents, registerDeployments]) {
    register(router);
  }
  return router;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function tokenOf(request: IncomingMessage): string | undefined {
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

function serialize(reply: Reply): { body: string; type: string } | undefined {
  if (reply.text !== undefined) {
    return { body: reply.text, type: 'text/plain; charset=utf-8' };
  }
  if (reply.json !== undefined) {
    return { body: JSON.stringify(reply.json), type: 'application/json; charset=utf-8' };
  }
  return undefined;
}

function dropConnection(response: ServerResponse): void {
  // Half a status line and headers, then a reset: the client sees a broken connection.
  response.socket?.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n');
  response.socket?.destroy();
}

function stallAfterHeaders(response: ServerResponse): void {
  // Headers and a few bytes of a longer body, then silence: only a timeout covering the body ends it.
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': '4096' });
  response.write('{"total_count": 1, "workflow_runs": [');
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const state = options.state instanceof FakeGitHubState ? options.state : new FakeGitHubState(options.state);
  const stats = new Stats();
  const faults = new Faults();
  const rateLimits = new RateLimits(options.rateLimit ?? 5000);
  const router = createRouter();
  const urls = { api: '', web: options.webUrl ?? '' };

  /** `override`: headers of a status-less fault, sent instead of the real ones (e.g. rate-limit figures). */
  const answer = (response: ServerResponse, route: string, reply: Reply, request: IncomingMessage, spender: string | undefined, override?: Readonly<Record<string, string>>): void => {
    const payload = serialize(reply);
    const headers: Record<string, string> = { ...reply.headers };
    const etag = payload && reply.status === 200 ? `"${createHash('sha256').update(payload.body).digest('hex')}"` : undefined;
    const notModified = etag !== undefined && request.headers['if-none-match'] === etag;
    const status = notModified ? 304 : reply.status;
    if (spender !== undefined) {
      if (status !== 304 && status < 400) {
        rateLimits.spend(spender);
      }
      Object.assign(headers, rateLimits.headers(rateLimits.snapshot(spender)));
    }
    if (etag !== undefined) {
      headers.etag = etag;
    }
    Object.assign(headers, override);
    stats.record(route, status);
    if (notModified || payload === undefined) {
      response.writeHead(status, headers).end();
      return;
    }
    response.writeHead(status, { ...headers, 'content-type': headers['content-type'] ?? payload.type, 'content-length': String(Buffer.byteLength(payload.body)) }).end(payload.body);
  };

  const faultReply = (fault: Fault): Reply | undefined => {
    if (fault.status === undefined) {
      return undefined;
    }
    if (fault.text !== undefined) {
      return { status: fault.status, text: fault.text, headers: { ...fault.headers, 'content-type': fault.contentType ?? 'text/plain; charset=utf-8' } };
    }
    return fault.body === undefined ? { ...message(fault.status, `Fake fault ${fault.status}`), headers: fault.headers } : { status: fault.status, json: fault.body, headers: fault.headers };
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', urls.api);
    const method = request.method ?? 'GET';
    const match = router.match(method, url.pathname);
    const route = match?.key ?? `${method} ${url.pathname}`;
    const body = await readBody(request);
    stats.logRequest({ method, path: request.url ?? '/', body });
    const fault = faults.take(route);
    if (fault?.delayMs !== undefined) {
      await delay(fault.delayMs);
    }
    if (fault?.drop === true) {
      stats.record(route, 0);
      dropConnection(response);
      return;
    }
    if (fault?.stall === true) {
      stats.record(route, 0);
      stallAfterHeaders(response);
      return;
    }
    const token = tokenOf(request);
    const user: FakeUser | undefined = token === undefined ? undefined : state.userByToken(token);
    const isLogDownload = url.pathname.startsWith(`${LOG_DOWNLOAD_PREFIX}/`);
    const spender = user?.login;
    const injected = fault ? faultReply(fault) : undefined;
    if (injected) {
      answer(response, route, injected, request, spender);
    } else if (fault?.headers !== undefined && fault.status === undefined && user && match) {
      answer(response, route, match.handler({ method, params: match.params, query: url.searchParams, body, user, state, urls, url }), request, spender, fault.headers);
    } else if (!isLogDownload && !user) {
      answer(response, route, message(401, 'Bad credentials'), request, undefined);
    } else if (spender !== undefined && rateLimits.snapshot(spender).remaining === 0) {
      answer(response, route, message(403, `API rate limit exceeded for user ${spender}.`), request, spender);
    } else if (!match) {
      answer(response, route, message(404, 'Not Found'), request, spender);
    } else {
      answer(response, route, match.handler({ method, params: match.params, query: url.searchParams, body, user, state, urls, url }), request, spender);
    }
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ message: String(error) }));
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${address.port}`;
  Object.assign(urls, { api: url, web: options.webUrl ?? url });

  let closing: Promise<void> | undefined;
  return {
    url,
    state,
    stats,
    faults,
    rateLimits,
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      })),
  };
}
