/**
 * Pure time helpers for display: durations of runs/jobs and relative timestamps.
 * `now` is always passed in (from the Clock), never read from Date.now().
 */
import type { RunState } from './model';

/** Anything with the timing fields of a Run or a Job. */
export interface Timed {
  readonly state: RunState;
  readonly createdAt?: string;
  readonly startedAt?: string;
  readonly updatedAt?: string;
  readonly completedAt?: string;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function parse(iso: string | undefined): number | undefined {
  if (iso === undefined) {
    return undefined;
  }
  const value = Date.parse(iso);
  return Number.isNaN(value) ? undefined : value;
}

/**
 * Milliseconds a run or job has been executing: from start (or creation) to completion,
 * or to `now` while it is still running. Undefined while queued or when timestamps are missing.
 * Completed runs without `completedAt` (GitHub runs) end at `updatedAt`.
 */
export function durationMs(item: Timed, now: number): number | undefined {
  if (item.state === 'queued') {
    return undefined;
  }
  const start = parse(item.startedAt) ?? parse(item.createdAt);
  if (start === undefined) {
    return undefined;
  }
  const end = item.state === 'running' ? now : (parse(item.completedAt) ?? parse(item.updatedAt) ?? now);
  return Math.max(0, end - start);
}

/** "12s", "1m 05s", "2h 3m". */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / SECOND));
  if (totalSeconds < 60) {
    return `${totalSeconds}s`;
  }
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  if (hours > 0) {
    return `${hours}h ${minutes}m`;
  }
  const seconds = totalSeconds % 60;
  return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
}

/** "just now", "5 min ago", "3 h ago", "1 day ago", "2 days ago". Invalid input is returned as is. */
export function formatRelative(iso: string, now: number): string {
  const time = parse(iso);
  if (time === undefined) {
    return iso;
  }
  const elapsed = now - time;
  if (elapsed < MINUTE) {
    return 'just now';
  }
  if (elapsed < HOUR) {
    return `${Math.floor(elapsed / MINUTE)} min ago`;
  }
  if (elapsed < DAY) {
    return `${Math.floor(elapsed / HOUR)} h ago`;
  }
  const days = Math.floor(elapsed / DAY);
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

/** Wall-clock time of an epoch ms, hours and minutes in the user's locale ("14:05"). */
export function formatClockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}
