import * as vscode from 'vscode';
import { summarizeGate, type MergeReadiness } from '../../core/gate/mergeReadiness';
import { COMMANDS } from '../../commands/ids';
import { gateDetails, gateHeadline, verdictIcon, verdictText } from './mergeGateText';
import type { TreeNode } from './node';

/** "Pull request #12: 2 of 3 required checks passing, 1 pending" under the repository; a click opens it in the browser. */
export class MergeGateNode implements TreeNode {
  readonly id: string;

  constructor(
    readonly parent: TreeNode,
    private readonly readiness: MergeReadiness,
  ) {
    this.id = `${parent.id}/gate`;
  }

  get webUrl(): string {
    return this.readiness.webUrl;
  }

  toTreeItem(): vscode.TreeItem {
    const summary = summarizeGate(this.readiness);
    const item = new vscode.TreeItem(gateHeadline(this.readiness, summary), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = verdictText(summary.verdict);
    item.iconPath = verdictIcon(summary.verdict);
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.supportThemeIcons = true;
    tooltip.appendText(`${this.readiness.title}\n\n`);
    gateDetails(tooltip, this.readiness, summary);
    item.tooltip = tooltip;
    item.accessibilityInformation = { label: `${gateHeadline(this.readiness, summary)}, ${verdictText(summary.verdict)}` };
    item.command = { command: COMMANDS.openInBrowser, title: vscode.l10n.t('Open in Browser'), arguments: [this] };
    item.contextValue = `mergeGate gate-${summary.verdict}`;
    return item;
  }

  getChildren(): TreeNode[] {
    return [];
  }
}
