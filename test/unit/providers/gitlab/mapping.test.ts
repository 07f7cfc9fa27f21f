import { listedPipelines } from '../../../../src/providers/gitlab/runs';
import { UnexpectedResponseError } from '../../../../src/providers/http';
import assert from 'node:assert/strict';
import { mapBridge, mapGitLabState, mapJob, mapRun } from '../../../../src/providers/gitlab/mapping';
import { mapTestReport } from '../../../../src/providers/gitlab/test-report';
import { sampleData } from '../../../fakes/gitlab/fixtures';

describe('gitlab mapping', () => {
  const expected: Record<string, string> = {
    created: 'queued',
    waiting_for_resource: 'queued',
    preparing: 'queued',
    pending: 'queued',
    scheduled: 'queued',
    running: 'running',
    success: 'success',
    failed: 'failure',
    canceled: 'cancelled',
    canceling: 'cancelled',
    skipped: 'skipped',
    manual: 'action_required',
  };
  for (const [status, state] of Object.entries(expected)) {
    it(`maps pipeline and job status ${status} -> ${state}`, () => {
      assert.equal(mapGitLabState(status), state);
      assert.equal(mapRun({ id: 1, status }, 'ci').state, state);
      assert.equal(mapJob({ id: 1, status }, '1').state, state);
    });
  }

  it('maps unknown statuses to neutral', () => {
    assert.equal(mapGitLabState('brand_new'), 'neutral');
    assert.equal(mapGitLabState(undefined), 'neutral');
  });

  it('maps a pipeline to a run', () => {
    const run = mapRun(
      { id: 9, iid: 3, status: 'failed', source: 'push', ref: 'main', sha: 'abc', name: 'Nightly\nmore', user: { username: 'alice' }, created_at: 'c', updated_at: 'u', web_url: 'w' },
      '.gitlab-ci.yml',
    );
    assert.deepEqual(
      { id: run.id, number: run.number, title: run.title, branch: run.branch, headSha: run.headSha, event: run.event, actor: run.actor, rawStatus: run.rawStatus, pipelineId: run.pipelineId },
      { id: '9', number: 3, title: 'Nightly', branch: 'main', headSha: 'abc', event: 'push', actor: 'alice', rawStatus: 'failed', pipelineId: 'gitlab-ci' },
    );
  });

  it('titles a nameless pipeline by commit title, else source and ref', () => {
    assert.equal(mapRun({ id: 1, source: 'web', ref: 'dev', commit: { title: 'Fix it' } }, 'x').title, 'Fix it');
    assert.equal(mapRun({ id: 1, source: 'web', ref: 'dev', name: null }, 'x').title, 'web on dev');
  });

  it('maps jobs with stage, allow_failure and manual', () => {
    const job = mapJob({ id: 5, name: 'lint', stage: 'test', status: 'failed', allow_failure: true, web_url: 'w' }, '100');
    assert.equal(job.stage, 'test');
    assert.equal(job.allowFailure, true);
    assert.equal(job.manual, false);
    assert.deepEqual(job.steps, []);
    assert.equal(mapJob({ id: 6, status: 'manual' }, '100').manual, true);
  });

  it('maps bridges with their downstream pipeline', () => {
    const bridge = mapBridge({ id: 7, name: 'trigger', status: 'running', downstream_pipeline: { id: 200, status: 'running', web_url: 'https://gl.example.com/group/deploy/-/pipelines/200' } }, '100');
    assert.deepEqual(bridge.downstream, { runId: '200', repoSlug: 'group/deploy', webUrl: 'https://gl.example.com/group/deploy/-/pipelines/200', rawStatus: 'running' });
    assert.equal(mapBridge({ id: 8, status: 'created', downstream_pipeline: null }, '100').downstream, undefined);
  });

  it('maps a test report with failures and errors', () => {
    const report = mapTestReport(sampleData().testReports?.['100']);
    assert.ok(report);
    assert.deepEqual({ total: report.total, passed: report.passed, failed: report.failed, errored: report.errored, skipped: report.skipped }, { total: 3, passed: 1, failed: 1, errored: 1, skipped: 0 });
    assert.deepEqual(report.suites, [{ name: 'unit', total: 3, failed: 2 }]);
    assert.deepEqual(report.failures[0], { suite: 'unit', name: 'divides', className: 'MathTest', file: './spec/math_spec.rb', message: 'expected 2, got 3', trace: 'at math_spec.rb:12' });
    assert.equal(report.failures[1]?.name, 'boots');
    assert.equal(report.failures.length, 2);
  });

  it('returns undefined for an empty test report', () => {
    assert.equal(mapTestReport({ total_count: 0, test_suites: [] }), undefined);
  });

  it('drops malformed pipelines of a REST list and keeps the good ones; a list of no pipeline is a shape error', () => {
    const good = { id: 5, iid: 2, status: 'success', ref: 'main', sha: 'a'.repeat(40), source: 'push' };
    const runs = listedPipelines([good, { id: 'x' }, null, { id: 6 }], 'GitLab pipelines of g/p', 'Pipeline');
    assert.deepEqual(runs.map((r) => [r.id, r.number, r.rawStatus]), [['5', 2, 'success']]);
    assert.deepEqual(listedPipelines([], 'GitLab pipelines of g/p', 'Pipeline'), []);
    assert.throws(() => listedPipelines([{ message: 'login' }], 'GitLab pipelines of g/p', 'Pipeline'), (e: unknown) => e instanceof UnexpectedResponseError && /no item of the list is a pipeline/.test(e.message));
  });

  it('calls a wrong-shaped test report a shape error, not an empty report (issue 13)', () => {
    for (const body of [{ unexpected: 'shape' }, [], 'ok', { total_count: '3', test_suites: [] }, { total_count: 3, test_suites: {} }]) {
      assert.throws(() => mapTestReport(body), (e: unknown) => e instanceof UnexpectedResponseError && /Unexpected answer for GitLab test report/.test(e.message), JSON.stringify(body));
    }
  });

  it('skips malformed suites and cases of a good test report without losing the good ones', () => {
    const report = mapTestReport({ total_count: 2, failed_count: 1, test_suites: [null, 'x', { name: 'unit', total_count: 2, failed_count: 1, test_cases: [7, { name: 'adds', status: 'failed' }] }] });
    assert.deepEqual(report?.suites, [{ name: 'unit', total: 2, failed: 1 }]);
    assert.deepEqual(report?.failures.map((f) => f.name), ['adds']);
  });
});
