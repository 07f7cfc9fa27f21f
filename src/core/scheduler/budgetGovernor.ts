/**
 * The scheduler's view of request budgets: which account (HostLimit) a key polls, what one poll
 * of it costs (measured), how much its intervals must stretch (budgetPolicy.ts) and the note the
 * tree shows when the budget makes polling slower than the settings ask for.
 */
import type { Activity, BudgetNote, PollSettings } from '../sync/types';
import { stretched, stretchFor, type Stretch } from './budgetPolicy';
import type { HostLimit } from './hostLimit';
import { askedInterval, pollMode, type PollHistory } from './intervalPolicy';

const HOUR_MS = 3_600_000;
/** Weight of the newest measurement in the cost average. */
const COST_WEIGHT = 0.3;
/** Assumed requests of a poll before any poll of its account was measured. */
const DEFAULT_COST = 2;
/**
 * Part of an account's share its first polls may spend at once; the first polls beyond it start
 * spread at the share's rate (priority keys are never held back).
 */
const START_BURST = 0.5;
/**
 * Part of the share up to which timed polls of idle keys are admitted: the rest stays for the
 * priority keys (never held back), the reads the user asks for and the error of the estimates.
 */
const IDLE_CEILING = 0.95;

export interface BudgetDeps {
  /** The account a key polls, or undefined (no provider yet): such keys are not budgeted. */
  limitOf(key: string): HostLimit | undefined;
  /** Share (0..1] of each budget FlowForge may use (flowforge.budget.share). */
  share(): number;
  /** Keys kept fast: the workspace's checkouts (current branch). Keys with an active run always are. */
  isPriority(key: string): boolean;
}

/** What the scheduler keeps per key for the budget. */
export interface BudgetedKey {
  readonly key: string;
  readonly history: PollHistory;
  /**
   * Average counted requests per poll, from the second poll on (the first one also fetches what
   * a session reads once). Unknown: the key polls as the settings ask; the projection counts it at
   * its account's average, and the budget admits its polls at their expected cost (startAt).
   */
  cost?: number;
  /** Polls measured so far. */
  polls?: number;
  /** Epoch ms booked for the first poll when the start-up burst left no room for it. */
  firstSlot?: number;
}

export type { BudgetNote };

/** Measures one poll's cost; `end()` returns the counted requests attributed to it. */
export interface CostMeter {
  end(): number | undefined;
}

const NO_METER: CostMeter = { end: () => undefined };

export class BudgetGovernor {
  /** Per account: measured cost of a first poll (it also reads what a session reads once). */
  private readonly firstCost = new WeakMap<HostLimit, number>();
  /** Per account: the next free slot for a first poll spread over the budget window. */
  private readonly nextFirstSlot = new WeakMap<HostLimit, number>();

  constructor(
    private readonly deps: BudgetDeps | undefined,
    private readonly settings: () => PollSettings,
    private readonly activity: () => Activity,
  ) {}

  /** Interval factor (>= 1) for `state` among all the scheduler's keys. */
  stretch(state: BudgetedKey, all: Iterable<BudgetedKey>): number {
    const limit = this.deps?.limitOf(state.key);
    if (limit === undefined || state.cost === undefined) {
      return 1;
    }
    const stretch = this.accountStretch(limit, all);
    return this.isPriority(state) ? stretch.priority : stretch.idle;
  }

  /** The note for a key whose polling the budget slows down, else undefined. */
  note(state: BudgetedKey, all: Iterable<BudgetedKey>): BudgetNote | undefined {
    const limit = this.deps?.limitOf(state.key);
    const stretch = this.stretch(state, all);
    if (limit === undefined || stretch <= 1.05) {
      return undefined;
    }
    const asked = askedInterval(state.history, this.settings(), pollMode(this.activity()));
    return { account: limit.label, askedMs: asked, intervalMs: Math.round(stretched(asked, stretch)), share: this.share(), hourlyBudget: limit.hourlyBudget, usedLastHour: limit.usedLastHour() };
  }

  /**
   * Epoch ms from which a timed poll of `state` may start (`now` when at once): the last hour of
   * its account plus what polls in flight are expected to send must leave room for this poll
   * under the share (IDLE_CEILING of it for later polls, which leave room for the first polls still
   * waiting); first polls beyond the start-up burst are spread at the share's rate.
   * Priority keys (active runs, the workspace's checkouts) are never held back.
   */
  startAt(state: BudgetedKey, all: Iterable<BudgetedKey>, now: number): number {
    const limit = this.deps?.limitOf(state.key);
    if (limit === undefined || this.isPriority(state)) {
      return now;
    }
    const target = this.share() * limit.hourlyBudget;
    const keys = [...all];
    const cost = this.expectedCost(state, limit, keys);
    if ((state.polls ?? 0) > 0) {
      // Later polls leave room for the first polls still waiting: a repository not shown yet goes first.
      return limit.roomAt(target * IDLE_CEILING, cost + this.waitingFirstCost(limit, keys));
    }
    // A first poll may use the whole share: it happens once, and the later polls made room for it.
    const room = limit.roomAt(target, cost);
    if (state.firstSlot === undefined && limit.roomAt(target * START_BURST, cost) > now) {
      const slot = Math.max(now, this.nextFirstSlot.get(limit) ?? now);
      this.nextFirstSlot.set(limit, slot + (cost * HOUR_MS) / target);
      state.firstSlot = slot;
    }
    return Math.max(room, state.firstSlot ?? now);
  }

