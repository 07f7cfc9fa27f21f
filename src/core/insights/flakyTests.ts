/**
 * Likely flaky tests, from the test reports of a workflow's recent runs: a test that failed
 * and then passed on a re-run of the same commit, or that alternates (failed, passed, failed)
 * across runs. A report lists its failures; a test counts as passed in a run whose report
 * exists, does not list it as failing, and has seen the test fail elsewhere.
 */
import type { TestReport } from '../ci/operations';
import type { Run } from '../model';
import { compareChronological } from './runStats';

export interface ReportOfRun {
  readonly run: Run;
  readonly report: TestReport;
}

export type TestOutcome = 'failed' | 'passed';

export interface TestHistoryEntry {
  readonly runId: string;
  readonly number: number;
  readonly attempt: number;
  readonly sha: string;
  readonly outcome: TestOutcome;
}

export interface FlakyTest {
  /** "suite › class › name". */
  readonly id: string;
  readonly suite: string;
  readonly name: string;
  /** 'rerun': failed, then passed on the same commit; 'alternating': failed, passed, failed again. */
  readonly reason: 'rerun' | 'alternating';
  readonly failures: number;
  /** Oldest first. */
  readonly history: readonly TestHistoryEntry[];
}

function testId(suite: string, className: string | undefined, name: string): string {
  return [suite, className, name].filter((part) => part !== undefined && part !== '').join(' › ');
}

/** Failed then passed on the same commit (a re-run of it, or a second run of that commit). */
function passedOnRerun(history: readonly TestHistoryEntry[]): boolean {
  return history.some((entry, i) => entry.outcome === 'failed' && history.slice(i + 1).some((later) => later.sha === entry.sha && later.outcome === 'passed'));
}

/** Failed, passed, failed again, in this order. */
function alternates(history: readonly TestHistoryEntry[]): boolean {
  const firstFail = history.findIndex((entry) => entry.outcome === 'failed');
  if (firstFail < 0) {
    return false;
  }
  const pass = history.findIndex((entry, i) => i > firstFail && entry.outcome === 'passed');
  return pass >= 0 && history.some((entry, i) => i > pass && entry.outcome === 'failed');
}

/** Likely flaky tests of `reports` (any order), most failures first. */
export function flakyTests(reports: readonly ReportOfRun[]): FlakyTest[] {
  const ordered = [...reports].sort((a, b) => compareChronological(a.run, b.run));
  const failing = new Map<string, { suite: string; name: string; runs: Set<string> }>();
  for (const { run, report } of ordered) {
    for (const failure of report.failures) {
      const id = testId(failure.suite, failure.className, failure.name);
      const entry = failing.get(id) ?? { suite: failure.suite, name: failure.name, runs: new Set<string>() };
      entry.runs.add(run.id);
      failing.set(id, entry);
    }
  }
  const found: FlakyTest[] = [];
  for (const [id, { suite, name, runs }] of failing) {
    const history: TestHistoryEntry[] = ordered.map(({ run }) => ({ runId: run.id, number: run.number, attempt: run.attempt, sha: run.headSha, outcome: runs.has(run.id) ? 'failed' : 'passed' }));
    const reason = passedOnRerun(history) ? 'rerun' : alternates(history) ? 'alternating' : undefined;
    if (reason !== undefined) {
      found.push({ id, suite, name, reason, failures: runs.size, history });
    }
  }
  return found.sort((a, b) => b.failures - a.failures || a.id.localeCompare(b.id));
}
