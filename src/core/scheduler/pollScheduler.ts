/**
 * Decides WHEN each key (repository) is polled and makes sure polls of one key never overlap.
 * The rules live in intervalPolicy.ts; this class only keeps timers, in-flight polls and history.
 */
import { describeError } from '../errors';
import type { Disposable } from '../events';
import type { Clock, Logger } from '../ports';
import type { Activity, PollSettings } from '../sync/types';
import { BudgetGovernor, type BudgetDeps, type BudgetNote } from './budgetGovernor';
import { classifyError } from './classifyError';
import type { PollHealth, PollHistory, PollMode, PollResult } from './intervalPolicy';
import { afterFailure, afterSuccess, INITIAL_HISTORY, planNextPoll, RATE_LIMIT_MARGIN_MS } from './intervalPolicy';

/** Polls one key. Must reject with the typed CiError of a failure; `signal` aborts on removal/dispose. */
export type PollFunction = (key: string, mode: PollMode, signal: AbortSignal) => Promise<PollResult>;

export interface PollSchedulerDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: () => PollSettings;
  readonly activity: () => Activity;
  readonly poll: PollFunction;
  /** Request budgets per account; without it nothing is budgeted. */
  readonly budget?: BudgetDeps;
}

interface Deferred {
  readonly promise: Promise<void>;
  readonly resolve: () => void;
}

