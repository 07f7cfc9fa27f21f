/** A small, realistic dataset: one repository with two workflows, runs in every phase, jobs, logs, checks. */
import type { FakeGitHubData, FakeJob, FakeRun } from './state';

export const SAMPLE_TOKEN = 'ghp_fakeClassicToken0000000000000000000';
export const SAMPLE_FINE_GRAINED_TOKEN = 'github_pat_fakeFineGrained000000000000';
export const SAMPLE_READONLY_TOKEN = 'ghp_fakeReadOnlyToken000000000000000000';
export const SAMPLE_REPO = 'octo/hello';
export const SAMPLE_SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

function run(id: number, runNumber: number, patch: Partial<FakeRun>): FakeRun {
  const at = new Date(Date.UTC(2024, 4, 1, 12, runNumber)).toISOString().replace('.000', '');
  return {
    id,
    repo: SAMPLE_REPO,
    workflowId: 11,
    runNumber,
    runAttempt: 1,
    event: 'push',
    status: 'completed',
    conclusion: 'success',
    headBranch: 'main',
    headSha: SAMPLE_SHA,
    displayTitle: `Commit number ${runNumber}`,
    commitMessage: `Commit number ${runNumber}\n\nLonger body.`,
    actor: 'octocat',
    createdAt: at,
    updatedAt: at,
    runStartedAt: at,
    ...patch,
  };
}

function job(id: number, runId: number, name: string, patch: Partial<FakeJob>): FakeJob {
  return {
    id,
    runId,
    name,
    runAttempt: 1,
    status: 'completed',
    conclusion: 'success',
    createdAt: '2024-05-01T12:00:00Z',
    startedAt: '2024-05-01T12:00:05Z',
    completedAt: '2024-05-01T12:01:00Z',
    steps: [
      { number: 1, name: 'Set up job', status: 'completed', conclusion: 'success', startedAt: '2024-05-01T12:00:05Z', completedAt: '2024-05-01T12:00:06Z' },
      { number: 2, name: 'Run tests', status: 'completed', conclusion: 'success', startedAt: '2024-05-01T12:00:06Z', completedAt: '2024-05-01T12:01:00Z' },
    ],
    log: `2024-05-01T12:00:05Z ${name} starting\n2024-05-01T12:01:00Z ${name} done\n`,
    ...patch,
  };
}

export function sampleData(): FakeGitHubData {
  return {
    users: [
      { login: 'octocat', id: 1, token: SAMPLE_TOKEN, scopes: ['repo', 'workflow', 'read:org'] },
      { login: 'finegrained', id: 2, token: SAMPLE_FINE_GRAINED_TOKEN },
      { login: 'reader', id: 3, token: SAMPLE_READONLY_TOKEN, scopes: ['public_repo'] },
    ],
    repos: [{ id: 100, slug: SAMPLE_REPO, defaultBranch: 'main', private: false }],
    workflows: [
      { id: 11, repo: SAMPLE_REPO, name: 'CI', path: '.github/workflows/ci.yml', state: 'active' },
      { id: 12, repo: SAMPLE_REPO, name: 'Deploy', path: '.github/workflows/deploy.yml', state: 'active' },
    ],
    runs: [
      run(201, 1, {}),
      run(202, 2, { conclusion: 'failure', headBranch: 'feature/x' }),
      run(203, 3, { status: 'in_progress', conclusion: null, triggeringActor: 'hubot' }),
      run(204, 4, { status: 'queued', conclusion: null, workflowId: 12, event: 'workflow_dispatch' }),
    ],
    jobs: [
      job(301, 201, 'build', {}),
      job(302, 202, 'build', {}),
      job(303, 202, 'test', { conclusion: 'failure', log: 'npm test\nError: expected 1 to equal 2\n' }),
      job(304, 203, 'build', { status: 'in_progress', conclusion: null, completedAt: null }),
      job(305, 204, 'deploy', { status: 'queued', conclusion: null, startedAt: null, completedAt: null, steps: [], log: null }),
    ],
    checkRuns: [
      {
        id: 401,
        repo: SAMPLE_REPO,
        headSha: SAMPLE_SHA,
        name: 'lint',
        status: 'completed',
        conclusion: 'failure',
        startedAt: '2024-05-01T12:00:00Z',
        completedAt: '2024-05-01T12:00:30Z',
        title: '2 problems',
        summary: 'ESLint found 2 problems',
        annotations: [
          { path: 'src/a.ts', startLine: 3, endLine: 3, startColumn: 5, endColumn: 9, level: 'failure', title: 'no-unused-vars', message: "'x' is unused", rawDetails: null },
          { path: 'src/b.ts', startLine: 10, endLine: 12, startColumn: null, endColumn: null, level: 'warning', title: null, message: 'Prefer const', rawDetails: 'details' },
        ],
      },
    ],
  };
}
