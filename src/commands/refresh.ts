import * as vscode from 'vscode';
import type { TreeNode } from '../views/tree/node';

interface Refreshable {
  refresh(repoKey?: string): Promise<void>;
}

/** `FlowForge: Refresh`: one repository from its node, or all of them. */
export function refreshCommand(sync: Refreshable) {
  return async (node?: TreeNode & { repoKey?: string }): Promise<void> => {
    await vscode.window.withProgress({ location: { viewId: 'flowforge.pipelines' } }, () => sync.refresh(node?.repoKey));
  };
}
