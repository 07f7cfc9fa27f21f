/**
 * Public shape of the repository sync service: what views and commands read.
 * Implemented in ./syncService.ts.
 */
import type { CiErrorKind } from '../errors';
import type { Event } from '../events';
import type { MergeReadiness } from '../gate/mergeReadiness';
import type { Job, Pipeline, RepoRef, Repository, Run } from '../model';

/** Why the data of a repository may be out of date. */
export interface SyncProblem {
  readonly kind: CiErrorKind;
  /** Human, token-free explanation. */
  readonly message: string;
  /** For rate limits: epoch ms when polling resumes. */
  readonly resumeAt?: number;
}

/** Why a repository polls more slowly than the settings ask for: its account's request budget. */
export interface BudgetNote {
  /** "GitHub", "GitLab (git.example.com)". */
  readonly account: string;
  readonly askedMs: number;
  readonly intervalMs: number;
  /** Share of the budget FlowForge keeps under, 0..1. */
  readonly share: number;
  readonly hourlyBudget: number;
  readonly usedLastHour: number;
}

export interface PagedRuns {
  readonly runs: readonly Run[];
  readonly hasMore: boolean;
  /** True while a "load more" request is in flight. */
  readonly loading: boolean;
}

/** Pages of one pipeline loaded by "load more" (the Workflow Insights panel's older runs). */
export interface PipelinePages {
  readonly runs: readonly Run[];
  /** 1-based number of the page to load next. */
  readonly nextPage: number;
  readonly hasMore: boolean;
}

/** Everything known about one watched repository. Immutable: a change produces a new object. */
export interface RepoSnapshot {
  readonly repo: RepoRef;
  readonly repository?: Repository;
  readonly pipelines: readonly Pipeline[];
  /** Newest runs across the repository (first page). */
  readonly recentRuns: readonly Run[];
  /** Checked-out branch being watched, if any. */
  readonly branch?: string;
  /** Newest runs of `branch`. */
  readonly branchRuns: readonly Run[];
  /** The open pull/merge request of `branch` and whether it may be merged (full polls, where the provider reads it). */
  readonly mergeGate?: MergeReadiness;
  /** Epoch ms of the last successful refresh; undefined if never refreshed in this session. */
  readonly fetchedAt?: number;
  /** True when restored from cache and not yet refreshed, or when the last refresh failed. */
  readonly stale: boolean;
  /** The last refresh's failure, if it failed. Last good data stays in the other fields. */
  readonly problem?: SyncProblem;
  /**
   * Older runs paged in by pipeline id: set only on a snapshot being persisted or just restored
   * (the sync service keeps the live pages beside the snapshot).
   */
  readonly pages?: Readonly<Record<string, PipelinePages>>;
}

export interface WatchedRepository {
  readonly repo: RepoRef;
  /** Current branch of the workspace checkout, when the repo came from a git remote. */
  readonly branch?: string;
}

/** Window/view state that decides the polling rate. */
export interface Activity {
  readonly windowFocused: boolean;
  readonly viewVisible: boolean;
}

export interface PollSettings {
  /** Seconds between polls while a watched run is queued or running. */
  readonly activeInterval: number;
  /** Seconds between polls when idle, before backing off. */
  readonly idleInterval: number;
  /** Upper bound in seconds for the idle back-off. */
  readonly maxInterval: number;
  /** Seconds between status-bar-only polls while the window is unfocused and the view hidden. */
  readonly backgroundInterval: number;
  /** Runs fetched per page. */
  readonly pageSize: number;
  /** Whether full polls read the current branch's pull/merge request gate (default true). */
  readonly mergeGate?: boolean;
}

export const DEFAULT_POLL_SETTINGS: PollSettings = {
  activeInterval: 10,
  idleInterval: 30,
  maxInterval: 300,
  backgroundInterval: 300,
  pageSize: 20,
};

export interface SyncReader {
  /** Fires with the repository key (see repoKey) whose snapshot changed, or undefined when the set of repositories changed. */
  readonly onDidChange: Event<string | undefined>;
  repositories(): readonly RepoRef[];
  snapshot(repoKey: string): RepoSnapshot | undefined;
  /** Runs of one pipeline: recent ones merged with pages loaded by loadMoreRuns, newest first. */
  pipelineRuns(repoKey: string, pipelineId: string): PagedRuns;
  /** Jobs of a run if already fetched (undefined otherwise). */
  cachedJobs(repoKey: string, runId: string): readonly Job[] | undefined;
  /** Set when the account's request budget makes this repository poll more slowly than the settings ask for. */
  budgetNote?(repoKey: string): BudgetNote | undefined;
}
