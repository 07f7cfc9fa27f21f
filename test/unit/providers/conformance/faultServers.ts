/**
 * The fault matrix's own servers, so that no harness has to know the wire faults: a forwarding
 * proxy in front of the provider's fake that answers with a fault instead of (or in the middle of)
 * the fake's real answer, a closed port (refused), a TLS server with a self-signed certificate,
 * and an unresolvable host (DNS). Providers reach them through `routeFetch`: while installed,
 * `globalThis.fetch` sends requests for the fake's origin to the origin a cell picks; the
 * requests still go over real sockets to real servers, like through a forward proxy.
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';

/** Faults the proxy produces itself (the harness's fake never sees them). */
export type ProxyFault =
  | { readonly kind: 'status'; readonly status: number }
  | { readonly kind: 'html200' | 'truncatedJson' | 'wrongShape' | 'empty' | 'huge' | 'noAnswer' | 'stallHeaders' | 'stallMidBody' | 'resetBefore' | 'resetMidBody' };

export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  /** Whether the fault answered it (not the fake). */
  readonly faulted: boolean;
}

const CREDENTIAL_HEADERS = ['authorization', 'private-token', 'x-api-key', 'cookie'];
const HUGE_BYTES = 10 * 1024 * 1024;

function listen(server: http.Server | https.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** Every request header, as a proxy's error page that echoes them would show (the credential included). */
function echo(request: http.IncomingMessage): string {
  return Object.entries(request.headers).map(([name, value]) => `${name}: ${String(value)}`).join('; ');
}

function isWrite(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD';
}

interface Upstream {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

/** The fake's answer plus a 10 MB string: a field of the object (or of the first item), or appended text. */
function padded(upstream: Upstream): Buffer {
  const type = String(upstream.headers['content-type'] ?? '');
  const padding = 'x'.repeat(HUGE_BYTES);
  if (type.includes('json') && upstream.body.length > 0) {
    const value: unknown = JSON.parse(upstream.body.toString('utf8'));
    const target = Array.isArray(value) ? value[0] : value;
    if (typeof target === 'object' && target !== null) {
      (target as Record<string, unknown>)['flowforge_padding'] = padding;
      return Buffer.from(JSON.stringify(value));
    }
    return upstream.body;
  }
  return Buffer.concat([upstream.body, Buffer.from(`\n${padding}\n`)]);
}

export class FaultProxy {
  private readonly server = http.createServer((request, response) => void this.handle(request, response));
  private readonly sockets = new Set<Socket>();
  private readonly log: ProxiedRequest[] = [];
  private readonly seenCredentials = new Set<string>();
  private fault: ProxyFault | undefined;
  private writesOnly = false;
  private port = 0;

  constructor(private readonly target: URL) {
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.port = await listen(this.server);
    return this;
  }

  /** From now on every request (or every write) gets this fault; undefined: forward everything. */
  arm(fault: ProxyFault | undefined, options: { readonly writesOnly?: boolean } = {}): void {
    this.fault = fault;
    this.writesOnly = options.writesOnly ?? false;
  }

  requests(): readonly ProxiedRequest[] {
    return this.log;
  }

  /** Values of the credential headers the provider sent (Authorization, PRIVATE-TOKEN…). */
  credentials(): readonly string[] {
    return [...this.seenCredentials];
  }

  clearRequests(): void {
    this.log.length = 0;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) {
      socket.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const body = await readAll(request);
    const fault = this.fault !== undefined && (!this.writesOnly || isWrite(method)) ? this.fault : undefined;
    this.log.push({ method, path: request.url ?? '/', faulted: fault !== undefined });
    for (const name of CREDENTIAL_HEADERS) {
      const value = request.headers[name];
      if (typeof value === 'string') {
        this.seenCredentials.add(value);
      }
    }
    if (fault === undefined) {
      return send(response, await this.forward(request, body));
    }
    switch (fault.kind) {
      case 'status':
        return send(response, json(fault.status, { message: `Refused by the gateway. Your request: ${echo(request)}` }));
      case 'html200':
        return send(response, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: Buffer.from(`<!DOCTYPE html><html><body><h1>Sign in</h1><p>${echo(request)}</p></body></html>`) });
      case 'truncatedJson':
        return send(response, { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: Buffer.from('[{"id": 1, "status": "succ') });
      case 'wrongShape':
        return send(response, json(200, { unexpected: 'shape', data: null }));
      case 'empty':
        return send(response, { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: Buffer.alloc(0) });
      case 'huge': {
        const upstream = await this.forward(request, body, { fresh: true });
        return send(response, upstream.status === 200 ? { ...upstream, body: padded(upstream) } : upstream);
      }
      case 'noAnswer':
        return; // the socket stays open until the client gives up or close()
      case 'stallHeaders':
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': '1000' });
        response.flushHeaders();
        return;
      case 'resetBefore':
        request.socket.destroy();
        return;
      case 'stallMidBody':
      case 'resetMidBody': {
        const upstream = await this.forward(request, body, { fresh: true });
        const whole = upstream.body.length > 1 ? upstream.body : Buffer.from('{"padding": "so that half of it is something"}');
        response.writeHead(upstream.status, { ...upstream.headers, 'content-length': String(whole.length), 'transfer-encoding': undefined });
        response.write(whole.subarray(0, Math.floor(whole.length / 2)));
        if (fault.kind === 'resetMidBody') {
          setTimeout(() => request.socket.destroy(), 20);
        }
        return;
      }
    }
  }

  /** The fake's answer; `fresh`: without the conditional headers, so that a faulted answer has a body (never a 304 from the provider's ETag). */
  private forward(request: http.IncomingMessage, body: Buffer, options: { readonly fresh?: boolean } = {}): Promise<Upstream> {
    const headers: http.OutgoingHttpHeaders = { ...request.headers, host: this.target.host };
    if (options.fresh) {
      delete headers['if-none-match'];
      delete headers['if-modified-since'];
    }
    return new Promise((resolve, reject) => {
      const upstream = http.request(
        { host: this.target.hostname, port: this.target.port, method: request.method, path: request.url, headers },
        (answer) => void readAll(answer).then((bytes) => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: bytes }), reject),
      );
      upstream.on('error', reject);
      upstream.end(body);
    });
  }
}

