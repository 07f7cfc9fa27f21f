import assert from 'node:assert/strict';
import { checksSummary } from '../../../src/shared/checksSummary';
import type { CheckView } from '../../../src/shared/protocol';

function check(state: CheckView['state'], annotations: number): CheckView {
  const annotation = { path: 'a.ts', startLine: 1, endLine: 1, level: 'failure' as const, message: 'm' };
  return { id: String(Math.random()), name: 'c', state, rawStatus: state, annotations: Array.from({ length: annotations }, () => annotation) };
}

describe('checks summary', () => {
  it('counts failed checks, annotations and failing tests', () => {
    const report = { total: 10, passed: 8, failed: 1, skipped: 0, errored: 1, failures: [] };
    assert.equal(checksSummary([check('failure', 2), check('failure', 0), check('success', 1)], report), '2 failed checks, 3 annotations, 2 failing tests');
    assert.equal(checksSummary([check('failure', 1)], undefined), '1 failed check, 1 annotation');
  });

  it('says all passed when there are checks without findings, and nothing when there are none', () => {
    assert.equal(checksSummary([check('success', 0)], undefined), 'All checks passed');
    assert.equal(checksSummary([], undefined), undefined);
  });
});
