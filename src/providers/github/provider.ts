/** CiProvider for GitHub Actions on github.com or a GitHub Enterprise Server. */
import { AuthError } from '../../core/errors';
import type { MergeReadiness } from '../../core/gate/mergeReadiness';
import type { Annotation, Check, Job, Page, Pipeline, RepoRef, Repository, Run } from '../../core/model';
import type { Artifact, ArtifactDownload, CreatePipelineRequest, CreatedRun, DeploymentReview, Environment, LogChunk, PendingDeployment, PipelineDefinition, RefList } from '../../core/ci/operations';
import type {
  AccountConfig,
  CiProvider,
  Fetched,
  ListRunsOptions,
  ProviderDeps,
  RateLimitInfo,
  RequestOptions,
  TokenCheck,
} from '../../core/ci/provider';
import * as actions from './actions';
import * as artifacts from './artifacts';
import type { ClientTuning } from './client';
import * as definitions from './definitions';
import * as deployments from './deployments';
import { GitHubMergeGate } from './mergeGate';
import * as reads from './reads';
import * as reports from './reports';
import { displayNameOf, normalizeApiUrl } from './remote';
import { USER } from './schemas';
import { GitHubSession } from './session';

/** Scopes FlowForge needs on a classic token: read runs/logs and re-run/dispatch. */
export const REQUIRED_SCOPES: readonly string[] = ['repo', 'workflow'];

export interface GitHubProviderOptions {
  /** Test hook: shorter timeouts and back-offs. */
  readonly tuning?: Partial<ClientTuning>;
}

export class GitHubProvider implements CiProvider {
  readonly kind = 'github';
  readonly host: string;
  readonly displayName: string;
  private readonly session: GitHubSession;
  private readonly mergeGate: GitHubMergeGate;

  constructor(account: AccountConfig, deps: ProviderDeps, options: GitHubProviderOptions = {}) {
    this.host = normalizeApiUrl(account.apiUrl);
    this.displayName = displayNameOf(this.host);
    this.session = new GitHubSession({
      apiUrl: this.host,
      getToken: deps.getToken,
      logger: deps.logger,
      fetch: deps.fetch,
      userAgent: deps.userAgent,
      tuning: options.tuning,
    });
    this.mergeGate = new GitHubMergeGate(this.session);
  }

  get rateLimit(): RateLimitInfo | undefined {
    return this.session.rateLimit;
  }

  async checkToken(token: string, options?: RequestOptions): Promise<TokenCheck> {
    const { session } = this;
    try {
      return await session.call('The signed-in user', options, async (signal) => {
        const response = await session.client.request('GET /user', { headers: { authorization: `token ${token}` }, request: { signal } });
        const header = response.headers['x-oauth-scopes'];
        const scopes = header === undefined ? undefined : header.split(',').map((scope) => scope.trim()).filter((scope) => scope !== '');
        const missingScopes = scopes === undefined ? [] : REQUIRED_SCOPES.filter((scope) => !scopes.includes(scope));
        return { login: session.object<{ login: string }>(response, USER, 'The signed-in user').login, scopes, missingScopes };
      }, [token]);
    } catch (error: unknown) {
      if (error instanceof AuthError) {
        throw new AuthError(`The token was rejected by ${session.apiHost}`, error.status);
      }
      throw error;
    }
  }

  getRepository(repo: RepoRef, options?: RequestOptions): Promise<Fetched<Repository>> {
    return reads.getRepository(this.session, repo, options);
  }

  listPipelines(repo: RepoRef, options?: RequestOptions): Promise<Fetched<readonly Pipeline[]>> {
    return reads.listPipelines(this.session, repo, options);
  }

  listRuns(repo: RepoRef, options?: ListRunsOptions): Promise<Fetched<Page<Run>>> {
    return reads.listRuns(this.session, repo, options);
  }

