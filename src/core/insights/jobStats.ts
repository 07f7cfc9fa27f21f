/**
 * The slowest jobs of a workflow, by median duration over the runs whose jobs are known.
 * Jobs are matched by name across runs (a job's id changes with every run).
 */
import type { Job } from '../model';
import { median } from './percentiles';

export interface JobStat {
  readonly name: string;
  /** Runs in which a finished job of that name had a duration. */
  readonly runs: number;
  readonly medianMs: number;
  readonly maxMs: number;
  /** Runs in which the job failed. */
  readonly failures: number;
}

function jobDuration(job: Job): number | undefined {
  if (job.startedAt === undefined || job.completedAt === undefined) {
    return undefined;
  }
  const ms = Date.parse(job.completedAt) - Date.parse(job.startedAt);
  return Number.isNaN(ms) || ms < 0 ? undefined : ms;
}

/** Jobs by median duration, slowest first, at most `limit`. `jobsOfRuns`: one job list per run. */
export function slowestJobs(jobsOfRuns: readonly (readonly Job[])[], limit: number): JobStat[] {
  const byName = new Map<string, { durations: number[]; failures: number }>();
  for (const jobs of jobsOfRuns) {
    for (const job of jobs) {
      const duration = jobDuration(job);
      const entry = byName.get(job.name) ?? { durations: [], failures: 0 };
      if (duration !== undefined) entry.durations.push(duration);
      if (job.state === 'failure' && job.allowFailure !== true) entry.failures++;
      byName.set(job.name, entry);
    }
  }
  const stats: JobStat[] = [];
  for (const [name, { durations, failures }] of byName) {
    const mid = median(durations);
    if (mid !== undefined) {
      stats.push({ name, runs: durations.length, medianMs: mid, maxMs: Math.max(...durations), failures });
    }
  }
  return stats.sort((a, b) => b.medianMs - a.medianMs || a.name.localeCompare(b.name)).slice(0, limit);
}
