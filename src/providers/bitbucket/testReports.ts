/**
 * Test reports of a pipeline: per step GET …/steps/{step}/test_reports (counts) and, where a step
 * has failures, its failed cases from …/test_reports/test_cases, merged into one TestReport with
 * one suite per step. Steps without reports answer 404 and are left out; no step with a report:
 * undefined.
 */
import type { TestCaseFailure, TestReport } from '../../core/ci/operations';
import type { RequestOptions } from '../../core/ci/provider';
import { asArray, isRecord, num, requireRecord, str, type JsonRecord } from '../http';
import type { BitbucketClient } from './client';
import type { BitbucketJob } from './mapping';
import { stepPath } from './urls';

const MAX_FAILURES_PER_STEP = 100;
const FAILED = new Set(['FAILED', 'ERROR']);

function count(summary: JsonRecord, what: string): number {
  return num(summary, `number_of_${what}_test_cases`) ?? 0;
}

function failureOf(step: string, testCase: unknown): TestCaseFailure | undefined {
  if (!isRecord(testCase) || !FAILED.has((str(testCase, 'status') ?? '').toUpperCase())) return undefined;
  const qualified = str(testCase, 'fully_qualified_name') ?? str(testCase, 'name') ?? '(unnamed test)';
  const name = str(testCase, 'name') ?? qualified;
  const className = str(testCase, 'package_name') ?? (qualified !== name && qualified.endsWith(name) ? qualified.slice(0, -name.length).replace(/[\s.:#/>]+$/, '') : undefined);
  return { suite: step, name, ...(className ? { className } : {}) };
}

export async function getTestReport(client: BitbucketClient, slug: string, runId: string, steps: readonly BitbucketJob[], options: RequestOptions = {}): Promise<TestReport | undefined> {
  let found = false;
  const totals = { total: 0, passed: 0, failed: 0, skipped: 0, errored: 0 };
  const suites: { name: string; total: number; failed: number }[] = [];
  const failures: TestCaseFailure[] = [];
  for (const step of steps) {
    const path = `${stepPath(slug, runId, step.stepUuid)}/test_reports`;
    const answer = await client.request({ path, what: `test report of step ${step.name} of ${slug}`, signal: options.signal, accept: [404] });
    if (answer.status === 404) continue;
    found = true;
    const summary = requireRecord(answer.body, `Bitbucket test report of step ${step.name}`);
    const total = num(summary, 'number_of_test_cases') ?? 0;
    const failed = count(summary, 'failed');
    const errored = count(summary, 'error');
    totals.total += total;
    totals.passed += count(summary, 'successful');
    totals.failed += failed;
    totals.errored += errored;
    totals.skipped += count(summary, 'skipped');
    suites.push({ name: step.name, total, failed: failed + errored });
    if (failed + errored > 0) {
      const cases = await client.request({ path: `${path}/test_cases`, what: `test cases of step ${step.name} of ${slug}`, signal: options.signal, query: { pagelen: MAX_FAILURES_PER_STEP } });
      const values = asArray(requireRecord(cases.body, `Bitbucket test cases of step ${step.name}`).values);
      failures.push(...values.map((c) => failureOf(step.name, c)).filter((f): f is TestCaseFailure => f !== undefined));
    }
  }
  return found ? { ...totals, suites, failures } : undefined;
}
