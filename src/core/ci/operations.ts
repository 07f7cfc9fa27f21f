/**
 * Operations beyond listing: logs, reports and actions. Each provider implements
 * the ones its API supports; callers check for presence before offering them.
 * Mutations are never retried automatically (see DEVELOPERS.md "Safety").
 */
import type { Annotation, AnnotationLevel, Check } from '../model';
import type { Fetched, RequestOptions } from './provider';
import type { MergeReadiness } from '../gate/mergeReadiness';
import type { RepoRef, Run } from '../model';
import type { DispatchForm, FormValues } from './dispatchForm';

export interface LogChunk {
  /** Raw log text (may contain ANSI escapes); the whole log when `offset` was 0. */
  readonly text: string;
  /** Byte offset to pass next time to get only new bytes (incremental traces). */
  readonly nextOffset: number;
  /** False while the job is still running and the log may grow. */
  readonly complete: boolean;
}

export interface TestCaseFailure {
  readonly suite: string;
  readonly name: string;
  readonly className?: string;
  readonly file?: string;
  readonly message?: string;
  readonly trace?: string;
}

export interface TestReport {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly errored: number;
  readonly suites: readonly { readonly name: string; readonly total: number; readonly failed: number }[];
  readonly failures: readonly TestCaseFailure[];
}

/** One finding of a code-quality report (GitLab Code Quality, Code Climate format). */
export interface CodeQualityIssue {
  /** Repository-relative path as the report gives it. */
  readonly path: string;
  /** 1-based. */
  readonly startLine: number;
  readonly endLine: number;
  /** The report's severity as given: info, minor, major, critical, blocker. */
  readonly severity: string;
  /** blocker/critical/major -> failure, minor -> warning, info (and unknown) -> notice. */
  readonly level: AnnotationLevel;
  readonly description: string;
  readonly checkName?: string;
}

export interface CreatePipelineRequest {
  readonly ref: string;
  /** GitLab variables / GitHub dispatch inputs, already validated by the caller. */
  readonly inputs: Readonly<Record<string, string | number | boolean>>;
  /** GitLab: CI/CD variables (key -> value). */
  readonly variables?: Readonly<Record<string, string>>;
}

export interface CreatedRun {
  /** Id of the new run/pipeline when the API returns it. */
  readonly runId?: string;
  readonly webUrl?: string;
}

/** The definition file of a pipeline at one ref (workflow YAML, .gitlab-ci.yml). */
export interface PipelineDefinition {
  /** Path inside the repository, e.g. ".github/workflows/deploy.yml". */
  readonly path: string;
  readonly text: string;
}

/** Branches and tags of a repository, by name. */
export interface RefList {
  readonly branches: readonly string[];
  readonly tags: readonly string[];
  readonly defaultBranch?: string;
}

/** A deployment environment of a repository (GitHub environments). */
export interface Environment {
  readonly id: string;
  readonly name: string;
}

/** A deployment of a run waiting for review (GitHub pending deployments). */
export interface PendingDeployment {
  readonly environment: Environment;
  /** Minutes the environment's wait timer runs; 0 when none. */
  readonly waitTimer: number;
  /** True when the signed-in user may approve or reject it. */
  readonly currentUserCanApprove: boolean;
  /** Logins and team slugs that may review. */
  readonly reviewers: readonly string[];
}

export type DeploymentReview = 'approved' | 'rejected';

/**
 * One artifact a run produced: a GitHub Actions artifact (a zip), a GitLab job's artifacts
 * archive (a zip), a Buildkite/Jenkins/Azure artifact file or container.
 */
export interface Artifact {
  /** Provider-scoped id, passed back to `openArtifact` unchanged. */
  readonly id: string;
  /** Display name: the artifact's name, or the file path within the run. */
  readonly name: string;
  /** Bytes, when the API tells. */
  readonly sizeBytes?: number;
  /** Epoch ms after which the CI system deletes it, when it has one. */
  readonly expiresAt?: number;
  /** True when the CI system says it is gone (expired or deleted): listed, never downloadable. */
  readonly expired: boolean;
  /** The job that produced it, where the CI system tells. */
  readonly jobId?: string;
  /** 'zip' when the download is a zip archive (extractable on request), 'file' for a single file. */
  readonly format: 'zip' | 'file';
  /** MIME type when the API tells (text artifacts may be opened in an editor). */
  readonly contentType?: string;
}

/** An artifact's bytes as a stream: read it once, to the end or until the signal aborts. */
export interface ArtifactDownload {
  /** The body, chunk by chunk; never buffered whole by the provider. */
  readonly body: AsyncIterable<Uint8Array>;
  /** Content-Length when the server sent one. */
  readonly sizeBytes?: number;
  /** A file name to save it under (no path separators), e.g. "coverage.zip" or "report.txt". */
  readonly fileName: string;
}

