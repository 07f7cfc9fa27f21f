/**
 * A small fake API server on 127.0.0.1 over real HTTP: a router, an auth hook, a per-key request
 * budget with rate-limit headers, optional ETags and 304s, fault injection and a request log. Each provider's fake gives it
 * routes and hooks; nothing here knows a provider.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TimeSource } from './clock';
import { FaultInjector, faultKind, replacesAnswer, type FaultKind, type FaultRule } from './faults';
import type { RateBudget, RateSnapshot } from './rateLimit';
import type { KitRequest, Reply } from './reply';
import type { Router } from './router';
import { RequestStats } from './stats';

export interface FakeServerConfig<Identity> {
  readonly router: Router<Identity>;
  /** Who sent the request, or undefined (answered with `unauthorized`); `path` is below `basePath`. */
  authenticate(headers: IncomingHttpHeaders, path: string): Identity | undefined;
  unauthorized(): Reply;
  notFound(): Reply;
  /** Request budget and the key a request spends from (undefined: not counted). */
  readonly budget?: RateBudget;
  budgetKey?(identity: Identity, path: string): string | undefined;
  /** The answer once a budget is spent (default 429); `key` is the budget key. */
  tooMany?(limit: RateSnapshot, key: string): Reply;
  /** Answers the budget does not charge, by status (e.g. 304s and errors); default: none. */
  free?(status: number): boolean;
  /** Strong ETags on 200s with a body, and 304 Not Modified for a matching If-None-Match. */
  readonly etags?: boolean;
  /** Read every request body as JSON whatever its content type says (the raw text when it is not JSON). */
  readonly alwaysJson?: boolean;
  /** Prefix of the API's paths (e.g. "/api/v4"): routes, faults and the request log see the path below it. */
  readonly basePath?: string;
  /** Paths served as they are beside `basePath` (GitLab's /api/graphql beside /api/v4). */
  readonly rootPaths?: readonly string[];
  readonly clock?: TimeSource;
  /** Servers started before this one and closed after it (a storage origin that downloads redirect to). */
  readonly companions?: readonly { start(): Promise<unknown>; close(): Promise<void> }[];
}

