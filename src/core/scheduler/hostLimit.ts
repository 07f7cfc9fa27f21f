/**
 * One limit state per host and account: every request FlowForge sends to that account (polls,
 * jobs, logs, Load more, actions) is counted here, and a server-side rate limit (a 429, or a
 * budget the headers say is spent) closes the account until its reset: inside that window nothing
 * is sent and callers get a RateLimitError saying until when. The scheduler reads the counts to
 * keep the projected hourly use under a share of the budget (budgetPolicy.ts).
 */
import type { RequestBudget } from '../ci/descriptor';
import type { RateLimitInfo } from '../ci/provider';
import { RateLimitError } from '../errors';
import type { Clock } from '../ports';
import { formatClockTime } from '../time';

const HOUR_MS = 3_600_000;
/** Window over which the current rate of requests is measured. */
const RATE_WINDOW_MS = 10 * 60_000;
/** Longest server-requested pause honoured, against a skewed clock or a bogus reset. */
const MAX_PAUSE_MS = HOUR_MS;

export class HostLimit {
  /** Epoch ms of every counted request of the last hour, oldest first. */
  private readonly sent: number[] = [];
  private pausedUntilMs = Number.NEGATIVE_INFINITY;
  private budget: RequestBudget;
  /** Counted requests since creation (monotonic): polls measure their cost as a difference. */
  counted = 0;
  /** Requests answered 304 that did not count against the budget. */
  free = 0;
  /** Polls of this account in flight, for attributing requests to polls (pollScheduler.ts). */
  pollsInFlight = 0;
  /** Requests the polls in flight are expected to send (budgetGovernor.ts admits polls against it). */
  reserved = 0;

  constructor(
    readonly key: string,
    /** "GitLab (git.example.com)": for messages. */
    readonly label: string,
    budget: RequestBudget,
    private readonly clock: Clock,
  ) {
    this.budget = budget;
  }

  /** Epoch ms until which nothing is sent, or undefined when open. */
  get pausedUntil(): number | undefined {
    return this.pausedUntilMs > this.clock.now() ? this.pausedUntilMs : undefined;
  }

  /** The budget in force: the descriptor's or the setting's, updated by the server's headers. */
  get currentBudget(): RequestBudget {
    return this.budget;
  }

  /** Requests per hour the budget allows. */
  get hourlyBudget(): number {
    return (this.budget.requests * HOUR_MS) / (this.budget.windowSeconds * 1000);
  }

  setBudget(budget: RequestBudget): void {
    this.budget = budget;
  }

  /** The server said its limit is reached until `until` (epoch ms; capped at an hour ahead). */
  pause(until: number): void {
    const now = this.clock.now();
    this.pausedUntilMs = Math.max(this.pausedUntilMs, Math.min(until, now + MAX_PAUSE_MS));
  }

  /** Throws the RateLimitError callers show ("rate limited until 14:05") while paused. */
  ensureOpen(): void {
    const until = this.pausedUntil;
    if (until !== undefined) {
      throw this.limitError(until);
    }
  }

  limitError(until: number): RateLimitError {
    return new RateLimitError(`${this.label} is rate limited until ${formatClockTime(until)}; nothing was sent.`, until);
  }

  /** A request was sent and answered; `counted` false for answers the budget does not count (304 where free). */
  noteRequest(status: number): void {
    if (status === 304 && this.budget.notModifiedFree === true) {
      this.free += 1;
      return;
    }
    const now = this.clock.now();
    this.counted += 1;
    this.sent.push(now);
    this.prune(now);
  }

  /** The server's own figures: its limit replaces the documented one (same window), not one the user set. */
  noteServerLimit(info: RateLimitInfo): void {
    if (info.limit > 0 && info.limit !== this.budget.requests && this.budget.fromSetting !== true) {
      this.budget = { ...this.budget, requests: info.limit, source: `${this.budget.source} (the server reports ${info.limit})` };
    }
  }

  /** Counted requests of the last hour. */
  usedLastHour(): number {
    this.prune(this.clock.now());
    return this.sent.length;
  }

  /**
   * The steady rate (requests per hour) that keeps every sliding hour from now on at or under
   * `target`, given what the last hour already spent and when those requests leave the window:
   * after a start-up burst less is left until the burst has aged out; in a steady state, `target`.
   */
  sustainableRate(target: number): number {
    const now = this.clock.now();
    this.prune(now);
    const used = this.sent.length;
    let rate = target;
    for (let i = 0; i < used; i++) {
      // Just before the i-th request leaves the window, i have left and `h` has passed.
      const h = (this.sent[i] ?? now) + HOUR_MS - now;
      if (h > 0) {
        rate = Math.min(rate, ((target - used + i) * HOUR_MS) / h);
      }
    }
    return Math.max(0, rate);
  }

  /**
   * Epoch ms from which `cost` more requests keep the last hour (with what polls in flight are
   * expected to send) at or under `ceiling`: now when there is room, else when enough of the
   * oldest requests have left the window.
   */
  roomAt(ceiling: number, cost: number): number {
    const now = this.clock.now();
    this.prune(now);
    const excess = Math.ceil(this.sent.length + this.reserved + cost - ceiling);
    if (excess <= 0) {
      return now;
    }
    // Aging cannot make room for more than the window holds: wait for all of it to leave.
    const leaving = this.sent[Math.min(excess, this.sent.length) - 1];
    return leaving === undefined ? now + RATE_WINDOW_MS : leaving + HOUR_MS;
  }

  /** Requests per hour at the rate of the last ten minutes. */
  projectedHourly(): number {
    const now = this.clock.now();
    this.prune(now);
    let recent = 0;
    for (let i = this.sent.length - 1; i >= 0 && (this.sent[i] ?? 0) > now - RATE_WINDOW_MS; i--) {
      recent += 1;
    }
    return (recent * HOUR_MS) / RATE_WINDOW_MS;
  }

  private prune(now: number): void {
    let drop = 0;
    while (drop < this.sent.length && (this.sent[drop] ?? 0) <= now - HOUR_MS) {
      drop += 1;
    }
    if (drop > 0) {
      this.sent.splice(0, drop);
    }
  }
}
