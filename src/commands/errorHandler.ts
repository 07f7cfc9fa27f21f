import * as vscode from 'vscode';
import { CancelledError, isCiError, describeError } from '../core/errors';
import type { Logger } from '../core/ports';
import { COMMANDS } from './ids';

/** The one place a failed command becomes a log line and a toast whose buttons fit the error. */
export async function reportCommandError(commandId: string, error: unknown, logger: Logger): Promise<void> {
  if (error instanceof CancelledError) {
    return;
  }
  logger.error(`${commandId} failed: ${describeError(error)}`);
  const message = describeError(error);
  const showLogs = vscode.l10n.t('Show Logs');
  if (isCiError(error) && error.kind === 'auth') {
    const signIn = vscode.l10n.t('Sign In');
    const choice = await vscode.window.showErrorMessage(message, signIn, showLogs);
    await follow(choice, { [signIn]: COMMANDS.signIn, [showLogs]: COMMANDS.showLogs });
    return;
  }
  const choice = await vscode.window.showErrorMessage(message, showLogs);
  await follow(choice, { [showLogs]: COMMANDS.showLogs });
}

async function follow(choice: string | undefined, actions: Record<string, string>): Promise<void> {
  const command = choice ? actions[choice] : undefined;
  if (command) {
    await vscode.commands.executeCommand(command);
  }
}
