import * as vscode from 'vscode';
import type { AccountConfig } from '../core/ci/provider';
import type { EditorAuth } from '../core/ci/descriptor';
import type { Redactor } from '../core/redact';
import { credentialSecrets, joinCredential } from '../core/ci/credential';
import type { TokenStore } from './secrets';

export type TokenOrigin = 'secret' | 'vscode' | 'environment';

export interface ResolvedToken {
  readonly token: string;
  readonly origin: TokenOrigin;
}

/** The editor sign-in a provider offers for an account (from its descriptor), if any. */
export type EditorAuthFor = (account: AccountConfig) => EditorAuth | undefined;

/**
 * Decides which token an account uses: SecretStorage first, then the editor's
 * account where the provider has one (never prompting in the background), then the
 * account's environment variable.
 */
export class TokenResolver implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly cache = new Map<string, Promise<ResolvedToken | undefined>>();

  constructor(
    private readonly store: TokenStore,
    private readonly redactor: Redactor,
    private readonly editorAuthFor: EditorAuthFor,
    editorAuthIds: readonly string[],
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.subscriptions.push(
      store.onDidChange(() => this.invalidate()),
      vscode.authentication.onDidChangeSessions((event) => {
        if (editorAuthIds.includes(event.provider.id)) {
          this.invalidate();
        }
      }),
    );
  }

  resolve(account: AccountConfig): Promise<ResolvedToken | undefined> {
    const key = `${account.kind}|${account.apiUrl}`;
    let pending = this.cache.get(key);
    if (!pending) {
      pending = this.lookup(account).then((resolved) => {
        for (const secret of resolved ? credentialSecrets(resolved.token) : []) {
          this.redactor.addSecret(secret);
        }
        return resolved;
      });
      this.cache.set(key, pending);
    }
    return pending;
  }

  /** Interactive sign-in with the editor's account for the provider (VS Code's GitHub account). */
  async signInWithVsCode(account: AccountConfig): Promise<boolean> {
    const auth = this.editorAuthFor(account);
    const providerId = auth?.providerId(account);
    if (!auth || !providerId) {
      return false;
    }
    const session = await vscode.authentication.getSession(providerId, [...auth.scopes], { createIfNone: true });
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
    const auth = this.editorAuthFor(account);
    const providerId = auth?.providerId(account);
    if (auth && providerId) {
      try {
        const session = await vscode.authentication.getSession(providerId, [...auth.scopes], { silent: true });
        if (session) {
          return { token: session.accessToken, origin: 'vscode' };
        }
      } catch {
        // No such auth provider here (e.g. offline web): fall through to the environment.
      }
    }
    const fromEnv = account.envVar ? this.env[account.envVar] : undefined;
    if (fromEnv && fromEnv.trim() !== '') {
      const user = account.userEnvVar ? this.env[account.userEnvVar] : undefined;
      return { token: joinCredential(user, fromEnv.trim()), origin: 'environment' };
    }
    return undefined;
  }
}
