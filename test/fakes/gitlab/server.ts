/**
 * A fake GitLab REST v4 server on 127.0.0.1 over real HTTP, for provider tests and demos.
 * Auth (PRIVATE-TOKEN or Bearer), scopes, pagination, RateLimit-* headers,
 * fault injection and per-route stats. Instance URL = `server.url`; API under /api/v4.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultInjector, type FaultRule } from './faults';
import { deploymentRoutes } from './handlers/deployments';
import { jobRoutes } from './handlers/jobs';
import { pipelineRoutes } from './handlers/pipelines';
import { repositoryRoutes } from './handlers/repository';
import { userRoutes } from './handlers/user';
import { FakeGitLabState, type FakeToken } from './state';
import { RequestStats } from './stats';
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

const ROUTES: readonly Route[] = [...userRoutes, ...pipelineRoutes, ...jobRoutes, ...repositoryRoutes, ...deploymentRoutes];
const API = '/api/v4';

export class FakeGitLabServer {
  readonly state: FakeGitLabState;
  readonly faults = new FaultInjector();
  readonly stats = new RequestStats();
  rateLimit: FakeRateLimit;
  private readonly server: Server;
  private readonly timers = new Set<NodeJS.Timeout>();
  private windowStart = 0;
  private windowCount = 0;
  private baseUrl = '';

  constructor(private readonly options: FakeGitLabOptions = {}) {
    this.state = options.state ?? new FakeGitLabState();
    this.rateLimit = options.rateLimit ?? { limit: 2000, windowSeconds: 60, enforce: false };
    this.server = createServer((req, res) => {
      this.collect(req, res);
    });
  }

  /** Instance base URL, e.g. http://127.0.0.1:40123 (the API is under /api/v4). */
  get url(): string {
    return this.baseUrl;
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    return this.baseUrl;
  }

  async close(): Promise<void> {
    this.timers.forEach((t) => clearTimeout(t));
    this.timers.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Shorthand for `faults.add`. */
  inject(rule: FaultRule): void {
    this.faults.add(rule);
  }

  private collect(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => this.handle(req, res, Buffer.concat(chunks).toString('utf8')));
  }

  private handle(req: IncomingMessage, res: ServerResponse, rawBody: string): void {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', this.baseUrl);
    const rawPath = url.pathname.startsWith(`${API}/`) ? url.pathname.slice(API.length) : undefined;
    const route = rawPath === undefined ? undefined : ROUTES.find((r) => r.method === method && r.pattern.test(rawPath));
    const body = parseBody(rawBody, req.headers['content-type']);
    this.stats.record({
      method,
      route: route?.name ?? `${method} ${url.pathname}`,
      path: `${rawPath ?? url.pathname}${url.search}`,
      headers: req.headers,
      body,
      at: Date.now(),
    });

    const fault = this.faults.take(method, decodeURIComponent(rawPath ?? url.pathname));
    const respond = () => {
      if (fault?.drop) {
        req.socket.destroy();
        return;
      }
      if (fault?.stall) {
        // Headers and a few bytes of a longer body, then silence: only a timeout covering the body ends it.
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
        res.write('[{"id": 1, ');
        return;
      }
      if (fault?.status !== undefined) {
        this.send(res, { status: fault.status, text: fault.text, body: fault.body ?? { message: `${fault.status} injected` }, headers: fault.headers });
        return;
      }
      this.send(res, this.dispatch(req, url, rawPath, route, body, fault?.headers));
    };
    if (fault?.delayMs) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        respond();
      }, fault.delayMs);
      this.timers.add(timer);
    } else {
      respond();
    }
  }

  private dispatch(req: IncomingMessage, url: URL, rawPath: string | undefined, route: Route | undefined, body: unknown, extra?: Readonly<Record<string, string>>): Reply {
    const token = this.authenticate(req);
    if (!token) {
      return { status: 401, body: { message: '401 Unauthorized' } };
    }
    const limited = this.countRateLimit();
    const headers = { ...limited.headers, ...extra };
    if (limited.exceeded) {
      return { status: 429, text: 'Retry later', headers: { ...headers, 'retry-after': limited.retryAfter, 'content-type': 'text/plain' } };
    }
    if (!route || rawPath === undefined) {
      return { status: 404, body: { error: '404 Not Found' }, headers };
    }
    const denied = checkAccess(route.access, token);
    if (denied) {
      return { ...denied, headers };
    }
    const params = (route.pattern.exec(rawPath) ?? []).slice(1).map((p) => decodeURIComponent(p));
    const reply = route.handle({ state: this.state, web: this.baseUrl, params, url, headers: req.headers, body, token });
    return { ...reply, headers: { ...headers, ...reply.headers } };
  }

  private authenticate(req: IncomingMessage): FakeToken | undefined {
    const privateToken = req.headers['private-token'];
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const value = typeof privateToken === 'string' ? privateToken : bearer;
    return value === undefined ? undefined : this.state.tokens.get(value);
  }

  private countRateLimit(): { headers: Record<string, string>; exceeded: boolean; retryAfter: string } {
    const windowMs = (this.rateLimit.windowSeconds ?? 60) * 1000;
    const now = Date.now();
    if (now - this.windowStart >= windowMs) {
      this.windowStart = now;
      this.windowCount = 0;
    }
    this.windowCount += 1;
    const resetMs = this.windowStart + windowMs;
    const remaining = Math.max(0, this.rateLimit.limit - this.windowCount);
    return {
      exceeded: (this.rateLimit.enforce ?? false) && this.windowCount > this.rateLimit.limit,
      retryAfter: String(Math.max(1, Math.ceil((resetMs - now) / 1000))),
      headers: {
        'ratelimit-limit': String(this.rateLimit.limit),
        'ratelimit-observed': String(this.windowCount),
        'ratelimit-remaining': String(remaining),
        'ratelimit-reset': String(Math.ceil(resetMs / 1000)),
        'ratelimit-resettime': new Date(resetMs).toUTCString(),
      },
    };
  }

  private send(res: ServerResponse, reply: Reply): void {
    const headers: Record<string, string> = { ...reply.headers };
    let payload: string | Buffer = '';
    if (reply.text !== undefined) {
      payload = reply.text;
      headers['content-type'] ??= 'text/plain; charset=utf-8';
    } else if (reply.body !== undefined) {
      payload = JSON.stringify(reply.body);
      headers['content-type'] = 'application/json';
    }
    res.writeHead(reply.status, headers);
    res.end(payload);
  }
}

function checkAccess(access: Access, token: FakeToken): Reply | undefined {
  const scopes = token.scopes;
  const ok = access === 'user' || scopes.includes('api') || (access === 'read' && scopes.includes('read_api'));
  if (ok) {
    return undefined;
  }
  return {
    status: 403,
    body: {
      error: 'insufficient_scope',
      error_description: 'The request requires higher privileges than provided by the access token.',
      scope: access === 'write' ? 'api' : 'api read_api',
    },
  };
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw === '') {
    return undefined;
  }
  if ((contentType ?? '').includes('json')) {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return raw;
    }
  }
  if ((contentType ?? '').includes('x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  return raw;
}
