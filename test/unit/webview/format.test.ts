import assert from 'node:assert/strict';
import { runDurationText } from '../../../src/webview-ui/format';

describe('run panel durations', () => {
  const now = Date.parse('2026-11-22T12:00:00Z');

  it('ends a finished run at its last update when the API gives no completion time (GitLab pipeline list)', () => {
    const run = { state: 'failure' as const, createdAt: '2026-11-22T11:20:00Z', updatedAt: '2026-11-22T11:20:34Z' };
    assert.equal(runDurationText(run, now), '34s');
  });

  it('prefers the completion time, and counts from the start when there is one', () => {
    const run = { state: 'success' as const, createdAt: '2026-11-22T11:00:00Z', startedAt: '2026-11-22T11:00:10Z', completedAt: '2026-11-22T11:01:15Z', updatedAt: '2026-11-22T11:30:00Z' };
    assert.equal(runDurationText(run, now), '1m 5s');
  });

  it('runs to now while running, and says nothing while queued', () => {
    assert.equal(runDurationText({ state: 'running', startedAt: '2026-11-22T11:59:30Z', updatedAt: '2026-11-22T11:59:40Z' }, now), '30s');
    assert.equal(runDurationText({ state: 'queued', createdAt: '2026-11-22T11:59:00Z' }, now), '');
  });
});
