import * as vscode from 'vscode';
import type { Pipeline } from '../../core/model';
import { COMMANDS } from '../../commands/ids';
import { stateIcon } from '../stateIcons';
import { MessageNode } from './messageNode';
import type { TreeContext, TreeNode } from './node';
import { RunNode } from './runNode';

/** A workflow with its recent runs and a "Load more…" leaf. */
export class PipelineNode implements TreeNode {
  readonly id: string;
  readonly webUrl: string;

  constructor(
    readonly parent: TreeNode,
    readonly repoKey: string,
    readonly pipeline: Pipeline,
    private readonly ctx: TreeContext,
  ) {
    this.id = `${parent.id}/wf/${pipeline.id}`;
    this.webUrl = pipeline.webUrl;
  }

  toTreeItem(): vscode.TreeItem {
    const { runs } = this.ctx.sync.pipelineRuns(this.repoKey, this.pipeline.id);
    const latest = runs[0];
    const item = new vscode.TreeItem(this.pipeline.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = latest ? stateIcon(latest.state) : new vscode.ThemeIcon('symbol-event');
    const description = latest ? `#${latest.number}` : vscode.l10n.t('no recent runs');
    const trend = this.ctx.trendOf?.(this.repoKey, this.pipeline.id);
    item.description = trend ? `${description} · ${trend.badge}` : description;
    const tooltip = this.pipeline.path ? `${this.pipeline.name}\n${this.pipeline.path}` : this.pipeline.name;
    item.tooltip = trend ? `${tooltip}\n\n${trend.details.map((line) => `⚠ ${line}`).join('\n')}` : tooltip;
    item.contextValue = ['workflow', trend ? 'trendAlert' : '', this.pipeline.rawState ?? '', this.ctx.isReadOnly(this.repoKey) ? 'readonly' : '', this.ctx.presentation(this.repoKey).featureFlags].filter(Boolean).join(' ');
    return item;
  }

  getChildren(): TreeNode[] {
    const page = this.ctx.sync.pipelineRuns(this.repoKey, this.pipeline.id);
    const children: TreeNode[] = page.runs.map((run) => new RunNode(this, this.repoKey, run, this.ctx, { showBranch: true, showWorkflow: false }));
    if (page.loading) {
      children.push(new MessageNode(`${this.id}/loading`, this, vscode.l10n.t('Loading…'), { icon: 'loading~spin' }));
    } else if (page.hasMore) {
      children.push(
        new MessageNode(`${this.id}/more`, this, vscode.l10n.t('Load more…'), {
          icon: 'ellipsis',
          contextValue: 'loadMore',
          command: { command: COMMANDS.loadMore, title: vscode.l10n.t('Load more…'), arguments: [this.repoKey, this.pipeline.id] },
        }),
      );
    } else if (page.runs.length === 0) {
      children.push(new MessageNode(`${this.id}/empty`, this, vscode.l10n.t('No runs'), { icon: 'info' }));
    }
    return children;
  }
}
