import * as assert from 'node:assert/strict';
import { durationMs, formatDuration, formatRelative } from '../../../src/core/time';

const NOW = Date.parse('2024-03-10T12:00:00Z');

describe('time formatting', () => {
  describe('formatDuration', () => {
    it('formats seconds, minutes and hours', () => {
      assert.equal(formatDuration(12_400), '12s');
      assert.equal(formatDuration(0), '0s');
      assert.equal(formatDuration(65_000), '1m 05s');
      assert.equal(formatDuration(59 * 60_000 + 59_999), '59m 59s');
      assert.equal(formatDuration(2 * 3_600_000 + 3 * 60_000 + 30_000), '2h 3m');
      assert.equal(formatDuration(-5), '0s');
    });
  });

  describe('formatRelative', () => {
    it('describes how long ago a time was', () => {
      assert.equal(formatRelative('2024-03-10T11:59:30Z', NOW), 'just now');
      assert.equal(formatRelative('2024-03-10T12:00:30Z', NOW), 'just now');
      assert.equal(formatRelative('2024-03-10T11:55:00Z', NOW), '5 min ago');
      assert.equal(formatRelative('2024-03-10T09:00:00Z', NOW), '3 h ago');
      assert.equal(formatRelative('2024-03-09T11:00:00Z', NOW), '1 day ago');
      assert.equal(formatRelative('2024-03-08T11:00:00Z', NOW), '2 days ago');
    });

    it('returns unparsable input unchanged', () => {
      assert.equal(formatRelative('not a date', NOW), 'not a date');
    });
  });

  describe('durationMs', () => {
    it('measures a completed job from start to completion', () => {
      assert.equal(durationMs({ state: 'success', startedAt: '2024-03-10T11:00:00Z', completedAt: '2024-03-10T11:01:05Z' }, NOW), 65_000);
    });

    it('measures a running item up to now', () => {
      assert.equal(durationMs({ state: 'running', startedAt: '2024-03-10T11:58:00Z', updatedAt: '2024-03-10T11:59:00Z' }, NOW), 120_000);
    });

    it('ends a completed run without completedAt at updatedAt', () => {
      assert.equal(durationMs({ state: 'failure', createdAt: '2024-03-10T11:00:00Z', updatedAt: '2024-03-10T11:00:12Z' }, NOW), 12_000);
    });

    it('is undefined while queued or without timestamps', () => {
      assert.equal(durationMs({ state: 'queued', createdAt: '2024-03-10T11:00:00Z' }, NOW), undefined);
      assert.equal(durationMs({ state: 'success' }, NOW), undefined);
    });
  });
});
