import * as vscode from 'vscode';
import type { Job, Step } from '../../core/model';
import { stateIcon } from '../stateIcons';
import { jobDescription } from './describe';
import type { TreeContext, TreeNode } from './node';

export class JobNode implements TreeNode {
  readonly id: string;
  readonly webUrl: string | undefined;

  constructor(
    readonly parent: TreeNode,
    readonly job: Job,
    private readonly ctx: TreeContext,
  ) {
    this.id = `${parent.id}/job/${job.id}`;
    this.webUrl = job.webUrl;
  }

  toTreeItem(): vscode.TreeItem {
    const collapsible = this.job.steps.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(this.job.name, collapsible);
    item.id = this.id;
    item.description = jobDescription(this.job, this.ctx.now());
    item.iconPath = stateIcon(this.job.state);
    item.tooltip = `${this.job.name}\n${this.job.rawStatus}${this.job.stage ? `\n${vscode.l10n.t('Stage')}: ${this.job.stage}` : ''}`;
    item.contextValue = `job ${this.job.state}`;
    item.accessibilityInformation = { label: `${this.job.name}, ${item.description}` };
    return item;
  }

  getChildren(): TreeNode[] {
    return this.job.steps.map((step) => new StepNode(this, step, this.ctx));
  }
}

export class StepNode implements TreeNode {
  readonly id: string;

  constructor(
    readonly parent: TreeNode,
    readonly step: Step,
    private readonly ctx: TreeContext,
  ) {
    this.id = `${parent.id}/step/${step.number}`;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(`${this.step.number}. ${this.step.name}`, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = jobDescription(this.step, this.ctx.now());
    item.iconPath = stateIcon(this.step.state);
    item.contextValue = `step ${this.step.state}`;
    item.accessibilityInformation = { label: `${this.step.name}, ${item.description}` };
    return item;
  }

  getChildren(): TreeNode[] {
    return [];
  }
}
