import assert from 'node:assert/strict';
import { IDS } from '../../../fakes/azure/fixtures';
import { startHarness, type Harness } from './harness';

describe('azure job logs', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const logReads = (): string[] => h.server.stats.requests.filter((r) => r.route.endsWith('/logs/{logId}')).map((r) => r.path);

  it('reads a finished job its own log in one request', async () => {
    const chunk = await h.provider.getJobLog(h.repo, `102.${IDS.testJob}`, 0);
    assert.match(chunk.text, /AssertionError: expected 0\.2 to equal 0\.25/);
    assert.equal(chunk.complete, true);
    assert.equal(chunk.nextOffset, Buffer.byteLength(chunk.text));
    assert.equal(logReads().length, 1);
  });

  it('tails a running job: only the new lines of the task still running, by startLine', async () => {
    const jobId = `103.${IDS.compileJob}`;
    const first = await h.provider.getJobLog(h.repo, jobId, 0);
    assert.equal(first.complete, false);
    assert.match(first.text, /Syncing repository[\s\S]*compiling 1 of 3\n$/);
    const build = h.server.state.mustBuild(103);
    const task = build.records.find((r) => r.id === IDS.compileTask);
    assert.ok(task);
    h.server.state.appendLog(build, task, ['compiling 2 of 3', 'compiling 3 of 3']);
    h.server.stats.reset();
    const second = await h.provider.getJobLog(h.repo, jobId, first.nextOffset);
    assert.equal(second.text, 'compiling 2 of 3\ncompiling 3 of 3\n');
    assert.equal(second.nextOffset, first.nextOffset + Buffer.byteLength(second.text));
    // The finished checkout task is not asked again; the running one from line 3 on.
    assert.equal(logReads().length, 1);
    assert.match(logReads()[0] ?? '', /startLine=3\b/);
    const timeline = h.server.stats.requests.find((r) => r.route.endsWith('/timeline/{timelineId}'));
    assert.match(timeline?.path ?? '', /changeId=\d+/);
    const third = await h.provider.getJobLog(h.repo, jobId, second.nextOffset);
    assert.equal(third.text, '');
  });

  it('says complete once the job finished, and reads an offset it did not hand out by skipping those bytes', async () => {
    const jobId = `103.${IDS.compileJob}`;
    const first = await h.provider.getJobLog(h.repo, jobId, 0);
    const fresh = await startHarness();
    try {
      const again = await fresh.provider.getJobLog(fresh.repo, jobId, 10);
      assert.equal(again.text, first.text.slice(10));
      assert.equal(again.nextOffset, first.nextOffset);
    } finally {
      await fresh.close();
    }
    const build = h.server.state.mustBuild(103);
    for (const record of build.records.filter((r) => r.type === 'Task' || r.type === 'Job')) h.server.state.touch(h.server.state.mustBuild(103), record, { state: 'completed', result: 'succeeded' });
    const last = await h.provider.getJobLog(h.repo, jobId, first.nextOffset);
    assert.equal(last.complete, true);
  });

  it('answers NotFoundError for a job the timeline does not have', async () => {
    await assert.rejects(h.provider.getJobLog(h.repo, '102.00000000-0000-4000-8000-000000000000', 0), { kind: 'not_found' });
  });
});
