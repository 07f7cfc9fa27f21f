import * as vscode from 'vscode';
import { notificationMode, type NotificationMode } from '../../actions/notifier';

export { confirmDestructiveActions } from '../../platform/configuration';

/** `flowforge.notifications`: all | failures | off (default failures). */
export function notificationSetting(): NotificationMode {
  return notificationMode(vscode.workspace.getConfiguration('flowforge').get<unknown>('notifications'));
}
