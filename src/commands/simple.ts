import * as vscode from 'vscode';
import { repoKey } from '../core/model';
import { openWebUrl } from '../platform/openWeb';
import type { SyncReader } from '../core/sync/types';
import type { ProviderRegistry } from '../providers/registry';
import type { TreeNode } from '../views/tree/node';

/** Opens a node's page in the browser; only http(s) URLs are ever opened. */
export function openInBrowserCommand(pickUrl: () => Promise<string | undefined>) {
  return async (node?: TreeNode): Promise<void> => {
    const url = node?.webUrl ?? (await pickUrl());
    if (!url) {
      return;
    }
    if (!(await openWebUrl(url))) {
      throw new Error(vscode.l10n.t('Refusing to open a non-web link: {0}', vscode.Uri.parse(url, true).scheme));
    }
  };
}

export function copyRunUrlCommand() {
  return async (node?: TreeNode): Promise<void> => {
    if (node?.webUrl) {
      await vscode.env.clipboard.writeText(node.webUrl);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Link copied'), 2000);
    }
  };
}

/** Quick pick of the watched repositories' web pages, for Open in Browser from the palette. */
export function pickRepositoryUrl(sync: SyncReader, registry: ProviderRegistry) {
  return async (): Promise<string | undefined> => {
    const items = sync.repositories().map((repo) => {
      const factory = registry.descriptor(repo.provider);
      return { label: repo.slug, description: factory?.label, url: sync.snapshot(repoKey(repo))?.repository?.webUrl ?? factory?.repositoryWebUrl(repo) };
    });
    return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('FlowForge: Open in Browser') }))?.url;
  };
}
