import * as vscode from 'vscode';
import type { FeedFilter, StatusGroup } from '../../core/activity/feedFilter';

export function statusLabel(group: StatusGroup): string {
  switch (group) {
    case 'failed':
      return vscode.l10n.t('failed');
    case 'running':
      return vscode.l10n.t('queued or running');
    case 'succeeded':
      return vscode.l10n.t('succeeded');
    case 'cancelled':
      return vscode.l10n.t('cancelled or skipped');
    case 'waiting':
      return vscode.l10n.t('waiting for approval');
  }
}

/** "my runs · failed · on main · octo/app". */
export function describeFilter(filter: FeedFilter, repositoryLabel: (key: string) => string, providerLabel: (kind: string) => string): string {
  const parts: string[] = [];
  if (filter.mine) {
    parts.push(vscode.l10n.t('my runs'));
  }
  if (filter.statuses.length > 0) {
    parts.push(filter.statuses.map(statusLabel).join(vscode.l10n.t(' or ')));
  }
  if (filter.branches.length > 0) {
    parts.push(vscode.l10n.t('on {0}', filter.branches.join(vscode.l10n.t(' or '))));
  }
  if (filter.providers.length > 0) {
    parts.push(filter.providers.map(providerLabel).join(vscode.l10n.t(' or ')));
  }
  if (filter.repositories.length > 0) {
    parts.push(filter.repositories.map(repositoryLabel).join(vscode.l10n.t(' or ')));
  }
  return parts.join(' · ');
}
