/** The fake GitHub (test/fakes/github) for the conformance suite, with the sample data and the action seeds. */
import { githubDescriptor, GitHubProvider } from '../../../../src/providers/github';
import type { CiProvider } from '../../../../src/core/ci/provider';
import { nullLogger } from '../../../../src/core/ports';
import { SAMPLE_REPO, SAMPLE_TOKEN, sampleData } from '../../../fakes/github/sample';
import { startFakeGitHub } from '../../../fakes/github/server';
import { storedZip } from '../../../fakes/kit';
import { FAST_TUNING, seedActionData } from '../github/harness';
import { faultReply, type ConformanceHarness, type Seed } from './harness';

const TIMEOUT_MS = 400;

/** Two zips of run 202 (a coverage report, a text log) and one that expired. */
const COVERAGE_ZIP = storedZip({ 'coverage/index.html': '<html>87%</html>', 'coverage/lcov.info': 'TN:\nSF:src/a.ts\nend_of_record\n' });
const LOG_ZIP = storedZip({ 'build.log': 'build ok\n' });
const ARTIFACTS = [
  { id: 901, name: 'coverage', zip: COVERAGE_ZIP, expired: false },
  { id: 902, name: 'build-log', zip: LOG_ZIP, expired: false },
  { id: 903, name: 'old-bundle', zip: storedZip({ 'bundle.js': '//' }), expired: true },
];

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
  artifacts: {
    runId: '202',
    expect: ARTIFACTS.filter((artifact) => !artifact.expired).map(({ name, zip }) => ({ name, bytes: zip })),
    expiredName: 'old-bundle',
  },
};

export const githubHarness: ConformanceHarness = {
  kind: 'github',
  descriptor: githubDescriptor,
  knownDefects: {},
  async start() {
    const data = sampleData();
    seedActionData(data, 'octocat');
    data.artifacts = ARTIFACTS.map(({ id, name, zip, expired }) => ({
      id, repo: SAMPLE_REPO, runId: 202, name, zipBase64: zip.toString('base64'), expired,
      createdAt: '2024-05-01T12:10:00Z', expiresAt: expired ? '2024-05-02T12:10:00Z' : '2099-08-01T12:10:00Z',
    }));
    const server = await startFakeGitHub({ state: data });
    const account = { kind: 'github', apiUrl: server.url };
    const providers: CiProvider[] = [];
    return {
      repo: { provider: 'github', host: server.url, slug: SAMPLE_REPO },
      account,
      token: SAMPLE_TOKEN,
      login: 'octocat',
      seed: { ...SEED, artifacts: SEED.artifacts && { ...SEED.artifacts, storageRequests: () => server.storage.credentialsSeen() } },
      timeoutMs: TIMEOUT_MS,
      // One deadline over a GET and its retries (the client's retry window past one timeout).
      readDeadlineMs: TIMEOUT_MS + FAST_TUNING.retryWindowMs + 200,
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
