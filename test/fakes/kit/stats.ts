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
  /** Status of the answer once sent; absent while pending, for a reset connection or a stalled body. */
  readonly status?: number;
}

/** Requests of a route (or all), and how their answers count against a rate limit. */
export interface RouteSummary {
  readonly requests: number;
  /** Answered below 400 other than 304: what a rate limit charges. */
  readonly counted: number;
  readonly notModified: number;
}

const SECRET_HEADERS = new Set(['authorization', 'cookie', 'private-token']);

export class RequestStats {
  readonly requests: LoggedRequest[] = [];

  /** Logs a request; the returned function notes the status of its answer. */
  record(entry: Omit<LoggedRequest, 'headers' | 'status'> & { readonly headers: Readonly<Record<string, string | string[] | undefined>> }): (status: number) => void {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(entry.headers)) {
      if (typeof value === 'string' && !SECRET_HEADERS.has(name.toLowerCase())) {
        headers[name.toLowerCase()] = value;
      }
    }
    const logged: { -readonly [K in keyof LoggedRequest]: LoggedRequest[K] } = { ...entry, headers };
    this.requests.push(logged);
    return (status) => {
      logged.status = status;
    };
  }

  get total(): number {
    return this.requests.length;
  }

  summary(route?: string): RouteSummary {
    const matching = route === undefined ? this.requests : this.requests.filter((r) => r.route === route);
    const notModified = matching.filter((r) => r.status === 304).length;
    const counted = matching.filter((r) => r.status !== undefined && r.status !== 304 && r.status < 400).length;
    return { requests: matching.length, counted, notModified };
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
