/** Starts a fake GitLab and a provider pointed at it; closes both. */
import { nullLogger, type Clock } from '../../../../src/core/ports';
import type { RepoRef } from '../../../../src/core/model';
import { GitLabProvider, type GitLabProviderOptions } from '../../../../src/providers/gitlab';
import { sampleData, TOKENS } from '../../../fakes/gitlab/fixtures';
import { FakeGitLabServer, type FakeGitLabOptions } from '../../../fakes/gitlab/server';
import { FakeGitLabState } from '../../../fakes/gitlab/state';

export interface Harness {
  readonly server: FakeGitLabServer;
  readonly provider: GitLabProvider;
  readonly repo: RepoRef;
  close(): Promise<void>;
}

/** A clock whose timers run immediately (retry back-off without waiting). */
export const instantClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback) {
    const handle = setImmediate(callback);
    return { dispose: () => clearImmediate(handle) };
  },
};

export async function startHarness(
  options: GitLabProviderOptions = {},
  token: string | null = TOKENS.api,
  serverOptions: Omit<FakeGitLabOptions, 'state'> = {},
): Promise<Harness> {
  const server = new FakeGitLabServer({ ...serverOptions, state: new FakeGitLabState(sampleData()) });
  const url = await server.start();
  const provider = new GitLabProvider(url, { getToken: () => Promise.resolve(token ?? undefined), logger: nullLogger }, { clock: instantClock, retryDelayMs: 1, ...options });
  return {
    server,
    provider,
    repo: { provider: 'gitlab', host: url, slug: 'group/sub/project' },
    async close() {
      provider.dispose();
      await server.close();
    },
  };
}
