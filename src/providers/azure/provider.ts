/** AzureProvider: one Azure DevOps server for one account; a repository is one Azure Repos Git repository ("org/project/repo"). */
import { NotFoundError } from '../../core/errors';
import type { Annotation, Check, Job, Page, Pipeline, RepoRef, Repository, Run } from '../../core/model';
import { Lru } from '../../core/lru';
import { systemClock } from '../../core/ports';
import { clientConfig, type ClientOptions } from '../http/clientOptions';
import type { Artifact, ArtifactDownload, CreatePipelineRequest, CreatedRun, DeploymentReview, LogChunk, PendingDeployment, PipelineDefinition, RefList, TestReport } from '../../core/ci/operations';
import type { CiProvider, Fetched, ListRunsOptions, ProviderDeps, RateLimitInfo, RequestOptions, TokenCheck } from '../../core/ci/provider';
import { child, Fingerprints, str } from '../http';
import { AzureActions } from './actions';
import { listAzureArtifacts, openAzureArtifact } from './artifacts';
import { AzureClient } from './client';
import { mapIssues } from './issues';
import { AzureJobLogs } from './jobLog';
import { mapDefinition, mapJobs, splitJobId } from './mapping';
import { AzureReads, valueOf } from './reads';
import { getTestReport } from './testReport';
import { checkAzureToken, currentAzureUser } from './tokenCheck';
import { AZURE_URL, azureRepositoryWebUrl, branchOfRef, buildWebUrl, projectApi, splitSlug } from './urls';

/** requestsPerMinute: the client-side budget (Azure DevOps counts usage per user over a sliding five minutes, and delays before it refuses). */
export interface AzureProviderOptions extends ClientOptions {
  /** Organizations (collections) configured for this server: the token is checked against the first. */
  readonly organizations?: readonly string[];
}

export const DEFAULT_REQUESTS_PER_MINUTE = 120;

export class AzureProvider implements CiProvider {
  readonly kind = 'azure';
  readonly displayName: string;
  private readonly client: AzureClient;
  private readonly reads: AzureReads;
  private readonly logs: AzureJobLogs;
  private readonly actions: AzureActions;
  private readonly fingerprints = new Fingerprints();
  private readonly annotations = new Lru<string, readonly Annotation[]>(500);
  private readonly organizations: readonly string[];
  /** The organization of the last repository read, for a token check when none is configured. */
  private lastOrganization: string | undefined;

  constructor(
    readonly host: string,
    deps: ProviderDeps,
    options: AzureProviderOptions = {},
  ) {
    this.organizations = options.organizations ?? [];
    const clock = options.clock ?? systemClock;
    this.client = new AzureClient(clientConfig(host, deps, options, DEFAULT_REQUESTS_PER_MINUTE));
    this.reads = new AzureReads(this.client, clock);
    this.logs = new AzureJobLogs(this.client, this.reads);
    this.actions = new AzureActions(this.client, this.reads);
    this.displayName = host === AZURE_URL ? 'Azure Pipelines' : `Azure Pipelines (${new URL(host).host})`;
  }

  get rateLimit(): RateLimitInfo | undefined {
    return this.client.rateLimit;
  }

  dispose(): void {
    this.client.dispose();
    this.reads.clear();
    this.logs.clear();
    this.fingerprints.clear();
    this.annotations.clear();
  }

  private get organization(): string | undefined {
    return this.organizations[0] ?? this.lastOrganization;
  }

  checkToken(token: string, options?: RequestOptions): Promise<TokenCheck> {
    return checkAzureToken(this.client, this.organization, token, options);
  }

  currentUser(options?: RequestOptions): Promise<string> {
    return currentAzureUser(this.client, this.organization, options);
  }

