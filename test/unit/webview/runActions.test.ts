import assert from 'node:assert/strict';
import { runActionsFor } from '../../../src/webview/runActions';
import { makeRun } from '../../support/coreFixtures';
import type { ProviderFeature } from '../../../src/core/ci/descriptor';

const ALL: ReadonlySet<ProviderFeature> = new Set(['rerunRun', 'rerunFailedJobs', 'cancelRun']);

describe('run panel actions', () => {
  it('offers cancel while a run is active and re-runs once it finished', () => {
    assert.deepEqual(runActionsFor(makeRun(1, { state: 'running' }), false, ALL), ['flowforge.cancelRun', 'flowforge.openInBrowser']);
    assert.deepEqual(runActionsFor(makeRun(1, { state: 'success' }), false, ALL), ['flowforge.rerunRun', 'flowforge.openInBrowser']);
    assert.deepEqual(runActionsFor(makeRun(1, { state: 'failure' }), false, ALL), ['flowforge.rerunRun', 'flowforge.rerunFailedJobs', 'flowforge.openInBrowser']);
  });

  it('offers only what the provider can do (its features)', () => {
    const rerunOnly: ReadonlySet<ProviderFeature> = new Set(['rerunRun']);
    assert.deepEqual(runActionsFor(makeRun(1, { state: 'running' }), false, rerunOnly), ['flowforge.openInBrowser']);
    assert.deepEqual(runActionsFor(makeRun(1, { state: 'failure' }), false, rerunOnly), ['flowforge.rerunRun', 'flowforge.openInBrowser']);
    assert.deepEqual(runActionsFor(makeRun(1, { state: 'failure' }), false, new Set()), ['flowforge.openInBrowser']);
  });

  it('offers Unblock… for a run waiting on a step, where the provider can unblock', () => {
    const unblock: ReadonlySet<ProviderFeature> = new Set(['unblock', 'cancelRun']);
    assert.deepEqual(runActionsFor(makeRun(1, { state: 'action_required' }), false, unblock), ['flowforge.unblockJob', 'flowforge.cancelRun', 'flowforge.openInBrowser']);
    assert.deepEqual(runActionsFor(makeRun(1, { state: 'action_required' }), false, ALL), ['flowforge.cancelRun', 'flowforge.openInBrowser']);
    assert.deepEqual(runActionsFor(makeRun(1, { state: 'running' }), false, unblock), ['flowforge.cancelRun', 'flowforge.openInBrowser']);
    assert.deepEqual(runActionsFor(makeRun(1, { state: 'action_required' }), true, unblock), ['flowforge.openInBrowser']);
  });

  it('offers only the browser link to read-only accounts', () => {
    assert.deepEqual(runActionsFor(makeRun(1, { state: 'failure' }), true, ALL), ['flowforge.openInBrowser']);
  });
});
