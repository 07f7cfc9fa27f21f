import { strict as assert } from 'node:assert';
import type { LogChunk } from '../../../src/core/ci/operations';
import type { LogSource } from '../../../src/webview/logSource';
import { JobLogCache, JobLogs, MAX_CACHED_CHARS, type LogJob } from '../../../src/webview/jobLogs';
import { firstJobToShow } from '../../../src/shared/firstJob';

/** A log source whose job logs grow by hand; records every request. */
class FakeSource implements LogSource {
  readonly requests: { jobId: string; offset: number }[] = [];
  readonly logs = new Map<string, { text: string; complete: boolean }>();

  getJobs(): Promise<never> {
    return Promise.reject(new Error('not used'));
  }
  getChecks(): Promise<never> {
    return Promise.reject(new Error('not used'));
  }
  getJobLog(_repoKey: string, jobId: string, offset: number): Promise<LogChunk> {
    this.requests.push({ jobId, offset });
    const log = this.logs.get(jobId);
    if (log === undefined) return Promise.reject(new Error(`no log for ${jobId}`));
    return Promise.resolve({ text: log.text.slice(offset), nextOffset: log.text.length, complete: log.complete });
  }
}

describe('run panel job logs: the cache of the last logs read', () => {
  it('keeps a finished job log for the next panel of the run (reopening shows it without a request)', async () => {
    const source = new FakeSource();
    source.logs.set('7', { text: 'done\n', complete: true });
    const cache = new JobLogCache();
    const job = (id: string): LogJob => ({ id, startedAt: '2024-01-01T00:00:00Z', active: false });
    await new JobLogs(source, 'gh:o/r', cache, job).whole('7');
    const reopened = new JobLogs(source, 'gh:o/r', cache, job);
    assert.deepEqual(reopened.cached('7'), { text: 'done\n', nextOffset: 5, complete: true });
    assert.equal(source.requests.length, 1, 'no request for a cached, finished log');
    // Another repository, or the same job id started again (a re-run), is not that log.
    assert.equal(new JobLogs(source, 'gh:o/other', cache, job).cached('7'), undefined);
    assert.equal(new JobLogs(source, 'gh:o/r', cache, (id) => ({ id, startedAt: '2024-01-02T00:00:00Z' })).cached('7'), undefined);
  });

  it("reads a growing log on from its cached end, and never trusts an active job's log as complete", async () => {
    const source = new FakeSource();
    // GitHub calls every log it serves complete, even a running job's.
    source.logs.set('9', { text: 'one\n', complete: true });
    let active = true;
    const cache = new JobLogCache();
    const logs = new JobLogs(source, 'gl:g/p', cache, (id) => ({ id, active }));
    await logs.whole('9');
    assert.equal(logs.cached('9')?.complete, false);
    source.logs.set('9', { text: 'one\ntwo\n', complete: true });
    active = false;
    const tail = await logs.after('9', logs.cached('9')?.nextOffset ?? -1);
    assert.equal(tail.text, 'two\n');
    assert.deepEqual(source.requests.at(-1), { jobId: '9', offset: 4 });
    assert.deepEqual(logs.cached('9'), { text: 'one\ntwo\n', nextOffset: 8, complete: true });
  });

  it('keeps no log beyond its size limit and forgets the oldest logs first', async () => {
    const source = new FakeSource();
    const cache = new JobLogCache();
    const logs = new JobLogs(source, 'gh:o/r', cache, (id) => ({ id, active: false }));
    source.logs.set('big', { text: 'x'.repeat(MAX_CACHED_CHARS + 1), complete: true });
    await logs.whole('big');
    assert.equal(logs.cached('big'), undefined);
    for (let i = 0; i < 10; i++) {
      source.logs.set(`j${i}`, { text: `${i}\n`, complete: true });
      await logs.whole(`j${i}`);
    }
    assert.equal(logs.cached('j0'), undefined);
    assert.equal(logs.cached('j9')?.text, '9\n');
  });

  it('shows the asked-for job first, else the first failed job, else the first', () => {
    const jobs = [
      { id: 'a', state: 'success' as const },
      { id: 'b', state: 'failure' as const },
      { id: 'c', state: 'failure' as const },
    ];
    assert.equal(firstJobToShow(jobs, 'c')?.id, 'c');
    assert.equal(firstJobToShow(jobs, 'gone')?.id, 'b');
    assert.equal(firstJobToShow(jobs)?.id, 'b');
    assert.equal(firstJobToShow(jobs.slice(0, 1))?.id, 'a');
    assert.equal(firstJobToShow([]), undefined);
  });
});