  async getRepository(repo: RepoRef, options: RequestOptions = {}): Promise<Fetched<Repository>> {
    this.lastOrganization = splitSlug(repo.slug).organization;
    // Asked once per repository by the sync: a fresh read, which the listings then reuse.
    const info = await this.reads.repository(repo, options.signal, true);
    const defaultBranch = info.definitions.map((d) => branchOfRef(str(child(d, 'repository'), 'defaultBranch'))).find((b) => b !== undefined);
    return this.fetched(`repo|${repo.slug}`, { ref: repo, webUrl: azureRepositoryWebUrl(repo), ...(defaultBranch !== undefined ? { defaultBranch } : {}) });
  }

  /** The build definitions (pipelines) whose repository is this one. */
  async listPipelines(repo: RepoRef, options: RequestOptions = {}): Promise<Fetched<readonly Pipeline[]>> {
    const info = await this.reads.repository(repo, options.signal);
    return this.fetched(`pipelines|${repo.slug}`, info.definitions.map((d) => mapDefinition(repo, d)));
  }

  async listRuns(repo: RepoRef, options: ListRunsOptions = {}): Promise<Fetched<Page<Run>>> {
    const perPage = Math.max(1, Math.floor(options.perPage ?? 20));
    const page = Math.max(1, Math.floor(options.page ?? 1));
    const key = `runs|${repo.slug}|${options.branch ?? ''}|${options.pipelineId ?? ''}|${page}|${perPage}`;
    const value = await this.reads.builds(repo, { branch: options.branch, definitionId: options.pipelineId, perPage, page }, options.signal);
    return this.fetched(key, value);
  }

  /** Jobs from the build timeline (stages -> phases -> jobs -> tasks as steps). */
  async listJobs(repo: RepoRef, runId: string, options: RequestOptions = {}): Promise<Fetched<readonly Job[]>> {
    const records = await this.reads.timeline(repo, runId, options.signal);
    return this.fetched(`jobs|${repo.slug}|${runId}`, mapJobs(records, runId, buildWebUrl(repo, runId)));
  }

  getRun(repo: RepoRef, runId: string, options: RequestOptions = {}): Promise<Run> {
    return this.reads.build(repo, runId, options.signal);
  }

  getJobLog(repo: RepoRef, jobId: string, offset: number, options?: RequestOptions): Promise<LogChunk> {
    return this.logs.read(repo, jobId, offset, options);
  }

  /** Timeline issues (errors and warnings) as checks: of build `runId`, else of the newest build of `sha`. */
  async listChecks(repo: RepoRef, sha: string, options: RequestOptions & { runId?: string } = {}): Promise<readonly Check[]> {
    const runId = options.runId ?? (await this.newestBuildOf(repo, sha, options.signal));
    if (runId === undefined) return [];
    const records = await this.reads.timeline(repo, runId, options.signal);
    return mapIssues(records, runId, buildWebUrl(repo, runId)).map(({ check, annotations }) => {
      this.annotations.set(`${repo.slug}|${check.id}`, annotations);
      return check;
    });
  }

  private async newestBuildOf(repo: RepoRef, sha: string, signal: AbortSignal | undefined): Promise<string | undefined> {
    const recent = await this.reads.builds(repo, { perPage: 20, page: 1 }, signal);
    return recent.items.find((run) => run.headSha === sha)?.id;
  }

  async listAnnotations(repo: RepoRef, checkId: string, options: RequestOptions = {}): Promise<readonly Annotation[]> {
    const known = this.annotations.get(`${repo.slug}|${checkId}`);
    if (known !== undefined) return known;
    await this.listChecks(repo, '', { ...options, runId: splitJobId(checkId).buildId });
    return this.annotations.get(`${repo.slug}|${checkId}`) ?? [];
  }

  getTestReport(repo: RepoRef, runId: string, options?: RequestOptions): Promise<TestReport | undefined> {
    return getTestReport(this.client, repo, runId, options);
  }

  /** The build's artifacts, each a zip (see artifacts.ts). */
  listArtifacts(repo: RepoRef, runId: string, options?: RequestOptions): Promise<readonly Artifact[]> {
    return listAzureArtifacts(this.client, repo, runId, options);
  }

