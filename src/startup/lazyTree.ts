import * as vscode from 'vscode';

/**
 * A tree data provider that exists from activation on and answers through the real one once the
 * composition has attached it: a view opened before then shows VS Code's progress bar (its first
 * getChildren is pending), not "no data provider". Nodes only ever come from the attached
 * provider, so every call after the first is a plain delegation.
 */
export class LazyTreeDataProvider<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<T | T[] | undefined | null | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private target: vscode.TreeDataProvider<T> | undefined;
  private subscription: vscode.Disposable | undefined;
  private readonly attached: Promise<vscode.TreeDataProvider<T>>;
  private resolveAttached!: (provider: vscode.TreeDataProvider<T>) => void;

  constructor() {
    this.attached = new Promise((resolve) => {
      this.resolveAttached = resolve;
    });
  }

  /** Hands the view to the real provider and re-renders it. */
  attach(provider: vscode.TreeDataProvider<T>): void {
    this.target = provider;
    this.subscription?.dispose();
    this.subscription = provider.onDidChangeTreeData?.((node) => this.changed.fire(node));
    this.resolveAttached(provider);
    this.changed.fire(undefined);
  }

  /** The composition failed to load: the view stops waiting and shows no rows (the error was reported). */
  giveUp(): void {
    this.attach({ getTreeItem: () => new vscode.TreeItem(''), getChildren: () => [] });
  }

  getTreeItem(node: T): vscode.TreeItem | Thenable<vscode.TreeItem> {
    if (!this.target) throw new Error('FlowForge: tree node asked for before the view was attached');
    return this.target.getTreeItem(node);
  }

  async getChildren(node?: T): Promise<T[] | null | undefined> {
    const provider = this.target ?? (await this.attached);
    return provider.getChildren(node);
  }

  getParent(node: T): vscode.ProviderResult<T> {
    return this.target?.getParent?.(node);
  }

  dispose(): void {
    this.subscription?.dispose();
    this.changed.dispose();
  }
}
