/**
 * When the next poll of one repository is due, as a pure function of its poll history,
 * the settings and the window activity. The scheduler only keeps timers; every rule is here.
 */
import type { Activity, PollSettings } from '../sync/types';
import { stretched } from './budgetPolicy';

/** 'full' refreshes everything the views show; 'background' only what the status bar needs. */
export type PollMode = 'full' | 'background';

/** Health of a key after its last poll attempt. */
export type PollHealth =
  | { readonly kind: 'ok' }
  /** The API rate limit is exhausted until `resetAt` (epoch ms). */
  | { readonly kind: 'rate_limited'; readonly resetAt: number }
  /** `failures` consecutive network/server (or other transient) errors: "offline: probing". */
  | { readonly kind: 'offline'; readonly failures: number }
  /** Authentication failed: no polling until resumed or refreshed. */
  | { readonly kind: 'stopped' };

export interface PollHistory {
  readonly health: PollHealth;
  /** Whether the last successful poll saw a queued or running run. */
  readonly active: boolean;
  /** Consecutive successful full polls that saw no change. */
  readonly unchangedStreak: number;
  /** Epoch ms when the last attempt (success or failure) ended. */
  readonly lastAttemptAt?: number;
  /** Epoch ms when the last successful full poll ended. */
  readonly lastFullAt?: number;
  /** Epoch ms when the last successful poll of either mode ended. */
  readonly lastPollAt?: number;
}

export interface PollPlan {
  readonly mode: PollMode;
  /** Epoch ms when the poll is due; in the past means "now". */
  readonly dueAt: number;
}

/** Margin after a rate-limit reset before polling again, so the server's window has surely rolled over. */
export const RATE_LIMIT_MARGIN_MS = 1000;

const MIN_INTERVAL_SECONDS = 1;

export const INITIAL_HISTORY: PollHistory = { health: { kind: 'ok' }, active: false, unchangedStreak: 0 };

/** Only status-bar data is needed when the window is unfocused and the view hidden. */
export function pollMode(activity: Activity): PollMode {
  return !activity.windowFocused && !activity.viewVisible ? 'background' : 'full';
}

function seconds(value: number): number {
  return Math.max(MIN_INTERVAL_SECONDS, Number.isFinite(value) ? value : MIN_INTERVAL_SECONDS) * 1000;
}

/** `base` doubled `doublings` times, capped at `max`. */
function backoff(base: number, max: number, doublings: number): number {
  return Math.min(Math.max(base, max), base * 2 ** Math.min(doublings, 30));
}

/** The interval the settings ask for in `mode`, before any budget stretch. */
export function askedInterval(history: PollHistory, settings: PollSettings, mode: PollMode): number {
  return mode === 'background' ? seconds(settings.backgroundInterval) : fullInterval(history, settings);
}

/** Interval of a healthy key in full mode: active runs poll fast, idle ones back off after unchanged polls. */
export function fullInterval(history: PollHistory, settings: PollSettings): number {
  if (history.active) {
    return seconds(settings.activeInterval);
  }
  return backoff(seconds(settings.idleInterval), seconds(settings.maxInterval), history.unchangedStreak);
}

/** Delay after a failed attempt, or undefined when polling must stop. Independent of mode. */
function errorDelayUntil(history: PollHistory, settings: PollSettings): number | undefined {
  const attemptAt = history.lastAttemptAt ?? 0;
  switch (history.health.kind) {
    case 'rate_limited':
      return history.health.resetAt + RATE_LIMIT_MARGIN_MS;
    case 'offline':
      return attemptAt + backoff(seconds(settings.idleInterval), seconds(settings.maxInterval), history.health.failures - 1);
    default:
      return undefined;
  }
}

/**
 * The next poll of a key, or undefined when it must not be polled (authentication failed).
 * A key never polled in the current mode is due at once. `stretch` (>= 1, budgetPolicy.ts)
 * lengthens the healthy intervals so that the account stays under its request budget.
 */
export function planNextPoll(history: PollHistory, settings: PollSettings, activity: Activity, stretch = 1): PollPlan | undefined {
  if (history.health.kind === 'stopped') {
    return undefined;
  }
  const mode = pollMode(activity);
  const background = stretched(seconds(settings.backgroundInterval), stretch);
  const errorDue = errorDelayUntil(history, settings);
  if (errorDue !== undefined) {
    const backgroundDue = mode === 'background' ? (history.lastAttemptAt ?? 0) + background : 0;
    return { mode, dueAt: Math.max(errorDue, backgroundDue) };
  }
  if (mode === 'background') {
    return { mode, dueAt: history.lastPollAt === undefined ? 0 : history.lastPollAt + background };
  }
  return { mode, dueAt: history.lastFullAt === undefined ? 0 : history.lastFullAt + stretched(fullInterval(history, settings), stretch) };
}

/** What a poll function reports about a successful poll. */
export interface PollResult {
  /** Whether any data differed from the previous poll (false when everything was 304). */
  readonly changed: boolean;
  /** Whether any watched run is queued or running. */
  readonly active: boolean;
}

/** History after a successful poll that ended at `now`. */
export function afterSuccess(history: PollHistory, mode: PollMode, result: PollResult, now: number): PollHistory {
  const unchangedStreak = result.changed ? 0 : mode === 'full' ? history.unchangedStreak + 1 : history.unchangedStreak;
  return {
    health: { kind: 'ok' },
    active: result.active,
    unchangedStreak,
    lastAttemptAt: now,
    lastPollAt: now,
    lastFullAt: mode === 'full' ? now : history.lastFullAt,
  };
}

/** History after a failed poll that ended at `now`; `health` classifies the error (see classifyError). */
export function afterFailure(history: PollHistory, health: PollHealth, now: number): PollHistory {
  return { ...history, health, lastAttemptAt: now };
}
