/**
 * Remote matching that needs the API (CiProvider.matchRemotes, e.g. Buildkite pipelines by the
 * repository they build): asked once per account and set of remotes, cached until invalidated
 * (settings or tokens change), so the synchronous discovery can merge what is known.
 */
import { describeError } from '../core/errors';
import type { Logger } from '../core/ports';
import type { RemoteMatch } from '../core/ci/provider';
import { accountKey, type ProviderPool } from './pool';

export class RemoteMatches {
  private readonly known = new Map<string, readonly RemoteMatch[]>();
  private readonly pending = new Set<string>();
  private generation = 0;

  constructor(
    private readonly pool: ProviderPool,
    private readonly logger: Logger,
    /** Called when an answer arrived that changes what discovery should show. */
    private readonly onDidLearn: () => void,
  ) {}

  /** What is known now for these remotes; asks the providers that can match in the background. */
  current(remoteUrls: readonly string[]): RemoteMatch[] {
    if (remoteUrls.length === 0) {
      return [];
    }
    const remotesKey = [...new Set(remoteUrls)].sort().join('\n');
    const matches: RemoteMatch[] = [];
    for (const account of this.pool.getAccounts()) {
      const provider = this.pool.providerForAccount(account);
      if (!provider?.matchRemotes) {
        continue;
      }
      const key = `${accountKey(account)}\n${remotesKey}`;
      const known = this.known.get(key);
      if (known) {
        matches.push(...known);
      } else if (!this.pending.has(key)) {
        this.pending.add(key);
        const generation = this.generation;
        provider.matchRemotes(remoteUrls).then(
          (found) => this.learn(generation, key, found),
          (error: unknown) => {
            this.logger.info(`${account.kind} ${account.apiUrl}: could not match the workspace's remotes to its pipelines: ${describeError(error)}`);
            this.learn(generation, key, []);
          },
        );
      }
    }
    return matches;
  }

  /** Forgets every answer (settings or tokens changed). */
  invalidate(): void {
    this.generation++;
    this.known.clear();
    this.pending.clear();
  }

  private learn(generation: number, key: string, found: readonly RemoteMatch[]): void {
    if (generation !== this.generation) {
      return;
    }
    this.pending.delete(key);
    this.known.set(key, found);
    if (found.length > 0) {
      this.onDidLearn();
    }
  }
}
