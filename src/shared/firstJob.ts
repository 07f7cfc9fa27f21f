/** The job a run panel shows first: the one asked for, else the first failed job, else the first. Both sides use it. */
import type { RunState } from '../core/model';

export function firstJobToShow<J extends { readonly id: string; readonly state: RunState }>(jobs: readonly J[], wanted?: string): J | undefined {
  return (wanted === undefined ? undefined : jobs.find((job) => job.id === wanted)) ?? jobs.find((job) => job.state === 'failure') ?? jobs[0];
}
