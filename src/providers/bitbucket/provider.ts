/** BitbucketProvider: Bitbucket Cloud (REST 2.0) for one account; a repository is "workspace/repo_slug". */
import type { Job, Page, Pipeline, RepoRef, Repository, Run } from '../../core/model';
import { systemClock } from '../../core/ports';
import { clientConfig, type ClientOptions } from '../http/clientOptions';
import type { CreatePipelineRequest, CreatedRun, LogChunk, PipelineDefinition, RefList, TestReport } from '../../core/ci/operations';
import type { CiProvider, Fetched, ListRunsOptions, ProviderDeps, RateLimitInfo, RequestOptions, TokenCheck } from '../../core/ci/provider';
import { Fingerprints } from '../http';
import { runPipeline, stopPipeline } from './actions';
import { BitbucketClient } from './client';
import { mapPipeline, PIPELINES_ID } from './mapping';
import { BitbucketReads } from './reads';
import { listRefs, pipelineDefinition } from './refs';
import { getStepLog } from './stepLog';
import { getTestReport } from './testReports';
import { checkBitbucketToken, currentUserName } from './tokenCheck';
import { BITBUCKET_API_URL } from './urls';

/** requestsPerMinute: the client-side budget (default 15 a minute: 900 of Bitbucket's 1,000 requests an hour). */
export type BitbucketProviderOptions = ClientOptions;

export const DEFAULT_REQUESTS_PER_MINUTE = 15;

export class BitbucketProvider implements CiProvider {
  readonly kind = 'bitbucket';
  readonly displayName: string;
  private readonly client: BitbucketClient;
  private readonly reads: BitbucketReads;
  private readonly fingerprints = new Fingerprints();

  constructor(
    readonly host: string,
    deps: ProviderDeps,
    options: BitbucketProviderOptions = {},
  ) {
    const clock = options.clock ?? systemClock;
    this.client = new BitbucketClient(clientConfig(host, deps, options, DEFAULT_REQUESTS_PER_MINUTE));
    this.reads = new BitbucketReads(this.client, clock);
    this.displayName = host === BITBUCKET_API_URL ? 'Bitbucket' : `Bitbucket (${new URL(host).host})`;
  }

  get rateLimit(): RateLimitInfo | undefined {
    return this.client.rateLimit;
  }

  dispose(): void {
    this.client.dispose();
    this.reads.clear();
    this.fingerprints.clear();
  }

  checkToken(token: string, options?: RequestOptions): Promise<TokenCheck> {
    return checkBitbucketToken(this.client, token, options);
  }

  currentUser(options?: RequestOptions): Promise<string> {
    return currentUserName(this.client, options);
  }

  async getRepository(repo: RepoRef, options: RequestOptions = {}): Promise<Fetched<Repository>> {
    return this.fetched(`repo|${repo.slug}`, await this.reads.repository(repo, options.signal));
  }

  /** One FlowForge pipeline per repository: every Bitbucket pipeline run of bitbucket-pipelines.yml. */
  async listPipelines(repo: RepoRef, options: RequestOptions = {}): Promise<Fetched<readonly Pipeline[]>> {
    return this.fetched(`pipelines|${repo.slug}`, [mapPipeline(repo, await this.reads.repository(repo, options.signal))]);
  }

  async listRuns(repo: RepoRef, options: ListRunsOptions = {}): Promise<Fetched<Page<Run>>> {
    const perPage = Math.max(1, Math.floor(options.perPage ?? 20));
    const page = Math.max(1, Math.floor(options.page ?? 1));
    const key = `runs|${repo.slug}|${options.branch ?? ''}|${options.pipelineId ?? ''}|${page}|${perPage}`;
    if (options.pipelineId !== undefined && options.pipelineId !== PIPELINES_ID) {
      return this.fetched(key, { items: [], hasMore: false, totalCount: 0 });
    }
    return this.fetched(key, await this.reads.runs(repo, { branch: options.branch, page, perPage }, options.signal));
  }

  async listJobs(repo: RepoRef, runId: string, options: RequestOptions = {}): Promise<Fetched<readonly Job[]>> {
    return this.fetched(`jobs|${repo.slug}|${runId}`, await this.reads.steps(repo, runId, options.signal));
  }

  getRun(repo: RepoRef, runId: string, options: RequestOptions = {}): Promise<Run> {
    return this.reads.run(repo, runId, options.signal);
  }

  /** A step's log; with `offset` > 0 only the bytes after it (HTTP Range). */
  getJobLog(repo: RepoRef, jobId: string, offset: number, options?: RequestOptions): Promise<LogChunk> {
    return getStepLog(this.client, repo.slug, jobId, offset, options);
  }

  /** The steps' test reports, one suite per step with a report. */
  async getTestReport(repo: RepoRef, runId: string, options: RequestOptions = {}): Promise<TestReport | undefined> {
    const steps = await this.reads.steps(repo, runId, options.signal);
    return getTestReport(this.client, repo.slug, runId, steps.filter((step) => step.state !== 'queued' && step.state !== 'skipped'), options);
  }

  /** Stops a running pipeline (POST …/stopPipeline). */
  cancelRun(repo: RepoRef, runId: string, options?: RequestOptions): Promise<void> {
    return stopPipeline(this.client, repo, runId, options);
  }

  createRun(repo: RepoRef, _pipelineId: string | undefined, request: CreatePipelineRequest, options?: RequestOptions): Promise<CreatedRun> {
    return runPipeline(this.client, repo, request, options);
  }

  getPipelineDefinition(repo: RepoRef, _pipelineId: string, ref: string, options?: RequestOptions): Promise<PipelineDefinition> {
    return pipelineDefinition(this.client, repo, ref, options);
  }

  async listRefs(repo: RepoRef, options: RequestOptions = {}): Promise<RefList> {
    const repository = await this.reads.repository(repo, options.signal);
    return listRefs(this.client, repo, repository.defaultBranch, options);
  }

  private fetched<T>(key: string, value: T): Fetched<T> {
    return { value, changed: this.fingerprints.changed(key, value) };
  }
}
