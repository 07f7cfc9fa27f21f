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
  /** Answers from before the last invalidate(), shown until the new ones arrive (no flapping rows). */
  private readonly previous = new Map<string, readonly RemoteMatch[]>();
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
        continue;
      }
      matches.push(...(this.previous.get(key) ?? []));
      if (!this.pending.has(key)) {
        this.pending.add(key);
        const generation = this.generation;
        provider.matchRemotes(remoteUrls).then(
          (found) => this.learn(generation, key, found),
          (error: unknown) => {
            this.logger.info(`${account.kind} ${account.apiUrl}: could not match the workspace's remotes to its pipelines: ${describeError(error)}`);
            // Offline or signed out: what was known stands (nothing learned is nothing lost).
            this.learn(generation, key, this.previous.get(key) ?? []);
          },
        );
      }
    }
    return matches;
  }

  /** Asks again (settings or tokens changed); the old answers stand until the new ones arrive. */
  invalidate(): void {
    this.generation++;
    for (const [key, matches] of this.known) {
      this.previous.set(key, matches);
    }
    this.known.clear();
    this.pending.clear();
  }

  private learn(generation: number, key: string, found: readonly RemoteMatch[]): void {
    if (generation !== this.generation) {
      return;
    }
    this.pending.delete(key);
    const before = this.previous.get(key) ?? [];
    this.previous.delete(key);
    this.known.set(key, found);
    const keys = (list: readonly RemoteMatch[]) => list.map((m) => `${m.repo.provider}|${m.repo.host}|${m.repo.slug}`).sort().join('\n');
    if (keys(found) !== keys(before)) {
      this.onDidLearn();
    }
  }
}
