import assert from 'node:assert/strict';
import { Emitter } from '../../../src/core/events';
import type { PagedRuns, RepoSnapshot, SyncReader } from '../../../src/core/sync/types';
import { findKnownRun, knownRuns } from '../../../src/core/sync/lookup';
import { makePipeline, makeRun, REPO } from '../../support/coreFixtures';

function reader(snapshot: RepoSnapshot, pages: Record<string, PagedRuns> = {}): SyncReader {
  return {
    onDidChange: new Emitter<string | undefined>().event,
    repositories: () => [snapshot.repo],
    snapshot: () => snapshot,
    pipelineRuns: (_key, id) => pages[id] ?? { runs: [], hasMore: false, loading: false },
    cachedJobs: () => undefined,
  };
}

describe('run lookup', () => {
  const branchRun = makeRun(1, { branch: 'main' });
  const recentRun = makeRun(2);
  const olderRun = makeRun(3);
  const snapshot: RepoSnapshot = { repo: REPO, pipelines: [makePipeline('ci')], recentRuns: [recentRun, branchRun], branch: 'main', branchRuns: [branchRun], stale: false };

  it('finds branch runs, recent runs and runs of loaded workflow pages', () => {
    const sync = reader(snapshot, { ci: { runs: [olderRun], hasMore: false, loading: false } });
    assert.equal(findKnownRun(sync, 'k', branchRun.id), branchRun);
    assert.equal(findKnownRun(sync, 'k', recentRun.id), recentRun);
    assert.equal(findKnownRun(sync, 'k', olderRun.id), olderRun);
    assert.equal(findKnownRun(sync, 'k', 'nope'), undefined);
  });

  it('lists known runs once each, branch runs first', () => {
    assert.deepEqual(knownRuns(reader(snapshot), 'k').map((r) => r.id), [branchRun.id, recentRun.id]);
  });
});
