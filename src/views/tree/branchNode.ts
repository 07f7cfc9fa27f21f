import * as vscode from 'vscode';
import type { RepoSnapshot } from '../../core/sync/types';
import { aggregateState, latestPerPipeline } from '../../core/status';
import { stateIcon } from '../stateIcons';
import { MessageNode } from './messageNode';
import type { TreeContext, TreeNode } from './node';
import { RunNode } from './runNode';

/** "Current branch (main)": the runs of the checked-out branch, newest first. */
export class BranchNode implements TreeNode {
  readonly id: string;

  constructor(
    readonly parent: TreeNode,
    readonly repoKey: string,
    private readonly snapshot: RepoSnapshot,
    private readonly branch: string,
    private readonly ctx: TreeContext,
  ) {
    this.id = `${parent.id}/branch`;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Current branch ({0})', this.branch), vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    const state = aggregateState(latestPerPipeline(this.snapshot.branchRuns).map((run) => run.state));
    item.iconPath = state ? stateIcon(state) : new vscode.ThemeIcon('git-branch');
    item.description = this.snapshot.branchRuns.length === 0 ? vscode.l10n.t('no runs') : undefined;
    item.contextValue = 'branch';
    return item;
  }

  getChildren(): TreeNode[] {
    if (this.snapshot.branchRuns.length === 0) {
      return [new MessageNode(`${this.id}/empty`, this, vscode.l10n.t('No runs on {0} yet', this.branch), { icon: 'info' })];
    }
    return this.snapshot.branchRuns.map((run) => new RunNode(this, this.repoKey, run, this.ctx, { showBranch: false, showWorkflow: true }));
  }

  /** The node for one run of this group, for reveal(). */
  runNode(runId: string): RunNode | undefined {
    const run = this.snapshot.branchRuns.find((r) => r.id === runId);
    return run ? new RunNode(this, this.repoKey, run, this.ctx, { showBranch: false, showWorkflow: true }) : undefined;
  }
}

