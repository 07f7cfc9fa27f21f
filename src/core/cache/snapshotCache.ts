/**
 * Persists repository snapshots through the SnapshotStore port so the views have something
 * to show at startup. Writes are coalesced: at most one write per repository per `writeDelayMs`,
 * always of the latest snapshot; pending writes are flushed on dispose.
 */
import { describeError } from '../errors';
import type { Disposable } from '../events';
import { repoKey } from '../model';
import type { Clock, Logger, SnapshotStore } from '../ports';
import type { RepoSnapshot } from '../sync/types';
import { decodeSnapshot, encodeSnapshot } from './snapshotCodec';

export interface SnapshotCacheDeps {
  readonly store: SnapshotStore;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Delay that coalesces writes of one repository. */
  readonly writeDelayMs?: number;
}

export const DEFAULT_WRITE_DELAY_MS = 10_000;

interface PendingWrite {
  snapshot: RepoSnapshot;
  readonly timer: Disposable;
}

export class SnapshotCache implements Disposable {
  private readonly pending = new Map<string, PendingWrite>();
  private readonly writes = new Set<Promise<void>>();
  private disposed = false;

  constructor(private readonly deps: SnapshotCacheDeps) {}

  /** The stored snapshot of a repository, marked stale; undefined when absent or unusable (logged). */
  async load(key: string): Promise<RepoSnapshot | undefined> {
    let text: string | undefined;
    try {
      text = await this.deps.store.read(key);
    } catch (error) {
      this.deps.logger.warn(`Could not read cached snapshot of ${key}: ${describeError(error)}`);
      return undefined;
    }
    if (text === undefined) {
      return undefined;
    }
    const decoded = decodeSnapshot(text);
    if (!decoded.ok) {
      this.deps.logger.warn(`Ignoring cached snapshot of ${key}: ${decoded.reason}`);
      return undefined;
    }
    if (repoKey(decoded.snapshot.repo) !== key) {
      this.deps.logger.warn(`Ignoring cached snapshot of ${key}: it belongs to ${repoKey(decoded.snapshot.repo)}`);
      return undefined;
    }
    return decoded.snapshot;
  }

  /** Schedules a write of the snapshot; later saves within the delay replace it. */
  save(snapshot: RepoSnapshot): void {
    if (this.disposed) {
      return;
    }
    const key = repoKey(snapshot.repo);
    const existing = this.pending.get(key);
    if (existing !== undefined) {
      existing.snapshot = snapshot;
      return;
    }
    const timer = this.deps.clock.setTimeout(() => this.writeNow(key), this.deps.writeDelayMs ?? DEFAULT_WRITE_DELAY_MS);
    this.pending.set(key, { snapshot, timer });
  }

  /** Drops a pending write (repository no longer watched). */
  forget(key: string): void {
    this.pending.get(key)?.timer.dispose();
    this.pending.delete(key);
  }

  /** Writes every pending snapshot now and waits for all writes in progress. */
  async flush(): Promise<void> {
    for (const key of [...this.pending.keys()]) {
      this.writeNow(key);
    }
    await Promise.all([...this.writes]);
  }

  /** Flushes pending writes (without waiting) and stops accepting new ones. */
  dispose(): void {
    if (this.disposed) {
      return;
    }
    void this.flush();
    this.disposed = true;
  }

  private writeNow(key: string): void {
    const entry = this.pending.get(key);
    if (entry === undefined) {
      return;
    }
    this.pending.delete(key);
    entry.timer.dispose();
    const write = this.write(key, entry.snapshot);
    this.writes.add(write);
    void write.finally(() => this.writes.delete(write));
  }

  /** Never rejects: a failed write only loses the cache. */
  private async write(key: string, snapshot: RepoSnapshot): Promise<void> {
    try {
      await this.deps.store.write(key, encodeSnapshot(snapshot));
    } catch (error) {
      this.deps.logger.warn(`Could not write cached snapshot of ${key}: ${describeError(error)}`);
    }
  }
}
