import * as vscode from 'vscode';
import { describeError } from '../../core/errors';
import type { Job, Step } from '../../core/model';
import { COMMANDS } from '../../commands/ids';
import { repoByKey } from '../../core/sync/lookup';
import { stateIcon } from '../stateIcons';
import { jobDescription } from './describe';
import { MessageNode } from './messageNode';
import type { TreeContext, TreeNode } from './node';

export class JobNode implements TreeNode {
  readonly id: string;
  readonly webUrl: string | undefined;

  constructor(
    readonly parent: TreeNode,
    readonly repoKey: string,
    readonly job: Job,
    private readonly ctx: TreeContext,
  ) {
    this.id = `${parent.id}/job/${job.id}`;
    this.webUrl = job.webUrl;
  }

  toTreeItem(): vscode.TreeItem {
    const expandable = this.job.steps.length > 0 || this.job.downstream !== undefined;
    const item = new vscode.TreeItem(this.job.name, expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const flags = [this.job.manual ? vscode.l10n.t('manual') : '', this.job.allowFailure ? vscode.l10n.t('allowed to fail') : ''].filter(Boolean);
    item.description = [jobDescription(this.job, this.ctx.now()), ...flags].join(' · ');
    item.iconPath = this.job.manual && this.job.state === 'action_required' ? new vscode.ThemeIcon('debug-start') : stateIcon(this.job.state);
    const lines = [this.job.name, this.job.rawStatus];
    if (this.job.stage) {
      lines.push(`${vscode.l10n.t('Stage')}: ${this.job.stage}`);
    }
    item.tooltip = lines.join('\n');
    const context = ['job', this.job.state, this.job.manual ? 'manual' : '', this.job.downstream ? 'trigger' : '', this.ctx.isReadOnly(this.repoKey) ? 'readonly' : '', this.ctx.presentation(this.repoKey).featureFlags];
    item.contextValue = context.filter(Boolean).join(' ');
    item.accessibilityInformation = { label: `${this.job.name}, ${item.description}` };
    item.command = { command: COMMANDS.openRun, title: vscode.l10n.t('Open Run'), arguments: [this.repoKey, this.job.runId, this.job.id] };
    return item;
  }

  async getChildren(): Promise<TreeNode[]> {
    const downstream = this.job.downstream;
    if (!downstream) {
      return this.job.steps.map((step) => new StepNode(this, step, this.ctx));
    }
    const ownSlug = repoByKey(this.ctx.sync, this.repoKey)?.slug;
    if (downstream.repoSlug && downstream.repoSlug !== ownSlug) {
      return [
        new MessageNode(`${this.id}/downstream`, this, vscode.l10n.t('Downstream pipeline in {0}', downstream.repoSlug), {
          icon: 'link-external',
          command: downstream.webUrl ? { command: 'vscode.open', title: '', arguments: [vscode.Uri.parse(downstream.webUrl)] } : undefined,
        }),
      ];
    }
    try {
      const jobs = await this.ctx.sync.getJobs(this.repoKey, downstream.runId);
      return jobs.map((job) => new JobNode(this, this.repoKey, job, this.ctx));
    } catch (error) {
      return [new MessageNode(`${this.id}/downstream-error`, this, vscode.l10n.t('Could not load the downstream pipeline: {0}', describeError(error)), { icon: 'warning' })];
    }
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
