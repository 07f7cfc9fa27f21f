import assert from 'node:assert/strict';
import type { Run } from '../../../../src/core/model';
import { SeenPipelines } from '../../../../src/providers/gitlab/seenPipelines';

describe('gitlab SeenPipelines', () => {
  const run = (id: number, status: string, updatedAt: string, branch = 'main'): Run => ({
    id: String(id), pipelineId: 'gitlab-ci', pipelineName: '.gitlab-ci.yml', number: id, attempt: 1, title: `#${id}`, branch, headSha: '', event: 'push',
    state: 'success', rawStatus: status, createdAt: updatedAt, updatedAt, webUrl: '',
  });
  const page = (items: Run[], hasMore: boolean, branch?: string) => ({ items, hasMore, branch });

  it('does not trust a page when a pipeline that belongs on it was recorded after its request started', () => {
    const seen = new SeenPipelines();
    const listed = page([run(11, 'success', '2024-01-01T00:02:00Z'), run(10, 'success', '2024-01-01T00:01:00Z')], true);
    const since = seen.generation;
    // A concurrent probe saw pipeline 12, which the (older) list answer does not have.
    seen.record([run(12, 'success', '2024-01-01T00:03:00Z')]);
    seen.record(listed.items);
    assert.equal(seen.agrees(listed, since), false);
    assert.equal(seen.agrees(page([run(12, 'success', '2024-01-01T00:03:00Z'), ...listed.items], true), since), true);
  });

  it('keeps the newer version when an older answer arrives, and ignores changes off the page', () => {
    const seen = new SeenPipelines();
    const branchPage = page([run(11, 'success', '2024-01-01T00:02:00Z'), run(10, 'success', '2024-01-01T00:01:00Z')], true, 'main');
    seen.record(branchPage.items);
    const since = seen.generation;
    // Another ref, and an old pipeline of the branch below the page: neither belongs on it.
    seen.record([run(20, 'failed', '2024-01-01T00:05:00Z', 'feature/x'), run(3, 'failed', '2024-01-01T00:06:00Z')]);
    assert.equal(seen.agrees(branchPage, since), true);
    assert.equal(seen.newestUpdate(), Date.parse('2024-01-01T00:06:00Z'));
    seen.record([run(11, 'failed', '2024-01-01T00:07:00Z')]);
    seen.record([run(11, 'success', '2024-01-01T00:02:00Z')]);
    assert.equal(seen.agrees(branchPage, since), false);
  });
});
