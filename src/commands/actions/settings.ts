import * as vscode from 'vscode';
import { notificationMode, type NotificationMode } from '../../actions/notifier';

/** `flowforge.confirmDestructiveActions` (default true). */
export function confirmDestructiveActions(): boolean {
  return vscode.workspace.getConfiguration('flowforge').get<boolean>('confirmDestructiveActions', true) !== false;
}

/** `flowforge.notifications`: all | failures | off (default failures). */
export function notificationSetting(): NotificationMode {
  return notificationMode(vscode.workspace.getConfiguration('flowforge').get<unknown>('notifications'));
}
