import * as vscode from 'vscode';
import { clampSetting } from '../core/settings';
import type { TrendSettings } from '../core/insights/trends';

export interface InsightsSettings {
  /** Runs the Workflow Insights panel shows. */
  readonly runs: number;
  readonly alertsEnabled: boolean;
  readonly trends: TrendSettings;
}

export const DEFAULT_INSIGHTS_RUNS = 100;

/** `flowforge.insights.*`, read on demand, typed and clamped. */
export function readInsightsSettings(): InsightsSettings {
  const config = vscode.workspace.getConfiguration('flowforge.insights');
  return {
    runs: Math.round(clampSetting(config.get('runs'), DEFAULT_INSIGHTS_RUNS, 10, 500)),
    alertsEnabled: config.get<boolean>('alerts.enabled', false),
    trends: {
      window: Math.round(clampSetting(config.get('alerts.window'), 10, 3, 50)),
      successRateBelow: clampSetting(config.get('alerts.successRateBelow'), 80, 0, 100) / 100,
      durationRegression: clampSetting(config.get('alerts.durationRegressionPercent'), 25, 1, 1000) / 100,
    },
  };
}
