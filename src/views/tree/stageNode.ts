import * as vscode from 'vscode';
import type { Job } from '../../core/model';
import { aggregateState } from '../../core/status';
import { stateIcon } from '../stateIcons';
import { JobNode } from './jobNode';
import type { TreeContext, TreeNode } from './node';

/** A GitLab stage: its jobs, with the stage's combined state. */
export class StageNode implements TreeNode {
  readonly id: string;

  constructor(
    readonly parent: TreeNode,
    readonly repoKey: string,
    readonly stage: string,
    readonly jobs: readonly Job[],
    private readonly ctx: TreeContext,
  ) {
    this.id = `${parent.id}/stage/${stage}`;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.stage, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    // Jobs allowed to fail do not fail their stage.
    const state = aggregateState(this.jobs.map((job) => (job.allowFailure && job.state === 'failure' ? 'neutral' : job.state)));
    item.iconPath = state ? stateIcon(state) : new vscode.ThemeIcon('layers');
    item.description = this.jobs.length === 1 ? vscode.l10n.t('1 job') : vscode.l10n.t('{0} jobs', this.jobs.length);
    item.contextValue = 'stage';
    return item;
  }

  getChildren(): TreeNode[] {
    return this.jobs.map((job) => new JobNode(this, this.repoKey, job, this.ctx));
  }
}

/** Groups jobs by stage in the order stages first appear; undefined when jobs have no stages (GitHub). */
export function groupByStage(jobs: readonly Job[]): Map<string, Job[]> | undefined {
  if (!jobs.some((job) => job.stage)) {
    return undefined;
  }
  const stages = new Map<string, Job[]>();
  for (const job of jobs) {
    const stage = job.stage ?? '';
    const list = stages.get(stage) ?? [];
    list.push(job);
    stages.set(stage, list);
  }
  return stages;
}
