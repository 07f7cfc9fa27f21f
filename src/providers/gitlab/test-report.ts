/** Maps GET /pipelines/:id/test_report onto the TestReport contract. */
import type { TestCaseFailure, TestReport } from '../../core/ci/operations';
import { asArray, isRecord, num, requireRecord, str, UnexpectedResponseError } from '../http';

const FAILED = new Set(['failed', 'error']);

/**
 * Undefined when the pipeline produced no test report at all. An answer that is not GitLab's
 * report (no numeric total_count, no test_suites list) is a shape error, never an empty report;
 * malformed suites and cases inside a good report are skipped.
 */
export function mapTestReport(body: unknown, what = 'GitLab test report'): TestReport | undefined {
  const report = requireRecord(body, what, ['total_count', 'test_suites']);
  if (num(report, 'total_count') === undefined || !Array.isArray(report.test_suites)) {
    throw new UnexpectedResponseError(`Unexpected answer for ${what}: total_count is not a number or test_suites is not a list`);
  }
  const suites = asArray(report.test_suites).filter(isRecord);
  const total = num(report, 'total_count') ?? 0;
  if (total === 0 && suites.length === 0) {
    return undefined;
  }
  const failures: TestCaseFailure[] = [];
  for (const suite of suites) {
    const suiteName = str(suite, 'name') ?? '';
    for (const testCase of asArray(suite.test_cases).filter(isRecord)) {
      if (!FAILED.has(str(testCase, 'status') ?? '')) {
        continue;
      }
      failures.push({
        suite: suiteName,
        name: str(testCase, 'name') ?? '(unnamed test)',
        className: str(testCase, 'classname'),
        file: str(testCase, 'file'),
        message: str(testCase, 'system_output'),
        trace: str(testCase, 'stack_trace'),
      });
    }
  }
  return {
    total,
    passed: num(report, 'success_count') ?? 0,
    failed: num(report, 'failed_count') ?? 0,
    skipped: num(report, 'skipped_count') ?? 0,
    errored: num(report, 'error_count') ?? 0,
    suites: suites.map((suite) => ({
      name: str(suite, 'name') ?? '',
      total: num(suite, 'total_count') ?? 0,
      failed: (num(suite, 'failed_count') ?? 0) + (num(suite, 'error_count') ?? 0),
    })),
    failures,
  };
}
