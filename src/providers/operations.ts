/**
 * Operations beyond listing: logs, reports and actions. Each provider implements
 * the ones its API supports; callers check for presence before offering them.
 * Mutations are never retried automatically (see DEVELOPERS.md "Safety").
 */
import type { Annotation, Check } from '../core/model';
import type { RequestOptions } from './provider';
import type { RepoRef } from '../core/model';

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

export interface CiOperations {
  /** Log of one job. `offset` > 0 asks only for bytes after it (where supported). Throws GoneError when expired. */
  getJobLog?(repo: RepoRef, jobId: string, offset: number, options?: RequestOptions): Promise<LogChunk>;
  /** Quality checks of a commit (GitHub check runs). */
  listChecks?(repo: RepoRef, sha: string, options?: RequestOptions): Promise<readonly Check[]>;
  listAnnotations?(repo: RepoRef, checkId: string, options?: RequestOptions): Promise<readonly Annotation[]>;
  /** Test report of a run (GitLab pipeline test report). */
  getTestReport?(repo: RepoRef, runId: string, options?: RequestOptions): Promise<TestReport | undefined>;

  rerunRun?(repo: RepoRef, runId: string, options?: RequestOptions & { debug?: boolean }): Promise<CreatedRun>;
  rerunFailedJobs?(repo: RepoRef, runId: string, options?: RequestOptions & { debug?: boolean }): Promise<CreatedRun>;
  rerunJob?(repo: RepoRef, jobId: string, options?: RequestOptions & { debug?: boolean }): Promise<void>;
  /** Starts a manual job (GitLab play). */
  playJob?(repo: RepoRef, jobId: string, options?: RequestOptions): Promise<void>;
  cancelRun?(repo: RepoRef, runId: string, options?: RequestOptions & { force?: boolean }): Promise<void>;
  cancelJob?(repo: RepoRef, jobId: string, options?: RequestOptions): Promise<void>;
  /** Workflow dispatch (GitHub) or create pipeline (GitLab). */
  createRun?(repo: RepoRef, pipelineId: string | undefined, request: CreatePipelineRequest, options?: RequestOptions): Promise<CreatedRun>;
}
