import assert from 'node:assert/strict';
import { summarizeGate, withMissingRequired, type GateCheck, type MergeReadiness } from '../../../../src/core/gate/mergeReadiness';
import { GATE_REFRESH_MS, gateRead } from '../../../../src/core/gate/gatePolicy';
import { applyBranch, applyFull, emptySnapshot } from '../../../../src/core/sync/applyPoll';
import type { FullPollData } from '../../../../src/core/sync/fetchRepo';

const check = (name: string, state: GateCheck['state'], required: boolean): GateCheck => ({ name, state, required });

function gate(patch: Partial<MergeReadiness> = {}): MergeReadiness {
  return {
    reference: '#12', number: 12, title: 'T', webUrl: 'https://example.test/pull/12', sourceBranch: 'feature', targetBranch: 'main', headSha: 'abc', noun: 'pull request',
    requiredKnown: true, checks: [], mergeState: 'clean', ...patch,
  };
}

describe('merge gate summary', () => {
  it('counts required checks only when the rules are known and name some; worst state wins', () => {
    const checks = [check('build', 'passing', true), check('test', 'pending', true), check('lint', 'failing', false)];
    assert.deepEqual(summarizeGate(gate({ checks })), { verdict: 'pending', scope: 'required', total: 2, passing: 1, pending: 1, failing: 0 });
    assert.deepEqual(summarizeGate(gate({ checks, requiredKnown: false })), { verdict: 'blocked', scope: 'all', total: 3, passing: 1, pending: 1, failing: 1 });
    assert.equal(summarizeGate(gate({ checks: [check('a', 'failing', true), check('b', 'pending', true)] })).verdict, 'blocked');
  });

  it('with every deciding check green: approvals left or the merge state block, a merge state being computed waits', () => {
    const checks = [check('build', 'passing', true)];
    assert.equal(summarizeGate(gate({ checks })).verdict, 'ready');
    assert.deepEqual(summarizeGate(gate({ checks, approvals: { given: 0, required: 1, left: 1 } })), { verdict: 'blocked', scope: 'required', total: 1, passing: 1, pending: 0, failing: 0, blockedBy: 'approvals' });
    assert.equal(summarizeGate(gate({ checks, mergeState: 'blocked' })).blockedBy, 'mergeState');
    assert.equal(summarizeGate(gate({ checks, mergeState: 'pending' })).verdict, 'pending');
    assert.equal(summarizeGate(gate({ checks: [] })).verdict, 'ready');
  });

  it('adds required contexts nobody reported as pending, once each', () => {
    const out = withMissingRequired([check('build', 'passing', true)], ['build', 'deploy', 'deploy']);
    assert.deepEqual(out.map((c) => [c.name, c.state, c.missing === true]), [['build', 'passing', false], ['deploy', 'pending', true]]);
  });
});

describe('merge gate in the snapshot', () => {
  const repo = { provider: 'github', host: 'https://api.example.test', slug: 'o/r' };
  const page = { value: { items: [], hasMore: false }, changed: false };
  const data = (value: MergeReadiness | undefined, changed = true): FullPollData => ({ recent: page, branch: { branch: 'feature', runs: page }, gate: { value, changed } });

  it('keeps the same snapshot when the gate (and everything else) is unchanged, takes a new gate, drops it on a branch switch', () => {
    const first = applyFull(emptySnapshot(repo, 'feature'), data(gate()), 1);
    assert.equal(first.mergeGate?.reference, '#12');
    assert.equal(applyFull(first, data(gate(), false), 2), first);
    assert.equal(applyFull(first, data(gate()), 2), first, 'equal by value: no new snapshot');
    const next = applyFull(first, data(gate({ checks: [check('build', 'failing', true)] })), 3);
    assert.notEqual(next, first);
    assert.equal(next.mergeGate?.checks.length, 1);
    const closed = applyFull(next, data(undefined), 4);
    assert.equal(closed.mergeGate, undefined);
    assert.equal(applyBranch(next, 'other').mergeGate, undefined);
  });
});

describe('merge gate read policy', () => {
  const base = { enabled: true, forced: false, lastReadAt: 1_000, now: 1_000 + GATE_REFRESH_MS - 1, last: gate({ checks: [check('build', 'passing', true)] }) };

  it('reads at once the first time, after a manual refresh, once the last read is old, and while the last answer was pending', () => {
    assert.equal(gateRead({ ...base, lastReadAt: undefined }), 'now');
    assert.equal(gateRead({ ...base, forced: true }), 'now');
    assert.equal(gateRead({ ...base, now: 1_000 + GATE_REFRESH_MS }), 'now');
    assert.equal(gateRead({ ...base, last: gate({ checks: [check('build', 'pending', true)] }) }), 'now');
  });

  it('otherwise only when the branch runs changed; never when switched off', () => {
    assert.equal(gateRead(base), 'ifBranchChanged');
    assert.equal(gateRead({ ...base, last: undefined }), 'ifBranchChanged');
    assert.equal(gateRead({ ...base, enabled: false, forced: true }), 'off');
  });
});
