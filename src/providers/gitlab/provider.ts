/** GitLabProvider: one GitLab instance (gitlab.com or self-managed) for one account. */
import type { Job, Page, Pipeline, RepoRef, Repository, Run } from '../../core/model';
import { systemClock, type Clock } from '../../core/ports';
import type { Artifact, ArtifactDownload, CodeQualityIssue, CreatePipelineRequest, CreatedRun, DeploymentReview, LogChunk, PendingDeployment, PipelineDefinition, RefList, TestReport } from '../../core/ci/operations';
import type { CiProvider, Fetched, ListRunsOptions, ProviderDeps, RateLimitInfo, RequestOptions, TokenCheck } from '../../core/ci/provider';
import { GitLabActions } from './actions';
import * as artifacts from './artifacts';
import { ChangeTracker } from './change-tracker';
import { getCodeQuality } from './codeQuality';
import { CommitTitles } from './commitTitles';
import * as definitions from './definitions';
import * as deployments from './deployments';
import { createGitLabHttp, type GitLabHttp } from './http';
import { getJobLog } from './job-log';
import { GitLabMergeGate } from './mergeGate';
import type { MergeReadiness } from '../../core/gate/mergeReadiness';
import { RequestLimiter, requireRecord } from '../http';
import { GITLAB_PIPELINE_ID, GITLAB_RUN_NAME, mapBridge, mapJob, mapPipelineDefinition, mapRepository, sortJobs } from './mapping';
import { getAllPages } from './pagination';
import { PipelineBatch } from './pipelineBatch';
import { PipelineDetails } from './pipelineDetails';
import { fetchPipelinesGroup } from './pipelinesQuery';
import { fetchCommitTitle, fetchRunsPage, fetchUpdatedRuns } from './runs';
import { mapTestReport } from './test-report';
import { checkGitLabToken } from './token-check';
import { UpdatedSince } from './updatedSince';
import { encodeProject, GITLAB_DEFAULT_URL } from './urls';

export interface GitLabProviderOptions {
  /** Client-side budget per instance (default 100 requests per minute). */
  readonly requestsPerMinute?: number;
  /** Injected time for the limiter and retry delays. */
  readonly clock?: Clock;
  /** Per-request timeout (default 30 s). */
  readonly timeoutMs?: number;
  /** GET retries after 5xx or a reset connection (default 2). */
  readonly maxRetries?: number;
  /** Base delay between GET retries (default 500 ms, doubling). */
  readonly retryDelayMs?: number;
  /** Poll first pages through the batched GraphQL query (default true); false: REST only. */
  readonly graphql?: boolean;
}

const MAX_PER_PAGE = 100;

export class GitLabProvider implements CiProvider {
  readonly kind = 'gitlab';
  readonly displayName: string;
  private readonly http: GitLabHttp;
  private readonly clock: Clock;
  private readonly limiter: RequestLimiter;
  private readonly actions: GitLabActions;
  private readonly changes = new ChangeTracker();
  private readonly updatedSince = new UpdatedSince();
  private readonly details = new PipelineDetails();
  private readonly titles = new CommitTitles();
  private readonly mergeGate: GitLabMergeGate;
  /** The instance's batched GraphQL poll of every watched project (pipelineBatch.ts). */
  private readonly batch: PipelineBatch | undefined;

  constructor(
    readonly host: string,
    deps: ProviderDeps,
    options: GitLabProviderOptions = {},
  ) {
    const clock = options.clock ?? systemClock;
    this.clock = clock;
    this.limiter = new RequestLimiter(options.requestsPerMinute ?? 100, clock);
    this.http = createGitLabHttp({
      host,
      getToken: deps.getToken,
      fetch: deps.fetch ?? globalThis.fetch,
      logger: deps.logger,
      clock,
      limiter: this.limiter,
      userAgent: deps.userAgent ?? 'FlowForge',
      timeoutMs: options.timeoutMs ?? 30_000,
      maxRetries: options.maxRetries ?? 2,
      retryDelayMs: options.retryDelayMs ?? 500,
    });
    this.actions = new GitLabActions(this.http);
    this.mergeGate = new GitLabMergeGate(this.http);
    this.batch = options.graphql === false ? undefined : new PipelineBatch(clock, (paths, wants, signal) => fetchPipelinesGroup(this.http, host, paths, wants, GITLAB_RUN_NAME, signal), deps.logger);
    this.displayName = host === GITLAB_DEFAULT_URL ? 'GitLab' : `GitLab (${new URL(host).host})`;
  }

  get rateLimit(): RateLimitInfo | undefined {
    return this.http.rateLimit;
  }

  dispose(): void {
    this.batch?.dispose();
    this.http.dispose();
    this.limiter.dispose();
    this.titles.clear();
    this.changes.clear();
    this.updatedSince.clear();
    this.details.clear();
    this.mergeGate.clear();
  }

