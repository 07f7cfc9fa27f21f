import * as vscode from 'vscode';
import type { RunState } from '../core/model';

interface StateStyle {
  /** Codicon id; "~spin" is appended in the status bar for running states. */
  readonly codicon: string;
  /** Theme color id, or undefined for the default foreground. */
  readonly color?: string;
  readonly label: string;
}

/** The one table mapping a run state to its icon, colour and words; tree and status bar share it. */
export const STATE_STYLES: Readonly<Record<RunState, StateStyle>> = {
  queued: { codicon: 'clock', color: 'charts.yellow', label: vscode.l10n.t('Queued') },
  running: { codicon: 'sync', color: 'charts.blue', label: vscode.l10n.t('In progress') },
  success: { codicon: 'pass-filled', color: 'testing.iconPassed', label: vscode.l10n.t('Succeeded') },
  failure: { codicon: 'error', color: 'testing.iconFailed', label: vscode.l10n.t('Failed') },
  cancelled: { codicon: 'circle-slash', color: 'disabledForeground', label: vscode.l10n.t('Cancelled') },
  skipped: { codicon: 'debug-step-over', color: 'disabledForeground', label: vscode.l10n.t('Skipped') },
  neutral: { codicon: 'circle-outline', label: vscode.l10n.t('Neutral') },
  action_required: { codicon: 'warning', color: 'charts.orange', label: vscode.l10n.t('Action required') },
};

export function stateIcon(state: RunState): vscode.ThemeIcon {
  const style = STATE_STYLES[state];
  const id = state === 'running' ? 'sync~spin' : style.codicon;
  return new vscode.ThemeIcon(id, style.color ? new vscode.ThemeColor(style.color) : undefined);
}

/** "$(sync~spin)" style text icon for status bar items. */
export function stateTextIcon(state: RunState): string {
  const style = STATE_STYLES[state];
  return `$(${state === 'running' ? 'sync~spin' : style.codicon})`;
}

/** "$(sync)" style icon for markdown (hovers render no animation, and "~" would strike text through). */
export function stateMarkdownIcon(state: RunState): string {
  return `$(${STATE_STYLES[state].codicon})`;
}
