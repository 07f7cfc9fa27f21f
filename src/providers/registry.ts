/**
 * Knows every CI system FlowForge supports and turns git remotes and
 * `flowforge.repositories` entries into repositories on configured accounts.
 */
import { ConfigError, describeError } from '../core/errors';
import { repoKey, type ProviderKind, type RepoRef } from '../core/model';
import type { AccountConfig, ProviderFactory } from '../core/ci/provider';

export interface CheckoutInfo {
  readonly remoteUrls: readonly string[];
  readonly branch: string | undefined;
  /** Local folder of the checkout. */
  readonly rootPath?: string;
}

export interface ResolvedRepository {
  readonly repo: RepoRef;
  /** Checked-out branch, for repositories found through a workspace checkout. */
  readonly branch?: string;
  /** Local checkout folder, for repositories found through the workspace. */
  readonly rootPath?: string;
  readonly origin: 'remote' | 'setting';
}

export interface Resolution {
  readonly repositories: readonly ResolvedRepository[];
  /** One human message per malformed entry; the rest still resolve. */
  readonly warnings: readonly string[];
}

export class ProviderRegistry {
  private readonly byKind = new Map<ProviderKind, ProviderFactory>();

  constructor(factories: readonly ProviderFactory[]) {
    for (const factory of factories) {
      this.byKind.set(factory.kind, factory);
    }
  }

  get factories(): readonly ProviderFactory[] {
    return [...this.byKind.values()];
  }

  factory(kind: ProviderKind): ProviderFactory | undefined {
    return this.byKind.get(kind);
  }

  /** Parses "github:owner/repo" into a provider kind and its slug. */
  parseEntry(entry: string, accounts: readonly AccountConfig[]): RepoRef {
    const match = /^\s*([a-z]+)\s*:\s*(.+?)\s*$/.exec(entry);
    if (!match) {
      throw new ConfigError(`"${entry}" is not of the form provider:path (for example github:owner/repo).`);
    }
    const kind = match[1] as ProviderKind;
    const factory = this.byKind.get(kind);
    if (!factory) {
      const known = [...this.byKind.keys()].join(', ');
      throw new ConfigError(`"${entry}": unknown provider "${match[1]}" (known: ${known}).`);
    }
    const account = accounts.find((a) => a.kind === kind);
    if (!account) {
      throw new ConfigError(`"${entry}": no ${factory.label} account is configured.`);
    }
    return factory.parseSlug(match[2] ?? '', account);
  }

  /** Maps a remote URL to a repository on the first account whose host it belongs to. */
  matchRemote(remoteUrl: string, accounts: readonly AccountConfig[]): RepoRef | undefined {
    for (const account of accounts) {
      const repo = this.byKind.get(account.kind)?.parseRemote(remoteUrl, account);
      if (repo) {
        return repo;
      }
    }
    return undefined;
  }

  /**
   * Workspace checkouts first (with their branch), then setting entries; duplicates merged,
   * keeping the branch of the checkout.
   */
  resolve(checkouts: readonly CheckoutInfo[], entries: readonly string[], accounts: readonly AccountConfig[]): Resolution {
    const found = new Map<string, ResolvedRepository>();
    const warnings: string[] = [];
    for (const checkout of checkouts) {
      for (const url of checkout.remoteUrls) {
        const repo = this.matchRemote(url, accounts);
        if (repo && !found.has(repoKey(repo))) {
          found.set(repoKey(repo), { repo, branch: checkout.branch, ...(checkout.rootPath ? { rootPath: checkout.rootPath } : {}), origin: 'remote' });
          break;
        }
      }
    }
    for (const entry of entries) {
      try {
        const repo = this.parseEntry(entry, accounts);
        if (!found.has(repoKey(repo))) {
          found.set(repoKey(repo), { repo, origin: 'setting' });
        }
      } catch (error) {
        warnings.push(describeError(error));
      }
    }
    return { repositories: [...found.values()], warnings };
  }
}
