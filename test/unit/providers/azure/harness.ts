/** Starts a fake Azure DevOps and a provider pointed at it; closes both. */
import { nullLogger } from '../../../../src/core/ports';
import type { RepoRef } from '../../../../src/core/model';
import { AzureProvider, type AzureProviderOptions } from '../../../../src/providers/azure';
import { ManualClock } from '../../../fakes/kit';
import { sampleState, TOKENS } from '../../../fakes/azure/fixtures';
import { FakeAzureServer, type FakeAzureOptions } from '../../../fakes/azure/server';
import { providerClock } from '../buildkite/harness';

export interface Harness {
  readonly server: FakeAzureServer;
  readonly provider: AzureProvider;
  readonly repo: RepoRef;
  readonly clock: ManualClock;
  close(): Promise<void>;
}

export async function startHarness(options: AzureProviderOptions = {}, token: string | null = TOKENS.full, serverOptions: Omit<FakeAzureOptions, 'state'> = {}): Promise<Harness> {
  const clock = new ManualClock();
  const server = new FakeAzureServer({ state: sampleState(clock), ...serverOptions });
  const url = await server.start();
  const provider = new AzureProvider(url, { getToken: () => Promise.resolve(token ?? undefined), logger: nullLogger }, { clock: providerClock(clock), retryDelayMs: 1, requestsPerMinute: 1000, ...options });
  return {
    server,
    provider,
    clock,
    repo: { provider: 'azure', host: url, slug: 'acme/web/web' },
    async close() {
      provider.dispose();
      await server.close();
    },
  };
}
