import * as vscode from 'vscode';
import type { AccountConfig } from '../core/ci/provider';

/** Personal access tokens, one per account, kept only in VS Code's SecretStorage. */
export class TokenStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((event) => {
      if (event.key.startsWith(PREFIX)) {
        this.changed.fire();
      }
    });
  }

  get(account: AccountConfig): Thenable<string | undefined> {
    return this.secrets.get(keyOf(account));
  }

  async set(account: AccountConfig, token: string): Promise<void> {
    await this.secrets.store(keyOf(account), token);
  }

  async delete(account: AccountConfig): Promise<void> {
    await this.secrets.delete(keyOf(account));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

const PREFIX = 'flowforge.token:';

function keyOf(account: AccountConfig): string {
  return `${PREFIX}${account.kind}:${account.apiUrl}`;
}
