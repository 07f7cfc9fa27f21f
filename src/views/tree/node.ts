import type * as vscode from 'vscode';
import type { Artifact } from '../../core/ci/operations';
import type { Job, RepoRef } from '../../core/model';
import type { SyncReader } from '../../core/sync/types';

/** A tree node is a plain model that knows how to render itself and its children. */
export interface TreeNode {
  /** Stable across refreshes: VS Code keeps expansion and selection by id. */
  readonly id: string;
  readonly parent: TreeNode | undefined;
  /** Browser URL of what the node shows, when it has one (used by "Open in Browser"). */
  readonly webUrl?: string;
  toTreeItem(): vscode.TreeItem;
  getChildren(): TreeNode[] | Promise<TreeNode[]>;
}

export interface ProviderPresentation {
  /** Account label: "GitLab", or "GitLab (git.example.com)" for another host. */
  readonly label: string;
  readonly codicon: string;
  /** Shown when a repository has no pipelines. */
  readonly noPipelinesText: string;
  /** "feature:rerunRun feature:cancelRun …": what the provider can do, for word-bounded `when` clauses. */
  readonly featureFlags: string;
}

/** What nodes need from the rest of the extension. */
export interface TreeContext {
  readonly sync: SyncReader & {
    getJobs(repoKey: string, runId: string): Promise<readonly Job[]>;
  };
  now(): number;
  /** How a repository's provider and account show in the tree (from its descriptor), by repository key. */
  presentation(repoKey: string): ProviderPresentation;
  repositoryWebUrl(repo: RepoRef): string;
  /** True when the account's token cannot act on pipelines (actions are hidden). */
  isReadOnly(repoKey: string): boolean;
  /** A workflow's trend warning ("⚠ 40% success") and its explanation, when it has one. */
  trendOf?(repoKey: string, pipelineId: string): { readonly badge: string; readonly details: readonly string[] } | undefined;
  /** A run's artifacts, for repositories whose provider has them (else undefined: no Artifacts node). */
  artifactsOf?(repoKey: string): ((repoKey: string, runId: string) => Promise<readonly Artifact[]>) | undefined;
}
