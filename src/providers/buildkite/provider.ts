/** BuildkiteProvider: one Buildkite API host for one account; a repository is one pipeline ("org/pipeline"). */
import type { Annotation, Check, Job, Page, Pipeline, RepoRef, Repository, Run } from '../../core/model';
import { Lru } from '../../core/lru';
import { systemClock } from '../../core/ports';
import { clientConfig, type ClientOptions } from '../http/clientOptions';
import type { DispatchForm, FormValues } from '../../core/ci/dispatchForm';
import type { Artifact, ArtifactDownload, CreatePipelineRequest, CreatedRun, LogChunk, PipelineDefinition, RefList } from '../../core/ci/operations';
import type { CiProvider, Fetched, ListRunsOptions, ProviderDeps, RateLimitInfo, RemoteMatch, RequestOptions, TokenCheck } from '../../core/ci/provider';
import { collectPages, linkNext, requireArray, str } from '../http';
import { BuildkiteActions } from './actions';
import { mapAnnotation } from './annotations';
import { listBuildkiteArtifacts, openBuildkiteArtifact } from './artifacts';
import { BuildkiteClient } from './client';
import { Fingerprints } from './fingerprint';
import { blockStepForm } from './forms';
import { getJobLog } from './jobLog';
import { BUILDS_PIPELINE_ID, mapPipeline, mapRepository } from './mapping';
import { BuildkiteReads } from './reads';
import { pipelinesForRemotes } from './remotes';
import { checkBuildkiteToken, currentUserName } from './tokenCheck';
import { BUILDKITE_API_URL, buildkiteRepositoryWebUrl, buildPath } from './urls';

/** requestsPerMinute: the client-side budget per organization (default 60 of Buildkite's 200 per minute, shared with everyone else in the org). */
export interface BuildkiteProviderOptions extends ClientOptions {
  /** Organizations whose pipelines may match workspace remotes; empty: every one the token sees. */
  readonly organizations?: readonly string[];
}

export const DEFAULT_REQUESTS_PER_MINUTE = 60;
const BRANCHES_SAMPLE = 50;

export class BuildkiteProvider implements CiProvider {
  readonly kind = 'buildkite';
  readonly displayName: string;
  private readonly client: BuildkiteClient;
  private readonly reads: BuildkiteReads;
  private readonly actions: BuildkiteActions;
  private readonly fingerprints = new Fingerprints();
  /** Annotations parsed by listChecks, by check id, for listAnnotations. */
  private readonly annotations = new Lru<string, readonly Annotation[]>(500);

  private readonly organizations: readonly string[];

  constructor(
    readonly host: string,
    deps: ProviderDeps,
    options: BuildkiteProviderOptions = {},
  ) {
    this.organizations = options.organizations ?? [];
    const clock = options.clock ?? systemClock;
    this.client = new BuildkiteClient(clientConfig(host, deps, options, DEFAULT_REQUESTS_PER_MINUTE));
    this.reads = new BuildkiteReads(this.client, clock);
    this.actions = new BuildkiteActions(this.client);
    this.displayName = host === BUILDKITE_API_URL ? 'Buildkite' : `Buildkite (${new URL(host).host})`;
  }

  get rateLimit(): RateLimitInfo | undefined {
    return this.client.rateLimit;
  }

  dispose(): void {
    this.client.dispose();
    this.reads.clear();
    this.fingerprints.clear();
    this.annotations.clear();
  }

  checkToken(token: string, options?: RequestOptions): Promise<TokenCheck> {
    return checkBuildkiteToken(this.client, token, options);
  }

  currentUser(options?: RequestOptions): Promise<string> {
    return currentUserName(this.client, options);
  }

  async getRepository(repo: RepoRef, options: RequestOptions = {}): Promise<Fetched<Repository>> {
    return this.fetched(`repo|${repo.slug}`, mapRepository(repo, await this.reads.pipeline(repo, options.signal)));
  }

