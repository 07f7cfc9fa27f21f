import assert from 'node:assert/strict';
import { mapBuild, mapJob, mapJobs } from '../../../../src/providers/buildkite/mapping';
import { mapBuildState, mapJobState } from '../../../../src/providers/buildkite/states';
import { buildOfUrl, normalizeBuildkiteUrl, parseBuildkiteSlug } from '../../../../src/providers/buildkite/urls';
import { repositoryKey } from '../../../../src/providers/remoteUrl';

describe('buildkite mapping', () => {
  it('maps every documented build state', () => {
    const expected: Record<string, string> = {
      creating: 'queued', scheduled: 'queued', running: 'running', failing: 'running', passed: 'success', failed: 'failure', blocked: 'action_required',
      canceling: 'cancelled', canceled: 'cancelled', skipped: 'skipped', not_run: 'skipped', waiting: 'queued', waiting_failed: 'failure', weird: 'neutral',
    };
    for (const [state, runState] of Object.entries(expected)) assert.equal(mapBuildState(state, false), runState, state);
    // The REST state of a blocked build stays as it was, with blocked: true.
    assert.equal(mapBuildState('passed', true), 'action_required');
    assert.equal(mapBuildState('running', true), 'action_required');
    assert.equal(mapBuildState('failed', true), 'failure');
  });

  it('maps job states, soft failures as neutral', () => {
    assert.equal(mapJobState('blocked', false), 'action_required');
    assert.equal(mapJobState('unblocked', false), 'success');
    assert.equal(mapJobState('timed_out', false), 'failure');
    assert.equal(mapJobState('assigned', false), 'queued');
    assert.equal(mapJobState('broken', false), 'skipped');
    assert.equal(mapJobState('failed', true), 'neutral');
    assert.equal(mapJobState('passed', true), 'success');
  });

  it('maps a build: number as id, first message line, creator, source, times', () => {
    const run = mapBuild({ number: 42, state: 'passed', blocked: true, message: 'Fix it\n\nbody', commit: 'abc', branch: 'main', source: 'webhook', creator: { name: 'Keith Pitt' }, created_at: '2026-01-01T00:00:00Z', started_at: '2026-01-01T00:01:00Z', finished_at: '2026-01-01T00:02:00Z', web_url: 'https://buildkite.com/o/p/builds/42' }, 'Web');
    assert.deepEqual(run, {
      id: '42', pipelineId: 'builds', pipelineName: 'Web', number: 42, attempt: 1, title: 'Fix it', branch: 'main', headSha: 'abc', event: 'webhook', actor: 'Keith Pitt',
      state: 'action_required', rawStatus: 'passed (blocked)', createdAt: '2026-01-01T00:00:00Z', startedAt: '2026-01-01T00:01:00Z', updatedAt: '2026-01-01T00:02:00Z', completedAt: '2026-01-01T00:02:00Z', webUrl: 'https://buildkite.com/o/p/builds/42',
    });
    assert.equal(mapBuild({ number: 1, state: 'scheduled', source: 'api', branch: 'dev', author: { name: 'A. Author' } }, 'Web').title, 'api on dev');
    assert.equal(mapBuild({ number: 1, author: { name: 'A. Author' } }, 'Web').actor, 'A. Author');
  });

  it('maps jobs: groups as stages, waiters dropped, block steps manual, triggers downstream, retried attempts hidden', () => {
    const jobs = mapJobs({
      jobs: [
        { id: 'a', type: 'script', name: 'Lint', group_key: 'checks', state: 'passed', started_at: 's', finished_at: 'f', web_url: 'w' },
        { id: 'old', type: 'script', name: 'Test', state: 'failed', retried: true, retried_in_job_id: 'new' },
        { id: 'new', type: 'script', name: 'Test', state: 'running' },
        { id: 'w', type: 'waiter', state: 'passed' },
        { id: 'b', type: 'manual', label: 'Release?', step_key: 'gate', state: 'blocked', unblockable: true },
        { id: 't', type: 'trigger', name: 'Deploy', state: 'passed', triggered_build: { id: 'x', number: 15, url: 'https://api.buildkite.com/v2/organizations/acme/pipelines/deploy/builds/15', web_url: 'https://buildkite.com/acme/deploy/builds/15' } },
        { id: 's', type: 'script', name: 'Flaky', state: 'failed', soft_failed: true },
      ],
    }, '7');
    assert.deepEqual(jobs.map((j) => [j.id, j.name, j.state, j.stage]), [['a', 'Lint', 'success', 'checks'], ['new', 'Test', 'running', undefined], ['b', 'Release?', 'action_required', undefined], ['t', 'Deploy', 'success', undefined], ['s', 'Flaky', 'neutral', undefined]]);
    assert.equal(jobs[2]?.manual, true);
    assert.equal(jobs[2]?.unblockable, true);
    assert.equal(jobs[2]?.stepKey, 'gate');
    assert.deepEqual(jobs[3]?.downstream, { runId: '15', repoSlug: 'acme/deploy', webUrl: 'https://buildkite.com/acme/deploy/builds/15' });
    assert.equal(jobs[4]?.allowFailure, true);
    assert.equal(jobs[4]?.rawStatus, 'failed (soft fail)');
    assert.equal(mapJob({ id: 't', type: 'trigger', state: 'waiting', triggered_build: null }, '1')?.downstream, undefined);
  });

  it('parses URLs, slugs and repository keys', () => {
    assert.equal(normalizeBuildkiteUrl('https://api.buildkite.com/v2/'), 'https://api.buildkite.com');
    assert.throws(() => normalizeBuildkiteUrl('ftp://x'), /http or https/);
    assert.throws(() => normalizeBuildkiteUrl('https://u:p@x'), /credentials/);
    assert.deepEqual(parseBuildkiteSlug(' acme/web ', 'https://api.buildkite.com'), { provider: 'buildkite', host: 'https://api.buildkite.com', slug: 'acme/web' });
    assert.throws(() => parseBuildkiteSlug('acme', 'h'), /organization\/pipeline/);
    assert.throws(() => parseBuildkiteSlug('a/b/c', 'h'), /organization\/pipeline/);
    assert.deepEqual(buildOfUrl('https://buildkite.com/acme/deploy/builds/15'), { slug: 'acme/deploy', number: '15' });
    assert.equal(repositoryKey('git@github.com:Acme/Web.git'), repositoryKey('https://github.com/acme/web'));
    assert.notEqual(repositoryKey('git@github.com:acme/web.git'), repositoryKey('git@gitlab.com:acme/web.git'));
  });
});
