import type * as vscode from 'vscode';
import type { PipelinesTree } from '../views/tree/pipelinesTree';
import type { TreeNode } from '../views/tree/node';

/** Reveals a run of the current branch in the tree (the status bar's click). */
export function revealRunCommand(tree: PipelinesTree, view: vscode.TreeView<TreeNode>) {
  return async (repoKey?: unknown, runId?: unknown): Promise<void> => {
    if (typeof repoKey !== 'string' || typeof runId !== 'string') {
      return;
    }
    const node = tree.findBranchRun(repoKey, runId);
    if (node) {
      await view.reveal(node, { select: true, focus: true, expand: true });
    }
  };
}
