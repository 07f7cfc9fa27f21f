/** The fake GitHub's counters as its tests and the bench read them: a view of the kit's request log. */
import type { LoggedRequest, RequestStats, RouteSummary } from '../kit';

export class Stats {
  constructor(private readonly log: RequestStats) {}

  /** Every request in arrival order (cleared by reset). */
  get requestLog(): readonly LoggedRequest[] {
    return this.log.requests;
  }

  get requests(): number {
    return this.log.total;
  }

  /** Answers below 400 other than 304: these spend rate limit. */
  get counted(): number {
    return this.log.summary().counted;
  }

  get notModified(): number {
    return this.log.summary().notModified;
  }

  route(route: string): RouteSummary {
    return this.log.summary(route);
  }

  reset(): void {
    this.log.reset();
  }
}
