/**
 * What the run panel needs from the providers, keyed by repository (see core/model repoKey).
 * The extension wires an implementation over the provider registry; tests use fakes.
 */
import type { Check, Annotation, Job, Run } from '../core/model';
import type { LogChunk, TestReport } from '../core/ci/operations';

export interface ChecksResult {
  readonly checks: readonly (Check & { readonly annotations: readonly Annotation[] })[];
  readonly testReport?: TestReport;
}

export interface LogSource {
  getJobs(repoKey: string, runId: string): Promise<readonly Job[]>;
  /** Log bytes after `offset` (0: whole log). Throws GoneError (410) / NotFoundError (404). */
  getJobLog(repoKey: string, jobId: string, offset: number): Promise<LogChunk>;
  /** Check runs with annotations (GitHub) and/or the test report (GitLab). */
  getChecks(repoKey: string, run: Run): Promise<ChecksResult>;
}
