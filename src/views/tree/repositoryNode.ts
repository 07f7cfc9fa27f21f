import * as vscode from 'vscode';
import { repoKey, type Pipeline } from '../../core/model';
import type { BudgetNote, RepoSnapshot } from '../../core/sync/types';
import { formatClockTime, formatDuration } from '../../core/time';
import { BranchNode } from './branchNode';
import { MergeGateNode } from './mergeGateNode';
import { MessageNode } from './messageNode';
import type { TreeContext, TreeNode } from './node';
import { PipelineNode } from './pipelineNode';
import { problemNode } from './problemNode';

/**
 * A watched repository. Kept alive across refreshes (VS Code refreshes a subtree
 * by object identity), with its snapshot swapped in by update().
 */
export class RepositoryNode implements TreeNode {
  readonly id: string;
  readonly parent = undefined;
  readonly repoKey: string;
  private snapshot: RepoSnapshot | undefined;

  constructor(
    readonly repo: RepoSnapshot['repo'],
    private readonly ctx: TreeContext,
  ) {
    this.repoKey = repoKey(repo);
    this.id = `repo:${this.repoKey}`;
  }

  get webUrl(): string {
    return this.snapshot?.repository?.webUrl ?? this.ctx.repositoryWebUrl(this.repo);
  }

  update(snapshot: RepoSnapshot | undefined): void {
    this.snapshot = snapshot;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.repo.slug, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    const presentation = this.ctx.presentation(this.repoKey);
    const label = presentation.label;
    // Stale only when there is data to be stale: a repository never loaded (no token yet) just says what to do.
    const stale = this.snapshot?.stale && this.snapshot.fetchedAt !== undefined ? vscode.l10n.t('stale') : undefined;
    const signIn = this.snapshot?.problem?.kind === 'auth' && this.snapshot.fetchedAt === undefined ? vscode.l10n.t('sign in') : undefined;
    const problem = this.snapshot?.problem;
    const limited = problem?.kind === 'rate_limit' && problem.resumeAt !== undefined ? vscode.l10n.t('rate limited until {0}', formatClockTime(problem.resumeAt)) : undefined;
    item.description = [label, limited ?? stale ?? signIn].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon(presentation.codicon);
    const tooltip = new vscode.MarkdownString(`**${this.repo.slug}** (${label})`);
    if (this.snapshot?.fetchedAt) {
      tooltip.appendMarkdown(`\n\n${vscode.l10n.t('Updated {0}', new Date(this.snapshot.fetchedAt).toLocaleTimeString())}`);
    }
    if (this.snapshot?.problem) {
      tooltip.appendText(`\n\n${this.snapshot.problem.message}`);
    }
    const budget = this.ctx.sync.budgetNote?.(this.repoKey);
    if (budget) {
      tooltip.appendText(`\n\n${budgetText(budget)}`);
    }
    item.tooltip = tooltip;
    item.contextValue = ['repository', stale ? 'stale' : '', this.ctx.isReadOnly(this.repoKey) ? 'readonly' : '', presentation.featureFlags].filter(Boolean).join(' ');
    return item;
  }

  getChildren(): TreeNode[] {
    const snapshot = this.snapshot;
    if (!snapshot) {
      return [new MessageNode(`${this.id}/loading`, this, vscode.l10n.t('Loading…'), { icon: 'loading~spin' })];
    }
    const children: TreeNode[] = [];
    if (snapshot.problem) {
      children.push(problemNode(this, snapshot.problem, snapshot.fetchedAt, this.ctx.presentation(this.repoKey).label));
      if (snapshot.fetchedAt === undefined && snapshot.pipelines.length === 0 && snapshot.branchRuns.length === 0) {
        return children; // nothing was ever loaded: the problem is the whole story
      }
    }
    if (snapshot.mergeGate) {
      children.push(new MergeGateNode(this, snapshot.mergeGate));
    }
    if (snapshot.branch) {
      children.push(new BranchNode(this, this.repoKey, snapshot, snapshot.branch, this.ctx));
    }
    for (const pipeline of this.orderedPipelines(snapshot)) {
      children.push(new PipelineNode(this, this.repoKey, pipeline, this.ctx));
    }
    if (children.length === 0 && snapshot.fetchedAt !== undefined) {
      children.push(new MessageNode(`${this.id}/empty`, this, this.ctx.presentation(this.repoKey).noPipelinesText, { icon: 'info' }));
    }
    return children;
  }

  branchNode(): BranchNode | undefined {
    const snapshot = this.snapshot;
    return snapshot?.branch ? new BranchNode(this, this.repoKey, snapshot, snapshot.branch, this.ctx) : undefined;
  }

  /** Workflows with recent runs first (newest activity first), then the rest by name. */
  private orderedPipelines(snapshot: RepoSnapshot): Pipeline[] {
    const lastActivity = new Map<string, string>();
    for (const run of snapshot.recentRuns) {
      const seen = lastActivity.get(run.pipelineId);
      if (!seen || run.createdAt > seen) {
        lastActivity.set(run.pipelineId, run.createdAt);
      }
    }
    return [...snapshot.pipelines].sort((a, b) => {
      const la = lastActivity.get(a.id) ?? '';
      const lb = lastActivity.get(b.id) ?? '';
      return la === lb ? a.name.localeCompare(b.name) : lb.localeCompare(la);
    });
  }
}

/** "Polling every 4m 00s instead of 30s: …": the account's request budget slows this repository down. */
function budgetText(note: BudgetNote): string {
  return vscode.l10n.t(
    'Polling every {0} instead of {1}: {2} allows {3} requests an hour and FlowForge keeps under {4}% of it ({5} used in the last hour).',
    formatDuration(note.intervalMs),
    formatDuration(note.askedMs),
    note.account,
    Math.round(note.hourlyBudget).toLocaleString(),
    Math.round(note.share * 100),
    note.usedLastHour.toLocaleString(),
  );
}
