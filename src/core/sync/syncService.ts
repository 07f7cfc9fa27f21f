/**
 * Keeps a RepoSnapshot per watched repository up to date: the poll scheduler decides when,
 * fetchRepo.ts what to ask the provider, applyPoll.ts how answers become snapshots.
 * Snapshots are persisted through the snapshot cache and restored (stale) at startup.
 */
import { SnapshotCache } from '../cache/snapshotCache';
import { gateRead } from '../gate/gatePolicy';
import { AuthError, ConfigError } from '../errors';
import { Emitter } from '../events';
import type { Disposable, Event } from '../events';
import type { Job, RepoRef } from '../model';
import { repoKey } from '../model';
import type { Clock, Logger, SnapshotStore } from '../ports';
import type { HostLimit } from '../scheduler/hostLimit';
import type { PollMode, PollResult } from '../scheduler/intervalPolicy';
import { PollScheduler } from '../scheduler/pollScheduler';
import type { CiProvider } from '../ci/provider';
import { applyBackground, applyBranch, applyFull, applyProblem, problemOf } from './applyPoll';
import { fetchBackground, fetchFull, fetchJobs } from './fetchRepo';
import type { RepoEntry } from './repoEntry';
import { createEntry, restoredSnapshot } from './repoEntry';
import { findRun, hasLiveRun } from './liveness';
import { addPage, boundedPages, pipelineRunsOf } from './runPages';
import type { Activity, BudgetNote, PagedRuns, PollSettings, RepoSnapshot, SyncReader, WatchedRepository } from './types';

export interface SyncServiceDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly store: SnapshotStore;
  /** The provider serving a repository, or undefined when its account has no token or is unknown. */
  readonly providerFor: (repo: RepoRef) => CiProvider | undefined;
  readonly settings: () => PollSettings;
  readonly activity: () => Activity;
  /** Older runs kept per pipeline in the snapshot cache (flowforge.insights.runs; default 100). */
  readonly persistedRunsPerPipeline?: () => number;
  /** Coalescing delay of snapshot cache writes. */
  readonly cacheWriteDelayMs?: number;
  /** Request budgets: the account (limit state) of a repository and the share FlowForge may use. */
  readonly budget?: {
    limitOf(repo: RepoRef): HostLimit | undefined;
    /** 0..1 */
    share(): number;
  };
}

/** Older runs kept per pipeline when the caller does not say (the Workflow Insights default). */
export const DEFAULT_PERSISTED_RUNS = 100;

export class SyncService implements SyncReader, Disposable {
  private readonly entries = new Map<string, RepoEntry>();
  private readonly emitter = new Emitter<string | undefined>();
  private readonly scheduler: PollScheduler;
  private readonly cache: SnapshotCache;
  private disposed = false;

  readonly onDidChange: Event<string | undefined> = this.emitter.event;

  constructor(private readonly deps: SyncServiceDeps) {
    this.cache = new SnapshotCache({ store: deps.store, clock: deps.clock, logger: deps.logger, writeDelayMs: deps.cacheWriteDelayMs });
    this.scheduler = new PollScheduler({
      clock: deps.clock,
      logger: deps.logger,
      settings: deps.settings,
      activity: deps.activity,
      poll: (key, mode, signal) => this.poll(key, mode, signal),
      budget: deps.budget && {
        limitOf: (key) => {
          const entry = this.entries.get(key);
          return entry && deps.budget?.limitOf(entry.watched.repo);
        },
        share: () => deps.budget?.share() ?? 0.5,
        // A workspace checkout (its current branch is watched) stays fast.
        isPriority: (key) => this.entries.get(key)?.watched.branch !== undefined,
      },
    });
  }

  repositories(): readonly RepoRef[] {
    return [...this.entries.values()].map((entry) => entry.watched.repo);
  }

  snapshot(key: string): RepoSnapshot | undefined {
    return this.entries.get(key)?.snapshot;
  }

  pipelineRuns(key: string, pipelineId: string): PagedRuns {
    const entry = this.entries.get(key);
    if (entry === undefined) {
      return { runs: [], hasMore: false, loading: false };
    }
    return pipelineRunsOf(entry.snapshot, pipelineId, entry.pages.get(pipelineId), entry.recentHasMore, entry.loadingPages.has(pipelineId));
  }

  cachedJobs(key: string, runId: string): readonly Job[] | undefined {
    return this.entries.get(key)?.jobs.get(runId);
  }

  budgetNote(key: string): BudgetNote | undefined {
    return this.scheduler.budgetNote(key);
  }

