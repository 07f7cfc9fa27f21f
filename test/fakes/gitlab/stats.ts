/** Request bookkeeping of the fake server: counts per route and a request log. */

export interface LoggedRequest {
  readonly method: string;
  /** Route name, e.g. "GET /projects/:id/pipelines", or "METHOD /raw/path" when unrouted. */
  readonly route: string;
  /** Raw path and query below /api/v4. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** Arrival time, epoch ms. */
  readonly at: number;
}

const KEPT_HEADERS = ['range', 'content-type', 'user-agent', 'if-none-match'];

export class RequestStats {
  readonly requests: LoggedRequest[] = [];

  record(entry: Omit<LoggedRequest, 'headers'> & { headers: Record<string, string | string[] | undefined> }): void {
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = entry.headers[name];
      if (typeof value === 'string') {
        headers[name] = value;
      }
    }
    this.requests.push({ ...entry, headers });
  }

  /** Requests per route name. */
  byRoute(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of this.requests) {
      counts[r.route] = (counts[r.route] ?? 0) + 1;
    }
    return counts;
  }

  count(route: string): number {
    return this.requests.filter((r) => r.route === route).length;
  }

  get total(): number {
    return this.requests.length;
  }

  last(route: string): LoggedRequest | undefined {
    return [...this.requests].reverse().find((r) => r.route === route);
  }

  reset(): void {
    this.requests.length = 0;
  }
}
