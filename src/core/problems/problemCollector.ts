/**
 * Gathers the code problems (annotations, failing tests, code-quality issues) of the latest completed runs of a
 * repository's current branch. Results are cached per run attempt and update time, so steady
 * polling costs no extra requests.
 */
import { describeError } from '../errors';
import { isActive, type RepoRef, type Run } from '../model';
import type { Logger } from '../ports';
import type { CiProvider } from '../ci/provider';
import { fromAnnotation, fromTestFailure, type CodeProblem } from './codeProblem';
import { CODE_QUALITY_CHECK, codeQualityAnnotation } from './codeQuality';

const MAX_CHECKS_WITH_ANNOTATIONS = 20;

export class ProblemCollector {
  private readonly byRun = new Map<string, Promise<readonly CodeProblem[]>>();

  constructor(
    private readonly providerFor: (repo: RepoRef) => CiProvider | undefined,
    private readonly logger: Logger,
  ) {}

  /** Problems of the given runs (the latest per pipeline); active runs are skipped until they finish. */
  async collect(repo: RepoRef, runs: readonly Run[], signal?: AbortSignal): Promise<CodeProblem[]> {
    const provider = this.providerFor(repo);
    if (!provider) {
      return [];
    }
    const done = runs.filter((run) => !isActive(run.state));
    const lists = await Promise.all(done.map((run) => this.forRun(provider, repo, run, signal)));
    return dedupe(lists.flat());
  }

  private forRun(provider: CiProvider, repo: RepoRef, run: Run, signal?: AbortSignal): Promise<readonly CodeProblem[]> {
    const key = `${repo.slug}#${run.id}#${run.attempt}#${run.updatedAt ?? run.completedAt ?? ''}`;
    let pending = this.byRun.get(key);
    if (!pending) {
      pending = this.fetchRun(provider, repo, run, signal).catch((error: unknown) => {
        this.byRun.delete(key);
        this.logger.debug(`No annotations for ${repo.slug} run ${run.number}: ${describeError(error)}`);
        return [];
      });
      this.byRun.set(key, pending);
      trim(this.byRun, 200);
    }
    return pending;
  }

  private async fetchRun(provider: CiProvider, repo: RepoRef, run: Run, signal?: AbortSignal): Promise<readonly CodeProblem[]> {
    const problems: CodeProblem[] = [];
    if (provider.listChecks && provider.listAnnotations) {
      problems.push(...(await this.forRunChecks(provider, repo, run, signal)));
    }
    if (provider.getCodeQuality) {
      for (const issue of await provider.getCodeQuality(repo, run.id, signal ? { signal } : {})) {
        const problem = fromAnnotation(codeQualityAnnotation(issue), CODE_QUALITY_CHECK);
        if (problem) {
          problems.push(problem);
        }
      }
    }
    if (provider.getTestReport) {
      const report = await provider.getTestReport(repo, run.id, signal ? { signal } : {});
      for (const failure of report?.failures ?? []) {
        const problem = fromTestFailure(failure);
        if (problem) {
          problems.push(problem);
        }
      }
    }
    return problems;
  }

  /**
   * Annotations of the run's completed checks: GitHub's are the commit's check runs (shared by every
   * workflow that ran on it); where the CI system annotates runs (Buildkite), `runId` asks for this
   * run's own, not those of a newer (perhaps still running) build of the same commit.
   */
  private async forRunChecks(provider: CiProvider, repo: RepoRef, run: Run, signal?: AbortSignal): Promise<readonly CodeProblem[]> {
    const options = signal ? { signal } : {};
    const checks = (await provider.listChecks!(repo, run.headSha, { ...options, runId: run.id })).filter((check) => check.annotationsCount > 0 && !isActive(check.state));
    const lists = await Promise.all(
      checks.slice(0, MAX_CHECKS_WITH_ANNOTATIONS).map(async (check) => (await provider.listAnnotations!(repo, check.id, options)).map((a) => fromAnnotation(a, check.name))),
    );
    return lists.flat().filter((p): p is CodeProblem => p !== undefined);
  }
}

function dedupe(problems: readonly CodeProblem[]): CodeProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}:${p.startLine}:${p.startColumn ?? ''}:${p.level}:${p.message}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

function trim<K, V>(map: Map<K, V>, max: number): void {
  while (map.size > max) {
    const first = map.keys().next();
    if (first.done) {
      return;
    }
    map.delete(first.value);
  }
}
