/**
 * How much to stretch poll intervals so that an account's projected hourly use stays under its
 * share of the budget. Pure: the scheduler passes each key's demand (requests per hour at the
 * interval the settings ask for) and whether it is a priority key (a run is active, or it is the
 * workspace's checkout); idle keys are slowed first, priority keys only when idle ones at the
 * longest stretch are not enough. Accounts are computed apart: one account can never slow another.
 */

/** Largest factor; the stretched interval itself never exceeds MAX_STRETCHED_MS. */
export const MAX_STRETCH = 120;

/** However small the budget, every repository is polled at least once an hour. */
export const MAX_STRETCHED_MS = 3_600_000;

/** `interval` lengthened by `stretch`, never beyond an hour (nor shortened). */
export function stretched(interval: number, stretch: number): number {
  return stretch <= 1 ? interval : Math.max(interval, Math.min(interval * stretch, MAX_STRETCHED_MS));
}

export interface Demand {
  /** Requests per hour of the priority keys at their asked intervals. */
  readonly priority: number;
  /** Requests per hour of the other keys. */
  readonly idle: number;
}

export interface Stretch {
  readonly priority: number;
  readonly idle: number;
}

export const NO_STRETCH: Stretch = { priority: 1, idle: 1 };

/** Factors (>= 1) by which to lengthen intervals so that demand fits under `target` requests per hour. */
export function stretchFor(demand: Demand, target: number): Stretch {
  if (!(target > 0) || demand.priority + demand.idle <= target) {
    return NO_STRETCH;
  }
  const leftForIdle = target - demand.priority;
  if (leftForIdle > 0 && demand.idle / leftForIdle <= MAX_STRETCH) {
    return { priority: 1, idle: Math.max(1, demand.idle / leftForIdle) };
  }
  const leftForPriority = target - demand.idle / MAX_STRETCH;
  return { idle: MAX_STRETCH, priority: leftForPriority > 0 ? Math.min(MAX_STRETCH, Math.max(1, demand.priority / leftForPriority)) : MAX_STRETCH };
}
