/** Request log and per-route counts of a fake server. Credentials are never kept. */

export interface LoggedRequest {
  readonly method: string;
  /** Route key, or "METHOD /raw/path" when no route matched. */
  readonly route: string;
  /** Path and query. */
  readonly path: string;
  /** Lower-case header names; authorization and cookies left out. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** Scenario or wall-clock time, epoch ms. */
  readonly at: number;
}

const SECRET_HEADERS = new Set(['authorization', 'cookie', 'private-token']);

export class RequestStats {
  readonly requests: LoggedRequest[] = [];

  record(entry: Omit<LoggedRequest, 'headers'> & { readonly headers: Readonly<Record<string, string | string[] | undefined>> }): void {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(entry.headers)) {
      if (typeof value === 'string' && !SECRET_HEADERS.has(name.toLowerCase())) {
        headers[name.toLowerCase()] = value;
      }
    }
    this.requests.push({ ...entry, headers });
  }

  byRoute(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const request of this.requests) {
      counts[request.route] = (counts[request.route] ?? 0) + 1;
    }
    return counts;
  }

  count(route?: string): number {
    return route === undefined ? this.requests.length : this.requests.filter((r) => r.route === route).length;
  }

  last(route: string): LoggedRequest | undefined {
    for (let i = this.requests.length - 1; i >= 0; i--) {
      const request = this.requests[i];
      if (request?.route === route) return request;
    }
    return undefined;
  }

  reset(): void {
    this.requests.length = 0;
  }
}
