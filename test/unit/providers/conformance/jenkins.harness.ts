/** The fake Jenkins (test/fakes/jenkins on the kit, under a /jenkins path prefix) for the conformance suite: folder "team", multibranch project "web". */
import type { CiProvider } from '../../../../src/core/ci/provider';
import { nullLogger } from '../../../../src/core/ports';
import { jenkinsDescriptor, JenkinsProvider } from '../../../../src/providers/jenkins';
import { ARCHIVED, CREDENTIAL, sampleState, USER } from '../../../fakes/jenkins/fixtures';
import { FakeJenkinsServer } from '../../../fakes/jenkins/server';
import { instantClock } from '../gitlab/harness';
import type { ConformanceHarness, Seed } from './harness';
import { kitFaultRule } from './kitFaults';

const TIMEOUT_MS = 400;

const SEED: Seed = {
  pipelineIds: ['main', 'feature%2Ftax'],
  pipelineRuns: { pipelineId: 'main', runIds: ['main#3', 'main#2', 'main#1'], otherRunId: 'feature%2Ftax#1' },
  branch: { name: 'feature/tax', runIds: ['feature%2Ftax#1'], otherRunId: 'main#1' },
  runCount: 4,
  finishedRun: {
    id: 'main#2',
    state: 'failure',
    jobs: [
      { id: 'main#2@6', name: 'Checkout' },
      { id: 'main#2@13', name: 'Build' },
      { id: 'main#2@20', name: 'Test' },
    ],
  },
  runningRun: { id: 'main#3' },
  log: { jobId: 'main#2@20', contains: 'Error: 1 test failed' },
  hasSteps: false,
  // Jenkins serves artifacts itself (no storage host) and keeps them as long as the build.
  artifacts: { runId: 'main#2', expect: ARCHIVED.map((a) => ({ name: a.relativePath, bytes: a.bytes })) },
  targets: {
    finishedRunId: 'main#1',
    failedRunId: 'main#2',
    finishedJobId: 'main#2@20',
    runningRunId: 'main#3',
    runningJobId: 'main#3@13',
    manualJobId: 'main#3@20',
    dispatch: { pipelineId: 'main', ref: 'main', inputs: { TARGET: 'prod', DRY_RUN: false, REGION: 'us' } },
  },
};

export const jenkinsHarness: ConformanceHarness = {
  kind: 'jenkins',
  descriptor: jenkinsDescriptor,
  knownDefects: {},
  // The JUnit plugin's testReport/api/json is 404 for a build that recorded no test results.
  matrixExpected: { 'test report × 404': { kind: 'success', why: 'a build without JUnit results has no testReport: Jenkins answers 404' } },
  async start() {
    const server = new FakeJenkinsServer({ state: sampleState() });
    await server.start();
    const url = server.jenkinsUrl;
    const account = { kind: 'jenkins', apiUrl: url };
    const providers: CiProvider[] = [];
    return {
      repo: { provider: 'jenkins', host: url, slug: 'team/web' },
      account,
      token: CREDENTIAL,
      login: USER,
      seed: SEED,
      timeoutMs: TIMEOUT_MS,
      readDeadlineMs: TIMEOUT_MS + 200,
      createProvider(options = {}) {
        const token = options.token === undefined ? CREDENTIAL : options.token ?? undefined;
        const provider = new JenkinsProvider(url, { getToken: () => Promise.resolve(token), logger: nullLogger }, { clock: instantClock, retryDelayMs: 1, timeoutMs: options.timeoutMs ?? TIMEOUT_MS });
        providers.push(provider);
        return provider;
      },
      inject(kind, options = {}) {
        // Jenkins' writes are all POST.
        server.inject({ times: options.times, ...(options.mutationsOnly ? { method: 'POST' } : {}), ...kitFaultRule(kind, options, (seconds) => ({ 'retry-after': String(seconds) })) });
      },
      reportRateLimit({ limit, remaining, resetAtSeconds }) {
        // Jenkins sends no rate-limit headers; a reverse proxy in front of it may (X-RateLimit-*).
        server.reportProxyLimits(limit, remaining, resetAtSeconds * 1000 - Date.now());
      },
      clearFaults: () => server.faults.clear(),
      requests: () => server.stats.requests.map(({ method, path }) => ({ method, path })),
      clearRequests: () => server.stats.reset(),
      async stop() {
        providers.forEach((provider) => provider.dispose());
        await server.close();
      },
    };
  },
};