function deferred(): Deferred {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

interface KeyState {
  readonly key: string;
  history: PollHistory;
  timer?: Disposable;
  nextDueAt?: number;
  inFlight?: { readonly controller: AbortController; readonly promise: Promise<void> };
  /** A refresh requested while a poll was in flight: one follow-up poll for all such requests. */
  followUp?: Deferred;
  removed: boolean;
  /** Average counted requests per poll, polls measured and a booked first poll (budgetGovernor.ts). */
  cost?: number;
  polls?: number;
  firstSlot?: number;
}

export class PollScheduler implements Disposable {
  private readonly keys = new Map<string, KeyState>();
  private disposed = false;
  private readonly budget: BudgetGovernor;

  constructor(private readonly deps: PollSchedulerDeps) {
    this.budget = new BudgetGovernor(deps.budget, deps.settings, deps.activity);
  }

  /** Starts polling a key; its first poll is due at once. No-op if already present. */
  add(key: string): void {
    if (this.disposed || this.keys.has(key)) {
      return;
    }
    const state: KeyState = { key, history: INITIAL_HISTORY, removed: false };
    this.keys.set(key, state);
    this.schedule(state);
  }

  /** Stops polling a key, aborting its in-flight poll. */
  remove(key: string): void {
    const state = this.keys.get(key);
    if (state === undefined) {
      return;
    }
    this.keys.delete(key);
    state.removed = true;
    state.timer?.dispose();
    state.timer = undefined;
    state.inFlight?.controller.abort();
    state.followUp?.resolve();
    state.followUp = undefined;
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  /**
   * Polls the key (or every key) now, in full mode, and resolves when that poll is done.
   * While a poll is in flight, requests coalesce into one follow-up poll.
   * Resumes keys stopped by an authentication failure. Rate-limited keys stay waiting for their reset.
   */
  async refresh(key?: string): Promise<void> {
    const states = key === undefined ? [...this.keys.values()] : [this.keys.get(key)].filter((s) => s !== undefined);
    await Promise.all(states.map((state) => this.requestPoll(state)));
  }

  /** Resumes a key stopped by an authentication failure (same as refresh). */
  resume(key: string): Promise<void> {
    return this.refresh(key);
  }

  /** Window focus/view visibility or settings changed: recompute due times; overdue keys poll at once. */
  reschedule(): void {
    for (const state of this.keys.values()) {
      this.schedule(state);
    }
  }

  /** Health of a key after its last poll, for diagnostics and tests. */
  health(key: string): PollHealth | undefined {
    return this.keys.get(key)?.history.health;
  }

  /** Epoch ms of the key's next timed poll, or undefined (in flight, stopped, unknown). */
  nextPollAt(key: string): number | undefined {
    return this.keys.get(key)?.nextDueAt;
  }

  /** Why the key polls more slowly than the settings ask for (its account's budget), if it does. */
  budgetNote(key: string): BudgetNote | undefined {
    const state = this.keys.get(key);
    return state === undefined ? undefined : this.budget.note(state, this.keys.values());
  }

  isPolling(key: string): boolean {
    return this.keys.get(key)?.inFlight !== undefined;
  }

  dispose(): void {
    this.disposed = true;
    for (const key of [...this.keys.keys()]) {
      this.remove(key);
    }
  }

  private requestPoll(state: KeyState): Promise<void> {
    const health = state.history.health;
    if (health.kind === 'rate_limited' && this.deps.clock.now() < health.resetAt) {
      return Promise.resolve();
    }
    if (health.kind === 'stopped') {
      state.history = { ...state.history, health: { kind: 'ok' } };
    }
    if (state.inFlight !== undefined) {
      state.followUp ??= deferred();
      return state.followUp.promise;
    }
    return this.start(state, 'full');
  }

  private schedule(state: KeyState): void {
    state.timer?.dispose();
    state.timer = undefined;
    state.nextDueAt = undefined;
    if (state.removed || state.inFlight !== undefined) {
      return;
    }
    const plan = planNextPoll(state.history, this.deps.settings(), this.deps.activity(), this.budget.stretch(state, this.keys.values()));
    if (plan === undefined) {
      return;
    }
    const now = this.deps.clock.now();
    // While the account is rate limited nothing of it is polled (a poll would send nothing anyway).
    const paused = this.deps.budget?.limitOf(state.key)?.pausedUntil;
    const dueAt = Math.max(now, plan.dueAt, paused === undefined ? 0 : paused + RATE_LIMIT_MARGIN_MS);
    this.arm(state, plan.mode, dueAt);
  }

  /**
   * Polls `state` at `dueAt` if its account's budget has room then (checked when the timer fires,
   * after the polls started before it reserved their cost), else at the time the budget says.
   */
  private arm(state: KeyState, mode: PollMode, dueAt: number): void {
    state.nextDueAt = dueAt;
    state.timer = this.deps.clock.setTimeout(() => {
      state.timer = undefined;
      const now = this.deps.clock.now();
      const startAt = this.budget.startAt(state, this.keys.values(), now);
      if (startAt > now) {
        this.arm(state, mode, startAt);
        return;
      }
      void this.start(state, mode);
    }, dueAt - this.deps.clock.now());
  }

  private start(state: KeyState, mode: PollMode): Promise<void> {
    state.timer?.dispose();
    state.timer = undefined;
    state.nextDueAt = undefined;
    const controller = new AbortController();
    const promise = this.execute(state, mode, controller);
    state.inFlight = { controller, promise };
    return promise;
  }

  /** Runs one poll and schedules what follows. Never rejects. */
  private async execute(state: KeyState, mode: PollMode, controller: AbortController): Promise<void> {
    let outcome: { result: PollResult } | { error: unknown };
    const meter = this.budget.begin(state, this.keys.values());
    try {
      // Deferred by a microtask so that `inFlight` is set before the poll can settle.
      outcome = { result: await Promise.resolve().then(() => this.deps.poll(state.key, mode, controller.signal)) };
    } catch (error) {
      outcome = { error };
    }
    meter.end();
    state.inFlight = undefined;
    if (state.removed || controller.signal.aborted) {
      return;
    }
    const now = this.deps.clock.now();
    if ('result' in outcome) {
      state.history = afterSuccess(state.history, mode, outcome.result, now);
    } else {
      const health = classifyError(outcome.error, state.history.health);
      this.deps.logger.warn(`Poll of ${state.key} failed (${health.kind}): ${describeError(outcome.error)}`);
      state.history = afterFailure(state.history, health, now);
    }
    const followUp = state.followUp;
    state.followUp = undefined;
    if (followUp === undefined || state.history.health.kind === 'rate_limited') {
      followUp?.resolve();
      this.schedule(state);
      return;
    }
    await this.start(state, 'full');
    followUp.resolve();
  }
}
