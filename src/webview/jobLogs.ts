/**
 * The job logs of run panels, kept for the next look: the last logs read stay in a small cache
 * shared by all panels (`JobLogCache`), so reopening a run or going back to a job shows its log
 * at once, and a log that could still grow is then read on from where it ended (the provider's
 * `nextOffset`), never again from byte 0. No `vscode`: unit-tested in plain Node. */
import { Lru } from '../core/lru';
import type { LogChunk } from '../core/ci/operations';
import type { LogSource } from './logSource';

/** Logs kept; a log longer than MAX_CACHED_CHARS is not kept (at most ~6 x 4 M characters). */
export const MAX_CACHED_LOGS = 6;
export const MAX_CACHED_CHARS = 4 * 1024 * 1024;

/** A job as far as its log is concerned: a re-run job that keeps its id starts again later. */
export interface LogJob {
  readonly id: string;
  readonly startedAt?: string;
  /** Queued or running: its log may grow even where the provider calls what it sent complete. */
  readonly active?: boolean;
}

export class JobLogCache {
  private readonly logs = new Lru<string, LogChunk>(MAX_CACHED_LOGS);

  private static key(repoKey: string, job: LogJob): string {
    return `${repoKey}\n${job.id}\n${job.startedAt ?? ''}`;
  }

  get(repoKey: string, job: LogJob): LogChunk | undefined {
    return this.logs.get(JobLogCache.key(repoKey, job));
  }

  set(repoKey: string, job: LogJob, log: LogChunk): void {
    const key = JobLogCache.key(repoKey, job);
    if (log.text.length > MAX_CACHED_CHARS) this.logs.delete(key);
    else this.logs.set(key, log);
  }
}

export class JobLogs {
  constructor(
    private readonly source: LogSource,
    private readonly repoKey: string,
    private readonly cache: JobLogCache,
    /** The job as last listed (for its start time); the bare id when unknown. */
    private readonly jobOf: (jobId: string) => LogJob = (id) => ({ id }),
  ) {}

  /** The cached log of a job (complete, or as far as it was read). */
  cached(jobId: string): LogChunk | undefined {
    return this.cache.get(this.repoKey, this.jobOf(jobId));
  }

  /** The whole log of a job. */
  whole(jobId: string): Promise<LogChunk> {
    return this.fetch(jobId, 0);
  }

  /** The bytes after `offset` (the log shown so far ends there); the cached log grows by them. */
  after(jobId: string, offset: number): Promise<LogChunk> {
    return this.fetch(jobId, offset);
  }

  private async fetch(jobId: string, offset: number): Promise<LogChunk> {
    const chunk = await this.source.getJobLog(this.repoKey, jobId, offset);
    const job = this.jobOf(jobId);
    // Appended bytes extend the cached log only where it ends at `offset` (else it was evicted or replaced).
    const before = offset === 0 ? '' : this.cache.get(this.repoKey, job);
    const complete = chunk.complete && job.active !== true;
    if (before === '') this.cache.set(this.repoKey, job, { text: chunk.text, nextOffset: chunk.nextOffset, complete });
    else if (before !== undefined && before.nextOffset === offset) this.cache.set(this.repoKey, job, { text: before.text + chunk.text, nextOffset: chunk.nextOffset, complete });
    return chunk;
  }
}
