/** Starts the fake GitHub and a provider pointed at it, with short timeouts and back-offs. */
import { nullLogger } from '../../../../src/core/ports';
import type { RepoRef } from '../../../../src/core/model';
import { GitHubProvider, type ClientTuning } from '../../../../src/providers/github';
import { SAMPLE_REPO, SAMPLE_TOKEN, sampleData } from '../../../fakes/github/sample';
import { startFakeGitHub, type FakeGitHub } from '../../../fakes/github/server';
import type { FakeGitHubData } from '../../../fakes/github/state';

export const FAST_TUNING: ClientTuning = {
  timeoutMs: 2000,
  retryWindowMs: 200,
  retries: 2,
  retryBaseMs: 1,
  maxThrottleWaitSeconds: 10,
  throttleUnitMs: 1,
};

export interface Harness {
  readonly server: FakeGitHub;
  readonly provider: GitHubProvider;
  readonly repo: RepoRef;
  token: string | undefined;
  close(): Promise<void>;
}

export async function startHarness(tuning: Partial<ClientTuning> = {}): Promise<Harness> {
  const server = await startFakeGitHub({ state: sampleData() });
  const harness: Harness = {
    server,
    token: SAMPLE_TOKEN,
    provider: undefined as unknown as GitHubProvider,
    repo: { provider: 'github', host: server.url, slug: SAMPLE_REPO },
    close: async () => {
      harness.provider.dispose();
      await server.close();
    },
  };
  Object.assign(harness, {
    provider: new GitHubProvider({ kind: 'github', apiUrl: server.url }, { getToken: () => Promise.resolve(harness.token), logger: nullLogger }, { tuning: { ...FAST_TUNING, ...tuning } }),
  });
  return harness;
}

/** The Deploy workflow the action tests dispatch (a workflow_dispatch with an environment input). */
export const DEPLOY_WORKFLOW = 'name: Deploy\non:\n  workflow_dispatch:\n    inputs:\n      target:\n        type: environment\n';

/**
 * What the action tests need beside the sample data: the Deploy workflow at release/1.0, 130
 * branches and two tags, two environments, and run 204 waiting for both (the second one
 * approvable by `productionReviewer` only when it is octocat).
 */
export function seedActionData(data: FakeGitHubData, productionReviewer: string, workflow = DEPLOY_WORKFLOW): void {
  data.files = [{ repo: 'octo/hello', ref: 'release/1.0', path: '.github/workflows/deploy.yml', content: workflow }];
  data.refs = [{ repo: 'octo/hello', branches: Array.from({ length: 130 }, (_, i) => `b${i}`), tags: ['v1', 'v2'] }];
  data.environments = [{ id: 71, repo: 'octo/hello', name: 'staging' }, { id: 72, repo: 'octo/hello', name: 'production' }];
  data.pendingDeployments = [
    { runId: 204, environmentId: 71, waitTimer: 0, canApprove: true, reviewers: ['octocat'] },
    { runId: 204, environmentId: 72, waitTimer: 5, canApprove: productionReviewer === 'octocat', reviewers: [productionReviewer] },
  ];
}
