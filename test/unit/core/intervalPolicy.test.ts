import * as assert from 'node:assert/strict';
import type { PollHistory } from '../../../src/core/scheduler/intervalPolicy';
import { afterFailure, afterSuccess, INITIAL_HISTORY, planNextPoll, pollMode, RATE_LIMIT_MARGIN_MS } from '../../../src/core/scheduler/intervalPolicy';
import { classifyError } from '../../../src/core/scheduler/classifyError';
import { AuthError, NetworkError, RateLimitError, ServerError } from '../../../src/core/errors';
import type { Activity, PollSettings } from '../../../src/core/sync/types';

const settings: PollSettings = { activeInterval: 10, idleInterval: 30, maxInterval: 300, backgroundInterval: 600, pageSize: 20 };
const focused: Activity = { windowFocused: true, viewVisible: false };
const away: Activity = { windowFocused: false, viewVisible: false };
const T = 1_000_000;

function delayAfter(history: PollHistory, activity: Activity = focused): number | undefined {
  const plan = planNextPoll(history, settings, activity);
  return plan === undefined ? undefined : plan.dueAt - T;
}

describe('interval policy', () => {
  it('polls a never-polled key at once', () => {
    const plan = planNextPoll(INITIAL_HISTORY, settings, focused);
    assert.deepEqual(plan, { mode: 'full', dueAt: 0 });
  });

  it('polls at the active interval while a run is active', () => {
    const history = afterSuccess(INITIAL_HISTORY, 'full', { changed: false, active: true }, T);
    assert.equal(delayAfter(history), 10_000);
  });

  it('doubles the idle interval after each unchanged poll up to the maximum', () => {
    let history = afterSuccess(INITIAL_HISTORY, 'full', { changed: true, active: false }, T);
    const delays = [delayAfter(history)];
    for (let i = 0; i < 6; i += 1) {
      history = afterSuccess(history, 'full', { changed: false, active: false }, T);
      delays.push(delayAfter(history));
    }
    assert.deepEqual(delays, [30_000, 60_000, 120_000, 240_000, 300_000, 300_000, 300_000]);
  });

  it('resets the idle interval when a poll saw a change', () => {
    let history = afterSuccess(INITIAL_HISTORY, 'full', { changed: false, active: false }, T);
    history = afterSuccess(history, 'full', { changed: false, active: false }, T);
    assert.equal(delayAfter(history), 120_000);
    history = afterSuccess(history, 'full', { changed: true, active: false }, T);
    assert.equal(delayAfter(history), 30_000);
  });

  it('uses background mode and interval only when unfocused and hidden', () => {
    assert.equal(pollMode(away), 'background');
    assert.equal(pollMode({ windowFocused: false, viewVisible: true }), 'full');
    assert.equal(pollMode({ windowFocused: true, viewVisible: false }), 'full');
    const history = afterSuccess(INITIAL_HISTORY, 'full', { changed: false, active: true }, T);
    assert.deepEqual(planNextPoll(history, settings, away), { mode: 'background', dueAt: T + 600_000 });
  });

  it('measures full-mode age from the last full poll, not from background polls', () => {
    let history = afterSuccess(INITIAL_HISTORY, 'full', { changed: false, active: false }, T - 100_000);
    history = afterSuccess(history, 'background', { changed: false, active: false }, T);
    assert.equal(planNextPoll(history, settings, focused)?.dueAt, T - 100_000 + 60_000);
  });

  it('waits for a rate-limit reset plus a margin', () => {
    const history = afterFailure(INITIAL_HISTORY, classifyError(new RateLimitError('limit', T + 42_000), INITIAL_HISTORY.health), T);
    assert.equal(delayAfter(history), 42_000 + RATE_LIMIT_MARGIN_MS);
  });

  it('backs off exponentially from the idle interval on network and server errors', () => {
    let history: PollHistory = INITIAL_HISTORY;
    const delays: (number | undefined)[] = [];
    for (const error of [new NetworkError('down'), new ServerError('502'), new NetworkError('down'), new NetworkError('down'), new NetworkError('down')]) {
      history = afterFailure(history, classifyError(error, history.health), T);
      delays.push(delayAfter(history));
    }
    assert.deepEqual(delays, [30_000, 60_000, 120_000, 240_000, 300_000]);
    assert.deepEqual(history.health, { kind: 'offline', failures: 5 });
  });

  it('keeps an active run from shortening the error back-off', () => {
    const active = afterSuccess(INITIAL_HISTORY, 'full', { changed: true, active: true }, T);
    const history = afterFailure(active, classifyError(new NetworkError('down'), active.health), T);
    assert.equal(delayAfter(history), 30_000);
  });

  it('stops after an authentication failure', () => {
    const history = afterFailure(INITIAL_HISTORY, classifyError(new AuthError('401', 401), INITIAL_HISTORY.health), T);
    assert.equal(planNextPoll(history, settings, focused), undefined);
  });

  it('clears the error after a success', () => {
    const failed = afterFailure(INITIAL_HISTORY, { kind: 'offline', failures: 3 }, T);
    const history = afterSuccess(failed, 'full', { changed: false, active: false }, T);
    assert.deepEqual(history.health, { kind: 'ok' });
  });

  it('clamps nonsensical settings to at least one second', () => {
    const history = afterSuccess(INITIAL_HISTORY, 'full', { changed: false, active: true }, T);
    assert.equal(planNextPoll(history, { ...settings, activeInterval: 0 }, focused)?.dueAt, T + 1000);
  });
});