  /** One FlowForge pipeline per Buildkite pipeline: its builds. */
  async listPipelines(repo: RepoRef, options: RequestOptions = {}): Promise<Fetched<readonly Pipeline[]>> {
    return this.fetched(`pipelines|${repo.slug}`, [mapPipeline(repo, await this.reads.pipeline(repo, options.signal))]);
  }

  async listRuns(repo: RepoRef, options: ListRunsOptions = {}): Promise<Fetched<Page<Run>>> {
    const perPage = Math.max(1, Math.floor(options.perPage ?? 20));
    const page = Math.max(1, Math.floor(options.page ?? 1));
    const key = `runs|${repo.slug}|${options.branch ?? ''}|${options.pipelineId ?? ''}|${page}|${perPage}`;
    if (options.pipelineId !== undefined && options.pipelineId !== BUILDS_PIPELINE_ID) {
      return this.fetched(key, { items: [], hasMore: false, totalCount: 0 });
    }
    const value = await this.reads.builds(repo, { branch: options.branch, perPage, page, withJobs: page === 1 }, options.signal);
    return this.fetched(key, value);
  }

  async listJobs(repo: RepoRef, runId: string, options: RequestOptions = {}): Promise<Fetched<readonly Job[]>> {
    return this.fetched(`jobs|${repo.slug}|${runId}`, await this.reads.jobs(repo, runId, options.signal));
  }

  getRun(repo: RepoRef, runId: string, options: RequestOptions = {}): Promise<Run> {
    return this.reads.build(repo, runId, options.signal);
  }

  getJobLog(repo: RepoRef, jobId: string, offset: number, options?: RequestOptions): Promise<LogChunk> {
    return getJobLog(this.client, repo.slug, jobId, offset, options);
  }

  /**
   * Annotations as checks: of the build `runId` when given (the run panel), else of the newest
   * build of `sha` (Buildkite annotates builds, not commits).
   */
  async listChecks(repo: RepoRef, sha: string, options: RequestOptions & { runId?: string } = {}): Promise<readonly Check[]> {
    if (options.runId !== undefined) {
      return this.listBuildChecks(repo, options.runId, options);
    }
    const builds = await this.reads.builds(repo, { commit: sha, perPage: 1, page: 1, withJobs: false }, options.signal);
    const newest = builds.items[0];
    return newest === undefined ? [] : this.listBuildChecks(repo, newest.id, options);
  }

  /** The annotations of one build as checks (style -> state, body_html as an HTML summary). */
  async listBuildChecks(repo: RepoRef, runId: string, options: RequestOptions = {}): Promise<readonly Check[]> {
    const path = `${buildPath(repo.slug, runId)}/annotations`;
    const what = `annotations of build ${runId} of ${repo.slug}`;
    const { items } = await collectPages<unknown, string>(path, async (cursor) => {
      const answer = await this.client.request(repo.slug, { path: cursor, what, signal: options.signal, ...(cursor === path ? { query: { per_page: 100 } } : {}) });
      return { items: requireArray(answer.body, `Buildkite ${what}`), next: linkNext(answer.headers) };
    }, 5);
    return items.map((item) => {
      const mapped = mapAnnotation(item, runId, `${buildkiteRepositoryWebUrl(repo)}/builds/${runId}`);
      this.annotations.set(`${repo.slug}|${mapped.check.id}`, mapped.annotations);
      return mapped.check;
    });
  }

  /** The file references of one annotation, as parsed by listChecks (fetched again when forgotten). */
  async listAnnotations(repo: RepoRef, checkId: string, options: RequestOptions = {}): Promise<readonly Annotation[]> {
    const known = this.annotations.get(`${repo.slug}|${checkId}`);
    if (known !== undefined) return known;
    const runId = checkId.split('/', 1)[0] ?? '';
    await this.listBuildChecks(repo, runId, options);
    return this.annotations.get(`${repo.slug}|${checkId}`) ?? [];
  }