  checkToken(token: string, options?: RequestOptions): Promise<TokenCheck> {
    return checkGitLabToken(this.http, token, options);
  }

  async getRepository(repo: RepoRef, options: RequestOptions = {}): Promise<Fetched<Repository>> {
    const body = await this.getProject(repo, options);
    return this.fetched(`repo|${repo.slug}`, mapRepository(repo, body));
  }

  async listPipelines(repo: RepoRef, options: RequestOptions = {}): Promise<Fetched<readonly Pipeline[]>> {
    const batched = this.batch?.project(repo.slug);
    if (batched?.webUrl !== undefined) {
      const definition = mapPipelineDefinition(repo, { web_url: batched.webUrl, ci_config_path: batched.ciConfigPath });
      return this.fetched(`pipelines|${repo.slug}`, [definition]);
    }
    const body = await this.getProject(repo, options);
    return this.fetched(`pipelines|${repo.slug}`, [mapPipelineDefinition(repo, body)]);
  }

  async listRuns(repo: RepoRef, options: ListRunsOptions = {}): Promise<Fetched<Page<Run>>> {
    const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(options.perPage ?? 20)));
    const page = Math.max(1, Math.floor(options.page ?? 1));
    const key = `runs|${repo.slug}|${options.branch ?? ''}|${options.pipelineId ?? ''}|${page}|${perPage}`;
    if (options.pipelineId !== undefined && options.pipelineId !== GITLAB_PIPELINE_ID) {
      return this.fetched(key, { items: [], hasMore: false, totalCount: 0 });
    }
    const name = GITLAB_RUN_NAME;
    const query = { branch: options.branch, perPage, page };
    if (page > 1) {
      return this.detailed(repo, key, await fetchRunsPage(this.http, repo, query, name, options.signal), options.signal);
    }
    // First pages come from the instance's batched GraphQL poll (pipelineBatch.ts); by REST when it cannot serve,
    // reused while an updated_after probe shows nothing on them changed (updatedSince.ts).
    const batched = await this.batch?.list(repo.slug, { branch: options.branch, perPage }, options.signal);
    if (batched !== undefined) {
      return this.fetched(key, batched);
    }
    const cacheKey = key;
    const cached = await this.updatedSince.cached(repo.slug, cacheKey, options.signal, (after, signal) => fetchUpdatedRuns(this.http, repo, after, name, signal));
    if (cached !== undefined) {
      return this.detailed(repo, key, cached, options.signal);
    }
    const since = this.updatedSince.generation(repo.slug);
    const value = await fetchRunsPage(this.http, repo, query, name, options.signal);
    this.updatedSince.store(repo.slug, cacheKey, options.branch, value, since);
    return this.detailed(repo, key, value, options.signal);
  }

  /** The listed page with each pipeline's user and start/finish times, which the list leaves out (pipelineDetails.ts), and commit titles. */
  private async detailed(repo: RepoRef, key: string, page: Page<Run>, signal: AbortSignal | undefined): Promise<Fetched<Page<Run>>> {
    const name = GITLAB_RUN_NAME;
    const items = await this.details.enrich(repo.slug, page.items, signal, (runId, detailSignal) => definitions.getRun(this.http, repo, runId, name, { signal: detailSignal }));
    return this.fetched(key, { ...page, items: await this.titled(repo, items) });
  }

  private titled(repo: RepoRef, runs: readonly Run[]): Promise<readonly Run[]> {
    return this.titles.enrich(repo.slug, runs, (sha) => fetchCommitTitle(this.http, repo, sha));
  }

  async listJobs(repo: RepoRef, runId: string, options: RequestOptions = {}): Promise<Fetched<readonly Job[]>> {
    const base = `/projects/${encodeProject(repo.slug)}/pipelines/${encodeURIComponent(runId)}`;
    const [jobs, bridges] = await Promise.all([
      getAllPages(this.http, `${base}/jobs`, `jobs of pipeline ${runId} of ${repo.slug}`, { signal: options.signal }),
      getAllPages(this.http, `${base}/bridges`, `trigger jobs of pipeline ${runId} of ${repo.slug}`, { signal: options.signal }),
    ]);
    const mapped = sortJobs([...jobs.map((j) => mapJob(j, runId)), ...bridges.map((b) => mapBridge(b, runId))]);
    return this.fetched(`jobs|${repo.slug}|${runId}`, mapped);
  }

  listArtifacts(repo: RepoRef, runId: string, options?: RequestOptions): Promise<readonly Artifact[]> {
    return artifacts.listArtifacts(this.http, repo, runId, this.clock.now(), options);
  }

  openArtifact(repo: RepoRef, artifact: Artifact, options?: RequestOptions): Promise<ArtifactDownload> {
    return artifacts.openArtifact(this.http, repo, artifact, options);
  }

  getJobLog(repo: RepoRef, jobId: string, offset: number, options?: RequestOptions): Promise<LogChunk> {
    return getJobLog(this.http, encodeProject(repo.slug), repo.slug, jobId, offset, options);
  }

  async getTestReport(repo: RepoRef, runId: string, options: RequestOptions = {}): Promise<TestReport | undefined> {
    const what = `test report of pipeline ${runId} of ${repo.slug}`;
    const response = await this.http.request({ path: `/projects/${encodeProject(repo.slug)}/pipelines/${encodeURIComponent(runId)}/test_report`, what, signal: options.signal });
    return mapTestReport(response.body, `GitLab ${what}`);
  }

  /** Issues of the pipeline's codequality report artifacts (see codeQuality.ts for the route and its limitation). */
  getCodeQuality(repo: RepoRef, runId: string, options?: RequestOptions): Promise<readonly CodeQualityIssue[]> {
    return getCodeQuality(this.http, repo, runId, options);
  }

  /** GitLab's pipeline retry re-runs the failed and canceled jobs of the pipeline. */
  rerunRun(repo: RepoRef, runId: string, options?: RequestOptions): Promise<CreatedRun> {
    return this.actions.retryPipeline(encodeProject(repo.slug), repo.slug, runId, options);
  }

  /** The same retry: what GitLab re-runs is exactly the failed (and canceled) jobs. */
  rerunFailedJobs(repo: RepoRef, runId: string, options?: RequestOptions): Promise<CreatedRun> {
    return this.rerunRun(repo, runId, options);
  }

  rerunJob(repo: RepoRef, jobId: string, options?: RequestOptions): Promise<void> {
    return this.actions.jobAction(encodeProject(repo.slug), repo.slug, jobId, 'retry', options);
  }

  playJob(repo: RepoRef, jobId: string, options?: RequestOptions): Promise<void> {
    return this.actions.jobAction(encodeProject(repo.slug), repo.slug, jobId, 'play', options);
  }

  cancelRun(repo: RepoRef, runId: string, options?: RequestOptions): Promise<void> {
    return this.actions.cancelPipeline(encodeProject(repo.slug), repo.slug, runId, options);
  }

  cancelJob(repo: RepoRef, jobId: string, options?: RequestOptions): Promise<void> {
    return this.actions.jobAction(encodeProject(repo.slug), repo.slug, jobId, 'cancel', options);
  }

  createRun(repo: RepoRef, _pipelineId: string | undefined, request: CreatePipelineRequest, options?: RequestOptions): Promise<CreatedRun> {
    return this.actions.createPipeline(encodeProject(repo.slug), repo.slug, request, options);
  }

  async getRun(repo: RepoRef, runId: string, options?: RequestOptions): Promise<Run> {
    const run = await definitions.getRun(this.http, repo, runId, GITLAB_RUN_NAME, options);
    const [titled] = await this.titled(repo, [run]);
    return titled ?? run;
  }

  currentUser(options?: RequestOptions): Promise<string> {
    return definitions.currentUser(this.http, options);
  }

  /** GitLab has one definition per project: `_pipelineId` is ignored. */
  getPipelineDefinition(repo: RepoRef, _pipelineId: string, ref: string, options?: RequestOptions): Promise<PipelineDefinition> {
    return definitions.getPipelineDefinition(this.http, repo, ref, options);
  }

  listRefs(repo: RepoRef, options?: RequestOptions): Promise<RefList> {
    return definitions.listRefs(this.http, repo, options);
  }

  /** Blocked deployments of the pipeline (deployment approvals); `environment.id` is the deployment id. */
  listPendingDeployments(repo: RepoRef, runId: string, options?: RequestOptions): Promise<readonly PendingDeployment[]> {
    return deployments.listPendingDeployments(this.http, repo, runId, options);
  }

  /** Approves or rejects each deployment once (`deploymentIds` as listed by listPendingDeployments). */
  reviewPendingDeployments(repo: RepoRef, _runId: string, deploymentIds: readonly string[], state: DeploymentReview, comment: string, options?: RequestOptions): Promise<void> {
    return deployments.reviewPendingDeployments(this.http, repo, deploymentIds, state, comment, options);
  }

  /** The branch's open merge request and whether it is ready to merge (mergeGate.ts). */
  async getMergeReadiness(repo: RepoRef, branch: string, options?: RequestOptions): Promise<Fetched<MergeReadiness | undefined>> {
    return this.fetched(`gate|${repo.slug}|${branch}`, await this.mergeGate.read(repo, branch, options));
  }

  private async getProject(repo: RepoRef, options: RequestOptions): Promise<unknown> {
    const what = `project ${repo.slug}`;
    const response = await this.http.request({ path: `/projects/${encodeProject(repo.slug)}`, what, signal: options.signal });
    // A project always has an id and a path: anything else is not GitLab's answer (a proxy's JSON, an error object).
    return requireRecord(response.body, what, ['id', 'path_with_namespace']);
  }

  private fetched<T>(key: string, value: T): Fetched<T> {
    return { value, changed: this.changes.update(key, value) };
  }
}
