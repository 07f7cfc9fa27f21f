/** Starts the fake GitHub and a provider pointed at it, with short timeouts and back-offs. */
import { nullLogger } from '../../../../src/core/ports';
import type { RepoRef } from '../../../../src/core/model';
import { GitHubProvider, type ClientTuning } from '../../../../src/providers/github';
import { SAMPLE_REPO, SAMPLE_TOKEN, sampleData } from '../../../fakes/github/sample';
import { startFakeGitHub, type FakeGitHub } from '../../../fakes/github/server';

export const FAST_TUNING: ClientTuning = {
  timeoutMs: 2000,
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
