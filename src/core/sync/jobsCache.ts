/**
 * Jobs of the runs of one repository, fetched lazily when a run is expanded.
 * Every run whose jobs were asked for is "watched": while it (or one of its jobs) is live,
 * each full poll refreshes its jobs.
 */
import type { Job, Run } from '../model';
import { hasLiveJob, isLive } from './liveness';

export class JobsCache {
  private readonly jobs = new Map<string, readonly Job[]>();
  private readonly inFlight = new Map<string, Promise<readonly Job[]>>();

  get(runId: string): readonly Job[] | undefined {
    return this.jobs.get(runId);
  }

  set(runId: string, jobs: readonly Job[]): void {
    this.jobs.set(runId, jobs);
  }

  delete(runId: string): void {
    this.jobs.delete(runId);
  }

  /** Cached jobs, or one shared fetch for concurrent callers. */
  load(runId: string, fetch: () => Promise<readonly Job[]>): Promise<readonly Job[]> {
    const cached = this.jobs.get(runId);
    if (cached !== undefined) {
      return Promise.resolve(cached);
    }
    const pending = this.inFlight.get(runId);
    if (pending !== undefined) {
      return pending;
    }
    const promise = fetch().then(
      (jobs) => {
        this.inFlight.delete(runId);
        this.jobs.set(runId, jobs);
        return jobs;
      },
      (error: unknown) => {
        this.inFlight.delete(runId);
        throw error;
      },
    );
    this.inFlight.set(runId, promise);
    return promise;
  }

  /** Watched runs whose jobs may still change: the run is live, or a cached job still is. */
  liveRunIds(findRun: (runId: string) => Run | undefined): string[] {
    return [...this.jobs.entries()].filter(([runId, jobs]) => hasLiveJob(jobs) || isLive(findRun(runId)?.state ?? 'success')).map(([runId]) => runId);
  }

  /** Forgets jobs of runs no longer shown anywhere. */
  prune(keep: (runId: string) => boolean): void {
    for (const runId of [...this.jobs.keys()]) {
      if (!keep(runId)) {
        this.jobs.delete(runId);
      }
    }
  }
}
