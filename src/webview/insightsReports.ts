/**
 * Test reports for the insights panel's flaky-test list: read through the provider on demand
 * and kept per run and attempt (a finished attempt's report does not change), bounded.
 */
import type { CiProvider } from '../core/ci/provider';
import type { TestReport } from '../core/ci/operations';
import { Lru } from '../core/lru';
import type { RepoRef, Run } from '../core/model';
import type { ReportReader } from './insightsSession';

const MAX_REPORTS = 500;

export class TestReportCache {
  private readonly reports = new Lru<string, TestReport | null>(MAX_REPORTS);

  /** A reader for one repository, or undefined when its provider has no test reports. */
  readerFor(key: string, repo: RepoRef, provider: Pick<CiProvider, 'getTestReport'> | undefined): ReportReader | undefined {
    const getTestReport = provider?.getTestReport?.bind(provider);
    if (getTestReport === undefined) return undefined;
    const id = (run: Run): string => `${key}#${run.id}#${run.attempt}`;
    return {
      cached: (run) => this.reports.get(id(run)),
      fetch: async (run) => {
        const report = await getTestReport(repo, run.id);
        this.reports.set(id(run), report ?? null);
        return report;
      },
    };
  }
}
