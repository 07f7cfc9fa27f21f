/**
 * The words and icons of a merge gate, shared by the tree node (mergeGateNode.ts) and the status
 * bar tooltip: "Pull request #12: 2 of 3 required checks passing, 1 pending".
 */
import * as vscode from 'vscode';
import type { GateCheckState, GateSummary, GateVerdict, MergeReadiness } from '../../core/gate/mergeReadiness';
import type { RunState } from '../../core/model';
import { STATE_STYLES } from '../stateIcons';

/** A verdict (or check state) drawn as the run state with the same meaning. */
const VERDICT_STATE: Readonly<Record<GateVerdict, RunState>> = { ready: 'success', pending: 'queued', blocked: 'failure' };
const CHECK_STATE: Readonly<Record<GateCheckState, RunState>> = { passing: 'success', pending: 'queued', failing: 'failure' };

export function verdictIcon(verdict: GateVerdict): vscode.ThemeIcon {
  const style = STATE_STYLES[VERDICT_STATE[verdict]];
  return new vscode.ThemeIcon(style.codicon, style.color ? new vscode.ThemeColor(style.color) : undefined);
}

/** "$(pass-filled)" for markdown hovers. */
export function verdictMarkdownIcon(verdict: GateVerdict): string {
  return `$(${STATE_STYLES[VERDICT_STATE[verdict]].codicon})`;
}

export function checkMarkdownIcon(state: GateCheckState): string {
  return `$(${STATE_STYLES[CHECK_STATE[state]].codicon})`;
}

export function verdictText(verdict: GateVerdict): string {
  switch (verdict) {
    case 'ready':
      return vscode.l10n.t('ready to merge');
    case 'pending':
      return vscode.l10n.t('waiting for checks');
    case 'blocked':
      return vscode.l10n.t('not ready to merge');
  }
}

/** "2 of 3 required checks passing, 1 pending, 1 failing" (or "no checks"). */
export function countsText(summary: GateSummary): string {
  if (summary.total === 0) {
    return vscode.l10n.t('no checks');
  }
  const parts = [
    summary.scope === 'required'
      ? vscode.l10n.t('{0} of {1} required checks passing', summary.passing, summary.total)
      : vscode.l10n.t('{0} of {1} checks passing', summary.passing, summary.total),
  ];
  if (summary.pending > 0) {
    parts.push(vscode.l10n.t('{0} pending', summary.pending));
  }
  if (summary.failing > 0) {
    parts.push(vscode.l10n.t('{0} failing', summary.failing));
  }
  return parts.join(', ');
}

/** "1 of 2 approvals (1 left)", when approvals are required. */
export function approvalsText(readiness: MergeReadiness): string | undefined {
  const approvals = readiness.approvals;
  if (approvals === undefined || approvals.required === 0) {
    return undefined;
  }
  return approvals.left > 0
    ? vscode.l10n.t('{0} of {1} approvals ({2} left)', approvals.given, approvals.required, approvals.left)
    : vscode.l10n.t('{0} of {1} approvals', approvals.given, approvals.required);
}

/** "Pull request #12" / "Merge request !7". */
export function requestTitle(readiness: MergeReadiness): string {
  const noun = readiness.noun.charAt(0).toUpperCase() + readiness.noun.slice(1);
  return `${noun} ${readiness.reference}`;
}

/** The node label and the status bar line: "Pull request #12: 2 of 3 required checks passing, 1 pending". */
export function gateHeadline(readiness: MergeReadiness, summary: GateSummary): string {
  return [`${requestTitle(readiness)}: ${countsText(summary)}`, approvalsText(readiness)].filter(Boolean).join(', ');
}

/** Every check with its state, the approvals and the merge status, as Markdown lines. */
export function gateDetails(md: vscode.MarkdownString, readiness: MergeReadiness, summary: GateSummary): void {
  md.appendMarkdown(`${verdictMarkdownIcon(summary.verdict)} `);
  md.appendText(`${gateHeadline(readiness, summary)} · ${verdictText(summary.verdict)}`);
  md.appendMarkdown('  \n');
  for (const check of readiness.checks) {
    const required = check.required ? vscode.l10n.t('required') : vscode.l10n.t('optional');
    const missing = check.missing ? ` · ${vscode.l10n.t('not reported yet')}` : '';
    md.appendMarkdown(`&nbsp;&nbsp;${checkMarkdownIcon(check.state)} `);
    md.appendText(`${check.name} · ${required}${missing}`);
    md.appendMarkdown('  \n');
  }
  if (!readiness.requiredKnown) {
    md.appendText(vscode.l10n.t('Required checks unknown: the branch rules of {0} are not readable with this token.', readiness.targetBranch));
    md.appendMarkdown('  \n');
  }
  if (readiness.rawMergeStatus !== undefined) {
    md.appendText(vscode.l10n.t('Merge status: {0}', readiness.rawMergeStatus));
    md.appendMarkdown('  \n');
  }
}
