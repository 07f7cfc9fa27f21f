import * as vscode from 'vscode';
import type { AccountConfig } from '../core/ci/provider';
import type { TokenStore } from './secrets';

export type TokenOrigin = 'secret' | 'vscode' | 'environment';

export interface ResolvedToken {
  readonly token: string;
  readonly origin: TokenOrigin;
}

/** Scopes FlowForge asks for when using the VS Code GitHub account. */
export const GITHUB_SCOPES = ['repo', 'workflow'];

/** Name of the environment variable that may hold an account's token, if any. */
export type EnvVarFor = (account: AccountConfig) => string | undefined;

/**
 * Decides which token an account uses: SecretStorage first, then the VS Code
 * account (GitHub only, never prompting in the background), then an environment variable.
 */
export class TokenResolver implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly cache = new Map<string, Promise<ResolvedToken | undefined>>();

  constructor(
    private readonly store: TokenStore,
    private readonly envVarFor: EnvVarFor,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.subscriptions.push(
      store.onDidChange(() => this.invalidate()),
      vscode.authentication.onDidChangeSessions((event) => {
        if (event.provider.id === 'github' || event.provider.id === 'github-enterprise') {
          this.invalidate();
        }
      }),
    );
  }

  resolve(account: AccountConfig): Promise<ResolvedToken | undefined> {
    const key = `${account.kind}|${account.apiUrl}`;
    let pending = this.cache.get(key);
    if (!pending) {
      pending = this.lookup(account);
      this.cache.set(key, pending);
    }
    return pending;
  }

  /** Interactive sign-in with the VS Code GitHub account. */
  async signInWithVsCode(account: AccountConfig): Promise<boolean> {
    const providerId = vscodeAuthProvider(account);
    if (!providerId) {
      return false;
    }
    const session = await vscode.authentication.getSession(providerId, GITHUB_SCOPES, { createIfNone: true });
    this.invalidate();
    return session !== undefined;
  }

  invalidate(): void {
    this.cache.clear();
    this.changed.fire();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
    this.changed.dispose();
  }

  private async lookup(account: AccountConfig): Promise<ResolvedToken | undefined> {
    const stored = await this.store.get(account);
    if (stored) {
      return { token: stored, origin: 'secret' };
    }
    const providerId = vscodeAuthProvider(account);
    if (providerId) {
      try {
        const session = await vscode.authentication.getSession(providerId, GITHUB_SCOPES, { silent: true });
        if (session) {
          return { token: session.accessToken, origin: 'vscode' };
        }
      } catch {
        // No such auth provider here (e.g. offline web): fall through to the environment.
      }
    }
    const name = this.envVarFor(account);
    const fromEnv = name ? this.env[name] : undefined;
    if (fromEnv && fromEnv.trim() !== '') {
      return { token: fromEnv.trim(), origin: 'environment' };
    }
    return undefined;
  }
}

/** VS Code's built-in auth provider for the account, if there is one. */
function vscodeAuthProvider(account: AccountConfig): string | undefined {
  if (account.kind !== 'github') {
    return undefined;
  }
  return account.apiUrl === 'https://api.github.com' ? 'github' : 'github-enterprise';
}
