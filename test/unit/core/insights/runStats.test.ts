import * as assert from 'node:assert/strict';
import { median, quantile } from '../../../../src/core/insights/percentiles';
import { newest, queueMs, runDurationMs, runStats } from '../../../../src/core/insights/runStats';
import { slowestJobs } from '../../../../src/core/insights/jobStats';
import { makeJob, makeRun } from '../../../support/coreFixtures';

const T0 = Date.UTC(2024, 0, 1);
const iso = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();

/** A finished run created at `at`, queued `queue` s, lasting `seconds` s. */
function timed(id: number, state: 'success' | 'failure' | 'cancelled' | 'running', at: number, queue: number, seconds: number) {
  return makeRun(id, { state, createdAt: iso(at), startedAt: iso(at + queue), ...(state === 'running' ? {} : { updatedAt: iso(at + queue + seconds) }) });
}

describe('insights: percentiles', () => {
  it('interpolates between closest ranks (median of an even count is the mean of the middle two)', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(quantile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9), 91);
    assert.equal(quantile([5], 0.9), 5);
    assert.equal(median([]), undefined);
    assert.throws(() => quantile([1], 1.5), RangeError);
  });
});

describe('insights: run statistics', () => {
  it('success rate over succeeded and failed runs only; cancelled and running runs are counted apart', () => {
    const stats = runStats([timed(1, 'success', 0, 5, 60), timed(2, 'failure', 100, 5, 30), timed(3, 'success', 200, 5, 90), timed(4, 'cancelled', 300, 5, 10), timed(5, 'running', 400, 5, 0)]);
    assert.equal(stats.total, 5);
    assert.equal(stats.decided, 3);
    assert.equal(stats.succeeded, 2);
    assert.equal(stats.failed, 1);
    assert.equal(stats.other, 1);
    assert.equal(stats.active, 1);
    assert.equal(stats.successRate, 2 / 3);
  });

  it('median and p90 of finished runs (start to completion), median queue time (created to started)', () => {
    const runs = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((seconds, i) => timed(i + 1, 'success', i * 1000, i + 1, seconds));
    const stats = runStats(runs);
    assert.equal(stats.medianMs, 55_000);
    assert.equal(stats.p90Ms, 91_000);
    assert.equal(stats.medianQueueMs, 5_500);
  });

  it('one point per run, oldest first, whatever the input order; a running run has a point without duration', () => {
    const stats = runStats([timed(3, 'running', 300, 1, 0), timed(1, 'success', 100, 1, 10), timed(2, 'failure', 200, 1, 20)]);
    assert.deepEqual(stats.points.map((p) => [p.runId, p.state, p.durationMs]), [['1', 'success', 10_000], ['2', 'failure', 20_000], ['3', 'running', undefined]]);
  });

  it('falls back to creation when a run has no start, and to the last update when it has no completion', () => {
    const run = makeRun(1, { createdAt: iso(0), updatedAt: iso(42) });
    assert.equal(runDurationMs(run), 42_000);
    assert.equal(queueMs(run), undefined);
    assert.equal(runDurationMs(makeRun(2, { createdAt: iso(10), updatedAt: iso(5) })), undefined, 'a clock going backwards gives no duration');
    assert.equal(runStats([]).successRate, undefined);
  });

  it('newest() keeps the newest N, newest first', () => {
    const runs = [1, 2, 3, 4].map((i) => timed(i, 'success', i * 10, 1, 1));
    assert.deepEqual(newest(runs, 2).map((r) => r.id), ['4', '3']);
  });
});

describe('insights: slowest jobs', () => {
  it('matches jobs by name across runs and orders them by median duration; failures counted, allowed failures not', () => {
    const job = (id: string, runId: string, name: string, seconds: number, state: 'success' | 'failure' = 'success', allowFailure = false) => makeJob(id, runId, { name, state, startedAt: iso(0), completedAt: iso(seconds), allowFailure });
    const stats = slowestJobs(
      [
        [job('a1', '1', 'build', 30), job('b1', '1', 'test', 100, 'failure'), job('c1', '1', 'lint', 5, 'failure', true)],
        [job('a2', '2', 'build', 50), job('b2', '2', 'test', 80)],
        [job('a3', '3', 'build', 40), makeJob('b3', '3', { name: 'test', state: 'running', startedAt: iso(0) })],
      ],
      2,
    );
    assert.deepEqual(stats, [
      { name: 'test', runs: 2, medianMs: 90_000, maxMs: 100_000, failures: 1 },
      { name: 'build', runs: 3, medianMs: 40_000, maxMs: 50_000, failures: 0 },
    ]);
  });
});
