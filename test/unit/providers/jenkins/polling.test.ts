/**
 * Requests of a Jenkins server with 20 jobs in one folder over a simulated hour
 * (test/bench/jenkinsRequests.ts, also printed by npm run bench): one tree= request per poll for
 * every job, the job itself re-read once a minute, the queue never asked while nothing waits.
 */
import assert from 'node:assert/strict';
import { formatJenkinsRequests, runJenkinsRequestScenario } from '../../../bench/jenkinsRequests';

describe('jenkins polling over a simulated hour (a folder of 20 jobs)', function () {
  this.timeout(120_000);

  it('asks one small request per poll for all 20 jobs, idle or with builds running', async () => {
    const idle = await runJenkinsRequestScenario(0);
    const active = await runJenkinsRequestScenario(2);
    console.log(formatJenkinsRequests(idle), formatJenkinsRequests(active));
    for (const figures of [idle, active]) {
      assert.equal(figures.failedPolls, 0);
      assert.deepEqual(Object.keys(figures.byRoute), ['GET /jenkins/job/{j0}/api/json'], 'only the folder is asked: no request per job, no queue read');
      assert.ok(figures.total < figures.naive / 8, `${figures.total} requests is not much better than a naive poller (${figures.naive})`);
    }
    assert.ok(idle.total <= active.total, `idle ${idle.total} > active ${active.total}`);
  });
});
