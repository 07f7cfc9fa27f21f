import { NotFoundError } from '../core/errors';
import type { Job, RepoRef, Run } from '../core/model';
import type { ProviderPool } from '../providers/pool';
import type { CiProvider } from '../core/ci/provider';
import type { LogChunk } from '../core/ci/operations';
import { codeQualityCheck } from '../core/problems/codeQuality';
import type { ChecksResult, LogSource } from './logSource';
import { repoByKey } from '../core/sync/lookup';

const MAX_CHECKS_WITH_ANNOTATIONS = 30;

interface JobReader {
  repositories(): readonly RepoRef[];
  getJobs(repoKey: string, runId: string): Promise<readonly Job[]>;
}

/** The run panel's data, from the sync service (jobs) and the providers (logs, checks). */
export class RunDataSource implements LogSource {
  constructor(
    private readonly sync: JobReader,
    private readonly pool: ProviderPool,
  ) {}

  getJobs(repoKey: string, runId: string): Promise<readonly Job[]> {
    return this.sync.getJobs(repoKey, runId);
  }

  async getJobLog(repoKey: string, jobId: string, offset: number): Promise<LogChunk> {
    const { repo, provider } = this.resolve(repoKey);
    if (!provider.getJobLog) {
      throw new NotFoundError(`${provider.displayName} offers no job logs.`);
    }
    return provider.getJobLog(repo, jobId, offset);
  }

  async getChecks(repoKey: string, run: Run): Promise<ChecksResult> {
    const { repo, provider } = this.resolve(repoKey);
    const checks: ChecksResult['checks'][number][] = [];
    if (provider.listChecks) {
      const all = await provider.listChecks(repo, run.headSha, { runId: run.id });
      let budget = MAX_CHECKS_WITH_ANNOTATIONS;
      for (const check of all) {
        const annotations = check.annotationsCount > 0 && provider.listAnnotations && budget-- > 0 ? await provider.listAnnotations(repo, check.id) : [];
        checks.push({ ...check, annotations });
      }
    }
    const issues = provider.getCodeQuality ? await provider.getCodeQuality(repo, run.id) : [];
    if (issues.length > 0) {
      checks.push(codeQualityCheck(run.id, issues));
    }
    const testReport = provider.getTestReport ? await provider.getTestReport(repo, run.id) : undefined;
    return testReport ? { checks, testReport } : { checks };
  }

  private resolve(repoKey: string): { repo: RepoRef; provider: CiProvider } {
    const repo = repoByKey(this.sync, repoKey);
    const provider = repo ? this.pool.providerFor(repo) : undefined;
    if (!repo || !provider) {
      throw new NotFoundError('That repository is no longer watched.');
    }
    return { repo, provider };
  }
}
