/**
 * A misbehaving gateway in front of the scenario's API, for the fault e2e tests: while armed, API
 * requests get its answer instead of the fake's: a status whose JSON message echoes the request
 * headers (a proxy that shows them, token included), or a 200 HTML sign-in page.
 */
import type * as http from 'node:http';

export interface GatewayFaultSpec {
  /** Answer with this status and a JSON message echoing the request headers. */
  readonly status?: number;
  /** Answer 200 with an HTML sign-in page (that echoes the headers too). */
  readonly html?: boolean;
  /** How many API requests get it (0 disarms). */
  readonly times?: number;
}

function echo(req: http.IncomingMessage): string {
  return Object.entries(req.headers).map(([name, value]) => `${name}: ${String(value)}`).join('; ');
}

export class GatewayFault {
  private spec: GatewayFaultSpec = {};
  private left = 0;

  set(spec: GatewayFaultSpec): void {
    this.spec = spec;
    this.left = Math.max(0, Math.floor(spec.times ?? 1));
  }

  /** Answers `req` when armed (returns the status sent), else undefined. */
  answer(req: http.IncomingMessage, res: http.ServerResponse): number | undefined {
    if (this.left <= 0) {
      return undefined;
    }
    this.left--;
    if (this.spec.html === true) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!DOCTYPE html><html><head><title>Corporate sign-in</title></head><body><p>${echo(req)}</p></body></html>`);
      return 200;
    }
    const status = this.spec.status ?? 502;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message: `Refused by the gateway. Your request: ${echo(req)}` }));
    return status;
  }
}
