/** Branch or tag to run on: branches and tags from the API, the current branch first. */
import * as vscode from 'vscode';
import type { RepoRef } from '../../core/model';
import type { CiProvider } from '../../core/ci/provider';

interface RefItem extends vscode.QuickPickItem {
  readonly ref: string;
}

export async function pickRef(provider: CiProvider, repo: RepoRef, preferred: readonly (string | undefined)[], title: string): Promise<string | undefined> {
  const first = preferred.find((ref): ref is string => ref !== undefined && ref !== '');
  if (!provider.listRefs) {
    return vscode.window.showInputBox({ title, prompt: vscode.l10n.t('Branch or tag'), value: first ?? '', validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('Enter a branch or tag') : undefined) });
  }
  const listRefs = provider.listRefs.bind(provider);
  const refs = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Loading branches and tags of {0}…', repo.slug) }, () => listRefs(repo));
  const current = first ?? refs.defaultBranch;
  const branches = current !== undefined && refs.branches.includes(current) ? [current, ...refs.branches.filter((b) => b !== current)] : [...refs.branches];
  const items: RefItem[] = [
    ...branches.map((branch) => ({ label: `$(git-branch) ${branch}`, description: branch === current ? vscode.l10n.t('current') : undefined, ref: branch })),
    ...(refs.tags.length > 0 ? [{ label: vscode.l10n.t('Tags'), kind: vscode.QuickPickItemKind.Separator, ref: '' }] : []),
    ...refs.tags.map((tag) => ({ label: `$(tag) ${tag}`, ref: tag })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Run on which branch or tag?'), matchOnDescription: true });
  return picked?.ref;
}
