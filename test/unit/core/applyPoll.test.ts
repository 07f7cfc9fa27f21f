import assert from 'node:assert/strict';
import { applyBackground, applyBranch, applyFull, emptySnapshot } from '../../../src/core/sync/applyPoll';
import type { RepoSnapshot } from '../../../src/core/sync/types';
import { makeRun } from '../../support/coreFixtures';

const repo = { provider: 'kind', host: 'https://ci.example', slug: 'org/app' };
const page = (ids: number[]) => ({ items: ids.map((id) => makeRun(id, { branch: 'main' })), hasMore: false });

describe('applying polls to a snapshot', () => {
  it('fills the branch runs after the watched branch changed and came back, even when the provider says "unchanged"', () => {
    // Polled on main, then watched without a branch for a moment (remote matching pending), then on main again.
    let snapshot: RepoSnapshot = applyFull(emptySnapshot(repo, 'main'), { recent: { value: page([2, 1]), changed: true }, branch: { branch: 'main', runs: { value: page([2, 1]), changed: true } } }, 1);
    assert.equal(snapshot.branchRuns.length, 2);
    snapshot = applyBranch(applyBranch(snapshot, undefined), 'main');
    assert.equal(snapshot.branchRuns.length, 0);
    // The provider compares with its own last answer for that request: unchanged (a 304, a same fingerprint).
    const full = applyFull(snapshot, { recent: { value: page([2, 1]), changed: false }, branch: { branch: 'main', runs: { value: page([2, 1]), changed: false } } }, 2);
    assert.deepEqual(full.branchRuns.map((r) => r.id), ['2', '1']);
    const background = applyBackground(snapshot, { branch: { branch: 'main', runs: { value: page([2, 1]), changed: false } } }, 2);
    assert.deepEqual(background.branchRuns.map((r) => r.id), ['2', '1']);
  });

  it('keeps the same snapshot object when nothing is news', () => {
    const snapshot = applyFull(emptySnapshot(repo, 'main'), { recent: { value: page([1]), changed: true }, branch: { branch: 'main', runs: { value: page([1]), changed: true } } }, 1);
    assert.equal(applyFull(snapshot, { recent: { value: page([1]), changed: false }, branch: { branch: 'main', runs: { value: page([1]), changed: false } } }, 2), snapshot);
  });
});
