/**
 * JenkinsProvider: one Jenkins server for one account; a repository is one job path: a job (its
 * builds), or a folder / multibranch project whose child jobs are its pipelines (a multibranch
 * project's children are its branches, named by the URL-encoded branch name).
 */
import type { Job, Page, Pipeline, RepoRef, Repository, Run } from '../../core/model';
import { NotFoundError } from '../../core/errors';
import { systemClock, type Clock } from '../../core/ports';
import type { Artifact, ArtifactDownload, CreatePipelineRequest, CreatedRun, LogChunk, PipelineDefinition, RefList, TestReport } from '../../core/ci/operations';
import type { DispatchForm, FormValues } from '../../core/ci/dispatchForm';
import type { CiProvider, Fetched, ListRunsOptions, ProviderDeps, RateLimitInfo, RemoteMatch, RequestOptions, TokenCheck } from '../../core/ci/provider';
import { Fingerprints } from '../http';
import { JenkinsActions } from './actions';
import { listJenkinsArtifacts, openJenkinsArtifact } from './artifacts';
import { JenkinsClient } from './client';
import { getConsoleLog } from './consoleLog';
import { parameterDefinitions } from './forms';
import { abortInput, firstPendingInput, inputForm, proceedInput } from './inputs';
import { queueIdOf } from './queue';
import { readRebuildPlan, replay } from './rebuild';
import { NO_FOLDS, type FoldState } from './pipelineLog';
import { Lru } from '../../core/lru';
import { getTestReport } from './testReport';
import { consoleJob, isContainer, isMultibranch, mapPipelines, mapRepository, mapStages, runOfJobId, childJobs, splitRunId } from './mapping';
import { buildPath, JenkinsReads, PARAMETERS_TREE } from './reads';
import { jobsForRemotes } from './remotes';
import { checkJenkinsCredential, currentJenkinsUser } from './tokenCheck';
import { branchJobName, branchOfJobName, jobNames, jobPath } from './urls';
import { str } from '../http';

/** Builds whose branches a job that is not multibranch offers to run on. */
const RECENT_BUILDS = 20;

export interface JenkinsProviderOptions {
  readonly clock?: Clock;
  readonly timeoutMs?: number;
  readonly maxRetries?: number;
  readonly retryDelayMs?: number;
}

export class JenkinsProvider implements CiProvider {
  readonly kind = 'jenkins';
  readonly displayName: string;
  private readonly client: JenkinsClient;
  private readonly reads: JenkinsReads;
  private readonly actions: JenkinsActions;
  private readonly fingerprints = new Fingerprints();
  /** Open [Pipeline] blocks by console and byte offset, for the next tail read. */
  private readonly folds = new Lru<string, FoldState>(100);
  private readonly getToken: () => Promise<string | undefined>;

  constructor(
    readonly host: string,
    deps: ProviderDeps,
    options: JenkinsProviderOptions = {},
  ) {
    const clock = options.clock ?? systemClock;
    this.getToken = deps.getToken;
    this.client = new JenkinsClient({
      host,
      getToken: deps.getToken,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      logger: deps.logger,
      clock,
      userAgent: deps.userAgent ?? 'FlowForge',
      timeoutMs: options.timeoutMs ?? 30_000,
      maxRetries: options.maxRetries ?? 2,
      retryDelayMs: options.retryDelayMs ?? 500,
    });
    this.reads = new JenkinsReads(this.client, clock);
    this.actions = new JenkinsActions(this.client);
    const url = new URL(host);
    this.displayName = `Jenkins (${url.host}${url.pathname === '/' ? '' : url.pathname})`;
  }

  get rateLimit(): RateLimitInfo | undefined {
    return this.client.rateLimit;
  }

  dispose(): void {
    this.client.dispose();
    this.reads.clear();
    this.fingerprints.clear();
    this.folds.clear();
  }

  checkToken(token: string, options?: RequestOptions): Promise<TokenCheck> {
    return checkJenkinsCredential(this.client, token, options);
  }

  currentUser(options?: RequestOptions): Promise<string> {
    return currentJenkinsUser(this.client, options);
  }

  async getRepository(repo: RepoRef, options: RequestOptions = {}): Promise<Fetched<Repository>> {
    return this.fetched(`repo|${repo.slug}`, mapRepository(repo, await this.reads.job(repo, options.signal, true)));
  }

