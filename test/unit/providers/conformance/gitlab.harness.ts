/** The fake GitLab (test/fakes/gitlab) for the conformance suite, with its sample instance. */
import type { CiProvider } from '../../../../src/core/ci/provider';
import { nullLogger } from '../../../../src/core/ports';
import { gitlabDescriptor, GitLabProvider } from '../../../../src/providers/gitlab';
import { sampleData, TOKENS } from '../../../fakes/gitlab/fixtures';
import { FakeGitLabServer } from '../../../fakes/gitlab/server';
import { FakeGitLabState } from '../../../fakes/gitlab/state';
import { storedZip } from '../../../fakes/kit';
import { instantClock } from '../gitlab/harness';
import { faultReply, type ConformanceHarness, type Seed } from './harness';

const TIMEOUT_MS = 400;
const PIPELINES = Array.from({ length: 13 }, (_, i) => String(100 + i));

const BUILD_FILES = { 'dist/app.js': 'console.log("app");\n', 'dist/VERSION': '1.2.3\n' };

const SEED: Seed = {
  pipelineIds: ['gitlab-ci'],
  pipelineRuns: { pipelineId: 'gitlab-ci', runIds: PIPELINES },
  branch: { name: 'feature/x', runIds: ['102', '104', '106', '108', '110', '112'], otherRunId: '100' },
  runCount: PIPELINES.length,
  finishedRun: {
    id: '100',
    state: 'failure',
    jobs: [
      { id: '500', name: 'build' },
      { id: '501', name: 'test' },
      { id: '502', name: 'lint' },
      { id: '503', name: 'trigger-deploy' },
      { id: '504', name: 'deploy' },
    ],
  },
  runningRun: { id: '106' },
  log: { jobId: '501', contains: '1 failed' },
  hasSteps: false,
  targets: {
    finishedRunId: '100',
    failedRunId: '100',
    finishedJobId: '500',
    runningRunId: '106',
    runningJobId: '510',
    manualJobId: '504',
    dispatch: { pipelineId: undefined, ref: 'main', inputs: {} },
    approval: { runId: '112', environmentIds: ['900'] },
  },
  artifacts: { runId: '100', expect: [{ name: 'build', bytes: storedZip(BUILD_FILES) }], expiredName: 'lint' },
};

/** Pipeline 100's artifacts: build's archive (kept), lint's (expired). */
function seedArchives(state: FakeGitLabState): void {
  const build = state.jobs.get(500);
  const lint = state.jobs.get(502);
  if (build && lint) {
    Object.assign(build, { files: BUILD_FILES, archive: { expire_at: '2099-01-01T00:00:00Z' } });
    Object.assign(lint, { files: { 'lint.txt': 'ok\n' }, archive: { expire_at: '2024-01-02T00:00:00Z' } });
  }
}

export const gitlabHarness: ConformanceHarness = {
  kind: 'gitlab',
  descriptor: gitlabDescriptor,
  async start() {
    const state = new FakeGitLabState(sampleData());
    seedArchives(state);
    const server = new FakeGitLabServer({ state });
    const url = await server.start();
    const account = { kind: 'gitlab', apiUrl: url };
    const providers: CiProvider[] = [];
    return {
      repo: { provider: 'gitlab', host: url, slug: 'group/sub/project' },
      account,
      token: TOKENS.api,
      login: 'alice',
      seed: SEED,
      timeoutMs: TIMEOUT_MS,
      // GitLab retries GETs on 5xx only; a stalled read fails after one timeout.
      readDeadlineMs: TIMEOUT_MS + 200,
      createProvider(options = {}) {
        const token = options.token === undefined ? TOKENS.api : options.token ?? undefined;
        const provider = new GitLabProvider(url, { getToken: () => Promise.resolve(token), logger: nullLogger }, { clock: instantClock, retryDelayMs: 1, timeoutMs: options.timeoutMs ?? TIMEOUT_MS });
        providers.push(provider);
        return provider;
      },
      inject(kind, options = {}) {
        const reply = faultReply(kind, options);
        const headers = reply.contentType === undefined ? reply.headers : { ...reply.headers, 'content-type': reply.contentType };
        server.inject({
          times: options.times,
          ...(options.mutationsOnly ? { method: 'POST' } : {}),
          status: reply.status, headers, body: reply.json, text: reply.text, stall: reply.stall, drop: reply.drop,
        });
      },
      reportRateLimit({ limit, remaining, resetAtSeconds }) {
        const headers = { 'ratelimit-limit': String(limit), 'ratelimit-remaining': String(remaining), 'ratelimit-reset': String(resetAtSeconds) };
        server.inject({ headers, times: 1000 });
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
