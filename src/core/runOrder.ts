/**
 * The one ordering of runs used everywhere: newest first, by creation time, then by run number.
 */
import type { Run } from './model';

/** Sort comparator: newer runs first (createdAt descending, then number descending, then id). */
export function compareRunsNewestFirst(a: Run, b: Run): number {
  const byTime = Date.parse(b.createdAt) - Date.parse(a.createdAt);
  if (byTime !== 0 && !Number.isNaN(byTime)) {
    return byTime;
  }
  if (a.number !== b.number) {
    return b.number - a.number;
  }
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Merges run lists, keeping the first occurrence of each id (pass the freshest list first),
 * sorted newest first.
 */
export function mergeRuns(...lists: readonly (readonly Run[])[]): Run[] {
  const byId = new Map<string, Run>();
  for (const list of lists) {
    for (const run of list) {
      if (!byId.has(run.id)) {
        byId.set(run.id, run);
      }
    }
  }
  return [...byId.values()].sort(compareRunsNewestFirst);
}