  async listPipelines(repo: RepoRef, options: RequestOptions = {}): Promise<Fetched<readonly Pipeline[]>> {
    return this.fetched(`pipelines|${repo.slug}`, mapPipelines(repo, await this.reads.job(repo, options.signal)));
  }

  async listRuns(repo: RepoRef, options: ListRunsOptions = {}): Promise<Fetched<Page<Run>>> {
    const perPage = Math.max(1, Math.floor(options.perPage ?? 20));
    const page = Math.max(1, Math.floor(options.page ?? 1));
    const key = `runs|${repo.slug}|${options.branch ?? ''}|${options.pipelineId ?? ''}|${page}|${perPage}`;
    return this.fetched(key, await this.reads.builds(repo, { branch: options.branch, pipelineId: options.pipelineId, page, perPage }, options.signal));
  }

  /** Stages from the Pipeline REST API (/wfapi/describe); without it (freestyle, no plugin), one "Console" job. */
  async listJobs(repo: RepoRef, runId: string, options: RequestOptions = {}): Promise<Fetched<readonly Job[]>> {
    // A build still in the queue has no stages yet.
    if (queueIdOf(runId) !== undefined) return this.fetched(`jobs|${repo.slug}|${runId}`, []);
    const path = `${buildPath(repo, runId)}/wfapi/describe`;
    const answer = await this.client.request({ path, what: `stages of build ${runId} of ${repo.slug}`, signal: options.signal, accept: [404] });
    let jobs: readonly Job[] = [];
    if (answer.status === 200) {
      const run = await this.reads.build(repo, runId, options.signal);
      jobs = mapStages(answer.body, runId, `${run.webUrl}`);
      if (jobs.length === 0) jobs = [consoleJob(run)];
    } else {
      jobs = [consoleJob(await this.reads.build(repo, runId, options.signal))];
    }
    return this.fetched(`jobs|${repo.slug}|${runId}`, jobs);
  }

  getRun(repo: RepoRef, runId: string, options: RequestOptions = {}): Promise<Run> {
    return this.reads.build(repo, runId, options.signal);
  }

  /** A stage's log is its build's console (Jenkins writes one console per build). */
  async getJobLog(repo: RepoRef, jobId: string, offset: number, options?: RequestOptions): Promise<LogChunk> {
    const runId = runOfJobId(jobId);
    if (queueIdOf(runId) !== undefined) return { text: '', nextOffset: 0, complete: false };
    // The [Pipeline] blocks open where the last read of this console ended (none from the start).
    const key = `${repo.slug}|${runId}`;
    const folds = offset > 0 ? (this.folds.get(`${key}@${offset}`) ?? NO_FOLDS) : NO_FOLDS;
    const { chunk, folds: after } = await getConsoleLog(this.client, repo, runId, offset, folds, options);
    this.folds.set(`${key}@${chunk.nextOffset}`, after);
    return chunk;
  }

  /** The build's JUnit results (undefined when it archived none). */
  getTestReport(repo: RepoRef, runId: string, options?: RequestOptions): Promise<TestReport | undefined> {
    return getTestReport(this.client, repo, runId, options);
  }

  /** The build's archived artifacts (see artifacts.ts). */
  listArtifacts(repo: RepoRef, runId: string, options?: RequestOptions): Promise<readonly Artifact[]> {
    return listJenkinsArtifacts(this.client, repo, runId, options);
  }

  openArtifact(repo: RepoRef, artifact: Artifact, options?: RequestOptions): Promise<ArtifactDownload> {
    return openJenkinsArtifact(this.client, repo, artifact, options);
  }

  cancelRun(repo: RepoRef, runId: string, options: RequestOptions & { force?: boolean } = {}): Promise<void> {
    const itemId = queueIdOf(runId);
    return itemId !== undefined ? this.actions.cancelQueued(itemId, options) : this.actions.stop(repo, runId, options.force === true, options);
  }

  /** The parameters of the input step a paused stage waits on, as a typed form (none: a plain proceed). */
  async unblockForm(repo: RepoRef, runId: string, _jobId: string, options: RequestOptions = {}): Promise<DispatchForm> {
    const input = await firstPendingInput(this.client, repo, runId, options);
    return inputForm(input, `input "${input.message}" of build ${runId}`);
  }

  /** Proceeds the input step of the paused stage with the values entered (one POST, never retried). */
  unblockJob(repo: RepoRef, jobId: string, values: FormValues, options?: RequestOptions): Promise<void> {
    return proceedInput(this.client, repo, runOfJobId(jobId), values, options);
  }