  /**
   * Adds, removes and updates watched repositories. New repositories are polled at once (and
   * their cached snapshot loaded meanwhile); removed ones stop polling; a branch change polls at once.
   */
  setRepositories(watched: readonly WatchedRepository[]): void {
    if (this.disposed) {
      return;
    }
    const wanted = new Map(watched.map((w) => [repoKey(w.repo), w]));
    let membershipChanged = false;
    for (const [key, entry] of [...this.entries]) {
      if (!wanted.has(key)) {
        this.forget(entry);
        membershipChanged = true;
      }
    }
    const ordered = new Map<string, RepoEntry>();
    for (const [key, w] of wanted) {
      const existing = this.entries.get(key);
      if (existing === undefined) {
        ordered.set(key, this.createEntry(key, w));
        membershipChanged = true;
        continue;
      }
      ordered.set(key, existing);
      if (existing.watched.branch !== w.branch) {
        existing.watched = w;
        existing.gateReadAt = undefined;
        this.update(existing, applyBranch(existing.snapshot, w.branch));
        void this.scheduler.refresh(key);
      }
    }
    const orderChanged = [...ordered.keys()].join('\n') !== [...this.entries.keys()].join('\n');
    this.entries.clear();
    for (const [key, entry] of ordered) {
      this.entries.set(key, entry);
      this.scheduler.add(key);
    }
    if (membershipChanged || orderChanged) {
      this.emitter.fire(undefined);
    }
  }

  /** Loads the cached snapshots of the watched repositories that have not been polled yet. */
  async restore(): Promise<void> {
    await Promise.all([...this.entries.values()].map((entry) => entry.restoring ?? Promise.resolve()));
  }

  /** Polls one repository (or all) now; resolves when done. Resumes polling stopped by an auth failure. */
  refresh(key?: string): Promise<void> {
    for (const entry of key === undefined ? this.entries.values() : [this.entries.get(key)]) {
      if (entry !== undefined) {
        entry.gateForced = true;
      }
    }
    return this.scheduler.refresh(key);
  }

  /** Window focus or view visibility changed. */
  activityChanged(): void {
    this.scheduler.reschedule();
  }

  /** Polling settings changed. */
  settingsChanged(): void {
    this.scheduler.reschedule();
  }

  /** Loads the next page of a pipeline's runs; concurrent calls share one request. Rejects with the typed error. */
  async loadMoreRuns(key: string, pipelineId: string): Promise<void> {
    const entry = this.entry(key);
    const loading = entry.loadingPages.get(pipelineId);
    if (loading !== undefined) {
      return loading;
    }
    const pages = entry.pages.get(pipelineId);
    if (pages !== undefined && !pages.hasMore) {
      return;
    }
    const provider = this.provider(entry);
    const { signal } = entry.lifetime;
    const promise = provider
      .listRuns(entry.watched.repo, { pipelineId, page: pages?.nextPage ?? 1, perPage: this.deps.settings().pageSize, signal })
      .then((page) => {
        entry.pages.set(pipelineId, addPage(entry.pages.get(pipelineId), page.value));
        this.persist(entry, entry.snapshot);
      })
      .finally(() => {
        entry.loadingPages.delete(pipelineId);
        this.fireIfWatched(entry);
      });
    entry.loadingPages.set(pipelineId, promise);
    this.emitter.fire(key);
    return promise;
  }

  /** Jobs of a run, fetched once and then kept fresh by full polls while the run is live. */
  async getJobs(key: string, runId: string): Promise<readonly Job[]> {
    const entry = this.entry(key);
    return entry.jobs.load(runId, async () => {
      const provider = this.provider(entry);
      return (await provider.listJobs(entry.watched.repo, runId, { signal: entry.lifetime.signal })).value;
    });
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.scheduler.dispose();
    for (const entry of this.entries.values()) {
      entry.lifetime.abort();
    }
    this.entries.clear();
    this.cache.dispose();
    this.emitter.dispose();
  }

  private createEntry(key: string, watched: WatchedRepository): RepoEntry {
    const entry = createEntry(key, watched);
    entry.restoring = this.loadCached(entry);
    return entry;
  }

  private async loadCached(entry: RepoEntry): Promise<void> {
    const cached = await this.cache.load(entry.key);
    if (cached === undefined || this.entries.get(entry.key) !== entry) {
      return;
    }
    const { pages, ...snapshot } = cached;
    for (const [pipelineId, paged] of Object.entries(pages ?? {})) {
      if (!entry.pages.has(pipelineId)) {
        entry.pages.set(pipelineId, paged);
      }
    }
    if (!entry.polled) {
      this.update(entry, restoredSnapshot(entry, snapshot));
    }
  }

  private forget(entry: RepoEntry): void {
    this.entries.delete(entry.key);
    this.scheduler.remove(entry.key);
    this.cache.forget(entry.key);
    entry.lifetime.abort();
  }

