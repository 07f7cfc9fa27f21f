import type { CheckView, TestReportView } from './protocol';

/** "3 failed checks, 12 annotations, 2 failing tests", or undefined when there is nothing to report. */
export function checksSummary(checks: readonly CheckView[], testReport: TestReportView | undefined): string | undefined {
  const failedChecks = checks.filter((check) => check.state === 'failure').length;
  const annotations = checks.reduce((sum, check) => sum + check.annotations.length, 0);
  const failingTests = testReport ? testReport.failed + testReport.errored : 0;
  const parts = [plural(failedChecks, 'failed check'), plural(annotations, 'annotation'), plural(failingTests, 'failing test')].filter((p): p is string => p !== undefined);
  if (parts.length === 0) {
    return checks.length > 0 || testReport ? 'All checks passed' : undefined;
  }
  return parts.join(', ');
}

function plural(count: number, noun: string): string | undefined {
  return count === 0 ? undefined : `${count} ${noun}${count === 1 ? '' : 's'}`;
}
