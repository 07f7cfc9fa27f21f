import assert from 'node:assert/strict';
import { runActionsFor } from '../../../src/webview/runActions';
import { makeRun } from '../../support/coreFixtures';

describe('run panel actions', () => {
  it('offers cancel while a run is active and re-runs once it finished', () => {
    assert.deepEqual(runActionsFor(makeRun(1, { state: 'running' }), false), ['flowforge.cancelRun', 'flowforge.openInBrowser']);
    assert.deepEqual(runActionsFor(makeRun(1, { state: 'success' }), false), ['flowforge.rerunRun', 'flowforge.openInBrowser']);
    assert.deepEqual(runActionsFor(makeRun(1, { state: 'failure' }), false), ['flowforge.rerunRun', 'flowforge.rerunFailedJobs', 'flowforge.openInBrowser']);
  });

  it('offers only the browser link to read-only accounts', () => {
    assert.deepEqual(runActionsFor(makeRun(1, { state: 'failure' }), true), ['flowforge.openInBrowser']);
  });
});
