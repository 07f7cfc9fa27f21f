import assert from 'node:assert/strict';
import type { RepoSnapshot } from '../../../src/core/sync/types';
import { isAwaitingApproval, runCandidates, RUN_FILTERS } from '../../../src/actions/runCandidates';
import { makeRun, OTHER_REPO, REPO } from '../../support/coreFixtures';

describe('run candidates', () => {
  const main: RepoSnapshot = {
    repo: REPO,
    pipelines: [],
    branch: 'feature',
    branchRuns: [makeRun(1, { branch: 'feature', state: 'failure' })],
    recentRuns: [makeRun(3, { state: 'running' }), makeRun(2, { state: 'failure' }), makeRun(1, { branch: 'feature', state: 'failure' })],
    stale: false,
  };
  const other: RepoSnapshot = { repo: OTHER_REPO, pipelines: [], branchRuns: [], recentRuns: [makeRun(5, { state: 'failure' })], stale: false };

  it('puts the current branch first, then newest, without duplicates', () => {
    const list = runCandidates([main, other], RUN_FILTERS.rerunFailed);
    assert.deepEqual(list.map((c) => [c.run.id, c.onCurrentBranch]), [['1', true], ['5', false], ['2', false]]);
  });

  it('filters by what the command acts on', () => {
    assert.deepEqual(runCandidates([main], RUN_FILTERS.cancel).map((c) => c.run.id), ['3']);
    assert.equal(isAwaitingApproval(makeRun(1, { state: 'queued', rawStatus: 'waiting' })), true);
    assert.equal(isAwaitingApproval(makeRun(1, { state: 'action_required' })), true);
    assert.equal(isAwaitingApproval(makeRun(1, { state: 'queued', rawStatus: 'queued' })), false);
  });
});
