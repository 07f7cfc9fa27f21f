import * as vscode from 'vscode';
import { buildFeed, type LoginOf } from '../../core/activity/feed';
import { isFiltered } from '../../core/activity/feedFilter';
import { COMMANDS } from '../../commands/ids';
import { MessageNode } from '../tree/messageNode';
import type { TreeContext, TreeNode } from '../tree/node';
import { RunNode } from '../tree/runNode';
import { describeFilter } from './describeFilter';
import type { FeedState } from './feedState';

/** The invisible parent of the feed's rows (RunNode ids hang off it). */
const ROOT: TreeNode = { id: 'activity', parent: undefined, toTreeItem: () => new vscode.TreeItem(''), getChildren: () => [] };

export interface ActivityContext extends TreeContext {
  readonly sync: TreeContext['sync'] & { pipelineRuns: Parameters<typeof buildFeed>[0]['pipelineRuns'] };
  readonly loginOf: LoginOf;
  /** A repository's name as rows show it: "octo/app", "group/lib (git.example.com)". */
  repositoryLabel(repoKey: string): string;
  /** A provider's display name: "GitLab". */
  providerLabel(kind: string): string;
}

/**
 * The Activity view: every watched repository's runs in one list, newest first, filtered.
 * It reads what the poller holds and sends no requests of its own.
 */
export class ActivityTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  private pending: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly ctx: ActivityContext,
    private readonly state: FeedState,
  ) {
    this.subscriptions = [ctx.sync.onDidChange(() => this.refreshSoon()), state.onDidChange(() => this.refresh())];
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.toTreeItem();
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent === ROOT ? undefined : node.parent;
  }

  getChildren(node?: TreeNode): TreeNode[] | Promise<TreeNode[]> {
    return node ? node.getChildren() : this.rows();
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  dispose(): void {
    if (this.pending !== undefined) {
      clearTimeout(this.pending);
    }
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
    this.changed.dispose();
  }

  /** Polls of many repositories land together: one re-render for a burst. */
  private refreshSoon(): void {
    if (this.pending === undefined) {
      this.pending = setTimeout(() => {
        this.pending = undefined;
        this.refresh();
      }, 200);
    }
  }

  private rows(): TreeNode[] {
    const filter = this.state.filter;
    const feed = buildFeed(this.ctx.sync, filter, this.ctx.loginOf, this.state.limit);
    const rows: TreeNode[] = [];
    if (isFiltered(filter)) {
      rows.push(
        new MessageNode('activity/filter', undefined, vscode.l10n.t('Filter: {0}', describeFilter(filter, (key) => this.ctx.repositoryLabel(key), (kind) => this.ctx.providerLabel(kind))), {
          icon: 'filter',
          tooltip: vscode.l10n.t('Click to change the filter'),
          command: { command: COMMANDS.filterActivity, title: vscode.l10n.t('Filter Activity…') },
          contextValue: 'activityFilter',
        }),
      );
    }
    for (const entry of feed.entries) {
      rows.push(new RunNode(ROOT, entry.repoKey, entry.run, this.ctx, { showBranch: true, showWorkflow: true, repository: this.ctx.repositoryLabel(entry.repoKey) }));
    }
    if (feed.entries.length === 0 && this.ctx.sync.repositories().length > 0) {
      rows.push(new MessageNode('activity/empty', undefined, isFiltered(filter) ? vscode.l10n.t('No runs match the filter') : vscode.l10n.t('No runs yet'), { icon: 'info' }));
    }
    if (feed.hiddenCount > 0 || feed.morePipelines.length > 0) {
      rows.push(
        new MessageNode('activity/more', undefined, vscode.l10n.t('Load more…'), {
          icon: 'more',
          command: { command: COMMANDS.activityLoadMore, title: vscode.l10n.t('Load more…') },
          contextValue: 'loadMore',
        }),
      );
    }
    return rows;
  }
}
