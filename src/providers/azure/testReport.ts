/**
 * Test results of a build: its test runs (`test/runs?buildUri=vstfs:///Build/Build/{id}`) with their
 * counts, and the failed results of each run that has failures (`test/Runs/{id}/results?outcomes=Failed`).
 */
import type { RepoRef } from '../../core/model';
import type { RequestOptions } from '../../core/ci/provider';
import type { TestCaseFailure, TestReport } from '../../core/ci/operations';
import { asRecord, num, str } from '../http';
import type { AzureClient } from './client';
import { valueOf } from './reads';
import { projectApi } from './urls';

const MAX_FAILURES = 200;

export async function getTestReport(client: AzureClient, repo: RepoRef, buildId: string, options: RequestOptions = {}): Promise<TestReport | undefined> {
  const runsAnswer = await client.request({
    path: `${projectApi(repo.slug)}/test/runs`,
    what: `test runs of build ${buildId} of ${repo.slug}`,
    query: { buildUri: `vstfs:///Build/Build/${buildId}`, includeRunDetails: true },
    signal: options.signal,
  });
  const runs = valueOf(runsAnswer.body, `Azure DevOps test runs of build ${buildId}`).map(asRecord);
  if (runs.length === 0) return undefined;
  let total = 0;
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const suites: { name: string; total: number; failed: number }[] = [];
  const failures: TestCaseFailure[] = [];
  for (const run of runs) {
    const runTotal = num(run, 'totalTests') ?? 0;
    const runPassed = num(run, 'passedTests') ?? 0;
    const runFailed = num(run, 'unanalyzedTests') ?? 0;
    const name = str(run, 'name') ?? `Test run ${num(run, 'id') ?? ''}`;
    total += runTotal;
    passed += runPassed;
    failed += runFailed;
    skipped += (num(run, 'notApplicableTests') ?? 0) + (num(run, 'incompleteTests') ?? 0);
    suites.push({ name, total: runTotal, failed: runFailed });
    const id = num(run, 'id');
    if (runFailed === 0 || id === undefined || failures.length >= MAX_FAILURES) continue;
    const results = await client.request({
      path: `${projectApi(repo.slug)}/test/Runs/${id}/results`,
      what: `failed results of test run ${id} of ${repo.slug}`,
      query: { outcomes: 'Failed', $top: MAX_FAILURES - failures.length },
      signal: options.signal,
    });
    for (const raw of valueOf(results.body, `Azure DevOps results of test run ${id}`)) {
      const r = asRecord(raw);
      const storage = str(r, 'automatedTestStorage');
      failures.push({
        suite: name,
        name: str(r, 'testCaseTitle') ?? str(r, 'automatedTestName') ?? '(unnamed test)',
        ...(str(r, 'automatedTestName') !== undefined ? { className: str(r, 'automatedTestName') } : {}),
        ...(storage !== undefined ? { file: storage } : {}),
        ...(str(r, 'errorMessage') !== undefined ? { message: str(r, 'errorMessage') } : {}),
        ...(str(r, 'stackTrace') !== undefined ? { trace: str(r, 'stackTrace') } : {}),
      });
    }
  }
  return { total, passed, failed, skipped, errored: 0, suites, failures };
}
