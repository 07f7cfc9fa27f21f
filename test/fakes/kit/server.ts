/**
 * A small fake API server on 127.0.0.1 over real HTTP: a router, an auth hook, a per-key request
 * budget with rate-limit headers, fault injection and a request log. Each provider's fake gives it
 * routes and hooks; nothing here knows a provider.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TimeSource } from './clock';
import { FaultInjector, type FaultRule } from './faults';
import type { RateBudget } from './rateLimit';
import type { KitRequest, Reply } from './reply';
import type { Router } from './router';
import { RequestStats } from './stats';

export interface FakeServerConfig<Identity> {
  readonly router: Router<Identity>;
  /** Who sent the request, or undefined (answered with `unauthorized`). */
  authenticate(headers: IncomingHttpHeaders): Identity | undefined;
  unauthorized(): Reply;
  notFound(): Reply;
  /** Request budget and the key a request spends from (undefined: not counted). */
  readonly budget?: RateBudget;
  budgetKey?(identity: Identity, path: string): string | undefined;
  /** The 429 answer once a budget is spent. */
  tooMany?(): Reply;
  readonly clock?: TimeSource;
}

export class FakeServer<Identity> {
  readonly faults = new FaultInjector();
  readonly stats = new RequestStats();
  private readonly server: Server;
  private readonly stalled = new Set<ServerResponse>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private base = '';

  constructor(private readonly config: FakeServerConfig<Identity>) {
    this.server = createServer((req, res) => this.collect(req, res));
  }

  /** Base URL, e.g. http://127.0.0.1:40123 (no trailing slash). */
  get url(): string {
    return this.base;
  }

  async start(port = 0): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.base;
  }

  async close(): Promise<void> {
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
    this.stalled.forEach((res) => res.destroy());
    this.stalled.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

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
    const url = new URL(req.url ?? '/', this.base);
    const match = this.config.router.match(method, url.pathname);
    const body = parseBody(rawBody, req.headers['content-type']);
    const route = match?.key ?? `${method} ${url.pathname}`;
    this.stats.record({ method, route, path: `${url.pathname}${url.search}`, headers: req.headers, body, at: this.config.clock?.now() ?? Date.now() });
    const fault = this.faults.take(method, match?.key, decodeURIComponent(url.pathname));
    const respond = (): void => {
      if (fault?.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      const reply = this.answer(req, url, match, body);
      this.send(res, fault === undefined ? reply : faulted(fault, reply), fault?.kind === 'stall');
    };
    if (fault?.delayMs !== undefined && fault.delayMs > 0) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        respond();
      }, fault.delayMs);
      this.timers.add(timer);
    } else {
      respond();
    }
  }

  private answer(req: IncomingMessage, url: URL, match: ReturnType<Router<Identity>['match']>, body: unknown): Reply {
    const identity = this.config.authenticate(req.headers);
    if (identity === undefined) {
      return this.config.unauthorized();
    }
    const key = this.config.budgetKey?.(identity, url.pathname);
    const spent = key === undefined ? undefined : this.config.budget?.spend(key);
    const limitHeaders = spent?.headers ?? {};
    if (spent?.exceeded === true) {
      const tooMany = this.config.tooMany?.() ?? { status: 429, text: 'Too Many Requests' };
      return { ...tooMany, headers: { ...limitHeaders, ...tooMany.headers } };
    }
    if (match === undefined) {
      const missing = this.config.notFound();
      return { ...missing, headers: { ...limitHeaders, ...missing.headers } };
    }
    const request: KitRequest<Identity> = { method: req.method ?? 'GET', route: match.key, params: match.params, url, query: url.searchParams, headers: req.headers, body, identity };
    const reply = match.handler(request);
    return { ...reply, headers: { ...limitHeaders, ...reply.headers } };
  }

  private send(res: ServerResponse, reply: Reply, stall: boolean): void {
    const headers: Record<string, string> = { ...reply.headers };
    let payload: Buffer = Buffer.alloc(0);
    if (reply.bytes !== undefined) {
      payload = Buffer.from(reply.bytes);
      headers['content-type'] ??= 'application/octet-stream';
    } else if (reply.text !== undefined) {
      payload = Buffer.from(reply.text, 'utf8');
      headers['content-type'] ??= 'text/plain; charset=utf-8';
    } else if (reply.json !== undefined) {
      payload = Buffer.from(JSON.stringify(reply.json), 'utf8');
      headers['content-type'] ??= 'application/json; charset=utf-8';
    }
    if (stall) {
      // Headers and the first bytes, then nothing: the client's whole-exchange timeout must fire.
      res.writeHead(reply.status, headers);
      res.write(payload.subarray(0, Math.ceil(payload.length / 2)));
      this.stalled.add(res);
      return;
    }
    res.writeHead(reply.status, { ...headers, 'content-length': String(payload.length) });
    res.end(payload);
  }
}

/** The reply a fault turns `real` into; rate-limit headers of the real answer are kept. */
function faulted(fault: FaultRule, real: Reply): Reply {
  const headers = { ...real.headers, ...fault.headers };
  delete headers['content-type'];
  switch (fault.kind) {
    case 'status':
      return { status: fault.status ?? 500, json: fault.body ?? { message: `injected ${fault.status ?? 500}` }, headers };
    case 'html':
      return { status: 200, text: '<!DOCTYPE html><html><head><title>Sign in</title></head><body>Proxy login</body></html>', headers: { ...headers, 'content-type': 'text/html; charset=utf-8' } };
    case 'truncated': {
      const full = real.text ?? (real.bytes !== undefined ? Buffer.from(real.bytes).toString('utf8') : JSON.stringify(real.json ?? {}));
      return { status: 200, text: full.slice(0, Math.max(1, Math.floor(full.length / 2))), headers: { ...headers, 'content-type': 'application/json; charset=utf-8' } };
    }
    case 'wrongShape':
      return { status: 200, json: fault.body ?? { unexpected: 'shape' }, headers };
    case 'stall':
      return { ...real, headers: { ...real.headers, ...fault.headers } };
    case 'reset':
      return real;
  }
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
