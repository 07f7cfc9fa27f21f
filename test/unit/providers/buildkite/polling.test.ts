/**
 * Requests of 20 Buildkite pipelines over a simulated hour (test/bench/buildkiteRequests.ts, also
 * printed by npm run bench), checked against Buildkite's documented limit of 200 requests per
 * minute per organization and FlowForge's own default share.
 */
import assert from 'node:assert/strict';
import { DEFAULT_REQUESTS_PER_MINUTE } from '../../../../src/providers/buildkite/provider';
import { formatBuildkiteRequests, runBuildkiteRequestScenario } from '../../../bench/buildkiteRequests';

describe('buildkite polling over a simulated hour (20 pipelines)', function () {
  this.timeout(120_000);

  it('stays far below 200 requests per minute per organization', async () => {
    const figures = await runBuildkiteRequestScenario();
    console.log(formatBuildkiteRequests(figures));
    assert.equal(figures.failedPolls, 0);
    assert.ok(figures.busiestMinute <= 200, `busiest minute ${figures.busiestMinute} > 200`);
    assert.ok(figures.total < figures.naive / 2, `${figures.total} requests is not much better than a naive poller (${figures.naive})`);
    assert.ok(DEFAULT_REQUESTS_PER_MINUTE <= 200);
  });
});
