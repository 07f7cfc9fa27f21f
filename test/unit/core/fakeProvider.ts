/**
 * In-memory CiProvider for sync tests. Emulates the ETag cache: an answer is `changed`
 * unless it equals the previous answer to the same request. Records every call with its
 * options (and AbortSignal), can fail the next calls, and can hold calls until released.
 */
import { CancelledError } from '../../../src/core/errors';
import type { Job, Page, Pipeline, RepoRef, Repository, Run } from '../../../src/core/model';
import { compareRunsNewestFirst } from '../../../src/core/runOrder';
import type { CiProvider, Fetched, ListRunsOptions, RateLimitInfo, RequestOptions, TokenCheck } from '../../../src/core/ci/provider';

export interface ProviderCall {
  readonly method: string;
  readonly options: ListRunsOptions;
  readonly runId?: string;
  /** Clock time of the call. */
  readonly at: number;
}

export class FakeProvider implements CiProvider {
  readonly kind = 'github';
  readonly host = 'https://api.github.com';
  readonly displayName = 'Fake';
  readonly rateLimit: RateLimitInfo | undefined = undefined;

  runs: Run[] = [];
  pipelines: Pipeline[] = [];
  jobs = new Map<string, Job[]>();
  readonly calls: ProviderCall[] = [];
  /** Errors thrown by the next calls, in order. */
  readonly failures: unknown[] = [];
  /** While set, calls wait until release() (or reject when their signal aborts). */
  holding = false;
  private waiters: (() => void)[] = [];
  private readonly lastAnswers = new Map<string, string>();

  constructor(
    private readonly repository: Repository,
    private readonly now: () => number = () => 0,
  ) {}

  callsOf(method: string): ProviderCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  release(): void {
    this.holding = false;
    for (const waiter of this.waiters.splice(0)) {
      waiter();
    }
  }

  checkToken(): Promise<TokenCheck> {
    return Promise.resolve({ login: 'octocat', scopes: undefined, missingScopes: [] });
  }

  getRepository(_repo: RepoRef, options: RequestOptions = {}): Promise<Fetched<Repository>> {
    return this.answer('getRepository', options, () => this.repository);
  }

  listPipelines(_repo: RepoRef, options: RequestOptions = {}): Promise<Fetched<readonly Pipeline[]>> {
    return this.answer('listPipelines', options, () => [...this.pipelines]);
  }

  listRuns(_repo: RepoRef, options: ListRunsOptions = {}): Promise<Fetched<Page<Run>>> {
    return this.answer('listRuns', options, () => {
      const matching = this.runs
        .filter((run) => (options.branch === undefined || run.branch === options.branch) && (options.pipelineId === undefined || run.pipelineId === options.pipelineId))
        .sort(compareRunsNewestFirst);
      const perPage = options.perPage ?? 30;
      const start = ((options.page ?? 1) - 1) * perPage;
      return { items: matching.slice(start, start + perPage), totalCount: matching.length, hasMore: start + perPage < matching.length };
    });
  }

  listJobs(_repo: RepoRef, runId: string, options: RequestOptions = {}): Promise<Fetched<readonly Job[]>> {
    return this.answer('listJobs', options, () => [...(this.jobs.get(runId) ?? [])], runId);
  }

  dispose(): void {}

  private async answer<T>(method: string, options: ListRunsOptions, compute: () => T, runId?: string): Promise<Fetched<T>> {
    this.calls.push({ method, options, runId, at: this.now() });
    if (this.holding) {
      await this.hold(options.signal);
    }
    if (options.signal?.aborted) {
      throw new CancelledError();
    }
    if (this.failures.length > 0) {
      throw this.failures.shift();
    }
    const value = compute();
    const requestKey = JSON.stringify({ method, runId, branch: options.branch, pipelineId: options.pipelineId, page: options.page, perPage: options.perPage });
    const text = JSON.stringify(value);
    const changed = this.lastAnswers.get(requestKey) !== text;
    this.lastAnswers.set(requestKey, text);
    return { value, changed };
  }

  private hold(signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiters.push(resolve);
      signal?.addEventListener('abort', () => reject(new CancelledError()), { once: true });
    });
  }
}