/** The answer before rate-limit headers, and the budget key it spent from. */
interface Answer {
  readonly reply: Reply;
  readonly key?: string;
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
    for (const companion of this.config.companions ?? []) await companion.start();
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
    for (const companion of this.config.companions ?? []) await companion.close();
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
    const basePath = this.config.basePath ?? '';
    const path = basePath === '' || this.config.rootPaths?.includes(url.pathname) === true ? url.pathname : url.pathname.startsWith(`${basePath}/`) ? url.pathname.slice(basePath.length) : undefined;
    const match = path === undefined ? undefined : this.config.router.match(method, path);
    const body = parseBody(rawBody, this.config.alwaysJson === true ? 'application/json' : req.headers['content-type']);
    const route = match?.key ?? `${method} ${url.pathname}`;
    const answered = this.stats.record({ method, route, path: `${path ?? url.pathname}${url.search}`, headers: req.headers, body, at: this.config.clock?.now() ?? Date.now() });
    const fault = this.faults.take(method, match?.key, decodeURIComponent(path ?? url.pathname));
    const kind = fault === undefined ? undefined : faultKind(fault);
    const respond = (): void => {
      if (kind === 'reset') {
        req.socket.destroy();
        return;
      }
      const { reply: real, key } = this.answer(req, url, path ?? url.pathname, match, body, kind);
      const reply = this.conditional(req, fault === undefined ? real : faulted(fault, real), kind);
      if (key !== undefined && this.config.free?.(reply.status) === true) {
        this.config.budget?.refund(key);
      }
      const limits = key === undefined || this.config.budget === undefined ? {} : this.config.budget.headers(this.config.budget.snapshot(key));
      const sent = { ...reply, headers: { ...limits, ...reply.headers } };
      this.send(res, sent, kind === 'stall');
      if (kind !== 'stall') {
        answered(sent.status);
      }
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

  private answer(req: IncomingMessage, url: URL, path: string, match: ReturnType<Router<Identity>['match']>, body: unknown, fault: FaultKind | undefined): Answer {
    const identity = this.config.authenticate(req.headers, path);
    if (identity === undefined) {
      return { reply: this.config.unauthorized() };
    }
    const key = this.config.budgetKey?.(identity, path);
    const spent = key === undefined ? undefined : this.config.budget?.spend(key);
    if (spent?.exceeded === true) {
      return { reply: this.config.tooMany?.(spent.snapshot, key ?? '') ?? { status: 429, text: 'Too Many Requests' }, key };
    }
    if (match === undefined) {
      return { reply: this.config.notFound(), key };
    }
    if (fault !== undefined && replacesAnswer(fault)) {
      return { reply: { status: 200 }, key };
    }
    const request: KitRequest<Identity> = { method: req.method ?? 'GET', route: match.key, params: match.params, url, query: url.searchParams, headers: req.headers, body, identity };
    try {
      return { reply: match.handler(request), key };
    } catch (error: unknown) {
      return { reply: { status: 500, json: { message: `fake server error: ${String(error)}` } }, key };
    }
  }

  /** With `etags`: the ETag of a 200's body, or 304 without a body when the client already has it. */
  private conditional(req: IncomingMessage, reply: Reply, fault: FaultKind | undefined): Reply {
    if (this.config.etags !== true || reply.status !== 200 || (fault !== undefined && fault !== 'pass')) {
      return reply;
    }
    const payload = payloadOf(reply);
    if (payload.length === 0) {
      return reply;
    }
    const etag = `"${createHash('sha256').update(payload).digest('hex')}"`;
    const headers = { ...reply.headers, etag };
    return req.headers['if-none-match'] === etag ? { status: 304, headers } : { ...reply, headers };
  }

  private send(res: ServerResponse, reply: Reply, stall: boolean): void {
    const headers: Record<string, string> = { ...reply.headers };
    const payload = payloadOf(reply);
    if (reply.bytes !== undefined) {
      headers['content-type'] ??= 'application/octet-stream';
    } else if (reply.text !== undefined) {
      headers['content-type'] ??= 'text/plain; charset=utf-8';
    } else if (reply.json !== undefined) {
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

function payloadOf(reply: Reply): Buffer {
  if (reply.bytes !== undefined) return Buffer.from(reply.bytes);
  if (reply.text !== undefined) return Buffer.from(reply.text, 'utf8');
  if (reply.json !== undefined) return Buffer.from(JSON.stringify(reply.json), 'utf8');
  return Buffer.alloc(0);
}

/** The reply a fault turns `real` into; rate-limit headers of the real answer are kept. */
function faulted(fault: FaultRule, real: Reply): Reply {
  const { 'content-type': _realType, ...kept } = real.headers ?? {};
  const headers: Record<string, string> = { ...kept, ...fault.headers };
  switch (faultKind(fault)) {
    case 'status':
      return fault.text === undefined
        ? { status: fault.status ?? 500, json: fault.body ?? { message: `injected ${fault.status ?? 500}` }, headers }
        : { status: fault.status ?? 500, text: fault.text, headers: { ...headers, 'content-type': fault.contentType ?? headers['content-type'] ?? 'text/plain; charset=utf-8' } };
    case 'html':
      return { status: 200, text: '<!DOCTYPE html><html><head><title>Sign in</title></head><body>Proxy login</body></html>', headers: { ...headers, 'content-type': 'text/html; charset=utf-8' } };
    case 'truncated': {
      const full = real.text ?? (real.bytes !== undefined ? Buffer.from(real.bytes).toString('utf8') : JSON.stringify(real.json ?? {}));
      return { status: 200, text: full.slice(0, Math.max(1, Math.floor(full.length / 2))), headers: { ...headers, 'content-type': 'application/json; charset=utf-8' } };
    }
    case 'wrongShape':
      return { status: 200, json: fault.body ?? { unexpected: 'shape' }, headers };
    case 'stall':
    case 'pass':
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