function json(status: number, value: unknown): Upstream {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: Buffer.from(JSON.stringify(value)) };
}

function send(response: http.ServerResponse, answer: Upstream): void {
  const headers: http.OutgoingHttpHeaders = { ...answer.headers, 'content-length': String(answer.body.length) };
  delete headers['transfer-encoding'];
  delete headers['connection'];
  response.writeHead(answer.status, headers);
  response.end(answer.body);
}

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

const TLS_DIR = path.resolve(__dirname, '../../../../../test/fixtures/tls');

/** An HTTPS server whose certificate nobody trusts; counts the connections it gets. */
export class UntrustedTlsServer {
  private readonly server = https.createServer(
    { key: fs.readFileSync(path.join(TLS_DIR, 'self-signed.key')), cert: fs.readFileSync(path.join(TLS_DIR, 'self-signed.crt')) },
    (_request, response) => response.end('{}'),
  );
  private readonly sockets = new Set<Socket>();
  connections = 0;
  private port = 0;

  constructor() {
    this.server.on('connection', (socket: Socket) => {
      this.connections += 1;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server.on('tlsClientError', () => undefined);
  }

  get origin(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.port = await listen(this.server);
    return this;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) {
      socket.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A port nothing listens on (bound once, then closed). */
export async function closedPortOrigin(): Promise<string> {
  const server = http.createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** A host name that never resolves (RFC 6761 reserves .invalid). */
export const UNRESOLVABLE_ORIGIN = 'http://flowforge-fault-matrix.invalid';

/**
 * Installs a `globalThis.fetch` that sends requests for `from` origins to the origin `route`
 * gives (or unchanged); returns the function that restores the original fetch.
 */
export function routeFetch(route: (origin: string) => string | undefined): () => void {
  const original = globalThis.fetch;
  const routed: typeof globalThis.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const to = route(url.origin);
    if (to === undefined) {
      return original(input, init);
    }
    const next = new URL(url.pathname + url.search, to);
    return original(input instanceof Request ? new Request(next, input) : next, init);
  };
  globalThis.fetch = routed;
  return () => {
    globalThis.fetch = original;
  };
}
