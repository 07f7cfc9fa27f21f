/** Maps GET /pipelines/:id/test_report onto the TestReport contract. */
import type { TestCaseFailure, TestReport } from '../../core/ci/operations';
import { asArray, asRecord, num, str } from '../http';

const FAILED = new Set(['failed', 'error']);

/** Undefined when the pipeline produced no test report at all. */
export function mapTestReport(body: unknown): TestReport | undefined {
  const report = asRecord(body);
  const suites = asArray(report.test_suites).map(asRecord);
  const total = num(report, 'total_count') ?? 0;
  if (total === 0 && suites.length === 0) {
    return undefined;
  }
  const failures: TestCaseFailure[] = [];
  for (const suite of suites) {
    const suiteName = str(suite, 'name') ?? '';
    for (const testCase of asArray(suite.test_cases).map(asRecord)) {
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
