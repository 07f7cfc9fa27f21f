/** Starts a fake Buildkite and a provider pointed at it; closes both. */
import { nullLogger, type Clock } from '../../../../src/core/ports';
import type { RepoRef } from '../../../../src/core/model';
import { BuildkiteProvider, type BuildkiteProviderOptions } from '../../../../src/providers/buildkite';
import { ManualClock } from '../../../fakes/kit';
import { sampleState, TOKENS } from '../../../fakes/buildkite/fixtures';
import { FakeBuildkiteServer } from '../../../fakes/buildkite/server';

export interface Harness {
  readonly server: FakeBuildkiteServer;
  readonly provider: BuildkiteProvider;
  readonly repo: RepoRef;
  readonly clock: ManualClock;
  close(): Promise<void>;
}

/** Provider time = the fake's scenario clock; timers run at once (retry back-off without waiting). */
export function providerClock(clock: ManualClock): Clock {
  return {
    now: () => clock.now(),
    setTimeout(callback) {
      const handle = setImmediate(callback);
      return { dispose: () => clearImmediate(handle) };
    },
  };
}

export async function startHarness(options: BuildkiteProviderOptions = {}, token: string | null = TOKENS.full, serverOptions: { readonly limitPerMinute?: number } = {}): Promise<Harness> {
  const clock = new ManualClock();
  const server = new FakeBuildkiteServer({ state: sampleState(clock), ...serverOptions });
  const url = await server.start();
  const provider = new BuildkiteProvider(url, { getToken: () => Promise.resolve(token ?? undefined), logger: nullLogger }, { clock: providerClock(clock), retryDelayMs: 1, requestsPerMinute: 1000, ...options });
  return {
    server,
    provider,
    clock,
    repo: { provider: 'buildkite', host: url, slug: 'acme/web' },
    async close() {
      provider.dispose();
      await server.close();
    },
  };
}
