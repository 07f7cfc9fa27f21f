import * as assert from 'node:assert/strict';
import { validateInsightsMessage } from '../../../src/shared/insightsValidate';
import { dispatchInsightsMessage } from '../../../src/webview/insightsMessages';

describe('insights panel messages', () => {
  it('accepts only the allowlisted messages with valid fields', () => {
    assert.deepEqual(validateInsightsMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(validateInsightsMessage({ type: 'refresh', extra: 1 }), { type: 'refresh' });
    assert.deepEqual(validateInsightsMessage({ type: 'openRun', runId: '123' }), { type: 'openRun', runId: '123' });
    for (const bad of [null, [], 'ready', { type: 'runCommand', command: 'flowforge.rerunRun' }, { type: 'openRun' }, { type: 'openRun', runId: '' }, { type: 'openRun', runId: '../x' }, { type: 'openRun', runId: 'a'.repeat(201) }, { type: 'openRun', runId: 5 }]) {
      assert.equal(validateInsightsMessage(bad), undefined, JSON.stringify(bad));
    }
  });

  it('dispatches valid messages and reports the rejected ones', () => {
    const seen: string[] = [];
    const effects = { ready: () => seen.push('ready'), openRun: (id: string) => seen.push(`open ${id}`), refresh: () => seen.push('refresh'), rejected: (reason: string) => seen.push(`rejected: ${reason}`) };
    dispatchInsightsMessage({ type: 'ready' }, effects);
    dispatchInsightsMessage({ type: 'openRun', runId: '7' }, effects);
    dispatchInsightsMessage({ type: 'refresh' }, effects);
    dispatchInsightsMessage({ type: 'openExternal', url: 'https://evil' }, effects);
    assert.deepEqual(seen, ['ready', 'open 7', 'refresh', 'rejected: malformed message from the insights panel']);
  });
});
