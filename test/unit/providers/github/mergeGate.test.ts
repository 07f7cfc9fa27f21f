/**
 * The GitHub merge gate against the fake GitHub: the open pull request of a branch, required checks
 * from rulesets and branch protection (403 there: unknown, not an error), check runs and statuses of
 * the head commit, and the ETag path: a second read answered by 304s returns the same object, unchanged.
 */
import assert from 'node:assert/strict';
import { summarizeGate } from '../../../../src/core/gate/mergeReadiness';
import { mergeStateOf } from '../../../../src/providers/github/mergeGate';
import { SAMPLE_REPO, SAMPLE_SHA } from '../../../fakes/github/sample';
import type { FakeGitHubData } from '../../../fakes/github/state';
import { startHarness, type Harness } from './harness';

/** octo/hello: PR #12 from feature/gate into main; lint (failing, sample data) and build (running) required; a passing status. */
function seedGate(data: FakeGitHubData): void {
  data.refs = [{ repo: SAMPLE_REPO, branches: ['main', 'feature/gate'], tags: [] }];
  data.pullRequests = [
    { repo: SAMPLE_REPO, number: 12, title: 'Add the gate', state: 'open', head: 'feature/gate', headSha: SAMPLE_SHA, base: 'main', draft: false, mergeableState: 'blocked', author: 'octocat', createdAt: '2024-05-01T12:00:00Z', updatedAt: '2024-05-01T12:00:00Z' },
    { repo: SAMPLE_REPO, number: 9, title: 'Old', state: 'closed', head: 'feature/old', headSha: SAMPLE_SHA, base: 'main', draft: false, mergeableState: 'clean', author: 'octocat', createdAt: '2024-04-01T12:00:00Z', updatedAt: '2024-04-01T12:00:00Z' },
  ];
  data.branchRules = [{ repo: SAMPLE_REPO, branch: 'main', rulesetChecks: ['lint'], protectionChecks: ['build', 'ci/deploy-preview'] }];
  data.checkRuns.push({ id: 402, repo: SAMPLE_REPO, headSha: SAMPLE_SHA, name: 'build', status: 'in_progress', conclusion: null, startedAt: '2024-05-01T12:00:00Z', completedAt: null, title: null, summary: null, annotations: [] });
  data.commitStatuses = [{ repo: SAMPLE_REPO, sha: SAMPLE_SHA, context: 'coverage', state: 'success', description: '91%', targetUrl: null }];
}

describe('github merge gate (fake GitHub)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    seedGate(h.server.state.data);
  });
  afterEach(async () => {
    await h.close();
  });

  it('reads the open pull request of the branch with its required checks from rules and protection', async () => {
    const { value, changed } = await h.provider.getMergeReadiness(h.repo, 'feature/gate');
    assert.equal(changed, true);
    assert.ok(value);
    assert.equal(value.reference, '#12');
    assert.equal(value.targetBranch, 'main');
    assert.equal(value.requiredKnown, true);
    assert.equal(value.rawMergeStatus, 'blocked');
    assert.deepEqual(value.checks.map((check) => [check.name, check.state, check.required, check.missing === true]), [
      ['lint', 'failing', true, false],
      ['build', 'pending', true, false],
      ['coverage', 'passing', false, false],
      ['ci/deploy-preview', 'pending', true, true],
    ]);
    assert.deepEqual(summarizeGate(value), { verdict: 'blocked', scope: 'required', total: 3, passing: 0, pending: 2, failing: 1 });
  });

  it('answers undefined when the branch has no open pull request (a closed one does not count)', async () => {
    assert.deepEqual(await h.provider.getMergeReadiness(h.repo, 'feature/old'), { value: undefined, changed: true });
    assert.deepEqual(await h.provider.getMergeReadiness(h.repo, 'feature/old'), { value: undefined, changed: false });
  });

  it('second read: every answer a 304, the same object back unchanged, no rate limit spent', async () => {
    const first = await h.provider.getMergeReadiness(h.repo, 'feature/gate');
    h.server.stats.reset();
    const second = await h.provider.getMergeReadiness(h.repo, 'feature/gate');
    assert.equal(second.changed, false);
    assert.equal(second.value, first.value, 'not mapped again');
    assert.ok(h.server.stats.requests >= 6, `requests: ${h.server.stats.requests}`);
    assert.equal(h.server.stats.notModified, h.server.stats.requests);
    assert.equal(h.server.stats.counted, 0);
  });

  it('follows a check turning green: changed, and ready once every required check passes', async () => {
    await h.provider.getMergeReadiness(h.repo, 'feature/gate');
    const data = h.server.state.data;
    for (const check of data.checkRuns) {
      Object.assign(check, { status: 'completed', conclusion: 'success' });
    }
    data.commitStatuses?.push({ repo: SAMPLE_REPO, sha: SAMPLE_SHA, context: 'ci/deploy-preview', state: 'success', description: null, targetUrl: null });
    Object.assign(data.pullRequests?.[0] ?? {}, { mergeableState: 'clean' });
    const { value, changed } = await h.provider.getMergeReadiness(h.repo, 'feature/gate');
    assert.equal(changed, true);
    assert.ok(value);
    assert.deepEqual(summarizeGate(value), { verdict: 'ready', scope: 'required', total: 3, passing: 3, pending: 0, failing: 0 });
  });

  it('403 on the rules and the branch: required checks unknown, every check counted, no error', async () => {
    Object.assign(h.server.state.data.branchRules?.[0] ?? {}, { forbidden: true });
    const { value } = await h.provider.getMergeReadiness(h.repo, 'feature/gate');
    assert.ok(value);
    assert.equal(value.requiredKnown, false);
    assert.ok(value.checks.every((check) => !check.required));
    assert.deepEqual(summarizeGate(value), { verdict: 'blocked', scope: 'all', total: 3, passing: 1, pending: 1, failing: 1 });
    const forbidden = h.server.stats.requestLog.filter((request) => request.status === 403).map((request) => request.path.split('?')[0]);
    assert.deepEqual(forbidden.sort(), [`/repos/${SAMPLE_REPO}/branches/main`, `/repos/${SAMPLE_REPO}/rules/branches/main`]);
  });

  it('an unprotected base branch without rules: no required checks, every check counted', async () => {
    h.server.state.data.branchRules = [];
    const { value } = await h.provider.getMergeReadiness(h.repo, 'feature/gate');
    assert.ok(value);
    assert.equal(value.requiredKnown, true);
    assert.equal(summarizeGate(value).scope, 'all');
  });

  it('maps mergeable_state onto the merge state', () => {
    assert.deepEqual(['clean', 'unstable', 'has_hooks', 'blocked', 'behind', 'dirty', 'draft', 'unknown', 'new-one'].map(mergeStateOf), ['clean', 'clean', 'clean', 'blocked', 'blocked', 'blocked', 'blocked', 'pending', 'unknown']);
  });
});