  /** Starts measuring a poll of `state`; the result updates its average cost. */
  begin(state: BudgetedKey, all: Iterable<BudgetedKey> = []): CostMeter {
    const limit = this.deps?.limitOf(state.key);
    if (limit === undefined) {
      return NO_METER;
    }
    const before = limit.counted;
    const reserved = this.expectedCost(state, limit, all);
    limit.reserved += reserved;
    limit.pollsInFlight += 1;
    const overlapAtStart = limit.pollsInFlight;
    let ended = false;
    return {
      end: () => {
        if (ended) {
          return undefined;
        }
        ended = true;
        const overlap = Math.max(1, overlapAtStart, limit.pollsInFlight);
        limit.pollsInFlight -= 1;
        limit.reserved = Math.max(0, limit.reserved - reserved);
        const cost = (limit.counted - before) / overlap;
        state.polls = (state.polls ?? 0) + 1;
        state.firstSlot = undefined;
        if (state.polls === 1) {
          const first = this.firstCost.get(limit);
          this.firstCost.set(limit, first === undefined ? cost : first * (1 - COST_WEIGHT) + cost * COST_WEIGHT);
        } else {
          state.cost = state.cost === undefined ? cost : state.cost * (1 - COST_WEIGHT) + cost * COST_WEIGHT;
        }
        return cost;
      },
    };
  }

  private share(): number {
    const share = this.deps?.share() ?? 0.5;
    return Number.isFinite(share) ? Math.min(1, Math.max(0.01, share)) : 0.5;
  }

  /**
   * Requests a poll of `state` is expected to send: its measured average; before it has one, the
   * account's first-poll cost for a first poll, else the average of the account's measured keys.
   */
  private expectedCost(state: BudgetedKey, limit: HostLimit, all: Iterable<BudgetedKey>): number {
    if (state.cost !== undefined) {
      return state.cost;
    }
    const first = this.firstCost.get(limit) ?? DEFAULT_COST;
    return (state.polls ?? 0) === 0 ? first : (this.accountAverage(limit, all) ?? first);
  }

  /** Expected requests of the account's first polls not started yet. */
  private waitingFirstCost(limit: HostLimit, keys: readonly BudgetedKey[]): number {
    let waiting = 0;
    for (const other of keys) {
      if ((other.polls ?? 0) === 0 && other.firstSlot !== undefined && this.deps?.limitOf(other.key) === limit) {
        waiting += this.firstCost.get(limit) ?? DEFAULT_COST;
      }
    }
    return waiting;
  }

  /** Average measured cost of the account's keys, or undefined before any is measured. */
  private accountAverage(limit: HostLimit, all: Iterable<BudgetedKey>): number | undefined {
    let sum = 0;
    let count = 0;
    for (const other of all) {
      if (other.cost !== undefined && this.deps?.limitOf(other.key) === limit) {
        sum += other.cost;
        count += 1;
      }
    }
    return count === 0 ? undefined : sum / count;
  }

  private isPriority(state: BudgetedKey): boolean {
    return state.history.active || (this.deps?.isPriority(state.key) ?? false);
  }

  private accountStretch(limit: HostLimit, all: Iterable<BudgetedKey>): Stretch {
    const settings = this.settings();
    const mode = pollMode(this.activity());
    let priority = 0;
    let idle = 0;
    const keys = [...all];
    // Keys not measured yet count at the average of the measured ones: they will poll too.
    const average = this.accountAverage(limit, keys);
    for (const other of keys) {
      if (this.deps?.limitOf(other.key) !== limit || (other.cost ?? average) === undefined) {
        continue;
      }
      const demand = ((other.cost ?? average ?? 0) * HOUR_MS) / askedInterval(other.history, settings, mode);
      if (this.isPriority(other)) {
        priority += demand;
      } else {
        idle += demand;
      }
    }
    const target = this.share() * limit.hourlyBudget;
    // The budget is a sliding hour: what it already spent (the start-up burst, log reads) leaves less
    // until it ages out. Never below a tenth of the share, so that polling never stops.
    return stretchFor({ priority, idle }, Math.max(target * 0.1, limit.sustainableRate(target)));
  }
}