  private entry(key: string): RepoEntry {
    const entry = this.entries.get(key);
    if (entry === undefined) {
      throw new ConfigError(`Repository ${key} is not watched.`);
    }
    return entry;
  }

  private provider(entry: RepoEntry): CiProvider {
    const provider = this.deps.providerFor(entry.watched.repo);
    if (provider === undefined) {
      throw new AuthError(`Not signed in to ${entry.watched.repo.host}: sign in to see the pipelines of ${entry.watched.repo.slug}.`);
    }
    return provider;
  }

  /** One poll for the scheduler: applies the result, or records the problem and rethrows for back-off. */
  private async poll(key: string, mode: PollMode, signal: AbortSignal): Promise<PollResult> {
    const entry = this.entry(key);
    try {
      const changed = mode === 'full' ? await this.pollFull(entry, signal) : await this.pollBackground(entry, signal);
      return { changed, active: hasLiveRun(entry.snapshot) };
    } catch (error) {
      if (!signal.aborted && this.entries.get(key) === entry) {
        this.update(entry, applyProblem(entry.snapshot, problemOf(error)));
      }
      throw error;
    }
  }

  private async pollFull(entry: RepoEntry, signal: AbortSignal): Promise<boolean> {
    const provider = this.provider(entry);
    const { repo, branch } = entry.watched;
    const now = this.deps.clock.now();
    const gate = gateRead({ enabled: this.deps.settings().mergeGate !== false, forced: entry.gateForced === true, lastReadAt: entry.gateReadAt, now, last: entry.snapshot.mergeGate });
    const data = await fetchFull(provider, {
      repo,
      pageSize: this.deps.settings().pageSize,
      branch,
      needRepository: !entry.repositoryFetched,
      needPipelines: !entry.pipelinesFetched,
      knownPipelineIds: new Set(entry.snapshot.pipelines.map((p) => p.id)),
      gate,
      signal,
    });
    const pagedRuns = [...entry.pages.values()].map((p) => p.runs);
    const findFetched = (runId: string) => findRun(runId, data.recent.value.items, data.branch?.runs.value.items ?? [], ...pagedRuns);
    const jobs = await fetchJobs(provider, repo, entry.jobs.liveRunIds(findFetched), signal);
    if (signal.aborted) {
      return false;
    }
    entry.polled = true;
    if (data.gate !== undefined && gate !== 'off') {
      entry.gateReadAt = now;
      entry.gateForced = false;
    }
    entry.repositoryFetched ||= data.repository !== undefined;
    entry.pipelinesFetched ||= data.pipelines !== undefined;
    entry.recentHasMore = data.recent.value.hasMore;
    let jobsChanged = false;
    for (const [runId, fetched] of jobs) {
      if (fetched === undefined) {
        entry.jobs.delete(runId);
      } else if (fetched.changed) {
        entry.jobs.set(runId, fetched.value);
      }
      jobsChanged ||= fetched?.changed ?? true;
    }
    const next = applyFull(entry.snapshot, data, this.deps.clock.now());
    entry.jobs.prune((runId) => findRun(runId, next.recentRuns, next.branchRuns, ...pagedRuns) !== undefined);
    const snapshotChanged = this.update(entry, next, jobsChanged);
    return snapshotChanged || jobsChanged;
  }

  private async pollBackground(entry: RepoEntry, signal: AbortSignal): Promise<boolean> {
    const provider = this.provider(entry);
    const data = await fetchBackground(provider, entry.watched.repo, entry.watched.branch, this.deps.settings().pageSize, signal);
    if (signal.aborted) {
      return false;
    }
    return this.update(entry, applyBackground(entry.snapshot, data, this.deps.clock.now()));
  }

  /** Stores a snapshot; fires and persists only when it is a new object (or `force`). Returns whether it changed. */
  private update(entry: RepoEntry, next: RepoSnapshot, force = false): boolean {
    const changed = next !== entry.snapshot;
    if (changed) {
      entry.snapshot = next;
      this.persist(entry, next);
    }
    if (changed || force) {
      this.emitter.fire(entry.key);
    }
    return changed;
  }

  /** Saves a polled snapshot with the entry's older pages (bounded) to the snapshot cache. */
  private persist(entry: RepoEntry, snapshot: RepoSnapshot): void {
    if (!entry.polled) {
      return;
    }
    const pages = boundedPages(entry.pages, this.deps.persistedRunsPerPipeline?.() ?? DEFAULT_PERSISTED_RUNS, this.deps.settings().pageSize);
    this.cache.save(Object.keys(pages).length === 0 ? snapshot : { ...snapshot, pages });
  }

  private fireIfWatched(entry: RepoEntry): void {
    if (this.entries.get(entry.key) === entry) {
      this.emitter.fire(entry.key);
    }
  }
}
