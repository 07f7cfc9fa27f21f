import * as vscode from 'vscode';
import { describeError } from '../../core/errors';
import { isActive, type Run } from '../../core/model';
import { COMMANDS } from '../../commands/ids';
import { stateIcon } from '../stateIcons';
import { runDescription, runTooltip } from './describe';
import { ArtifactsNode } from './artifactNodes';
import { JobNode } from './jobNode';
import { MessageNode } from './messageNode';
import type { TreeContext, TreeNode } from './node';
import { groupByStage, StageNode } from './stageNode';

export class RunNode implements TreeNode {
  readonly id: string;
  readonly webUrl: string;

  constructor(
    readonly parent: TreeNode,
    readonly repoKey: string,
    readonly run: Run,
    private readonly ctx: TreeContext,
    private readonly options: { showBranch: boolean; showWorkflow: boolean; repository?: string },
  ) {
    this.id = `${parent.id}/run/${run.id}`;
    this.webUrl = run.webUrl;
  }

  toTreeItem(): vscode.TreeItem {
    const label = this.options.showWorkflow ? `#${this.run.number} ${this.run.pipelineName}: ${this.run.title}` : `#${this.run.number} ${this.run.title}`;
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const description = runDescription(this.run, this.ctx.now(), { showBranch: this.options.showBranch });
    item.description = this.options.repository ? `${this.options.repository} · ${description}` : description;
    item.tooltip = runTooltip(this.run, this.ctx.now());
    item.iconPath = stateIcon(this.run.state);
    // Space-separated flags; menus match them with \b word boundaries.
    const flags = ['run', this.run.state, this.run.rawStatus === 'waiting' ? 'waiting' : '', isActive(this.run.state) ? 'active' : 'completed', this.ctx.isReadOnly(this.repoKey) ? 'readonly' : '', this.ctx.presentation(this.repoKey).featureFlags];
    item.contextValue = flags.filter(Boolean).join(' ');
    item.accessibilityInformation = { label: `${label}, ${this.run.state}, ${item.description}` };
    item.command = { command: COMMANDS.openRun, title: vscode.l10n.t('Open Run'), arguments: [this.repoKey, this.run.id] };
    return item;
  }

  async getChildren(): Promise<TreeNode[]> {
    const list = this.ctx.artifactsOf?.(this.repoKey);
    const artifacts = list ? [new ArtifactsNode(this, this.repoKey, this.run.id, list, () => this.ctx.now())] : [];
    return [...(await this.jobChildren()), ...artifacts];
  }

  private async jobChildren(): Promise<TreeNode[]> {
    try {
      const jobs = await this.ctx.sync.getJobs(this.repoKey, this.run.id);
      if (jobs.length === 0) {
        return [new MessageNode(`${this.id}/nojobs`, this, vscode.l10n.t('No jobs yet'), { icon: 'info' })];
      }
      const stages = groupByStage(jobs);
      if (stages) {
        return [...stages].map(([stage, stageJobs]) => new StageNode(this, this.repoKey, stage, stageJobs, this.ctx));
      }
      return jobs.map((job) => new JobNode(this, this.repoKey, job, this.ctx));
    } catch (error) {
      const cached = this.ctx.sync.cachedJobs(this.repoKey, this.run.id);
      const problem = new MessageNode(`${this.id}/jobs-error`, this, vscode.l10n.t('Could not load jobs: {0}', describeError(error)), { icon: 'warning' });
      return cached ? [problem, ...cached.map((job) => new JobNode(this, this.repoKey, job, this.ctx))] : [problem];
    }
  }
}
