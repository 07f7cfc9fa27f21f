/** The fake Bitbucket Cloud (test/fakes/bitbucket on the kit) for the conformance suite, with its sample repository acme/web. */
import type { CiProvider } from '../../../../src/core/ci/provider';
import { nullLogger } from '../../../../src/core/ports';
import { bitbucketDescriptor, BitbucketProvider } from '../../../../src/providers/bitbucket';
import { jobIdOf } from '../../../../src/providers/bitbucket/urls';
import { CREDENTIALS, EMAIL, IDS, sampleState } from '../../../fakes/bitbucket/fixtures';
import { FakeBitbucketServer } from '../../../fakes/bitbucket/server';
import { instantClock } from '../gitlab/harness';
import type { ConformanceHarness, Seed } from './harness';
import { kitFaultRule } from './kitFaults';

const TIMEOUT_MS = 400;
const job = jobIdOf;

const SEED: Seed = {
  pipelineIds: ['pipelines'],
  pipelineRuns: { pipelineId: 'pipelines', runIds: [IDS.passed, IDS.failed, IDS.paused, IDS.running] },
  branch: { name: 'feature/tax', runIds: [IDS.failed], otherRunId: IDS.passed },
  runCount: 4,
  finishedRun: {
    id: IDS.failed,
    state: 'failure',
    jobs: [
      { id: job(IDS.failed, IDS.failedLint), name: 'Lint' },
      { id: job(IDS.failed, IDS.failedTest), name: 'Test' },
      { id: job(IDS.failed, IDS.failedDeploy), name: 'Deploy' },
    ],
  },
  runningRun: { id: IDS.running },
  log: { jobId: job(IDS.failed, IDS.failedTest), contains: 'Error: 1 test failed' },
  hasSteps: false,
  targets: {
    finishedRunId: IDS.passed,
    failedRunId: IDS.failed,
    finishedJobId: job(IDS.failed, IDS.failedTest),
    runningRunId: IDS.running,
    runningJobId: job(IDS.running, IDS.runningBuild),
    manualJobId: job(IDS.paused, IDS.pausedDeploy),
    dispatch: { pipelineId: 'pipelines', ref: 'main', inputs: {} },
  },
};

/** Bitbucket says when a 429 ends in Retry-After. */
const retryAfter = (seconds: number): Record<string, string> => ({ 'retry-after': String(seconds) });

export const bitbucketHarness: ConformanceHarness = {
  kind: 'bitbucket',
  descriptor: bitbucketDescriptor,
  knownDefects: {},
  async start() {
    const server = new FakeBitbucketServer({ state: sampleState() });
    await server.start();
    const url = server.apiUrl;
    const providers: CiProvider[] = [];
    return {
      repo: { provider: 'bitbucket', host: url, slug: 'acme/web' },
      account: { kind: 'bitbucket', apiUrl: url },
      token: CREDENTIALS.account,
      login: server.state.user.displayName,
      seed: SEED,
      timeoutMs: TIMEOUT_MS,
      // The toolkit retries GETs on 5xx and 429 only; a stalled read fails after one timeout.
      readDeadlineMs: TIMEOUT_MS + 200,
      createProvider(options = {}) {
        const token = options.token === undefined ? CREDENTIALS.account : options.token ?? undefined;
        const provider = new BitbucketProvider(url, { getToken: () => Promise.resolve(token), logger: nullLogger }, { clock: instantClock, retryDelayMs: 1, requestsPerMinute: 1000, timeoutMs: options.timeoutMs ?? TIMEOUT_MS });
        providers.push(provider);
        return provider;
      },
      inject(kind, options = {}) {
        // Bitbucket's writes (run, stop) are POSTs.
        server.inject({ times: options.times, ...(options.mutationsOnly ? { method: 'POST' } : {}), ...kitFaultRule(kind, options, retryAfter) });
      },
      reportRateLimit({ limit, remaining, resetAtSeconds }) {
        server.budget.configure({ limit, windowMs: resetAtSeconds * 1000 - Date.now(), enforce: false });
        server.budget.reset();
        for (let i = 0; i < limit - remaining - 1; i++) {
          server.budget.spend(`account:${EMAIL}`);
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
