import type * as vscode from 'vscode';
import type { PipelinesTree } from '../views/tree/pipelinesTree';
import type { TreeNode } from '../views/tree/node';

/** Reveals a run of the current branch in the tree and opens its panel (the status bar's click). */
export function revealRunCommand(tree: PipelinesTree, view: vscode.TreeView<TreeNode>, openRun: (repoKey: string, runId: string) => Promise<void>) {
  return async (repoKey?: unknown, runId?: unknown): Promise<void> => {
    if (typeof repoKey !== 'string' || typeof runId !== 'string') {
      return;
    }
    const node = tree.findBranchRun(repoKey, runId);
    if (node) {
      await view.reveal(node, { select: true, focus: false, expand: true });
    }
    await openRun(repoKey, runId);
  };
}
