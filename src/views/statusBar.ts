import * as vscode from 'vscode';
import { repoKey, type Run } from '../core/model';
import { aggregateState, latestPerPipeline } from '../core/status';
import type { SyncReader } from '../core/sync/types';
import { formatRelative } from '../core/time';
import { COMMANDS } from '../commands/ids';
import { summarizeGate } from '../core/gate/mergeReadiness';
import { gateDetails } from './tree/mergeGateText';
import { STATE_STYLES, stateMarkdownIcon, stateTextIcon } from './stateIcons';

interface LatestRun {
  readonly repoKey: string;
  readonly slug: string;
  readonly run: Run;
}

export interface StatusBarOptions {
  readonly enabled: boolean;
  readonly show: 'aggregate' | 'latest';
}

/** The current branch's build state across every provider, in one status bar item. */
export class BuildStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly sync: SyncReader,
    private options: StatusBarOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.item = vscode.window.createStatusBarItem('flowforge.status', vscode.StatusBarAlignment.Left, 50);
    this.item.name = vscode.l10n.t('FlowForge Build Status');
    this.subscription = sync.onDidChange(() => this.render());
    this.render();
  }

  setOptions(options: StatusBarOptions): void {
    this.options = options;
    this.render();
  }

  render(): void {
    const latest = this.latestRuns();
    if (!this.options.enabled || latest.length === 0) {
      this.item.hide();
      return;
    }
    const state = aggregateState(latest.map((l) => l.run.state)) ?? 'neutral';
    // The run that explains the combined state: the newest one in that state.
    const headline = this.options.show === 'latest' ? latest[0]! : (latest.find((l) => l.run.state === state) ?? latest[0]!);
    const others = latest.length > 1 ? ` +${latest.length - 1}` : '';
    this.item.text = `${stateTextIcon(state)} ${headline.run.pipelineName} #${headline.run.number}${others}`;
    this.item.tooltip = this.tooltip(latest);
    this.item.accessibilityInformation = { label: vscode.l10n.t('Build {0}: {1} #{2}', STATE_STYLES[state].label, headline.run.pipelineName, headline.run.number) };
    this.item.backgroundColor = state === 'failure' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.command = { command: COMMANDS.revealRun, title: vscode.l10n.t('Reveal Run in Tree'), arguments: [headline.repoKey, headline.run.id] };
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }

  private latestRuns(): LatestRun[] {
    const all: LatestRun[] = [];
    for (const repo of this.sync.repositories()) {
      const key = repoKey(repo);
      const snapshot = this.sync.snapshot(key);
      if (!snapshot?.branch) {
        continue;
      }
      for (const run of latestPerPipeline(snapshot.branchRuns)) {
        all.push({ repoKey: key, slug: repo.slug, run });
      }
    }
    return all.sort((a, b) => b.run.createdAt.localeCompare(a.run.createdAt));
  }

  /** The current branch's pull/merge request of each repository that has one: ready to merge or not. */
  private appendGates(md: vscode.MarkdownString): void {
    for (const repo of this.sync.repositories()) {
      const gate = this.sync.snapshot(repoKey(repo))?.mergeGate;
      if (gate !== undefined) {
        md.appendMarkdown('\n');
        md.appendText(`${repo.slug}: `);
        gateDetails(md, gate, summarizeGate(gate));
      }
    }
  }

  private tooltip(latest: readonly LatestRun[]): vscode.MarkdownString {
    const md = new vscode.MarkdownString(undefined, true);
    md.supportThemeIcons = true;
    md.appendMarkdown(`**${vscode.l10n.t('FlowForge: current branch')}**\n\n`);
    const stale = this.sync.repositories().some((repo) => this.sync.snapshot(repoKey(repo))?.stale);
    for (const { slug, run } of latest) {
      md.appendMarkdown(`${stateMarkdownIcon(run.state)} `);
      md.appendText(`${slug} · ${run.pipelineName} #${run.number} · ${STATE_STYLES[run.state].label} · ${formatRelative(run.createdAt, this.now())}`);
      md.appendMarkdown('  \n');
    }
    this.appendGates(md);
    if (stale) {
      md.appendMarkdown(`\n$(warning) ${vscode.l10n.t('Some data is stale: the last refresh failed or has not finished.')}\n`);
    }
    md.appendMarkdown(`\n${vscode.l10n.t('Click to reveal the run in the FlowForge view.')}`);
    return md;
  }
}