  openArtifact(repo: RepoRef, artifact: Artifact, options?: RequestOptions): Promise<ArtifactDownload> {
    return openAzureArtifact(this.client, repo, artifact, options);
  }

  cancelRun(repo: RepoRef, runId: string, options?: RequestOptions): Promise<void> {
    return this.actions.cancel(repo, runId, options);
  }

  /** Retries the failed jobs of the build's failed stages (Azure retries stages, not single jobs). */
  rerunFailedJobs(repo: RepoRef, runId: string, options?: RequestOptions): Promise<CreatedRun> {
    return this.actions.retryFailedStages(repo, runId, options);
  }

  async createRun(repo: RepoRef, pipelineId: string | undefined, request: CreatePipelineRequest, options: RequestOptions = {}): Promise<CreatedRun> {
    const id = pipelineId ?? (await this.reads.repository(repo, options.signal)).definitions.map((d) => d.id).find((d) => typeof d === 'number');
    if (id === undefined) throw new NotFoundError(`No pipeline builds ${repo.slug}`);
    return this.actions.runPipeline(repo, String(id), request, options);
  }

  /** The pipeline's YAML file at `ref`, read through the build source provider of Azure Repos. */
  async getPipelineDefinition(repo: RepoRef, pipelineId: string, ref: string, options: RequestOptions = {}): Promise<PipelineDefinition> {
    const info = await this.reads.repository(repo, options.signal);
    const definition = info.definitions.find((d) => String(d.id) === pipelineId);
    const path = str(child(definition ?? {}, 'process'), 'yamlFilename');
    if (definition === undefined || path === undefined || info.repositoryId === undefined) {
      throw new NotFoundError(`Pipeline ${pipelineId} of ${repo.slug} has no YAML file`);
    }
    const answer = await this.client.request({
      path: `${projectApi(repo.slug)}/sourceProviders/TfsGit/filecontents`,
      what: `${path} at ${ref} of ${repo.slug}`,
      query: { repository: info.repositoryId, commitOrBranch: branchOfRef(ref), path },
      headers: { accept: 'text/plain' },
      as: 'text',
      signal: options.signal,
    });
    return { path: path.replace(/^\/+/, ''), text: typeof answer.body === 'string' ? answer.body : '' };
  }

  async listRefs(repo: RepoRef, options: RequestOptions = {}): Promise<RefList> {
    const info = await this.reads.repository(repo, options.signal);
    const defaultBranch = info.definitions.map((d) => branchOfRef(str(child(d, 'repository'), 'defaultBranch'))).find((b) => b !== undefined);
    if (info.repositoryId === undefined) return { branches: defaultBranch ? [defaultBranch] : [], tags: [] };
    const answer = await this.client.request({
      path: `${projectApi(repo.slug)}/sourceProviders/TfsGit/branches`,
      what: `branches of ${repo.slug}`,
      query: { repository: info.repositoryId },
      signal: options.signal,
    });
    const branches = valueOf(answer.body, `Azure DevOps branches of ${repo.slug}`).flatMap((b) => (typeof b === 'string' ? [branchOfRef(b) ?? b] : []));
    return { branches, tags: [], ...(defaultBranch !== undefined ? { defaultBranch } : {}) };
  }

  listPendingDeployments(repo: RepoRef, runId: string, options?: RequestOptions): Promise<readonly PendingDeployment[]> {
    return this.actions.pendingApprovals(repo, runId, options);
  }

  reviewPendingDeployments(repo: RepoRef, runId: string, environmentIds: readonly string[], state: DeploymentReview, comment: string, options?: RequestOptions): Promise<void> {
    return this.actions.review(repo, runId, environmentIds, state, comment, options);
  }

  private fetched<T>(key: string, value: T): Fetched<T> {
    return { value, changed: this.fingerprints.changed(key, value) };
  }
}
