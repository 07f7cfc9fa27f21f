/** Request counters, overall and per route, to assert rate-limit spend and retries; and a request log. */

/** One request as it arrived, for contract tests (like the fake GitLab's request log). */
export interface LoggedRequest {
  readonly method: string;
  /** Raw path with query string, e.g. "/repos/octo/hello/actions/runs?page=1". */
  readonly path: string;
  /** Parsed JSON body (text if it was not JSON), undefined when empty. */
  readonly body: unknown;
}

export interface RouteStats {
  requests: number;
  /** 2xx/3xx answers other than 304: these spend rate limit. */
  counted: number;
  notModified: number;
}

export class Stats {
  readonly byRoute = new Map<string, RouteStats>();
  /** Every request in arrival order (cleared by reset). */
  readonly requestLog: LoggedRequest[] = [];
  requests = 0;
  counted = 0;
  notModified = 0;

  record(route: string, status: number): void {
    const entry = this.route(route);
    this.requests += 1;
    entry.requests += 1;
    if (status === 304) {
      this.notModified += 1;
      entry.notModified += 1;
    } else if (status < 400) {
      this.counted += 1;
      entry.counted += 1;
    }
  }

  logRequest(request: LoggedRequest): void {
    this.requestLog.push(request);
  }

  route(route: string): RouteStats {
    let entry = this.byRoute.get(route);
    if (!entry) {
      entry = { requests: 0, counted: 0, notModified: 0 };
      this.byRoute.set(route, entry);
    }
    return entry;
  }

  reset(): void {
    this.byRoute.clear();
    this.requestLog.length = 0;
    this.requests = 0;
    this.counted = 0;
    this.notModified = 0;
  }
}
