/**
 * Workflow Insights panels: one WebviewPanel per workflow, focused again when reopened. The
 * figures come from an InsightsSession (vscode-free); this file wires it to the webview (same
 * CSP and nonce as the run panel, see html.ts) and to the sync service's changes.
 */
import * as vscode from 'vscode';
import type { Run } from '../core/model';
import { describeError } from '../core/errors';
import type { InsightsHostMessage } from '../shared/insightsProtocol';
import { buildHtml, createNonce } from './html';
import { dispatchInsightsMessage } from './insightsMessages';
import { InsightsSession, type InsightsSessionDeps, type InsightsTarget } from './insightsSession';

export const INSIGHTS_VIEW_TYPE = 'flowforge.insights';

export interface InsightsPanelOptions {
  readonly extensionUri: vscode.Uri;
  readonly sync: InsightsSessionDeps['sync'] & { readonly onDidChange: vscode.Event<string | undefined> };
  /** Test-report reader of a repository, when its provider has test reports. */
  readonly reportsFor: (repoKey: string) => InsightsSessionDeps['reports'];
  readonly limit: () => number;
  readonly alerts: (repoKey: string, pipelineId: string, runs: readonly Run[]) => readonly string[];
  readonly openRun: (repoKey: string, runId: string) => Promise<void>;
  readonly log?: (message: string) => void;
}

class InsightsPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  readonly session: InsightsSession;
  private ready = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly target: InsightsTarget,
    private readonly options: InsightsPanelOptions,
    onDispose: () => void,
  ) {
    this.session = new InsightsSession(target, {
      sync: options.sync,
      reports: options.reportsFor(target.repoKey),
      limit: options.limit,
      alerts: (runs) => options.alerts(target.repoKey, target.pipelineId, runs),
      onChange: () => this.post(),
      errorText: (error) => describeError(error),
    });
    const webview = panel.webview;
    const asset = (...parts: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(options.extensionUri, ...parts)).toString();
    webview.html = buildHtml({ cspSource: webview.cspSource, nonce: createNonce(), scriptUri: asset('dist', 'insights.js'), styleUri: asset('media', 'webview', 'insights.css'), codiconsUri: asset('dist', 'codicons', 'codicon.css'), title: panel.title });
    this.disposables.push(
      panel.onDidDispose(() => {
        this.dispose();
        onDispose();
      }),
      panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)),
      options.sync.onDidChange((key) => {
        if (key === target.repoKey || key === undefined) this.post();
      }),
    );
  }

  private onMessage(raw: unknown): void {
    dispatchInsightsMessage(raw, {
      ready: () => {
        this.ready = true;
        this.post();
        void this.session.load();
      },
      openRun: (runId) => void this.options.openRun(this.target.repoKey, runId),
      refresh: () => void this.session.load(),
      rejected: (reason) => this.options.log?.(`Insights panel: rejected ${reason}`),
    });
  }

  post(): void {
    if (!this.ready) return;
    const message: InsightsHostMessage = { type: 'insights', view: this.session.view() };
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    this.session.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}

export class InsightsPanelManager implements vscode.Disposable {
  private readonly panels = new Map<string, InsightsPanel>();

  constructor(private readonly options: InsightsPanelOptions) {}

  /** Shows the insights of a workflow, creating the panel or focusing the existing one. */
  open(target: InsightsTarget): void {
    const key = `${target.repoKey}#${target.pipelineId}`;
    const existing = this.panels.get(key);
    if (existing !== undefined) {
      existing.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(INSIGHTS_VIEW_TYPE, vscode.l10n.t('Insights: {0}', target.workflowName), vscode.ViewColumn.Active, {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(this.options.extensionUri, 'dist'), vscode.Uri.joinPath(this.options.extensionUri, 'media')],
    });
    this.panels.set(key, new InsightsPanel(panel, target, this.options, () => this.panels.delete(key)));
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.panel.dispose();
    this.panels.clear();
  }
}