  /** The files the build's jobs uploaded (see artifacts.ts). */
  listArtifacts(repo: RepoRef, runId: string, options?: RequestOptions): Promise<readonly Artifact[]> {
    return listBuildkiteArtifacts(this.client, repo, runId, options);
  }

  openArtifact(repo: RepoRef, artifact: Artifact, options?: RequestOptions): Promise<ArtifactDownload> {
    return openBuildkiteArtifact(this.client, repo, artifact, options);
  }

  rerunRun(repo: RepoRef, runId: string, options?: RequestOptions): Promise<CreatedRun> {
    return this.actions.rebuild(repo.slug, runId, options);
  }

  rerunJob(repo: RepoRef, jobId: string, options?: RequestOptions): Promise<void> {
    return this.actions.retryJob(repo.slug, jobId, options);
  }

  cancelRun(repo: RepoRef, runId: string, options?: RequestOptions): Promise<void> {
    return this.actions.cancel(repo.slug, runId, options);
  }

  createRun(repo: RepoRef, _pipelineId: string | undefined, request: CreatePipelineRequest, options?: RequestOptions): Promise<CreatedRun> {
    return this.actions.createBuild(repo.slug, request, options);
  }

  /** Unblocks a block/input step with its field values (see unblockForm). */
  unblockJob(repo: RepoRef, jobId: string, fields: FormValues, options?: RequestOptions): Promise<void> {
    return this.actions.unblockJob(repo.slug, jobId, fields, options);
  }

  /**
   * The fields of a build's block step, read from the pipeline's YAML steps in its settings; a step
   * uploaded at run time is not there, and its form has no fields (Buildkite then asks in the browser).
   */
  async unblockForm(repo: RepoRef, runId: string, jobId: string, options: RequestOptions = {}): Promise<DispatchForm> {
    const jobs = await this.reads.jobs(repo, runId, options.signal);
    const job = jobs.find((j) => j.id === jobId);
    const pipeline = await this.reads.pipeline(repo, options.signal);
    const yaml = str(pipeline, 'configuration') ?? '';
    const path = `${repo.slug} pipeline steps`;
    return (yaml === '' ? undefined : blockStepForm(yaml, path, job?.stepKey, job?.name)) ?? { path, dispatchable: true, fields: [] };
  }

  /** The pipeline's steps as configured in its settings (often only the `pipeline upload` step). */
  async getPipelineDefinition(repo: RepoRef, _pipelineId: string, _ref: string, options: RequestOptions = {}): Promise<PipelineDefinition> {
    const pipeline = await this.reads.pipeline(repo, options.signal);
    return { path: `${repo.slug} pipeline settings`, text: str(pipeline, 'configuration') ?? '' };
  }

  /** Buildkite lists no branches: the default branch, then the branches of the last builds. */
  async listRefs(repo: RepoRef, options: RequestOptions = {}): Promise<RefList> {
    const pipeline = await this.reads.pipeline(repo, options.signal);
    const defaultBranch = str(pipeline, 'default_branch');
    const recent = await this.reads.builds(repo, { perPage: BRANCHES_SAMPLE, page: 1, withJobs: false }, options.signal);
    const branches = [...new Set([defaultBranch, ...recent.items.map((run) => run.branch)].filter((b): b is string => b !== undefined && b !== ''))];
    return { branches, tags: [], ...(defaultBranch !== undefined ? { defaultBranch } : {}) };
  }

  /** Workspace remotes -> pipelines building the same repository (see remotes.ts). */
  /** Pipelines of the watched organizations (flowforge.buildkite.organizations; all the token sees when empty) that build one of the remotes. */
  matchRemotes(remoteUrls: readonly string[], options?: RequestOptions): Promise<readonly RemoteMatch[]> {
    return pipelinesForRemotes(this.client, this.host, remoteUrls, this.organizations, options);
  }

  private fetched<T>(key: string, value: T): Fetched<T> {
    return { value, changed: this.fingerprints.changed(key, value) };
  }
}
