/**
 * Test results of a build from the JUnit plugin: GET {build}/testReport/api/json restricted by
 * `tree=` to the counts and the cases (hudson.tasks.junit.TestResult / SuiteResult / CaseResult).
 * 404: the build archived no report. Failing cases are FAILED and REGRESSION; the file of a failure
 * is the first workspace-relative `path:line` of its stack trace (Jenkins runs in
 * `…/workspace/<job>/`, which is stripped), so Problems can point into the repository. Pure mapping
 * apart from the one request.
 */
import type { TestCaseFailure, TestReport } from '../../core/ci/operations';
import type { RequestOptions } from '../../core/ci/provider';
import type { RepoRef } from '../../core/model';
import { asArray, isRecord, num, requireRecord, str } from '../http';
import type { JenkinsClient } from './client';
import { buildPath } from './reads';

const MAX_FAILURES = 200;
export const TEST_REPORT_TREE = 'failCount,passCount,skipCount,suites[name,cases[className,name,status,errorDetails,errorStackTrace]]';
const FAILING = new Set(['FAILED', 'REGRESSION']);
/** An absolute path up to and with the job's workspace folder ("/var/jenkins_home/workspace/web_main/"). */
const WORKSPACE = /(?:[A-Za-z]:)?[\\/][^\s()'"]*?[\\/]workspace[\\/][^\\/\s()'"]+[\\/]/g;
/** A relative "dir/file.ext:line" (not the tail of an absolute path). */
const LOCATION = /(?<![\w/\\.@+-])((?:[\w.@+-]+\/)+[\w.@+-]+\.[A-Za-z]\w*):(\d+)/g;

/** The repository-relative file a stack trace points at first (dependencies left out). */
export function traceFile(trace: string | undefined): string | undefined {
  const relative = (trace ?? '').replace(WORKSPACE, ' ');
  for (const match of relative.matchAll(LOCATION)) {
    const path = match[1] ?? '';
    if (!path.split('/').some((part) => part === 'node_modules' || part === 'site-packages' || part === '..')) return path;
  }
  return undefined;
}

export function mapTestReport(body: unknown): TestReport {
  const report = requireRecord(body, 'Jenkins test report', ['suites']);
  const failed = num(report, 'failCount') ?? 0;
  const skipped = num(report, 'skipCount') ?? 0;
  const passed = num(report, 'passCount') ?? 0;
  const suites: { name: string; total: number; failed: number }[] = [];
  const failures: TestCaseFailure[] = [];
  for (const suite of asArray(report.suites).filter(isRecord)) {
    const name = str(suite, 'name') ?? '(unnamed suite)';
    const cases = asArray(suite.cases).filter(isRecord);
    const failing = cases.filter((c) => FAILING.has(str(c, 'status') ?? ''));
    suites.push({ name, total: cases.length, failed: failing.length });
    for (const testCase of failing) {
      if (failures.length >= MAX_FAILURES) break;
      const trace = str(testCase, 'errorStackTrace');
      const message = str(testCase, 'errorDetails');
      const file = traceFile(trace) ?? traceFile(message);
      const className = str(testCase, 'className');
      failures.push({
        suite: name,
        name: str(testCase, 'name') ?? '(unnamed test)',
        ...(className !== undefined ? { className } : {}),
        ...(file !== undefined ? { file } : {}),
        ...(message !== undefined ? { message } : {}),
        ...(trace !== undefined ? { trace } : {}),
      });
    }
  }
  return { total: passed + failed + skipped, passed, failed, skipped, errored: 0, suites, failures };
}

export async function getTestReport(client: JenkinsClient, repo: RepoRef, runId: string, options: RequestOptions = {}): Promise<TestReport | undefined> {
  const answer = await client.request({ path: `${buildPath(repo, runId)}/testReport/api/json`, query: { tree: TEST_REPORT_TREE }, what: `test report of build ${runId} of ${repo.slug}`, signal: options.signal, accept: [404] });
  return answer.status === 404 ? undefined : mapTestReport(answer.body);
}
