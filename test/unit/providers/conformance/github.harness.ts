/** The fake GitHub (test/fakes/github) for the conformance suite, with the sample data and the action seeds. */
import { githubDescriptor, GitHubProvider } from '../../../../src/providers/github';
import type { CiProvider } from '../../../../src/core/ci/provider';
import { nullLogger } from '../../../../src/core/ports';
import { SAMPLE_REPO, SAMPLE_TOKEN, sampleData } from '../../../fakes/github/sample';
import { startFakeGitHub } from '../../../fakes/github/server';
import { FAST_TUNING, seedActionData } from '../github/harness';
import { faultReply, type ConformanceHarness, type Seed } from './harness';

const TIMEOUT_MS = 400;

/** Fault-matrix cells GitHub fails today (issue 13 items 4 and 7). */
const MATRIX_DEFECTS = [
  'matrix: approvals × 401',
  'matrix: approvals × 403',
  'matrix: approvals × 410',
  'matrix: approvals × 422',
  'matrix: branch runs × 401',
  'matrix: branch runs × 403',
  'matrix: branch runs × 410',
  'matrix: branch runs × 422',
  'matrix: branch runs × empty',
  'matrix: branch runs × html200',
  'matrix: branch runs × truncatedJson',
  'matrix: branch runs × wrongShape',
  'matrix: cancelRun × 401',
  'matrix: cancelRun × 403',
  'matrix: cancelRun × 410',
  'matrix: cancelRun × 422',
  'matrix: dispatch × 401',
  'matrix: dispatch × 403',
  'matrix: dispatch × 410',
  'matrix: dispatch × 422',
  'matrix: forceCancel × 401',
  'matrix: forceCancel × 403',
  'matrix: forceCancel × 410',
  'matrix: forceCancel × 422',
  'matrix: jobs × 401',
  'matrix: jobs × 403',
  'matrix: jobs × 410',
  'matrix: jobs × 422',
  'matrix: jobs × empty',
  'matrix: jobs × html200',
  'matrix: jobs × truncatedJson',
  'matrix: jobs × wrongShape',
  'matrix: list runs × 401',
  'matrix: list runs × 403',
  'matrix: list runs × 410',
  'matrix: list runs × 422',
  'matrix: list runs × empty',
  'matrix: list runs × html200',
  'matrix: list runs × truncatedJson',
  'matrix: list runs × wrongShape',
  'matrix: log × 401',
  'matrix: log × 403',
  'matrix: log × 410',
  'matrix: log × 422',
  'matrix: log × html200',
  'matrix: rerunDebug × 401',
  'matrix: rerunDebug × 403',
  'matrix: rerunDebug × 410',
  'matrix: rerunDebug × 422',
  'matrix: rerunFailedJobs × 401',
  'matrix: rerunFailedJobs × 403',
  'matrix: rerunFailedJobs × 410',
  'matrix: rerunFailedJobs × 422',
  'matrix: rerunJob × 401',
  'matrix: rerunJob × 403',
  'matrix: rerunJob × 410',
  'matrix: rerunJob × 422',
  'matrix: rerunRun × 401',
  'matrix: rerunRun × 403',
  'matrix: rerunRun × 410',
  'matrix: rerunRun × 422',
];
const MATRIX_DEFECT = 'issue 13: error text echoing the request headers carries the token (item 7); an HTML, cut, empty or wrong-shaped 200 is "Could not reach" (item 4)';

const SEED: Seed = {
  pipelineIds: ['11', '12'],
  pipelineRuns: { pipelineId: '11', runIds: ['201', '202', '203'], otherRunId: '204' },
  branch: { name: 'feature/x', runIds: ['202'], otherRunId: '201' },
  runCount: 4,
  finishedRun: {
    id: '202',
    state: 'failure',
    jobs: [
      { id: '302', name: 'build', steps: ['Set up job', 'Run tests'] },
      { id: '303', name: 'test', steps: ['Set up job', 'Run tests'] },
    ],
  },
  runningRun: { id: '203' },
  log: { jobId: '303', contains: 'Error: expected 1 to equal 2' },
  hasSteps: true,
  targets: {
    finishedRunId: '201',
    failedRunId: '202',
    finishedJobId: '303',
    runningRunId: '203',
    dispatch: { pipelineId: '12', ref: 'main', inputs: {} },
    approval: { runId: '204', environmentIds: ['71'] },
  },
};

export const githubHarness: ConformanceHarness = {
  kind: 'github',
  descriptor: githubDescriptor,
  knownDefects: Object.fromEntries(MATRIX_DEFECTS.map((title) => [title, MATRIX_DEFECT])),
  async start() {
    const data = sampleData();
    seedActionData(data, 'octocat');
    const server = await startFakeGitHub({ state: data });
    const account = { kind: 'github', apiUrl: server.url };
    const providers: CiProvider[] = [];
    return {
      repo: { provider: 'github', host: server.url, slug: SAMPLE_REPO },
      account,
      token: SAMPLE_TOKEN,
      login: 'octocat',
      seed: SEED,
      timeoutMs: TIMEOUT_MS,
      // One attempt and two GET retries, each bounded by the timeout.
      readDeadlineMs: 3 * TIMEOUT_MS + 200,
      createProvider(options = {}) {
        const token = options.token === undefined ? SAMPLE_TOKEN : options.token ?? undefined;
        const provider = new GitHubProvider(account, { getToken: () => Promise.resolve(token), logger: nullLogger }, { tuning: { ...FAST_TUNING, timeoutMs: options.timeoutMs ?? TIMEOUT_MS } });
        providers.push(provider);
        return provider;
      },
      inject(kind, options = {}) {
        const reply = faultReply(kind, options);
        server.faults.add({
          route: '*',
          times: options.times,
          ...(options.mutationsOnly ? { method: 'POST' } : {}),
          status: reply.status, headers: reply.headers, body: reply.json, text: reply.text, contentType: reply.contentType, stall: reply.stall, drop: reply.drop,
        });
      },
      reportRateLimit({ limit, remaining, resetAtSeconds }) {
        const headers = { 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': String(resetAtSeconds) };
        server.faults.add({ route: '*', headers, times: 1000 });
      },
      clearFaults: () => server.faults.clear(),
      requests: () => server.stats.requestLog.map(({ method, path }) => ({ method, path })),
      clearRequests: () => server.stats.reset(),
      async stop() {
        providers.forEach((provider) => provider.dispose());
        await server.close();
      },
    };
  },
};
