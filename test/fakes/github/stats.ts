/** Request counters, overall and per route, to assert rate-limit spend and retries. */

export interface RouteStats {
  requests: number;
  /** 2xx/3xx answers other than 304: these spend rate limit. */
  counted: number;
  notModified: number;
}

export class Stats {
  readonly byRoute = new Map<string, RouteStats>();
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
    this.requests = 0;
    this.counted = 0;
    this.notModified = 0;
  }
}
