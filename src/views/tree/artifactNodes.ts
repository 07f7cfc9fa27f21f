/**
 * "Artifacts" under a run (providers with the artifacts feature): collapsed, so nothing is
 * requested until it is expanded (no polling cost); its children are the run's artifacts with
 * size and expiry, expired ones marked, each with Download / Open in Editor buttons.
 */
import * as vscode from 'vscode';
import type { Artifact } from '../../core/ci/operations';
import { describeError } from '../../core/errors';
import { formatBytes } from '../../platform/artifacts';
import { MessageNode } from './messageNode';
import type { TreeNode } from './node';

export type ListArtifacts = (repoKey: string, runId: string) => Promise<readonly Artifact[]>;

export function artifactDescription(artifact: Artifact, now: number): string {
  const parts = [formatBytes(artifact.sizeBytes)];
  if (artifact.expired) {
    parts.push(vscode.l10n.t('expired'));
  } else if (artifact.expiresAt !== undefined) {
    const days = Math.max(0, Math.round((artifact.expiresAt - now) / 86_400_000));
    parts.push(vscode.l10n.t('expires in {0} d', days));
  }
  return parts.filter(Boolean).join(' · ');
}

class ArtifactNode implements TreeNode {
  readonly id: string;

  constructor(
    readonly parent: ArtifactsNode,
    private readonly artifact: Artifact,
    private readonly now: number,
  ) {
    this.id = `${parent.id}/${artifact.id}`;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.artifact.name, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = artifactDescription(this.artifact, this.now);
    item.iconPath = new vscode.ThemeIcon(this.artifact.expired ? 'circle-slash' : 'package');
    item.contextValue = ['artifact', this.artifact.format, this.artifact.expired ? 'expired' : ''].filter(Boolean).join(' ');
    item.tooltip = this.artifact.expired ? vscode.l10n.t('{0} has expired and can no longer be downloaded', this.artifact.name) : `${this.artifact.name} (${item.description})`;
    item.accessibilityInformation = { label: `${this.artifact.name}, ${item.description}` };
    return item;
  }

  /** What the Download / Open buttons pass to their commands. */
  get repoKey(): string {
    return this.parent.repoKey;
  }

  get runId(): string {
    return this.parent.runId;
  }

  get artifactId(): string {
    return this.artifact.id;
  }

  getChildren(): TreeNode[] {
    return [];
  }
}

export class ArtifactsNode implements TreeNode {
  readonly id: string;

  constructor(
    readonly parent: TreeNode,
    readonly repoKey: string,
    readonly runId: string,
    private readonly list: ListArtifacts,
    private readonly now: () => number,
  ) {
    this.id = `${parent.id}/artifacts`;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Artifacts'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('package');
    item.contextValue = 'artifacts';
    return item;
  }

  async getChildren(): Promise<TreeNode[]> {
    try {
      const artifacts = await this.list(this.repoKey, this.runId);
      if (artifacts.length === 0) {
        return [new MessageNode(`${this.id}/none`, this, vscode.l10n.t('No artifacts'), { icon: 'info' })];
      }
      const now = this.now();
      return artifacts.map((artifact) => new ArtifactNode(this, artifact, now));
    } catch (error) {
      return [new MessageNode(`${this.id}/error`, this, vscode.l10n.t('Could not load artifacts: {0}', describeError(error)), { icon: 'warning' })];
    }
  }
}
