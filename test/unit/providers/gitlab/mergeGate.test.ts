/**
 * The GitLab merge gate against the fake GitLab: the MR list filtered by source branch, the MR's
 * head pipeline and approvals, read again only when the MR's updated_at moved (or its pipeline was
 * still running), so an idle branch costs the list request alone.
 */
import assert from 'node:assert/strict';
import { summarizeGate } from '../../../../src/core/gate/mergeReadiness';
import { gitlabMergeState } from '../../../../src/providers/gitlab/mergeGate';
import type { FakeMergeRequest } from '../../../fakes/gitlab/state';
import { startHarness, type Harness } from './harness';

const LIST = 'GET /projects/:id/merge_requests';
const SINGLE = 'GET /projects/:id/merge_requests/:merge_request_iid';
const APPROVALS = 'GET /projects/:id/merge_requests/:merge_request_iid/approvals';

describe('gitlab merge gate (fake GitLab)', () => {
  let h: Harness;
  let mr: FakeMergeRequest;
  beforeEach(async () => {
    h = await startHarness();
    mr = {
      id: 7007, iid: 7, project_id: 42, title: 'Add the gate', state: 'opened', source_branch: 'feature/gate', target_branch: 'main', sha: 'f'.repeat(40),
      head_pipeline_id: 100, detailed_merge_status: 'not_approved', approvals_required: 2, approved_by: ['alice'], author: 'alice', draft: false,
      created_at: '2024-01-01T00:00:00Z', updated_at: '2024-01-01T00:00:00Z',
    };
    h.server.state.mergeRequests.set(mr.id, mr);
    h.server.state.mergeRequests.set(7001, { ...mr, id: 7001, iid: 1, state: 'merged', source_branch: 'feature/old' });
    h.server.state.setPipelineStatus(100, 'success');
  });
  afterEach(async () => {
    await h.close();
  });

  const counts = () => [h.server.stats.count(LIST), h.server.stats.count(SINGLE), h.server.stats.count(APPROVALS)];

  it('reads the open MR of the branch: head pipeline, approvals and detailed_merge_status', async () => {
    const { value, changed } = await h.provider.getMergeReadiness(h.repo, 'feature/gate');
    assert.equal(changed, true);
    assert.ok(value);
    assert.equal(value.reference, '!7');
    assert.equal(value.webUrl, `${h.server.url}/group/sub/project/-/merge_requests/7`);
    assert.deepEqual(value.checks.map((check) => [check.name, check.state, check.required]), [['Pipeline #1', 'passing', true]]);
    assert.deepEqual(value.approvals, { given: 1, required: 2, left: 1 });
    assert.equal(value.rawMergeStatus, 'not_approved');
    assert.deepEqual(summarizeGate(value), { verdict: 'blocked', scope: 'required', total: 1, passing: 1, pending: 0, failing: 0, blockedBy: 'approvals' });
    const list = h.server.stats.last(LIST);
    assert.match(list?.path ?? '', /source_branch=feature%2Fgate/);
    assert.match(list?.path ?? '', /state=opened/);
  });

  it('an idle MR costs the list alone: no MR or approvals request, unchanged', async () => {
    await h.provider.getMergeReadiness(h.repo, 'feature/gate');
    assert.deepEqual(counts(), [1, 1, 1]);
    const again = await h.provider.getMergeReadiness(h.repo, 'feature/gate');
    assert.equal(again.changed, false);
    assert.deepEqual(counts(), [2, 1, 1]);
  });

  it('re-reads the MR while its pipeline runs, and the approvals only once updated_at moved', async () => {
    h.server.state.setPipelineStatus(100, 'running');
    const running = await h.provider.getMergeReadiness(h.repo, 'feature/gate');
    assert.equal(running.value?.checks[0]?.state, 'pending');
    h.server.state.setPipelineStatus(100, 'success');
    const passed = await h.provider.getMergeReadiness(h.repo, 'feature/gate');
    assert.equal(passed.changed, true);
    assert.equal(passed.value?.checks[0]?.state, 'passing');
    assert.deepEqual(counts(), [2, 2, 1]);
    mr.approved_by.push('bob');
    mr.detailed_merge_status = 'mergeable';
    mr.updated_at = '2024-01-02T00:00:00Z';
    const approved = await h.provider.getMergeReadiness(h.repo, 'feature/gate');
    assert.deepEqual(counts(), [3, 3, 2]);
    assert.ok(approved.value);
    assert.equal(summarizeGate(approved.value).verdict, 'ready');
  });

  it('no open MR for the branch (a merged one does not count): undefined', async () => {
    assert.deepEqual(await h.provider.getMergeReadiness(h.repo, 'feature/old'), { value: undefined, changed: true });
    assert.deepEqual(await h.provider.getMergeReadiness(h.repo, 'feature/none'), { value: undefined, changed: true });
    assert.deepEqual(counts(), [2, 0, 0]);
  });

  it('maps detailed_merge_status onto the merge state', () => {
    assert.deepEqual(['mergeable', 'ci_still_running', 'checking', 'not_approved', 'conflict', 'draft_status', undefined].map(gitlabMergeState), ['clean', 'pending', 'pending', 'blocked', 'blocked', 'blocked', 'unknown']);
  });
});
