/**
 * One live CiProvider per account, created lazily and disposed when the account
 * goes away or its settings change; with `redact`, every error it rejects with is redacted.
 */
import type { Disposable } from '../core/events';
import type { RepoRef } from '../core/model';
import type { AccountConfig, CiProvider, ProviderDeps } from '../core/ci/provider';
import { withRedactedErrors } from './http/redactError';
import type { ProviderRegistry } from './registry';

export type DepsForAccount = (account: AccountConfig) => ProviderDeps;

export class ProviderPool implements Disposable {
  private accounts: readonly AccountConfig[] = [];
  private readonly live = new Map<string, CiProvider>();

  constructor(
    private readonly registry: ProviderRegistry,
    private readonly depsFor: DepsForAccount,
    /** Removes credentials from error texts (every configured token, by value): applied to every provider's rejections. */
    private readonly redact?: (text: string) => string,
  ) {}

  /** Replaces the configured accounts; providers of removed accounts are disposed. */
  setAccounts(accounts: readonly AccountConfig[]): void {
    this.accounts = accounts;
    const keep = new Set(accounts.map(accountKey));
    for (const [key, provider] of this.live) {
      if (!keep.has(key)) {
        provider.dispose();
        this.live.delete(key);
      }
    }
  }

  getAccounts(): readonly AccountConfig[] {
    return this.accounts;
  }

  accountFor(repo: RepoRef): AccountConfig | undefined {
    return this.accounts.find((a) => a.kind === repo.provider && a.apiUrl === repo.host);
  }

  providerFor(repo: RepoRef): CiProvider | undefined {
    const account = this.accountFor(repo);
    return account ? this.providerForAccount(account) : undefined;
  }

  providerForAccount(account: AccountConfig): CiProvider | undefined {
    const key = accountKey(account);
    let provider = this.live.get(key);
    if (!provider) {
      const factory = this.registry.descriptor(account.kind);
      if (!factory) {
        return undefined;
      }
      const created = factory.create(account, this.depsFor(account));
      provider = this.redact ? withRedactedErrors(created, this.redact) : created;
      this.live.set(key, provider);
    }
    return provider;
  }

  dispose(): void {
    for (const provider of this.live.values()) {
      provider.dispose();
    }
    this.live.clear();
  }
}

export function accountKey(account: AccountConfig): string {
  return `${account.kind}|${account.apiUrl}`;
}
