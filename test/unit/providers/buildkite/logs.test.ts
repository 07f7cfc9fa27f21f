import assert from 'node:assert/strict';
import { completeUtf8Length } from '../../../../src/providers/http';
import { LOG } from '../../../fakes/buildkite/fixtures';
import { startHarness, type Harness } from './harness';

const LOG_ROUTE = 'GET /v2/organizations/{org}/jobs/{job}/log';
const HEAD_ROUTE = 'HEAD /v2/organizations/{org}/jobs/{job}/log';

describe('buildkite job logs (fake server)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it('reads a finished job log whole as text/plain, complete', async () => {
    const chunk = await h.provider.getJobLog(h.repo, 'job-test', 0);
    assert.equal(chunk.text, LOG);
    assert.equal(chunk.nextOffset, Buffer.byteLength(LOG));
    assert.equal(chunk.complete, true);
    assert.equal(h.server.stats.last(LOG_ROUTE)?.headers.accept, 'text/plain');
  });

  it('tails a running job: size first, then only the new bytes; never complete while it runs', async () => {
    const first = await h.provider.getJobLog(h.repo, 'job-build', 0);
    assert.equal(first.complete, false);
    const job = h.server.state.job('acme', 'job-build')!.job;
    const unchanged = await h.provider.getJobLog(h.repo, 'job-build', first.nextOffset);
    assert.deepEqual(unchanged, { text: '', nextOffset: first.nextOffset, complete: false });
    assert.equal(h.server.stats.count(LOG_ROUTE), 1, 'an unchanged log costs a HEAD, not a download');
    job.log = `${job.log ?? ''}step 2 ✓\nstep 3\n`;
    const next = await h.provider.getJobLog(h.repo, 'job-build', first.nextOffset);
    assert.equal(next.text, 'step 2 ✓\nstep 3\n');
    assert.equal(h.server.stats.last(LOG_ROUTE)?.headers.range, `bytes=-${Buffer.byteLength('step 2 ✓\nstep 3\n')}`);
    assert.equal(h.server.stats.count(HEAD_ROUTE), 2);
    job.state = 'passed';
    const done = await h.provider.getJobLog(h.repo, 'job-build', next.nextOffset);
    assert.deepEqual(done, { text: '', nextOffset: next.nextOffset, complete: true });
  });

  it('keeps a multi-byte character whole at the end of a chunk', () => {
    const bytes = Buffer.from('ok é', 'utf8');
    assert.equal(completeUtf8Length(bytes), bytes.length);
    assert.equal(completeUtf8Length(bytes.subarray(0, bytes.length - 1)), 3);
    assert.equal(completeUtf8Length(Buffer.from('€', 'utf8').subarray(0, 2)), 0);
  });

  it('an expired log is GoneError, an unknown job NotFoundError', async () => {
    h.server.inject({ kind: 'status', status: 410, route: LOG_ROUTE });
    await assert.rejects(h.provider.getJobLog(h.repo, 'job-test', 0), { name: 'GoneError' });
    await assert.rejects(h.provider.getJobLog(h.repo, 'no-such-job', 0), { name: 'NotFoundError' });
  });
});