export interface CiOperations {
  /** Log of one job. `offset` > 0 asks only for bytes after it (where supported). Throws GoneError when expired. */
  getJobLog?(repo: RepoRef, jobId: string, offset: number, options?: RequestOptions): Promise<LogChunk>;
  /** Quality checks of a commit (GitHub check runs); `runId` narrows them to one run where the CI system annotates runs (Buildkite). */
  listChecks?(repo: RepoRef, sha: string, options?: RequestOptions & { readonly runId?: string }): Promise<readonly Check[]>;
  listAnnotations?(repo: RepoRef, checkId: string, options?: RequestOptions): Promise<readonly Annotation[]>;
  /** Test report of a run (GitLab pipeline test report). */
  getTestReport?(repo: RepoRef, runId: string, options?: RequestOptions): Promise<TestReport | undefined>;
  /** Code-quality findings of a run ([] when no job produced a report). GitLab: codequality report artifacts. */
  getCodeQuality?(repo: RepoRef, runId: string, options?: RequestOptions): Promise<readonly CodeQualityIssue[]>;

  rerunRun?(repo: RepoRef, runId: string, options?: RequestOptions & { debug?: boolean }): Promise<CreatedRun>;
  rerunFailedJobs?(repo: RepoRef, runId: string, options?: RequestOptions & { debug?: boolean }): Promise<CreatedRun>;
  rerunJob?(repo: RepoRef, jobId: string, options?: RequestOptions & { debug?: boolean }): Promise<void>;
  /** The form of a step that waits for a person to unblock it (Buildkite block/input steps): its fields, typed. */
  unblockForm?(repo: RepoRef, runId: string, jobId: string, options?: RequestOptions): Promise<DispatchForm>;
  /** Unblocks that step with the values entered (never retried). */
  unblockJob?(repo: RepoRef, jobId: string, values: FormValues, options?: RequestOptions): Promise<void>;
  /** Rejects that step instead (Jenkins input "Abort"): the run stops there. One request, never retried. */
  rejectUnblock?(repo: RepoRef, jobId: string, options?: RequestOptions): Promise<void>;
  /** Starts a manual job (GitLab play). */
  playJob?(repo: RepoRef, jobId: string, options?: RequestOptions): Promise<void>;
  cancelRun?(repo: RepoRef, runId: string, options?: RequestOptions & { force?: boolean }): Promise<void>;
  cancelJob?(repo: RepoRef, jobId: string, options?: RequestOptions): Promise<void>;
  /** Workflow dispatch (GitHub) or create pipeline (GitLab). */
  createRun?(repo: RepoRef, pipelineId: string | undefined, request: CreatePipelineRequest, options?: RequestOptions): Promise<CreatedRun>;

  /** One run, fresh (to follow a cancel or a dispatch). */
  getRun?(repo: RepoRef, runId: string, options?: RequestOptions): Promise<Run>;
  /** Login of the account the token belongs to. */
  currentUser?(options?: RequestOptions): Promise<string>;
  /** The definition file of a pipeline at `ref`. GitHub: the workflow file; GitLab: the CI config file. Throws NotFoundError when absent. */
  getPipelineDefinition?(repo: RepoRef, pipelineId: string, ref: string, options?: RequestOptions): Promise<PipelineDefinition>;
  /** Branches and tags (all pages, bounded). */
  listRefs?(repo: RepoRef, options?: RequestOptions): Promise<RefList>;
  /** Deployment environments of a repository. */
  listEnvironments?(repo: RepoRef, options?: RequestOptions): Promise<readonly Environment[]>;
  /** Deployments of a run that wait for a review. */
  listPendingDeployments?(repo: RepoRef, runId: string, options?: RequestOptions): Promise<readonly PendingDeployment[]>;
  /** Artifacts of a run (all pages, bounded); expired ones included and flagged. */
  listArtifacts?(repo: RepoRef, runId: string, options?: RequestOptions): Promise<readonly Artifact[]>;
  /**
   * Opens an artifact for download, streamed. The token goes only to the API host: a redirect to
   * a storage host (GitHub, Buildkite, Azure) is followed without credentials. Throws GoneError
   * when it expired. Reads are retried only before the first body byte.
   */
  openArtifact?(repo: RepoRef, artifact: Artifact, options?: RequestOptions): Promise<ArtifactDownload>;
  /**
   * The open pull/merge request whose source is `branch`, and whether it is ready to merge (checks,
   * approvals, merge status); undefined when there is none. Conditional or change-tracked requests:
   * `changed` is false when nothing differs from the last answer for the branch.
   */
  getMergeReadiness?(repo: RepoRef, branch: string, options?: RequestOptions): Promise<Fetched<MergeReadiness | undefined>>;
  /** Approves or rejects the pending deployments of a run for the given environments. */
  reviewPendingDeployments?(repo: RepoRef, runId: string, environmentIds: readonly string[], state: DeploymentReview, comment: string, options?: RequestOptions): Promise<void>;
}
