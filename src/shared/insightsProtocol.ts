/**
 * The message protocol between the Workflow Insights panel (extension host) and its webview.
 * The host computes every figure (src/core/insights); the webview only draws and reads them
 * out. The host acts only on messages that passed `validateInsightsMessage`. No `vscode`, no DOM.
 */
import type { RunPoint } from '../core/insights/runStats';

/** One run as the panel's chart, strip and table show it. */
export type InsightsRunView = RunPoint;

export interface InsightsStatsView {
  readonly total: number;
  readonly decided: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly active: number;
  /** 0..1; undefined when no run succeeded or failed. */
  readonly successRate?: number;
  readonly medianMs?: number;
  readonly p90Ms?: number;
  readonly medianQueueMs?: number;
}

export interface SlowJobView {
  readonly name: string;
  readonly runs: number;
  readonly medianMs: number;
  readonly maxMs: number;
  readonly failures: number;
}

export interface FlakyTestView {
  readonly id: string;
  readonly reason: 'rerun' | 'alternating';
  readonly failures: number;
  /** Oldest first. */
  readonly history: readonly { readonly number: number; readonly attempt: number; readonly outcome: 'failed' | 'passed' }[];
}

/** What the panel shows about the workflow's test reports. */
export type FlakyView =
  | { readonly supported: false }
  | {
      readonly supported: true;
      /** Runs whose reports were read. */
      readonly reportRuns: number;
      /** Requests this took (cached reports cost none). */
      readonly requests: number;
      readonly tests: readonly FlakyTestView[];
      readonly error?: string;
    };

export interface InsightsView {
  readonly workflowName: string;
  readonly repository: string;
  /** Runs asked for (the flowforge.insights.runs setting). */
  readonly limit: number;
  /** Oldest first: one chart point each. */
  readonly runs: readonly InsightsRunView[];
  readonly stats: InsightsStatsView;
  /** True while older pages are being loaded. */
  readonly loading: boolean;
  /** Older runs exist beyond `limit` or beyond what could be loaded. */
  readonly hasMore: boolean;
  /** Requests spent on pages of runs for this panel. */
  readonly pageRequests: number;
  readonly slowJobs: readonly SlowJobView[];
  /** Runs whose jobs the slowest-jobs table is built from, and the requests it took. */
  readonly jobsCost: { readonly runs: number; readonly requests: number };
  readonly flaky: FlakyView;
  /** Trend alerts in words (already localized by the host). */
  readonly alerts: readonly string[];
  /** Set when loading failed: the figures are of what was loaded before. */
  readonly error?: string;
}

/** Host -> webview. */
export type InsightsHostMessage = { readonly type: 'insights'; readonly view: InsightsView };

/** Webview -> host. */
export type InsightsWebviewMessage =
  | { readonly type: 'ready' }
  /** Open a run of the chart or the table in the run panel. */
  | { readonly type: 'openRun'; readonly runId: string }
  | { readonly type: 'refresh' };
