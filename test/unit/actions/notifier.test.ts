import assert from 'node:assert/strict';
import { repoKey, type Run } from '../../../src/core/model';
import type { RepoSnapshot } from '../../../src/core/sync/types';
import { notificationMode, RunNotifier, type NotificationMode } from '../../../src/actions/notifier';
import { makeRun, REPO } from '../../support/coreFixtures';

const KEY = repoKey(REPO);

function snapshot(runs: Run[], extra: Partial<RepoSnapshot> = {}): RepoSnapshot {
  return { repo: REPO, pipelines: [], recentRuns: runs, branch: 'main', branchRuns: runs.filter((r) => r.branch === 'main'), fetchedAt: 1, stale: false, ...extra };
}

describe('run notifier', () => {
  let mode: NotificationMode;
  let notifier: RunNotifier;
  beforeEach(() => {
    mode = 'failures';
    notifier = new RunNotifier(() => mode);
  });

  it('announces a current-branch run that failed after being seen running', () => {
    assert.deepEqual(notifier.observe(KEY, snapshot([makeRun(1, { state: 'running' })])), []);
    const notices = notifier.observe(KEY, snapshot([makeRun(1, { state: 'failure' })]));
    assert.deepEqual(notices.map((n) => [n.repoKey, n.run.id, n.failed]), [[KEY, '1', true]]);
    assert.deepEqual(notifier.observe(KEY, snapshot([makeRun(1, { state: 'failure' })])), [], 'only once');
  });

  it('never announces runs first seen completed (no flood at startup)', () => {
    assert.deepEqual(notifier.observe(KEY, snapshot([makeRun(1, { state: 'failure' }), makeRun(2, { state: 'failure' })])), []);
    assert.deepEqual(notifier.observe(KEY, snapshot([makeRun(1, { state: 'failure' }), makeRun(2, { state: 'failure' })])), []);
  });

  it('ignores cache-restored snapshots, so a run that finished while closed does not notify', () => {
    assert.deepEqual(notifier.observe(KEY, snapshot([makeRun(1, { state: 'running' })], { fetchedAt: undefined, stale: true })), []);
    assert.deepEqual(notifier.observe(KEY, snapshot([makeRun(1, { state: 'failure' })])), []);
  });

  it('respects the setting: failures only, all, off', () => {
    const run = (state: Run['state']) => snapshot([makeRun(1, { state })]);
    notifier.observe(KEY, run('running'));
    assert.deepEqual(notifier.observe(KEY, run('success')), [], 'success is not a failure');
    mode = 'all';
    notifier.observe(KEY, run('queued'));
    assert.equal(notifier.observe(KEY, run('success'))[0]?.failed, false);
    mode = 'off';
    notifier.observe(KEY, run('running'));
    assert.deepEqual(notifier.observe(KEY, run('failure')), []);
  });

  it('announces runs of other branches only when started from FlowForge', () => {
    const other = (state: Run['state'], id = 5) => snapshot([makeRun(id, { state, branch: 'feature/x' })]);
    notifier.observe(KEY, other('running'));
    assert.deepEqual(notifier.observe(KEY, other('failure')), []);
    notifier.track(KEY, '6');
    notifier.observe(KEY, other('running', 6));
    assert.equal(notifier.observe(KEY, other('failure', 6)).length, 1);
  });

  it('announces a re-run that finishes again', () => {
    notifier.observe(KEY, snapshot([makeRun(1, { state: 'failure' })]));
    notifier.observe(KEY, snapshot([makeRun(1, { state: 'queued', attempt: 2 })]));
    assert.equal(notifier.observe(KEY, snapshot([makeRun(1, { state: 'failure', attempt: 2 })])).length, 1);
  });

  it('forgets a repository when its snapshot goes away', () => {
    notifier.observe(KEY, snapshot([makeRun(1, { state: 'running' })]));
    notifier.observe(KEY, undefined);
    assert.deepEqual(notifier.observe(KEY, snapshot([makeRun(1, { state: 'failure' })])), []);
  });

  it('reads the setting leniently', () => {
    assert.deepEqual(['all', 'off', 'bogus', undefined].map(notificationMode), ['all', 'off', 'failures', 'failures']);
  });
});
