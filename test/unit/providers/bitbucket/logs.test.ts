import assert from 'node:assert/strict';
import { jobIdOf } from '../../../../src/providers/bitbucket/urls';
import { FAILED_LOG, IDS, RUNNING_LOG } from '../../../fakes/bitbucket/fixtures';
import { startHarness, type Harness } from './harness';

describe('bitbucket step logs', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const logRequests = (): { range: string | undefined; path: string }[] => h.server.stats.requests.filter((r) => r.path.endsWith('/log')).map((r) => ({ range: r.headers.range, path: r.path }));
  const runningStep = (): NonNullable<ReturnType<Harness['server']['state']['pipeline']>>['steps'][number] => {
    const step = h.server.state.pipeline('acme', 'web', IDS.running)?.steps[0];
    assert.ok(step);
    return step;
  };

  it('reads a finished step\'s whole log without a range', async () => {
    const chunk = await h.provider.getJobLog(h.repo, jobIdOf(IDS.failed, IDS.failedTest), 0);
    assert.equal(chunk.text, FAILED_LOG);
    assert.equal(chunk.complete, true);
    assert.equal(chunk.nextOffset, Buffer.byteLength(FAILED_LOG));
    assert.deepEqual(logRequests().map((r) => r.range), [undefined]);
  });

  it('tails a running step by byte range: 206 with only the new bytes, then 416 when nothing was added', async () => {
    const jobId = jobIdOf(IDS.running, IDS.runningBuild);
    const first = await h.provider.getJobLog(h.repo, jobId, 0);
    assert.equal(first.text, RUNNING_LOG);
    assert.equal(first.complete, false);
    runningStep().log = `${RUNNING_LOG}+ npm test\n`;
    const second = await h.provider.getJobLog(h.repo, jobId, first.nextOffset);
    assert.equal(second.text, '+ npm test\n');
    assert.equal(second.nextOffset, Buffer.byteLength(`${RUNNING_LOG}+ npm test\n`));
    const third = await h.provider.getJobLog(h.repo, jobId, second.nextOffset);
    assert.deepEqual(third, { text: '', nextOffset: second.nextOffset, complete: false });
    assert.deepEqual(logRequests().map((r) => r.range), [undefined, `bytes=${first.nextOffset}-`, `bytes=${second.nextOffset}-`]);
  });

  it('slices locally when the server ignores Range and answers 200 with the whole log', async () => {
    h.server.state.ignoreRange = true;
    const jobId = jobIdOf(IDS.running, IDS.runningBuild);
    const first = await h.provider.getJobLog(h.repo, jobId, 0);
    runningStep().log = `${RUNNING_LOG}more\n`;
    const second = await h.provider.getJobLog(h.repo, jobId, first.nextOffset);
    assert.equal(second.text, 'more\n');
  });

  it('holds back a character cut in half while the step runs, and gives it whole next time', async () => {
    const jobId = jobIdOf(IDS.running, IDS.runningBuild);
    const first = await h.provider.getJobLog(h.repo, jobId, 0);
    const head = Buffer.from(`${RUNNING_LOG}cost 5 `, 'utf8');
    const euro = Buffer.from('€\n', 'utf8');
    runningStep().log = Buffer.concat([head, euro.subarray(0, 1)]);
    const second = await h.provider.getJobLog(h.repo, jobId, first.nextOffset);
    assert.equal(second.text, 'cost 5 ');
    assert.equal(second.nextOffset, head.length);
    runningStep().log = Buffer.concat([head, euro]);
    const third = await h.provider.getJobLog(h.repo, jobId, second.nextOffset);
    assert.equal(third.text, '€\n');
  });

  it('gives an empty, unfinished log for a step that has not started (404)', async () => {
    const chunk = await h.provider.getJobLog(h.repo, jobIdOf(IDS.running, IDS.runningTest), 0);
    assert.deepEqual(chunk, { text: '', nextOffset: 0, complete: false });
  });

  it('refuses a job id that names no pipeline step', async () => {
    await assert.rejects(h.provider.getJobLog(h.repo, 'not-a-step', 0), { kind: 'not_found' });
  });
});
