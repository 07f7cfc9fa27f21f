import assert from 'node:assert/strict';
import type { Run } from '../../../src/core/model';
import { findDispatchedRun, pollForDispatchedRun, type DispatchCriteria } from '../../../src/actions/runMatcher';
import { makeRun } from '../../support/coreFixtures';
import { FakeClock } from '../../support/fakeClock';

const AT = Date.UTC(2024, 4, 1, 12, 0, 0);
const iso = (offsetMs: number) => new Date(AT + offsetMs).toISOString();
const criteria: DispatchCriteria = { pipelineId: 'deploy', ref: 'main', dispatchedAt: AT, actor: 'octocat', events: ['workflow_dispatch'], knownRunIds: new Set(['9']) };
const dispatched = (id: number, overrides: Partial<Run> = {}) => makeRun(id, { pipelineId: 'deploy', event: 'workflow_dispatch', actor: 'Octocat', createdAt: iso(2000), state: 'queued', ...overrides });

describe('dispatched run matcher', () => {
  it('matches workflow, ref, event, time and actor', () => {
    assert.equal(findDispatchedRun([dispatched(1)], criteria)?.id, '1');
    assert.equal(findDispatchedRun([dispatched(1, { pipelineId: 'ci' })], criteria), undefined);
    assert.equal(findDispatchedRun([dispatched(1, { branch: 'dev' })], criteria), undefined);
    assert.equal(findDispatchedRun([dispatched(1, { event: 'push' })], criteria), undefined);
    assert.equal(findDispatchedRun([dispatched(1, { actor: 'hubot' })], criteria), undefined);
    assert.equal(findDispatchedRun([dispatched(1, { createdAt: iso(-120_000) })], criteria), undefined);
    assert.equal(findDispatchedRun([dispatched(9)], criteria), undefined, 'known before the dispatch');
  });

  it('tolerates clock skew and prefers the first run after the dispatch', () => {
    const runs = [dispatched(3, { createdAt: iso(9000) }), dispatched(2, { createdAt: iso(-10_000) })];
    assert.equal(findDispatchedRun(runs, criteria)?.id, '2');
  });

  it('polls a bounded number of times until the run shows up', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const list = () => Promise.resolve(++calls < 3 ? [] : [dispatched(4)]);
    const found = pollForDispatchedRun(list, criteria, { clock, attempts: 5, intervalMs: 1000 });
    await clock.tick(3000);
    assert.equal((await found)?.id, '4');
    assert.equal(calls, 3);
  });

  it('gives up after the last attempt', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const found = pollForDispatchedRun(() => Promise.resolve((calls++, [])), criteria, { clock, attempts: 3, intervalMs: 1000 });
    await clock.tick(10_000);
    assert.equal(await found, undefined);
    assert.equal(calls, 3);
  });

  it('stops when cancelled', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    let calls = 0;
    const found = pollForDispatchedRun(() => Promise.resolve((calls++, [])), criteria, { clock, intervalMs: 1000, signal: controller.signal });
    controller.abort();
    assert.equal(await found, undefined);
    assert.equal(calls, 0);
  });
});
