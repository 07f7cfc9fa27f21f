/**
 * Knows every CI system FlowForge supports and turns git remotes and
 * `flowforge.repositories` entries into repositories on configured accounts.
 */
import { ConfigError, describeError } from '../core/errors';
import { repoKey, type ProviderKind, type RepoRef } from '../core/model';
import type { AccountConfig, RemoteMatch } from '../core/ci/provider';
import type { AccountsResult, ProviderDescriptor, ProviderFeature, SettingsReader } from '../core/ci/descriptor';

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

const NO_FEATURES: ReadonlySet<ProviderFeature> = new Set();

export class ProviderRegistry {
  private readonly byKind = new Map<ProviderKind, ProviderDescriptor>();

  constructor(descriptors: readonly ProviderDescriptor[]) {
    for (const descriptor of descriptors) {
      if (this.byKind.has(descriptor.kind)) {
        throw new Error(`Two provider descriptors share the kind "${descriptor.kind}".`);
      }
      this.byKind.set(descriptor.kind, descriptor);
    }
  }

  get descriptors(): readonly ProviderDescriptor[] {
    return [...this.byKind.values()];
  }

  descriptor(kind: ProviderKind): ProviderDescriptor | undefined {
    return this.byKind.get(kind);
  }

  /** True for a kind some descriptor declares (cache codec, command arguments). */
  isKnown(kind: unknown): kind is ProviderKind {
    return typeof kind === 'string' && this.byKind.has(kind);
  }

  /** What a provider can do; an unknown kind can do nothing. */
  features(kind: ProviderKind): ReadonlySet<ProviderFeature> {
    return this.byKind.get(kind)?.features ?? NO_FEATURES;
  }

  /** Every provider's accounts from the settings, in registry order; errors name their setting. */
  readAccounts(read: SettingsReader): AccountsResult {
    const accounts: AccountConfig[] = [];
    const errors: string[] = [];
    for (const descriptor of this.byKind.values()) {
      const result = descriptor.readAccounts(read);
      accounts.push(...result.accounts);
      errors.push(...result.errors);
    }
    return { accounts, errors };
  }

  /** Human name of an account: "GitLab", or "GitLab (git.example.com)" for a host other than the default. */
  accountLabel(account: Pick<AccountConfig, 'kind' | 'apiUrl'>): string {
    const descriptor = this.byKind.get(account.kind);
    if (!descriptor) {
      return account.kind;
    }
    let isDefault = false;
    try {
      isDefault = descriptor.normalizeApiUrl(descriptor.defaultApiUrl) === account.apiUrl;
    } catch {
      isDefault = false;
    }
    return isDefault ? descriptor.label : `${descriptor.label} (${hostOf(account.apiUrl)})`;
  }

  /** Token patterns of every provider, for the log redactor. */
  redactPatterns(): readonly RegExp[] {
    return [...this.byKind.values()].flatMap((descriptor) => descriptor.token.redactPatterns);
  }

  /** Parses "github:owner/repo" into a provider kind and its slug. */
  parseEntry(entry: string, accounts: readonly AccountConfig[]): RepoRef {
    const match = /^\s*([a-z]+)\s*:\s*(.+?)\s*$/.exec(entry);
    if (!match) {
      throw new ConfigError(`"${entry}" is not of the form provider:path (for example github:owner/repo).`);
    }
    const kind = match[1] ?? '';
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
  resolve(checkouts: readonly CheckoutInfo[], entries: readonly string[], accounts: readonly AccountConfig[], apiMatches: readonly RemoteMatch[] = []): Resolution {
    const found = new Map<string, ResolvedRepository>();
    const warnings: string[] = [];
    const fromCheckout = (repo: RepoRef, checkout: CheckoutInfo): ResolvedRepository => ({ repo, branch: checkout.branch, ...(checkout.rootPath ? { rootPath: checkout.rootPath } : {}), origin: 'remote' });
    for (const checkout of checkouts) {
      for (const url of checkout.remoteUrls) {
        const repo = this.matchRemote(url, accounts);
        if (repo && !found.has(repoKey(repo))) {
          found.set(repoKey(repo), fromCheckout(repo, checkout));
          break;
        }
      }
      // Repositories found through the API (several CI pipelines may build one checkout).
      for (const match of apiMatches) {
        if (checkout.remoteUrls.includes(match.remoteUrl) && !found.has(repoKey(match.repo))) {
          found.set(repoKey(match.repo), fromCheckout(match.repo, checkout));
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

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
