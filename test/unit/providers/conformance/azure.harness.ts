/** The fake Azure DevOps (test/fakes/azure on the kit) for the conformance suite, with its sample project. */
import type { CiProvider } from '../../../../src/core/ci/provider';
import { nullLogger } from '../../../../src/core/ports';
import { azureDescriptor, AzureProvider } from '../../../../src/providers/azure';
import { ARTIFACTS, IDS, sampleState, TOKENS } from '../../../fakes/azure/fixtures';
import { FakeAzureServer } from '../../../fakes/azure/server';
import { instantClock } from '../gitlab/harness';
import type { ConformanceHarness, Seed } from './harness';
import { kitFaultRule } from './kitFaults';

const TIMEOUT_MS = 400;

const SEED: Seed = {
  pipelineIds: ['11', '12'],
  pipelineRuns: { pipelineId: '11', runIds: ['101', '102', '103'], otherRunId: '104' },
  branch: { name: 'feature/tax', runIds: ['102'], otherRunId: '101' },
  runCount: 4,
  finishedRun: {
    id: '102',
    state: 'failure',
    jobs: [
      { id: `102.${IDS.lintJob}`, name: 'Lint', steps: ['Checkout', 'eslint'] },
      { id: `102.${IDS.testJob}`, name: 'Test', steps: ['Checkout', 'npm test'] },
    ],
  },
  runningRun: { id: '103' },
  log: { jobId: `102.${IDS.testJob}`, contains: 'expected 0.2 to equal 0.25' },
  hasSteps: true,
  targets: {
    finishedRunId: '101',
    failedRunId: '102',
    finishedJobId: `102.${IDS.testJob}`,
    runningRunId: '103',
    runningJobId: `103.${IDS.compileJob}`,
    dispatch: { pipelineId: '12', ref: 'main', inputs: { environment: 'production', dryRun: true } },
    approval: { runId: '104', environmentIds: [IDS.approval] },
  },
};

export const azureHarness: ConformanceHarness = {
  kind: 'azure',
  descriptor: azureDescriptor,
  knownDefects: {},
  async start() {
    const server = new FakeAzureServer({ state: sampleState() });
    const url = await server.start();
    const account = { kind: 'azure', apiUrl: url };
    const providers: CiProvider[] = [];
    return {
      repo: { provider: 'azure', host: url, slug: 'acme/web/web' },
      account,
      token: TOKENS.full,
      login: server.state.user.displayName,
      seed: {
        ...SEED,
        // A build artifact served by the organization, a pipeline artifact redirected to blob storage.
        artifacts: {
          runId: '102',
          expect: [
            { name: 'drop', bytes: ARTIFACTS.drop },
            { name: 'coverage', bytes: ARTIFACTS.coverage },
          ],
          storageRequests: () => server.storage.credentialsSeen(TOKENS.full),
        },
      },
      timeoutMs: TIMEOUT_MS,
      // The toolkit retries GETs on 5xx and 429 only; a stalled read fails after one timeout.
      readDeadlineMs: TIMEOUT_MS + 200,
      createProvider(options = {}) {
        const token = options.token === undefined ? TOKENS.full : options.token ?? undefined;
        const provider = new AzureProvider(url, { getToken: () => Promise.resolve(token), logger: nullLogger }, { clock: instantClock, retryDelayMs: 1, requestsPerMinute: 1000, timeoutMs: options.timeoutMs ?? TIMEOUT_MS });
        providers.push(provider);
        return provider;
      },
      inject(kind, options = {}) {
        // Azure DevOps' writes here are POST (run a pipeline) and PATCH (cancel, stage retry, approvals).
        for (const method of options.mutationsOnly ? ['POST', 'PATCH'] : [undefined]) {
          server.inject({ times: options.times, ...(method ? { method } : {}), ...kitFaultRule(kind, options, (seconds) => ({ 'retry-after': String(seconds) })) });
        }
      },
      reportRateLimit({ limit, remaining, resetAtSeconds }) {
        // The fake reports X-RateLimit-Reset as epoch seconds at the end of its window: shape the window to the figures.
        server.budget.configure({ limit, windowMs: resetAtSeconds * 1000 - server.state.clock.now(), enforce: false });
        server.budget.reset();
        for (let i = 0; i < limit - remaining - 1; i++) {
          server.budget.spend('user');
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
