import assert from 'node:assert/strict';
import type { RunState } from '../../../../src/core/model';
import { toAnnotation, toJob, toRun, type ApiRun } from '../../../../src/providers/github/mapping';
import { rawStatusOf, toRunState } from '../../../../src/providers/github/states';

const baseRun: ApiRun = {
  id: 1,
  name: 'CI',
  workflow_id: 7,
  run_number: 3,
  run_attempt: 2,
  display_title: 'Fix the build',
  head_commit: { message: 'Commit subject\n\nbody' },
  head_branch: 'main',
  head_sha: 'abc',
  event: 'push',
  actor: { login: 'alice' },
  triggering_actor: { login: 'bob' },
  status: 'completed',
  conclusion: 'success',
  created_at: '2024-01-01T00:00:00Z',
  run_started_at: '2024-01-01T00:00:01Z',
  updated_at: '2024-01-01T00:05:00Z',
  html_url: 'https://github.com/o/r/actions/runs/1',
};

describe('github mapping', () => {
  const cases: [string, string | null, RunState][] = [
    ['queued', null, 'queued'],
    ['waiting', null, 'queued'],
    ['requested', null, 'queued'],
    ['pending', null, 'queued'],
    ['in_progress', null, 'running'],
    ['action_required', null, 'action_required'],
    ['completed', 'success', 'success'],
    ['completed', 'failure', 'failure'],
    ['completed', 'cancelled', 'cancelled'],
    ['completed', 'skipped', 'skipped'],
    ['completed', 'neutral', 'neutral'],
    ['completed', 'action_required', 'action_required'],
    ['completed', 'timed_out', 'failure'],
    ['completed', 'startup_failure', 'failure'],
    ['completed', 'stale', 'neutral'],
    ['completed', null, 'neutral'],
  ];
  for (const [status, conclusion, expected] of cases) {
    it(`maps status ${status} with conclusion ${String(conclusion)} to ${expected}`, () => {
      assert.equal(toRunState(status, conclusion), expected);
    });
  }

  it('keeps the provider wording: conclusion once completed, status before', () => {
    assert.equal(rawStatusOf('completed', 'timed_out'), 'timed_out');
    assert.equal(rawStatusOf('in_progress', null), 'in_progress');
  });

  it('maps a run with display title, triggering actor, attempt and completion time', () => {
    const run = toRun(baseRun);
    assert.deepEqual(
      { id: run.id, pipelineId: run.pipelineId, title: run.title, actor: run.actor, attempt: run.attempt, completedAt: run.completedAt, state: run.state },
      { id: '1', pipelineId: '7', title: 'Fix the build', actor: 'bob', attempt: 2, completedAt: '2024-01-01T00:05:00Z', state: 'success' },
    );
  });

  it('falls back to the first line of the head commit message and to the actor', () => {
    const run = toRun({ ...baseRun, display_title: '', triggering_actor: null, status: 'in_progress', conclusion: null });
    assert.equal(run.title, 'Commit subject');
    assert.equal(run.actor, 'alice');
    assert.equal(run.completedAt, undefined);
    assert.equal(run.state, 'running');
  });

  it('maps a job with its steps', () => {
    const job = toJob({
      id: 5n,
      run_id: 1,
      name: 'build',
      status: 'completed',
      conclusion: 'failure',
      started_at: 'a',
      completed_at: null,
      html_url: null,
      steps: [{ number: 1, name: 'checkout', status: 'completed', conclusion: 'skipped', started_at: null }],
    });
    assert.equal(job.id, '5');
    assert.equal(job.webUrl, undefined);
    assert.deepEqual(job.steps.map((step) => [step.name, step.state]), [['checkout', 'skipped']]);
  });

  it('maps annotation levels and null columns', () => {
    const annotation = toAnnotation({ path: 'a.ts', start_line: 1, end_line: 2, start_column: null, end_column: null, annotation_level: 'bogus', title: null, message: 'm', raw_details: null });
    assert.equal(annotation.level, 'notice');
    assert.equal(annotation.startColumn, undefined);
  });
});