  listJobs(repo: RepoRef, runId: string, options?: RequestOptions): Promise<Fetched<readonly Job[]>> {
    return reads.listJobs(this.session, repo, runId, options);
  }

  getJobLog(repo: RepoRef, jobId: string, offset: number, options?: RequestOptions): Promise<LogChunk> {
    return reports.getJobLog(this.session, repo, jobId, offset, options);
  }

  listChecks(repo: RepoRef, sha: string, options?: RequestOptions): Promise<readonly Check[]> {
    return reports.listChecks(this.session, repo, sha, options);
  }

  listAnnotations(repo: RepoRef, checkId: string, options?: RequestOptions): Promise<readonly Annotation[]> {
    return reports.listAnnotations(this.session, repo, checkId, options);
  }

  rerunRun(repo: RepoRef, runId: string, options?: RequestOptions & { debug?: boolean }): Promise<CreatedRun> {
    return actions.rerunRun(this.session, repo, runId, options);
  }

  rerunFailedJobs(repo: RepoRef, runId: string, options?: RequestOptions & { debug?: boolean }): Promise<CreatedRun> {
    return actions.rerunFailedJobs(this.session, repo, runId, options);
  }

  rerunJob(repo: RepoRef, jobId: string, options?: RequestOptions & { debug?: boolean }): Promise<void> {
    return actions.rerunJob(this.session, repo, jobId, options);
  }

  cancelRun(repo: RepoRef, runId: string, options?: RequestOptions & { force?: boolean }): Promise<void> {
    return actions.cancelRun(this.session, repo, runId, options);
  }

  createRun(repo: RepoRef, pipelineId: string | undefined, request: CreatePipelineRequest, options?: RequestOptions): Promise<CreatedRun> {
    return actions.createRun(this.session, repo, pipelineId, request, options);
  }

  getRun(repo: RepoRef, runId: string, options?: RequestOptions): Promise<Run> {
    return definitions.getRun(this.session, repo, runId, options);
  }

  currentUser(options?: RequestOptions): Promise<string> {
    return definitions.currentUser(this.session, options);
  }

  getPipelineDefinition(repo: RepoRef, pipelineId: string, ref: string, options?: RequestOptions): Promise<PipelineDefinition> {
    return definitions.getPipelineDefinition(this.session, repo, pipelineId, ref, options);
  }

  listRefs(repo: RepoRef, options?: RequestOptions): Promise<RefList> {
    return definitions.listRefs(this.session, repo, options);
  }

  listEnvironments(repo: RepoRef, options?: RequestOptions): Promise<readonly Environment[]> {
    return deployments.listEnvironments(this.session, repo, options);
  }

  listPendingDeployments(repo: RepoRef, runId: string, options?: RequestOptions): Promise<readonly PendingDeployment[]> {
    return deployments.listPendingDeployments(this.session, repo, runId, options);
  }

  reviewPendingDeployments(repo: RepoRef, runId: string, environmentIds: readonly string[], state: DeploymentReview, comment: string, options?: RequestOptions): Promise<void> {
    return deployments.reviewPendingDeployments(this.session, repo, runId, environmentIds, state, comment, options);
  }

  listArtifacts(repo: RepoRef, runId: string, options?: RequestOptions): Promise<readonly Artifact[]> {
    return artifacts.listArtifacts(this.session, repo, runId, options);
  }

  openArtifact(repo: RepoRef, artifact: Artifact, options?: RequestOptions): Promise<ArtifactDownload> {
    return artifacts.openArtifact(this.session, repo, artifact, options);
  }

  getMergeReadiness(repo: RepoRef, branch: string, options?: RequestOptions): Promise<Fetched<MergeReadiness | undefined>> {
    return this.mergeGate.read(repo, branch, options);
  }

  /** Aborts requests in flight (they reject with CancelledError) and drops the cache. */
  dispose(): void {
    this.session.dispose();
    this.mergeGate.clear();
  }
}
