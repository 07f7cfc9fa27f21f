import * as vscode from 'vscode';
import type { SyncProblem } from '../../core/sync/types';
import { COMMANDS } from '../../commands/ids';
import { MessageNode } from './messageNode';
import type { TreeNode } from './node';

/** Explains why a repository's data is missing or stale, with the action that fixes it. */
export function problemNode(parent: TreeNode, problem: SyncProblem, fetchedAt: number | undefined, accountLabel: string): MessageNode {
  const id = `${parent.id}/problem`;
  const since = fetchedAt ? vscode.l10n.t(' Showing data from {0}.', new Date(fetchedAt).toLocaleTimeString()) : '';
  switch (problem.kind) {
    case 'auth':
      return new MessageNode(id, parent, vscode.l10n.t('Sign in to {0} to see runs', accountLabel), {
        icon: 'account',
        tooltip: problem.message,
        command: { command: COMMANDS.signIn, title: vscode.l10n.t('Sign In') },
      });
    case 'not_found':
      return new MessageNode(id, parent, vscode.l10n.t('Not found, or your token has no access to it'), {
        icon: 'question',
        tooltip: problem.message,
        command: { command: COMMANDS.setToken, title: vscode.l10n.t('Set Token…') },
      });
    case 'forbidden':
      return new MessageNode(id, parent, vscode.l10n.t('Access denied: {0}', problem.message), { icon: 'lock', tooltip: problem.message });
    case 'rate_limit': {
      const when = problem.resumeAt ? new Date(problem.resumeAt).toLocaleTimeString() : vscode.l10n.t('later');
      return new MessageNode(id, parent, vscode.l10n.t('Rate limited: polling resumes at {0}', when), {
        icon: 'watch',
        tooltip: problem.message + since,
      });
    }
    case 'network':
      return new MessageNode(id, parent, vscode.l10n.t('Unreachable ({0}); retrying with back-off', problem.message), {
        icon: 'debug-disconnect',
        tooltip: problem.message + since,
      });
    default:
      return new MessageNode(id, parent, problem.message, {
        icon: 'warning',
        tooltip: problem.message + since,
        command: { command: COMMANDS.showLogs, title: vscode.l10n.t('Show Logs') },
      });
  }
}
