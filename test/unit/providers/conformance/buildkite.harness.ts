/** The fake Buildkite (test/fakes/buildkite on the kit) for the conformance suite, with its sample organization. */
import type { CiProvider } from '../../../../src/core/ci/provider';
import { nullLogger } from '../../../../src/core/ports';
import { buildkiteDescriptor, BuildkiteProvider } from '../../../../src/providers/buildkite';
import { LCOV, sampleState, TOKENS, WEB_ZIP } from '../../../fakes/buildkite/fixtures';
import { FakeBuildkiteServer } from '../../../fakes/buildkite/server';
import { instantClock } from '../gitlab/harness';
import type { ConformanceHarness, Seed } from './harness';
import { kitFaultRule } from './kitFaults';

const TIMEOUT_MS = 400;
const ORG = 'acme';

const SEED: Seed = {
  pipelineIds: ['builds'],
  pipelineRuns: { pipelineId: 'builds', runIds: ['1', '2', '3'] },
  branch: { name: 'feature/tax', runIds: ['2'], otherRunId: '1' },
  runCount: 3,
  finishedRun: {
    id: '2',
    state: 'failure',
    jobs: [
      { id: 'job-lint', name: ':eslint: Lint' },
      { id: 'job-test', name: ':jest: Test' },
      { id: 'job-soft', name: 'Flaky' },
    ],
  },
  runningRun: { id: '3' },
  log: { jobId: 'job-test', contains: 'Error: 1 test failed' },
  hasSteps: false,
  targets: {
    finishedRunId: '1',
    failedRunId: '2',
    finishedJobId: 'job-test',
    runningRunId: '3',
    runningJobId: 'job-build',
    manualJobId: 'job-block',
    dispatch: { pipelineId: undefined, ref: 'main', inputs: {} },
  },
};

export const buildkiteHarness: ConformanceHarness = {
  kind: 'buildkite',
  descriptor: buildkiteDescriptor,
  knownDefects: {},
  async start() {
    const server = new FakeBuildkiteServer({ state: sampleState() });
    const url = await server.start();
    const account = { kind: 'buildkite', apiUrl: url };
    const providers: CiProvider[] = [];
    return {
      repo: { provider: 'buildkite', host: url, slug: `${ORG}/web` },
      account,
      token: TOKENS.full,
      login: server.state.user.name,
      seed: {
        ...SEED,
        artifacts: {
          runId: '2',
          expect: [
            { name: 'coverage/lcov.info', bytes: Buffer.from(LCOV, 'utf8') },
            { name: 'dist/web.zip', bytes: WEB_ZIP },
          ],
          expiredName: 'tmp/screenshots/failure.png',
          storageRequests: () => server.storage.credentialsSeen(TOKENS.full),
        },
      },
      timeoutMs: TIMEOUT_MS,
      // The toolkit retries GETs on 5xx and 429 only; a stalled read fails after one timeout.
      readDeadlineMs: TIMEOUT_MS + 200,
      createProvider(options = {}) {
        const token = options.token === undefined ? TOKENS.full : options.token ?? undefined;
        const provider = new BuildkiteProvider(url, { getToken: () => Promise.resolve(token), logger: nullLogger }, { clock: instantClock, retryDelayMs: 1, requestsPerMinute: 1000, timeoutMs: options.timeoutMs ?? TIMEOUT_MS });
        providers.push(provider);
        return provider;
      },
      inject(kind, options = {}) {
        // Buildkite's writes are POST (create build) and PUT (rebuild, cancel, retry, unblock).
        for (const method of options.mutationsOnly ? ['POST', 'PUT'] : [undefined]) {
          server.inject({ times: options.times, ...(method ? { method } : {}), ...kitFaultRule(kind, options, (seconds) => ({ 'ratelimit-reset': String(seconds) })) });
        }
      },
      reportRateLimit({ limit, remaining, resetAtSeconds }) {
        // The fake reports its own budget (RateLimit-Reset in seconds from now): shape it to the figures.
        server.budget.configure({ limit, windowMs: resetAtSeconds * 1000 - Date.now(), enforce: false });
        server.budget.reset();
        for (let i = 0; i < limit - remaining - 1; i++) {
          server.budget.spend(ORG);
        }
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
