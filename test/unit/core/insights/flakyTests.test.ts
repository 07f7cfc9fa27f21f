import * as assert from 'node:assert/strict';
import type { TestReport } from '../../../../src/core/ci/operations';
import { flakyTests } from '../../../../src/core/insights/flakyTests';
import { makeRun } from '../../../support/coreFixtures';

function report(...failing: string[]): TestReport {
  return {
    total: 10,
    passed: 10 - failing.length,
    failed: failing.length,
    skipped: 0,
    errored: 0,
    suites: [{ name: 'unit', total: 10, failed: failing.length }],
    failures: failing.map((name) => ({ suite: 'unit', className: 'Cart', name })),
  };
}

describe('insights: flaky tests', () => {
  it('a test that failed and then passed on a re-run of the same commit is likely flaky', () => {
    const found = flakyTests([
      { run: makeRun(1, { headSha: 'aaa' }), report: report('adds items') },
      { run: makeRun(2, { headSha: 'aaa', attempt: 2 }), report: report() },
    ]);
    assert.equal(found.length, 1);
    assert.equal(found[0]?.id, 'unit › Cart › adds items');
    assert.equal(found[0]?.reason, 'rerun');
    assert.deepEqual(found[0]?.history.map((e) => [e.runId, e.outcome]), [['1', 'failed'], ['2', 'passed']]);
  });

  it('a test that alternates (failed, passed, failed) across runs is likely flaky; one that keeps failing or was fixed is not', () => {
    const found = flakyTests([
      { run: makeRun(3), report: report('totals', 'broken') },
      { run: makeRun(1), report: report('totals', 'broken', 'fixed') },
      { run: makeRun(2), report: report('broken') },
    ]);
    assert.deepEqual(found.map((t) => [t.name, t.reason, t.failures]), [['totals', 'alternating', 2]]);
    assert.deepEqual(found[0]?.history.map((e) => e.outcome), ['failed', 'passed', 'failed']);
  });

  it('finds nothing without reports or failures', () => {
    assert.deepEqual(flakyTests([]), []);
    assert.deepEqual(flakyTests([{ run: makeRun(1), report: report() }]), []);
  });
});
