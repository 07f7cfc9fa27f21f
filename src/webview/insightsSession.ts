/**
 * The data behind one Workflow Insights panel, vscode-free: the workflow's last N runs (the
 * runs the poller holds, then older pages through the sync service's "load more", so they are
 * shared with the tree), the jobs of its newest finished runs for the slowest-jobs table and,
 * where the provider has test reports, the reports of its newest finished runs for flaky tests.
 * Every request is bounded and counted, and the panel says what it cost.
 */
import type { TestReport } from '../core/ci/operations';
import type { Job, Run } from '../core/model';
import { flakyTests, type ReportOfRun } from '../core/insights/flakyTests';
import { slowestJobs } from '../core/insights/jobStats';
import { newest, runStats } from '../core/insights/runStats';
import type { PagedRuns } from '../core/sync/types';
import type { FlakyView, InsightsView } from '../shared/insightsProtocol';

/** Newest finished runs whose jobs feed the slowest-jobs table (one request each when not cached). */
export const JOB_RUNS = 10;
/** Newest finished runs whose test reports are read for flaky tests (one request each when not cached). */
export const REPORT_RUNS = 20;
export const SLOW_JOBS = 8;

export interface InsightsSync {
  pipelineRuns(repoKey: string, pipelineId: string): PagedRuns;
  loadMoreRuns(repoKey: string, pipelineId: string): Promise<void>;
  cachedJobs(repoKey: string, runId: string): readonly Job[] | undefined;
  getJobs(repoKey: string, runId: string): Promise<readonly Job[]>;
}

/** Test reports of runs, cached by run and attempt; absent when the provider has none. */
export interface ReportReader {
  cached(run: Run): TestReport | null | undefined;
  fetch(run: Run): Promise<TestReport | undefined>;
}

export interface InsightsTarget {
  readonly repoKey: string;
  readonly pipelineId: string;
  readonly workflowName: string;
  readonly repository: string;
}

export interface InsightsSessionDeps {
  readonly sync: InsightsSync;
  readonly reports?: ReportReader;
  /** Runs to show (the flowforge.insights.runs setting). */
  readonly limit: () => number;
  /** Trend alerts of the runs, in words. */
  readonly alerts: (runs: readonly Run[]) => readonly string[];
  readonly onChange: () => void;
  readonly errorText: (error: unknown) => string;
}

const finished = (run: Run): boolean => run.state === 'success' || run.state === 'failure';

export class InsightsSession {
  private pageRequests = 0;
  private loadingPages = false;
  private jobs: readonly (readonly Job[])[] = [];
  private jobsCost = { runs: 0, requests: 0 };
  private flaky: FlakyView;
  private error: string | undefined;
  private disposed = false;

  constructor(
    readonly target: InsightsTarget,
    private readonly deps: InsightsSessionDeps,
  ) {
    this.flaky = deps.reports === undefined ? { supported: false } : { supported: true, reportRuns: 0, requests: 0, tests: [] };
  }

  /** The runs shown: the newest `limit` of the workflow. */
  runs(): Run[] {
    return newest(this.deps.sync.pipelineRuns(this.target.repoKey, this.target.pipelineId).runs, this.deps.limit());
  }

  view(): InsightsView {
    const paged = this.deps.sync.pipelineRuns(this.target.repoKey, this.target.pipelineId);
    const runs = newest(paged.runs, this.deps.limit());
    const { points, total, decided, succeeded, failed, active, successRate, medianMs, p90Ms, medianQueueMs } = runStats(runs);
    return {
      workflowName: this.target.workflowName,
      repository: this.target.repository,
      limit: this.deps.limit(),
      runs: points,
      stats: { total, decided, succeeded, failed, active, successRate, medianMs, p90Ms, medianQueueMs },
      loading: this.loadingPages || paged.loading,
      hasMore: paged.hasMore || paged.runs.length > runs.length,
      pageRequests: this.pageRequests,
      slowJobs: slowestJobs(this.jobs, SLOW_JOBS),
      jobsCost: this.jobsCost,
      flaky: this.flaky,
      alerts: this.deps.alerts(runs),
      ...(this.error !== undefined ? { error: this.error } : {}),
    };
  }

  /** Loads what the panel needs: older pages up to the limit, then jobs, then test reports. */
  async load(): Promise<void> {
    this.error = undefined;
    try {
      await this.loadPages();
      await Promise.all([this.loadJobs(), this.loadReports()]);
    } catch (error) {
      this.error = this.deps.errorText(error);
    }
    this.changed();
  }

  dispose(): void {
    this.disposed = true;
  }

  private changed(): void {
    if (!this.disposed) this.deps.onChange();
  }

  private async loadPages(): Promise<void> {
    const { repoKey, pipelineId } = this.target;
    const limit = this.deps.limit();
    // One page per request; bounded even if a provider kept saying "more" with empty pages.
    const maxRequests = Math.ceil(limit / 10) + 2;
    this.loadingPages = true;
    this.changed();
    try {
      for (let i = 0; i < maxRequests && !this.disposed; i++) {
        const paged = this.deps.sync.pipelineRuns(repoKey, pipelineId);
        if (paged.runs.length >= limit || !paged.hasMore) break;
        this.pageRequests++;
        await this.deps.sync.loadMoreRuns(repoKey, pipelineId);
        this.changed();
      }
    } finally {
      this.loadingPages = false;
    }
  }

  private async loadJobs(): Promise<void> {
    const { repoKey } = this.target;
    const runs = this.runs().filter(finished).slice(0, JOB_RUNS);
    let requests = 0;
    const lists = await Promise.all(
      runs.map(async (run) => {
        const cached = this.deps.sync.cachedJobs(repoKey, run.id);
        if (cached !== undefined) return cached;
        requests++;
        return this.deps.sync.getJobs(repoKey, run.id);
      }),
    );
    this.jobs = lists;
    this.jobsCost = { runs: runs.length, requests };
  }

  private async loadReports(): Promise<void> {
    const reader = this.deps.reports;
    if (reader === undefined) return;
    const runs = this.runs().filter(finished).slice(0, REPORT_RUNS);
    let requests = 0;
    const found: ReportOfRun[] = [];
    let error: string | undefined;
    await Promise.all(
      runs.map(async (run) => {
        let report = reader.cached(run);
        if (report === undefined) {
          requests++;
          try {
            report = (await reader.fetch(run)) ?? null;
          } catch (failure) {
            error = this.deps.errorText(failure);
            return;
          }
        }
        if (report !== null) found.push({ run, report });
      }),
    );
    this.flaky = { supported: true, reportRuns: found.length, requests, tests: flakyTests(found).map((test) => ({ id: test.id, reason: test.reason, failures: test.failures, history: test.history.map(({ number, attempt, outcome }) => ({ number, attempt, outcome })) })), ...(error !== undefined ? { error } : {}) };
  }
}
