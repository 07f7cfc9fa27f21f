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
   * a session reads once). Unknown: the key polls as the settings ask and adds no demand yet.
   */
  cost?: number;
  /** Polls measured so far. */
  polls?: number;
}

export type { BudgetNote };

/** Measures one poll's cost; `end()` returns the counted requests attributed to it. */
export interface CostMeter {
  end(): number | undefined;
}

const NO_METER: CostMeter = { end: () => undefined };

export class BudgetGovernor {
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

  /** Starts measuring a poll of `state`; the result updates its average cost. */
  begin(state: BudgetedKey): CostMeter {
    const limit = this.deps?.limitOf(state.key);
    if (limit === undefined) {
      return NO_METER;
    }
    const before = limit.counted;
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
        const cost = (limit.counted - before) / overlap;
        state.polls = (state.polls ?? 0) + 1;
        if (state.polls > 1) {
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

  private isPriority(state: BudgetedKey): boolean {
    return state.history.active || (this.deps?.isPriority(state.key) ?? false);
  }

  private accountStretch(limit: HostLimit, all: Iterable<BudgetedKey>): Stretch {
    const settings = this.settings();
    const mode = pollMode(this.activity());
    let priority = 0;
    let idle = 0;
    for (const other of all) {
      if (other.cost === undefined || this.deps?.limitOf(other.key) !== limit) {
        continue;
      }
      const demand = (other.cost * HOUR_MS) / askedInterval(other.history, settings, mode);
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
