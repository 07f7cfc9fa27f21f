/** Starts a fake Bitbucket and a provider pointed at it; closes both. */
import { nullLogger } from '../../../../src/core/ports';
import type { RepoRef } from '../../../../src/core/model';
import { BitbucketProvider, type BitbucketProviderOptions } from '../../../../src/providers/bitbucket';
import { ManualClock } from '../../../fakes/kit';
import { CREDENTIALS, sampleState } from '../../../fakes/bitbucket/fixtures';
import { FakeBitbucketServer } from '../../../fakes/bitbucket/server';
import { providerClock } from '../buildkite/harness';

export interface Harness {
  readonly server: FakeBitbucketServer;
  readonly provider: BitbucketProvider;
  readonly repo: RepoRef;
  readonly clock: ManualClock;
  close(): Promise<void>;
}

export async function startHarness(options: BitbucketProviderOptions = {}, credential: string | null = CREDENTIALS.account, serverOptions: { readonly limitPerHour?: number } = {}): Promise<Harness> {
  const clock = new ManualClock();
  const server = new FakeBitbucketServer({ state: sampleState(clock), ...serverOptions });
  await server.start();
  const provider = new BitbucketProvider(server.apiUrl, { getToken: () => Promise.resolve(credential ?? undefined), logger: nullLogger }, { clock: providerClock(clock), retryDelayMs: 1, requestsPerMinute: 1000, ...options });
  return {
    server,
    provider,
    clock,
    repo: { provider: 'bitbucket', host: server.apiUrl, slug: 'acme/web' },
    async close() {
      provider.dispose();
      await server.close();
    },
  };
}
