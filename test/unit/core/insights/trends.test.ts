import * as assert from 'node:assert/strict';
import { AlertMemory } from '../../../../src/core/insights/alertMemory';
import { evaluateTrends, type TrendSettings } from '../../../../src/core/insights/trends';
import type { Run } from '../../../../src/core/model';
import { makeRun } from '../../../support/coreFixtures';

const T0 = Date.UTC(2024, 0, 1);
const iso = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();
const SETTINGS: TrendSettings = { window: 4, successRateBelow: 0.8, durationRegression: 0.25 };

/** Runs oldest first from a pattern: 's' success, 'f' failure, with durations in seconds. */
function history(pattern: string, durations: readonly number[], firstId = 1): Run[] {
  return [...pattern].map((c, i) =>
    makeRun(firstId + i, { state: c === 's' ? 'success' : c === 'f' ? 'failure' : 'cancelled', createdAt: iso((firstId + i) * 1000), startedAt: iso((firstId + i) * 1000), updatedAt: iso((firstId + i) * 1000 + (durations[i] ?? 60)) }),
  );
}

describe('insights: trend alerts', () => {
  it('alerts when the success rate of the last window of decided runs is below the threshold', () => {
    const alerts = evaluateTrends(history('sssssfsf', new Array(8).fill(60)), SETTINGS);
    assert.equal(alerts.length, 1);
    const [alert] = alerts;
    assert.equal(alert?.kind, 'successRate');
    assert.ok(alert?.kind === 'successRate' && alert.rate === 0.5);
    assert.deepEqual(alert?.window, ['8', '7', '6', '5']);
  });

  it('cancelled runs do not count in the window; no alert at or above the threshold, or before a window is full', () => {
    assert.deepEqual(evaluateTrends(history('sssscccc', new Array(8).fill(60)), SETTINGS), []);
    assert.deepEqual(evaluateTrends(history('ffs', [60, 60, 60]), SETTINGS), [], 'three decided runs do not fill a window of 4');
    assert.deepEqual(evaluateTrends(history('fssssss', new Array(7).fill(60)), { ...SETTINGS, successRateBelow: 1 }), []);
  });

  it('alerts when the median duration of the last window regressed by more than the set percentage against the previous window', () => {
    const alerts = evaluateTrends(history('ssssssss', [60, 60, 60, 60, 80, 80, 80, 80]), SETTINGS);
    assert.equal(alerts.length, 1);
    const [alert] = alerts;
    assert.ok(alert?.kind === 'duration');
    assert.equal(alert.previousMs, 60_000);
    assert.equal(alert.currentMs, 80_000);
    assert.ok(Math.abs(alert.change - 1 / 3) < 1e-9);
    assert.deepEqual(evaluateTrends(history('ssssssss', [60, 60, 60, 60, 74, 74, 74, 74]), SETTINGS), [], '23% is within 25%');
    assert.deepEqual(evaluateTrends(history('sssssss', [60, 60, 60, 90, 90, 90, 90]), SETTINGS), [], 'seven timed runs do not fill two windows');
  });
});

describe('insights: alerts said once per workflow and window', () => {
  const alertFor = (ids: string[]) => ({ kind: 'successRate' as const, rate: 0.5, threshold: 0.8, window: ids });

  it('claims an alert once; an overlapping window (a new run, the same trouble) is not said again', () => {
    const memory = new AlertMemory();
    assert.equal(memory.claim('repo#ci', alertFor(['8', '7', '6', '5'])), true);
    assert.equal(memory.claim('repo#ci', alertFor(['8', '7', '6', '5'])), false);
    assert.equal(memory.claim('repo#ci', alertFor(['9', '8', '7', '6'])), false);
    assert.equal(memory.claim('repo#deploy', alertFor(['8', '7', '6', '5'])), true, 'another workflow');
    assert.equal(memory.claim('repo#ci', { kind: 'duration', currentMs: 2, previousMs: 1, change: 1, window: ['8', '7', '6', '5'] }), true, 'another kind');
    assert.equal(memory.claim('repo#ci', alertFor(['12', '11', '10', '9'])), true, 'a fresh window');
  });

  it('survives a round trip through its JSON (kept across sessions) and ignores malformed state', () => {
    const memory = new AlertMemory();
    memory.claim('repo#ci', alertFor(['2', '1']));
    const restored = new AlertMemory(JSON.parse(JSON.stringify(memory.toJSON())));
    assert.equal(restored.claim('repo#ci', alertFor(['3', '2'])), false);
    assert.equal(new AlertMemory({ 'repo#ci|successRate': 'nope' }).claim('repo#ci', alertFor(['2'])), true);
    assert.equal(new AlertMemory(null).claim('repo#ci', alertFor(['2'])), true);
  });
});
