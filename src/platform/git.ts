import * as vscode from 'vscode';

/** What FlowForge needs to know about one git checkout of the workspace. */
export interface GitCheckout {
  readonly rootPath: string;
  readonly branch: string | undefined;
  /** Fetch URLs of the remotes, `origin` first. */
  readonly remoteUrls: readonly string[];
}

// The subset of the built-in git extension's API (extensions/git/src/api/git.d.ts) that we use.
interface GitRemote {
  readonly name: string;
  readonly fetchUrl?: string;
  readonly pushUrl?: string;
}
interface GitRepositoryState {
  readonly HEAD: { readonly name?: string } | undefined;
  readonly remotes: readonly GitRemote[];
  readonly onDidChange: vscode.Event<void>;
}
interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: GitRepositoryState;
}
interface GitApi {
  readonly repositories: readonly GitRepository[];
  readonly onDidOpenRepository: vscode.Event<GitRepository>;
  readonly onDidCloseRepository: vscode.Event<GitRepository>;
}
interface GitExtension {
  getAPI(version: 1): GitApi;
}

/**
 * Adapts the built-in git extension: the checkouts of the workspace with their
 * branch and remotes, and an event when any of that changes (debounced).
 */
export class GitWorkspace implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly repoSubscriptions = new Map<GitRepository, vscode.Disposable>();
  private api: GitApi | undefined;
  private debounce: ReturnType<typeof setTimeout> | undefined;
  private lastSignature = '';

  /** Activates the git extension (if present) and starts listening. Never throws. */
  async start(): Promise<void> {
    try {
      const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
      if (!extension) {
        return;
      }
      const exports = extension.isActive ? extension.exports : await extension.activate();
      this.api = exports.getAPI(1);
    } catch {
      return;
    }
    const api = this.api;
    this.subscriptions.push(
      api.onDidOpenRepository((repo) => {
        this.watch(repo);
        this.schedule();
      }),
      api.onDidCloseRepository((repo) => {
        this.repoSubscriptions.get(repo)?.dispose();
        this.repoSubscriptions.delete(repo);
        this.schedule();
      }),
    );
    for (const repo of api.repositories) {
      this.watch(repo);
    }
  }

  checkouts(): GitCheckout[] {
    return (this.api?.repositories ?? []).map(toCheckout);
  }

  dispose(): void {
    if (this.debounce) {
      clearTimeout(this.debounce);
    }
    for (const subscription of [...this.subscriptions, ...this.repoSubscriptions.values()]) {
      subscription.dispose();
    }
    this.repoSubscriptions.clear();
    this.changed.dispose();
  }

  private watch(repo: GitRepository): void {
    if (!this.repoSubscriptions.has(repo)) {
      this.repoSubscriptions.set(repo, repo.state.onDidChange(() => this.schedule()));
    }
  }

  /** Repository state fires on every index change: only branch/remote changes matter. */
  private schedule(): void {
    if (this.debounce) {
      clearTimeout(this.debounce);
    }
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      const signature = JSON.stringify(this.checkouts());
      if (signature !== this.lastSignature) {
        this.lastSignature = signature;
        this.changed.fire();
      }
    }, 300);
  }
}

function toCheckout(repo: GitRepository): GitCheckout {
  const remotes = [...repo.state.remotes].sort((a, b) => (a.name === 'origin' ? -1 : b.name === 'origin' ? 1 : 0));
  const remoteUrls = remotes.map((r) => r.fetchUrl ?? r.pushUrl).filter((u): u is string => typeof u === 'string');
  return { rootPath: repo.rootUri.fsPath, branch: repo.state.HEAD?.name, remoteUrls };
}
