/**
 * Trend alerts of watched workflows: on every snapshot change, the runs the poller already
 * holds (no requests of its own) are checked against the thresholds; an alert is shown once
 * per workflow and window (AlertMemory, kept in globalState) with "Show Insights", and the
 * workflow's tree row carries a warning while it lasts. Off unless flowforge.insights.alerts.enabled.
 */
import * as vscode from 'vscode';
import { AlertMemory } from '../core/insights/alertMemory';
import { evaluateTrends, type TrendAlert } from '../core/insights/trends';
import { describeError } from '../core/errors';
import { repoKey } from '../core/model';
import type { Logger } from '../core/ports';
import { formatDuration } from '../core/time';
import type { SyncReader } from '../core/sync/types';
import type { InsightsSettings } from './insightsSettings';

const MEMORY_KEY = 'flowforge.insights.alertMemory';

/** One alert in words, for the notification, the tree tooltip and the panel. */
export function describeTrendAlert(alert: TrendAlert): string {
  if (alert.kind === 'successRate') {
    return vscode.l10n.t('Success rate {0}% over the last {1} runs (threshold {2}%)', Math.round(alert.rate * 100), alert.window.length, Math.round(alert.threshold * 100));
  }
  return vscode.l10n.t('Median duration {0}, {1}% slower than the {2} runs before ({3})', formatDuration(alert.currentMs), Math.round(alert.change * 100), alert.window.length, formatDuration(alert.previousMs));
}

/** The short warning a workflow's tree row carries. */
export function trendBadge(alerts: readonly TrendAlert[]): string | undefined {
  if (alerts.length === 0) return undefined;
  const parts = alerts.map((alert) => (alert.kind === 'successRate' ? vscode.l10n.t('{0}% success', Math.round(alert.rate * 100)) : vscode.l10n.t('+{0}% duration', Math.round(alert.change * 100))));
  return `⚠ ${parts.join(', ')}`;
}

export interface TrendAlertsDeps {
  readonly sync: Pick<SyncReader, 'onDidChange' | 'snapshot' | 'repositories' | 'pipelineRuns'>;
  readonly settings: () => InsightsSettings;
  readonly memento: vscode.Memento;
  readonly showInsights: (repoKey: string, pipelineId: string) => Promise<void>;
  readonly logger: Logger;
}

export class TrendAlerts implements vscode.Disposable {
  private readonly memory: AlertMemory;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly deps: TrendAlertsDeps) {
    this.memory = new AlertMemory(deps.memento.get<unknown>(MEMORY_KEY));
    this.subscription = deps.sync.onDidChange((key) => this.check(key));
  }

  /** Current alerts of a workflow (empty when alerts are off): the tree's warning. */
  alertsOf(key: string, pipelineId: string): TrendAlert[] {
    const settings = this.deps.settings();
    return settings.alertsEnabled ? evaluateTrends(this.deps.sync.pipelineRuns(key, pipelineId).runs, settings.trends) : [];
  }

  /** Checks one repository (or all) and shows the alerts not shown for this window yet. */
  check(key?: string): void {
    if (!this.deps.settings().alertsEnabled) return;
    const keys = key === undefined ? this.deps.sync.repositories().map(repoKey) : [key];
    let remembered = false;
    for (const k of keys) {
      const snapshot = this.deps.sync.snapshot(k);
      if (snapshot === undefined || snapshot.stale) continue;
      for (const pipeline of snapshot.pipelines) {
        for (const alert of this.alertsOf(k, pipeline.id)) {
          if (this.memory.claim(`${k}#${pipeline.id}`, alert)) {
            remembered = true;
            this.show(k, pipeline.id, `${snapshot.repo.slug} · ${pipeline.name}`, alert);
          }
        }
      }
    }
    if (remembered) void this.deps.memento.update(MEMORY_KEY, this.memory.toJSON());
  }

  private show(key: string, pipelineId: string, label: string, alert: TrendAlert): void {
    const action = vscode.l10n.t('Show Insights');
    void vscode.window.showWarningMessage(vscode.l10n.t('FlowForge: {0}: {1}', label, describeTrendAlert(alert)), action).then(async (picked) => {
      if (picked === action) await this.deps.showInsights(key, pipelineId);
    }, (error: unknown) => this.deps.logger.warn(`Trend alert failed: ${describeError(error)}`));
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
