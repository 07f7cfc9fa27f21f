import * as vscode from 'vscode';
import { repoKey } from '../../core/model';
import type { TreeContext, TreeNode } from './node';
import { RepositoryNode } from './repositoryNode';
import type { RunNode } from './runNode';

/**
 * Renders the sync service's snapshots. Holds no data of its own beyond the
 * long-lived repository nodes that VS Code needs for targeted refreshes.
 */
export class PipelinesTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly repoNodes = new Map<string, RepositoryNode>();
  private readonly subscription: vscode.Disposable;
  private ticker: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly ctx: TreeContext) {
    this.subscription = ctx.sync.onDidChange((key) => {
      const node = key ? this.repoNodes.get(key) : undefined;
      if (node) {
        node.update(ctx.sync.snapshot(node.repoKey));
        this.changed.fire(node);
      } else {
        this.changed.fire(undefined);
      }
    });
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.toTreeItem();
  }

  getChildren(node?: TreeNode): TreeNode[] | Promise<TreeNode[]> {
    return node ? node.getChildren() : this.roots();
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  /** Re-renders everything (relative times, durations of running jobs). */
  refreshAll(): void {
    this.changed.fire(undefined);
  }

  /** Keeps "5 min ago" and running durations current while the view is visible. */
  tickWhile(visible: () => boolean, everyMs = 60_000): void {
    if (this.ticker === undefined) {
      this.ticker = setInterval(() => visible() && this.refreshAll(), everyMs);
    }
  }

  /** The node of a run in its repository's "Current branch" group, for reveal(). */
  findBranchRun(repoKey: string, runId: string): RunNode | undefined {
    this.roots();
    return this.repoNodes.get(repoKey)?.branchNode()?.runNode(runId);
  }

  dispose(): void {
    if (this.ticker !== undefined) {
      clearInterval(this.ticker);
    }
    this.subscription.dispose();
    this.changed.dispose();
  }

  private roots(): RepositoryNode[] {
    const repos = this.ctx.sync.repositories();
    const next = new Map<string, RepositoryNode>();
    for (const repo of repos) {
      const node = this.repoNodes.get(repoKey(repo)) ?? new RepositoryNode(repo, this.ctx);
      node.update(this.ctx.sync.snapshot(node.repoKey));
      next.set(node.repoKey, node);
    }
    this.repoNodes.clear();
    for (const [key, node] of next) {
      this.repoNodes.set(key, node);
    }
    return [...next.values()];
  }
}