  /** Aborts the input step of the paused stage: one POST to its abortUrl, never retried; the build ends ABORTED. */
  rejectUnblock(repo: RepoRef, jobId: string, options?: RequestOptions): Promise<void> {
    return abortInput(this.client, this.host, repo, runOfJobId(jobId), options);
  }

  /** Build now (a parameterless job) or with the form's parameters, on the job of the pipeline or the ref's branch. */
  async createRun(repo: RepoRef, pipelineId: string | undefined, request: CreatePipelineRequest, options: RequestOptions = {}): Promise<CreatedRun> {
    const job = await this.reads.job(repo, options.signal);
    const jobName = isContainer(job) ? (pipelineId ?? (isMultibranch(job) ? branchJobName(request.ref) : '')) : '';
    if (isContainer(job) && !childJobs(job).some((c) => str(c, 'name') === jobName)) {
      throw new NotFoundError(`Jenkins job ${repo.slug} has no job ${jobName || '(none given)'}`);
    }
    const definitions = parameterDefinitions(await this.parametersOf(repo, jobName, options));
    return this.actions.build(repo, jobName, definitions.length > 0, request.inputs, options);
  }

  /** Rebuild: a replay where the build offers it, else the same job again with the parameters the build ran with. */
  async rerunRun(repo: RepoRef, runId: string, options: RequestOptions = {}): Promise<CreatedRun> {
    const plan = await readRebuildPlan(this.client, repo, runId, options);
    if (plan.replay) return { webUrl: await replay(this.client, repo, runId, options) };
    const { jobName } = splitRunId(runId);
    const definitions = parameterDefinitions(await this.parametersOf(repo, jobName, options));
    const known = new Set(definitions.map((d) => str(d, 'name')));
    const values = Object.fromEntries(Object.entries(plan.values).filter(([name]) => known.has(name)));
    return this.actions.build(repo, jobName, definitions.length > 0, values, options);
  }

  /** The job's parameter definitions as JSON (read by the descriptor's form parser). */
  async getPipelineDefinition(repo: RepoRef, pipelineId: string, ref: string, options: RequestOptions = {}): Promise<PipelineDefinition> {
    const job = await this.reads.job(repo, options.signal);
    const jobName = isContainer(job) ? (isMultibranch(job) && pipelineId === '' ? branchJobName(ref) : pipelineId) : '';
    const body = await this.parametersOf(repo, jobName, options);
    return { path: `${repo.slug}${jobName === '' ? '' : `/${jobName}`} parameters`, text: JSON.stringify(body) };
  }

  /** A multibranch project's branches (its child jobs); for other jobs, the branches their recent builds checked out. */
  async listRefs(repo: RepoRef, options: RequestOptions = {}): Promise<RefList> {
    const job = await this.reads.job(repo, options.signal);
    const repository = mapRepository(repo, job);
    const branches = isMultibranch(job)
      ? childJobs(job).map((c) => branchOfJobName(str(c, 'name') ?? ''))
      : [...new Set((await this.reads.builds(repo, { page: 1, perPage: RECENT_BUILDS }, options.signal)).items.map((run) => run.branch).filter((b): b is string => b !== undefined && b !== ''))];
    return { branches, tags: [], ...(repository.defaultBranch !== undefined ? { defaultBranch: repository.defaultBranch } : {}) };
  }

  /** Only with a credential: an unconfigured default server (localhost:8080) is never probed. */
  async matchRemotes(remoteUrls: readonly string[], options?: RequestOptions): Promise<readonly RemoteMatch[]> {
    const credential = await this.getToken();
    return credential === undefined || credential === '' ? [] : jobsForRemotes(this.client, this.host, remoteUrls, options);
  }

  private async parametersOf(repo: RepoRef, jobName: string, options: RequestOptions): Promise<unknown> {
    const names = jobName === '' ? jobNames(repo.slug) : [...jobNames(repo.slug), jobName];
    const answer = await this.client.request({ path: `${jobPath(names)}/api/json`, query: { tree: `buildable,${PARAMETERS_TREE}` }, what: `parameters of ${names.join('/')}`, signal: options.signal });
    return answer.body;
  }

  private fetched<T>(key: string, value: T): Fetched<T> {
    return { value, changed: this.fingerprints.changed(key, value) };
  }
}

