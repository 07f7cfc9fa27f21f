import * as assert from 'node:assert/strict';
import { aggregateState, latestPerPipeline, summarizeBranch } from '../../../src/core/status';
import { mergeRuns } from '../../../src/core/runOrder';
import { makeRun } from '../../support/coreFixtures';

describe('status aggregation', () => {
  describe('aggregateState', () => {
    it('is undefined for no states', () => {
      assert.equal(aggregateState([]), undefined);
    });

    it('reports running before queued before any outcome', () => {
      assert.equal(aggregateState(['failure', 'queued', 'running']), 'running');
      assert.equal(aggregateState(['failure', 'queued', 'success']), 'queued');
    });

    it('ranks outcomes failure > action_required > cancelled > success > neutral > skipped', () => {
      assert.equal(aggregateState(['success', 'failure', 'action_required']), 'failure');
      assert.equal(aggregateState(['success', 'cancelled', 'action_required']), 'action_required');
      assert.equal(aggregateState(['success', 'cancelled']), 'cancelled');
      assert.equal(aggregateState(['neutral', 'success', 'skipped']), 'success');
      assert.equal(aggregateState(['skipped', 'neutral']), 'neutral');
      assert.equal(aggregateState(['skipped']), 'skipped');
    });
  });

  describe('latestPerPipeline', () => {
    it('keeps the newest run of each pipeline by creation time', () => {
      const runs = [makeRun(1), makeRun(3), makeRun(2), makeRun(4, { pipelineId: 'deploy' })];
      assert.deepEqual(
        latestPerPipeline(runs).map((r) => r.id),
        ['4', '3'],
      );
    });

    it('breaks creation-time ties by run number', () => {
      const createdAt = '2024-01-01T00:00:00Z';
      const runs = [makeRun(7, { createdAt }), makeRun(9, { createdAt }), makeRun(8, { createdAt })];
      assert.deepEqual(
        latestPerPipeline(runs).map((r) => r.id),
        ['9'],
      );
    });
  });

  describe('summarizeBranch', () => {
    it('summarizes the latest run per pipeline of each repository', () => {
      const repoA = [makeRun(1, { state: 'failure' }), makeRun(2, { state: 'success' }), makeRun(3, { pipelineId: 'lint', state: 'running' })];
      const repoB = [makeRun(4, { state: 'failure' })];
      const summary = summarizeBranch([repoA, repoB]);
      assert.equal(summary.state, 'running');
      assert.deepEqual(
        summary.latest.map((r) => r.id),
        ['4', '3', '2'],
      );
      assert.equal(summary.counts.failure, 1);
      assert.equal(summary.counts.success, 1);
      assert.equal(summary.counts.running, 1);
      assert.equal(summary.counts.queued, 0);
    });

    it('is empty without runs', () => {
      const summary = summarizeBranch([[], []]);
      assert.equal(summary.state, undefined);
      assert.deepEqual(summary.latest, []);
      assert.equal(summary.counts.success, 0);
    });
  });

  describe('mergeRuns', () => {
    it('dedupes by id keeping the first list and sorts newest first', () => {
      const fresh = makeRun(2, { state: 'running' });
      const merged = mergeRuns([fresh], [makeRun(1), makeRun(2), makeRun(3)]);
      assert.deepEqual(
        merged.map((r) => r.id),
        ['3', '2', '1'],
      );
      assert.equal(merged[1], fresh);
    });
  });
});
