/** A small, deterministic sample instance: subgroups, every status, jobs, a bridge, traces, a test report, blocked deployments. */
import type { FakeGitLabData, FakePipeline, FakeStatus } from './state';

export const TOKENS = { api: 'glpat-api-token', readApi: 'glpat-read-token', oauth: 'oauth-api-token' } as const;

export const ALL_STATUSES: readonly FakeStatus[] = [
  'created', 'waiting_for_resource', 'preparing', 'pending', 'scheduled', 'running',
  'success', 'failed', 'canceled', 'canceling', 'skipped', 'manual',
];

function pipeline(id: number, iid: number, projectId: number, status: FakeStatus, ref: string, name?: string): FakePipeline {
  const at = new Date(Date.UTC(2024, 0, 1, 0, id % 60)).toISOString();
  return { id, iid, project_id: projectId, status, ref, sha: id.toString(16).padStart(40, '0'), source: 'push', name, username: 'alice', created_at: at, updated_at: at };
}

export function sampleData(): FakeGitLabData {
  const statusPipelines = ALL_STATUSES.map((status, i) => pipeline(101 + i, 2 + i, 42, status, i % 2 === 0 ? 'main' : 'feature/x'));
  return {
    users: [{ id: 7, username: 'alice', name: 'Alice' }],
    tokens: [
      { token: TOKENS.api, username: 'alice', scopes: ['api'] },
      { token: TOKENS.readApi, username: 'alice', scopes: ['read_api'] },
      { token: TOKENS.oauth, username: 'alice', scopes: ['api'], personal: false },
    ],
    projects: [
      { id: 42, path_with_namespace: 'group/sub/project', default_branch: 'main', ci_config_path: null },
      { id: 43, path_with_namespace: 'group/deploy', default_branch: 'main', ci_config_path: 'ci/pipeline.yml' },
    ],
    pipelines: [pipeline(100, 1, 42, 'failed', 'main', 'Nightly build'), ...statusPipelines, pipeline(200, 1, 43, 'running', 'main')],
    jobs: [
      { id: 500, pipeline_id: 100, name: 'build', stage: 'build', status: 'success', created_at: '2024-01-01T00:00:00Z', started_at: '2024-01-01T00:00:01Z', finished_at: '2024-01-01T00:01:00Z' },
      { id: 501, pipeline_id: 100, name: 'test', stage: 'test', status: 'failed', allow_failure: false, created_at: '2024-01-01T00:00:00Z' },
      { id: 502, pipeline_id: 100, name: 'lint', stage: 'test', status: 'failed', allow_failure: true, created_at: '2024-01-01T00:00:00Z' },
      { id: 504, pipeline_id: 100, name: 'deploy', stage: 'deploy', status: 'manual', when: 'manual', created_at: '2024-01-01T00:00:00Z' },
      { id: 510, pipeline_id: 106, name: 'long', stage: 'test', status: 'running', created_at: '2024-01-01T00:00:00Z' },
      // Pipeline 112 ('manual') waits for deployment approvals of these two jobs.
      { id: 520, pipeline_id: 112, name: 'deploy-production', stage: 'deploy', status: 'manual', created_at: '2024-01-01T00:00:00Z' },
      { id: 521, pipeline_id: 112, name: 'deploy-billing-db', stage: 'deploy', status: 'manual', created_at: '2024-01-01T00:00:00Z' },
    ],
    deployments: [
      { id: 900, iid: 1, project_id: 42, job_id: 520, environment: 'production', status: 'blocked', username: 'alice', created_at: '2024-01-01T00:00:00Z', updated_at: '2024-01-01T00:00:00Z', rules: ['Maintainers', 'qa-group'] },
      { id: 901, iid: 2, project_id: 42, job_id: 521, environment: 'billing-db', status: 'blocked', username: 'alice', created_at: '2024-01-01T00:00:00Z', updated_at: '2024-01-01T00:00:00Z', approvers: ['dba'] },
      { id: 902, iid: 3, project_id: 42, job_id: 504, environment: 'review', status: 'blocked', username: 'alice', created_at: '2024-01-01T00:00:00Z', updated_at: '2024-01-01T00:00:00Z' },
      { id: 903, iid: 4, project_id: 42, job_id: 500, environment: 'staging', status: 'success', username: 'alice', created_at: '2024-01-01T00:00:00Z', updated_at: '2024-01-01T00:00:00Z' },
    ],
    bridges: [
      { id: 503, pipeline_id: 100, name: 'trigger-deploy', stage: 'deploy', status: 'running', created_at: '2024-01-01T00:00:00Z', downstream_pipeline_id: 200 },
    ],
    traces: { '501': 'Running tests\n1 failed\n', '510': 'step 1\n' },
    testReports: {
      '100': {
        total_time: 3.5, total_count: 3, success_count: 1, failed_count: 1, skipped_count: 0, error_count: 1,
        test_suites: [
          {
            name: 'unit', total_time: 3.5, total_count: 3, success_count: 1, failed_count: 1, skipped_count: 0, error_count: 1, suite_error: null,
            test_cases: [
              { status: 'success', name: 'adds', classname: 'MathTest', file: null, execution_time: 0.1, system_output: null, stack_trace: null, recent_failures: null },
              { status: 'failed', name: 'divides', classname: 'MathTest', file: './spec/math_spec.rb', execution_time: 0.2, system_output: 'expected 2, got 3', stack_trace: 'at math_spec.rb:12', recent_failures: { count: 2, base_branch: 'main' } },
              { status: 'error', name: 'boots', classname: 'AppTest', file: 'spec/app_spec.rb', execution_time: 0, system_output: 'NameError', stack_trace: null, recent_failures: null },
            ],
          },
        ],
      },
    },
  };
}
