/** Listings every provider serves against its fake: repository, pipelines, runs (per branch, per pipeline, paged), jobs, steps, a log, token checks. */
import assert from 'node:assert/strict';
import { AuthError } from '../../../../src/core/errors';
import { RUN_STATES, isActive } from '../../../../src/core/model';
import { caseIt, type CaseContext } from './context';

const sorted = (ids: Iterable<string>): string[] => [...ids].sort();

export function readCases(c: CaseContext): void {
  caseIt(c, 'gets the repository', async () => {
    const { value } = await c.provider.getRepository(c.fake.repo);
    assert.deepEqual(value.ref, c.fake.repo);
    assert.match(value.webUrl, /^https?:\/\//);
  });

  caseIt(c, 'lists every pipeline of the repository', async () => {
    const { value } = await c.provider.listPipelines(c.fake.repo);
    assert.deepEqual(sorted(value.map((p) => p.id)), sorted(c.fake.seed.pipelineIds));
    for (const pipeline of value) {
      assert.ok(pipeline.name !== '', `pipeline ${pipeline.id} has a name`);
    }
  });

  caseIt(c, 'lists runs with known states, newest first', async () => {
    const { value } = await c.provider.listRuns(c.fake.repo, { perPage: 100 });
    assert.equal(value.items.length, c.fake.seed.runCount);
    for (const run of value.items) {
      assert.ok(RUN_STATES.includes(run.state), `run ${run.id} state ${run.state}`);
      assert.ok(!Number.isNaN(Date.parse(run.createdAt)), `run ${run.id} createdAt ${run.createdAt}`);
    }
    const created = value.items.map((run) => Date.parse(run.createdAt));
    assert.deepEqual(created, [...created].sort((a, b) => b - a));
  });

  caseIt(c, 'lists the runs of one branch only', async () => {
    const { name, runIds, otherRunId } = c.fake.seed.branch;
    const { value } = await c.provider.listRuns(c.fake.repo, { branch: name, perPage: 100 });
    assert.deepEqual(sorted(value.items.map((run) => run.id)), sorted(runIds));
    assert.ok(value.items.every((run) => run.branch === name));
    assert.ok(!value.items.some((run) => run.id === otherRunId));
  });

  caseIt(c, 'lists the runs of one pipeline only', async () => {
    const { pipelineId, runIds, otherRunId } = c.fake.seed.pipelineRuns;
    const { value } = await c.provider.listRuns(c.fake.repo, { pipelineId, perPage: 100 });
    assert.deepEqual(sorted(value.items.map((run) => run.id)), sorted(runIds));
    assert.ok(value.items.every((run) => run.pipelineId === pipelineId));
    assert.ok(otherRunId === undefined || !value.items.some((run) => run.id === otherRunId));
  });

  caseIt(c, 'pages runs: page 2 continues page 1', async () => {
    const first = (await c.provider.listRuns(c.fake.repo, { perPage: 1, page: 1 })).value;
    const second = (await c.provider.listRuns(c.fake.repo, { perPage: 1, page: 2 })).value;
    assert.equal(first.items.length, 1);
    assert.equal(second.items.length, 1);
    assert.equal(first.hasMore, true);
    assert.notEqual(first.items[0]?.id, second.items[0]?.id);
  });

  caseIt(c, 'shows a running run as active', async () => {
    const { value } = await c.provider.listRuns(c.fake.repo, { perPage: 100 });
    const run = value.items.find((item) => item.id === c.fake.seed.runningRun.id);
    assert.ok(run, 'the running run is listed');
    assert.ok(isActive(run.state), `state ${run.state}`);
    assert.equal(run.completedAt, undefined);
  });

  caseIt(c, 'lists the jobs of a finished run, with their steps', async () => {
    const { id, state, jobs } = c.fake.seed.finishedRun;
    const { value: runs } = await c.provider.listRuns(c.fake.repo, { perPage: 100 });
    assert.equal(runs.items.find((run) => run.id === id)?.state, state);
    const { value } = await c.provider.listJobs(c.fake.repo, id);
    assert.deepEqual(sorted(value.map((job) => job.id)), sorted(jobs.map((job) => job.id)));
    for (const seeded of jobs) {
      const job = value.find((item) => item.id === seeded.id);
      assert.equal(job?.name, seeded.name);
      assert.equal(job.runId, id);
      assert.ok(RUN_STATES.includes(job.state));
      if (c.fake.seed.hasSteps) {
        assert.deepEqual(job.steps.map((step) => step.name), seeded.steps ?? []);
      } else {
        assert.deepEqual(job.steps, []);
      }
    }
  });

  caseIt(c, 'reads a job log as text', async () => {
    const chunk = await c.provider.getJobLog?.(c.fake.repo, c.fake.seed.log.jobId, 0);
    assert.ok(chunk, 'getJobLog is implemented');
    assert.ok(chunk.text.includes(c.fake.seed.log.contains), JSON.stringify(chunk.text.slice(0, 200)));
    assert.ok(chunk.nextOffset >= Buffer.byteLength(chunk.text), 'nextOffset counts the bytes read');
  });

  caseIt(c, 'says a repeated identical listing did not change', async () => {
    const first = await c.provider.listRuns(c.fake.repo, { perPage: 100 });
    const second = await c.provider.listRuns(c.fake.repo, { perPage: 100 });
    assert.equal(first.changed, true);
    assert.equal(second.changed, false);
    assert.deepEqual(second.value, first.value);
  });

  caseIt(c, 'checks a token: the login for a good one, AuthError without the token for a bad one', async () => {
    const check = await c.provider.checkToken(c.fake.token);
    assert.equal(check.login, c.fake.login);
    const bad = `${c.fake.token.slice(0, 8)}wrongwrongwrongwrong`;
    await assert.rejects(c.provider.checkToken(bad), (error: unknown) => error instanceof AuthError && !error.message.includes(bad));
  });
}
