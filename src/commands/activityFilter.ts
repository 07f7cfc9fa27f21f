import * as vscode from 'vscode';
import { feedBranches, type FeedSource } from '../core/activity/feed';
import { NO_FILTER, STATUS_GROUPS, type FeedFilter, type StatusGroup } from '../core/activity/feedFilter';
import { repoKey } from '../core/model';
import { statusLabel } from '../views/activity/describeFilter';
import type { FeedState } from '../views/activity/feedState';

export interface ActivityFilterDeps {
  readonly source: FeedSource;
  readonly state: FeedState;
  providerLabel(kind: string): string;
  repositoryLabel(repoKey: string): string;
}

type Choice =
  | { readonly facet: 'mine' }
  | { readonly facet: 'status'; readonly value: StatusGroup }
  | { readonly facet: 'branch' | 'provider' | 'repository'; readonly value: string };

interface ChoiceItem extends vscode.QuickPickItem {
  readonly choice?: Choice;
}

const MAX_BRANCHES = 20;

function separator(label: string): ChoiceItem {
  return { label, kind: vscode.QuickPickItemKind.Separator };
}

function items(deps: ActivityFilterDeps): ChoiceItem[] {
  const repos = deps.source.repositories();
  const kinds = [...new Set(repos.map((repo) => repo.provider))];
  const list: ChoiceItem[] = [
    separator(vscode.l10n.t('Who')),
    { label: `$(account) ${vscode.l10n.t('My runs')}`, description: vscode.l10n.t('started by the signed-in user of each account'), choice: { facet: 'mine' } },
    separator(vscode.l10n.t('Status')),
    ...STATUS_GROUPS.map((group): ChoiceItem => ({ label: statusLabel(group), choice: { facet: 'status', value: group } })),
  ];
  const branches = feedBranches(deps.source).slice(0, MAX_BRANCHES);
  if (branches.length > 0) {
    list.push(separator(vscode.l10n.t('Branch')), ...branches.map((branch): ChoiceItem => ({ label: `$(git-branch) ${branch}`, choice: { facet: 'branch', value: branch } })));
  }
  if (kinds.length > 1) {
    list.push(separator(vscode.l10n.t('Provider')), ...kinds.map((kind): ChoiceItem => ({ label: deps.providerLabel(kind), choice: { facet: 'provider', value: kind } })));
  }
  if (repos.length > 1) {
    list.push(separator(vscode.l10n.t('Repository')), ...repos.map((repo): ChoiceItem => ({ label: `$(repo) ${deps.repositoryLabel(repoKey(repo))}`, choice: { facet: 'repository', value: repoKey(repo) } })));
  }
  return list;
}

function isChosen(choice: Choice, filter: FeedFilter): boolean {
  switch (choice.facet) {
    case 'mine':
      return filter.mine;
    case 'status':
      return filter.statuses.includes(choice.value);
    case 'branch':
      return filter.branches.includes(choice.value);
    case 'provider':
      return filter.providers.includes(choice.value);
    case 'repository':
      return filter.repositories.includes(choice.value);
  }
}

function filterOf(choices: readonly Choice[]): FeedFilter {
  const values = (facet: Choice['facet']): string[] => choices.flatMap((choice) => (choice.facet === facet && 'value' in choice ? [choice.value] : []));
  return {
    mine: choices.some((choice) => choice.facet === 'mine'),
    statuses: STATUS_GROUPS.filter((group) => values('status').includes(group)),
    branches: values('branch'),
    providers: values('provider'),
    repositories: values('repository'),
  };
}

/** `FlowForge: Filter Activity…`: one multi-select pick; choices of a facet add up, facets narrow. */
export function filterActivityCommand(deps: ActivityFilterDeps) {
  return async (): Promise<void> => {
    const pick = vscode.window.createQuickPick<ChoiceItem>();
    pick.title = vscode.l10n.t('Filter Activity');
    pick.placeholder = vscode.l10n.t('Choose what the Activity view shows (none: everything)');
    pick.canSelectMany = true;
    pick.matchOnDescription = true;
    pick.items = items(deps);
    pick.selectedItems = pick.items.filter((item) => item.choice !== undefined && isChosen(item.choice, deps.state.filter));
    const accepted = await new Promise<readonly ChoiceItem[] | undefined>((resolve) => {
      pick.onDidAccept(() => resolve(pick.selectedItems));
      pick.onDidHide(() => resolve(undefined));
      pick.show();
    });
    pick.dispose();
    if (accepted) {
      await deps.state.setFilter(filterOf(accepted.flatMap((item) => (item.choice ? [item.choice] : []))));
    }
  };
}

/** `FlowForge: Clear Activity Filter`. */
export function clearActivityFilterCommand(state: FeedState) {
  return async (): Promise<void> => {
    await state.setFilter(NO_FILTER);
  };
}
