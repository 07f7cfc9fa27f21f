import * as vscode from 'vscode';
import { describeError } from '../core/errors';
import type { Logger } from '../core/ports';
import type { ProviderPool } from '../providers/pool';
import { accountKey } from '../providers/pool';
import type { AccountConfig } from '../core/ci/provider';
import type { TokenResolver } from './auth';

/** Scopes without which an account can read but not act (re-run, cancel, trigger): the descriptor's writeScopes. */
export type WriteScopesFor = (account: AccountConfig) => readonly string[];

/**
 * Whether each account's token may act on pipelines, and whose it is (the Activity feed's
 * "mine"). Checked once per token, in the background after start-up; until then actions are
 * offered and the API has the last word.
 */
export class AccountCapabilities implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly readOnly = new Set<string>();
  private readonly logins = new Map<string, string>();
  private generation = 0;

  constructor(
    private readonly pool: ProviderPool,
    private readonly resolver: TokenResolver,
    private readonly logger: Logger,
    private readonly writeScopesFor: WriteScopesFor,
  ) {}

  isReadOnly(account: AccountConfig | undefined): boolean {
    return account !== undefined && this.readOnly.has(accountKey(account));
  }

  /** The user the account's token belongs to, once checked. */
  loginOf(account: AccountConfig | undefined): string | undefined {
    return account === undefined ? undefined : this.logins.get(accountKey(account));
  }

  /** Re-checks every account with a token: its user, and its write access where that depends on scopes. */
  async checkAll(): Promise<void> {
    const generation = ++this.generation;
    const next = new Set<string>();
    const logins = new Map<string, string>();
    for (const account of this.pool.getAccounts()) {
      const needed = this.writeScopesFor(account);
      const resolved = await this.resolver.resolve(account);
      const provider = this.pool.providerForAccount(account);
      if (!resolved || !provider) {
        continue;
      }
      try {
        const check = await provider.checkToken(resolved.token);
        logins.set(accountKey(account), check.login);
        if (needed.some((scope) => check.missingScopes.includes(scope))) {
          next.add(accountKey(account));
          this.logger.info(`${account.kind} ${account.apiUrl}: the token is read-only (no ${needed.join(', ')} scope); actions are hidden.`);
        }
      } catch (error) {
        this.logger.debug(`Could not check the scopes of the ${account.kind} token for ${account.apiUrl}: ${describeError(error)}`);
      }
    }
    if (generation === this.generation) {
      this.readOnly.clear();
      next.forEach((key) => this.readOnly.add(key));
      this.logins.clear();
      logins.forEach((login, key) => this.logins.set(key, login));
      this.changed.fire();
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
