/**
 * One live CiProvider per account, created lazily and disposed when the account
 * goes away or its settings change; one HostLimit per account (host + kind) that every
 * request of that account goes through (accountAccess.ts), with the account's request budget;
 * with `redact`, every error a provider rejects with is redacted.
 */
import type { Disposable } from '../core/events';
import type { RepoRef } from '../core/model';
import type { AccountConfig, CiProvider, ProviderDeps } from '../core/ci/provider';
import { systemClock, type Clock } from '../core/ports';
import { HostLimit } from '../core/scheduler/hostLimit';
import { accountProvider, limitedFetch } from './accountAccess';
import { budgetOf, type BudgetOverrides } from './budgets';
import type { ProviderRegistry } from './registry';

export type DepsForAccount = (account: AccountConfig) => ProviderDeps;

export interface PoolOptions {
  readonly clock?: Clock;
  /** Removes credentials from error texts (every configured token, by value): applied to every provider's rejections. */
  readonly redact?: (text: string) => string;
}

export class ProviderPool implements Disposable {
  private accounts: readonly AccountConfig[] = [];
  private readonly live = new Map<string, CiProvider>();
  /** Kept across provider re-creation (a settings change does not forget a rate-limit window). */
  private readonly limits = new Map<string, HostLimit>();
  private overrides: BudgetOverrides = {};
  private readonly clock: Clock;
  private readonly redact?: (text: string) => string;

  constructor(
    private readonly registry: ProviderRegistry,
    private readonly depsFor: DepsForAccount,
    options: PoolOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.redact = options.redact;
  }

  /** flowforge.budget.requestsPerHour: budgets by host or provider kind, replacing the documented ones. */
  setBudgetOverrides(overrides: BudgetOverrides): void {
    this.overrides = overrides;
    for (const account of this.accounts) {
      this.limits.get(accountKey(account))?.setBudget(budgetOf(this.registry.descriptor(account.kind), account, overrides));
    }
  }

  /** The limit state of an account (created on first use). */
  limitForAccount(account: AccountConfig): HostLimit {
    const key = accountKey(account);
    let limit = this.limits.get(key);
    if (limit === undefined) {
      limit = new HostLimit(key, this.registry.accountLabel(account), budgetOf(this.registry.descriptor(account.kind), account, this.overrides), this.clock);
      this.limits.set(key, limit);
    }
    return limit;
  }

  /** The limit state of the account serving a repository, if one is configured. */
  limitFor(repo: RepoRef): HostLimit | undefined {
    const account = this.accountFor(repo);
    return account ? this.limitForAccount(account) : undefined;
  }

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
    for (const key of this.limits.keys()) {
      if (!keep.has(key)) {
        this.limits.delete(key);
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
      const limit = this.limitForAccount(account);
      const deps = this.depsFor(account);
      provider = accountProvider(factory.create(account, { ...deps, fetch: limitedFetch(limit, this.clock, deps.fetch) }), limit, this.redact);
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
