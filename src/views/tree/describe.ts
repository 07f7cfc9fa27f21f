import * as vscode from 'vscode';
import type { Job, Run, Step } from '../../core/model';
import { durationMs, formatDuration, formatRelative } from '../../core/time';
import { STATE_STYLES } from '../stateIcons';

/** "main · push · octocat · 2m 05s · 5 min ago" */
export function runDescription(run: Run, now: number, options: { showBranch: boolean }): string {
  const parts: string[] = [];
  if (options.showBranch && run.branch) {
    parts.push(run.branch);
  }
  parts.push(run.event);
  if (run.actor) {
    parts.push(run.actor);
  }
  const duration = durationMs(run, now);
  if (duration !== undefined) {
    parts.push(formatDuration(duration));
  }
  parts.push(formatRelative(run.createdAt, now));
  return parts.join(' · ');
}

export function runTooltip(run: Run, now: number): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.supportThemeIcons = true;
  md.appendMarkdown(`**${escape(run.pipelineName)} #${run.number}**`);
  if (run.attempt > 1) {
    md.appendMarkdown(` ${vscode.l10n.t('(attempt {0})', run.attempt)}`);
  }
  md.appendMarkdown(`\n\n${escape(run.title)}\n\n`);
  md.appendMarkdown(`${vscode.l10n.t('Status')}: ${STATE_STYLES[run.state].label} (${escape(run.rawStatus)})  \n`);
  if (run.branch) {
    md.appendMarkdown(`${vscode.l10n.t('Branch')}: \`${escape(run.branch)}\`  \n`);
  }
  md.appendMarkdown(`${vscode.l10n.t('Commit')}: \`${run.headSha.slice(0, 7)}\`  \n`);
  md.appendMarkdown(`${vscode.l10n.t('Event')}: ${escape(run.event)}  \n`);
  if (run.actor) {
    md.appendMarkdown(`${vscode.l10n.t('Actor')}: ${escape(run.actor)}  \n`);
  }
  const duration = durationMs(run, now);
  if (duration !== undefined) {
    md.appendMarkdown(`${vscode.l10n.t('Duration')}: ${formatDuration(duration)}  \n`);
  }
  md.appendMarkdown(`${vscode.l10n.t('Created')}: ${new Date(run.createdAt).toLocaleString()} (${formatRelative(run.createdAt, now)})`);
  return md;
}

export function jobDescription(job: Job | Step, now: number): string {
  const duration = durationMs(job, now);
  const label = STATE_STYLES[job.state].label;
  return duration === undefined ? label : `${label} · ${formatDuration(duration)}`;
}

/** Escapes markdown so API text renders as text. */
export function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
