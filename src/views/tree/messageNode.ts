import * as vscode from 'vscode';
import type { TreeNode } from './node';

/** An informational leaf: an explanation, a problem, or "Load more…". */
export class MessageNode implements TreeNode {
  constructor(
    readonly id: string,
    readonly parent: TreeNode | undefined,
    private readonly label: string,
    private readonly options: { icon?: string; tooltip?: string; command?: vscode.Command; contextValue?: string } = {},
  ) {}

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = this.options.icon ? new vscode.ThemeIcon(this.options.icon) : undefined;
    item.tooltip = this.options.tooltip ?? this.label;
    item.command = this.options.command;
    item.contextValue = this.options.contextValue ?? 'message';
    return item;
  }

  getChildren(): TreeNode[] {
    return [];
  }
}
