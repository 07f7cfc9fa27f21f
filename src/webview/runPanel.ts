/**
 * Run details panels: one WebviewPanel per run, focused again when reopened.
 *
 * Usage (extension.ts):
 *   const panels = new RunPanelManager({ extensionUri: context.extensionUri, source, actionsFor, log });
 *   context.subscriptions.push(panels);
 *   // in the flowforge.openRun command:
 *   panels.open(repoKey(run.repo), run, { provider: run.repo.provider, jobId });
 *   // when the sync service sees the run change:
 *   panels.update(repoKey, run);
 * Run actions clicked in the panel execute the command with `{ repoKey, runId, webUrl }`.
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { isActive, type ProviderKind, type Run } from '../core/model';
import type { PanelRunArgs } from '../shared/commandArgs';
import type { HostMessage, RunAction } from '../shared/protocol';
import { buildHtml, createNonce } from './html';
import { openWebUrl } from '../platform/openWeb';
import type { LogSource } from './logSource';
import { logErrorKind, toCheckViews, toJobView, toRunHeader, toTestReportView } from './mapping';
import { dispatchWebviewMessage } from './messages';
import { plainLog } from './plainLog';

export const RUN_PANEL_VIEW_TYPE = 'flowforge.runDetails';
/** Milliseconds between log fetches while a job runs and the panel is visible. */
export const FOLLOW_INTERVAL_MS = 3000;

export interface RunPanelOptions {
  readonly extensionUri: vscode.Uri;
  readonly source: LogSource;
  /** Which actions to offer for a run (depends on the provider and the run's state). */
  readonly actionsFor: (repoKey: string, run: Run) => readonly RunAction[];
  readonly log?: (message: string) => void;
}

export interface OpenRunOptions {
  /** Kind of the run's provider (for the header). */
  readonly provider: ProviderKind;
  /** Job to show first. */
  readonly jobId?: string;
}

class RunPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private jobId: string | undefined;
  private offset = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly jobStates = new Map<string, Run['state']>();
  private generation = 0;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly repoKey: string,
    private run: Run,
    private readonly open: OpenRunOptions,
    private readonly options: RunPanelOptions,
    onDispose: () => void,
  ) {
    this.jobId = open.jobId;
    this.render();
    this.disposables.push(
      panel.onDidDispose(() => {
        this.dispose();
        onDispose();
      }),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.stopFollowing();
      }),
      panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)),
    );
  }

  private render(): void {
    const webview = this.panel.webview;
    const asset = (...parts: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(this.options.extensionUri, ...parts)).toString();
    webview.html = buildHtml({ cspSource: webview.cspSource, nonce: createNonce(), scriptUri: asset('dist', 'webview.js'), styleUri: asset('media', 'webview', 'run.css'), codiconsUri: asset('dist', 'codicons', 'codicon.css'), title: this.title() });
  }

  title(): string {
    return `${this.run.pipelineName} #${this.run.number}`;
  }

  update(run: Run): void {
    const previous = this.run;
    if (previous.updatedAt === run.updatedAt && previous.state === run.state && previous.attempt === run.attempt) {
      return;
    }
    this.run = run;
    this.panel.title = this.title();
    this.post({ type: 'state', run: this.header() });
    void this.refreshJobs(isActive(previous.state) && !isActive(run.state));
  }

  /**
   * Step progress while the run goes on; the selected job's log is fetched again once that
   * job finishes (GitHub serves a job's log only then), and checks once the run finishes.
   */
  private async refreshJobs(runFinished: boolean): Promise<void> {
    try {
      const jobs = await this.options.source.getJobs(this.repoKey, this.run.id);
      this.post({ type: 'jobs', jobs: jobs.map(toJobView) });
      const selected = jobs.find((job) => job.id === this.jobId);
      const before = selected ? this.jobStates.get(selected.id) : undefined;
      this.rememberJobStates(jobs);
      if (selected && before !== undefined && isActive(before) && !isActive(selected.state) && this.timer === undefined) {
        await this.showJob(selected.id);
      }
    } catch (error) {
      this.options.log?.(`Run panel: jobs failed: ${String(error)}`);
    }
    if (runFinished) {
      await this.sendChecks();
    }
  }

  private rememberJobStates(jobs: readonly { readonly id: string; readonly state: Run['state'] }[]): void {
    for (const job of jobs) {
      this.jobStates.set(job.id, job.state);
    }
  }

  private header() {
    return toRunHeader(this.run, this.open.provider, this.options.actionsFor(this.repoKey, this.run));
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  /** The whole log of a job as plain text in an editor tab (search, select, save as). */
  private async openRawLog(jobId: string): Promise<void> {
    try {
      const chunk = await this.options.source.getJobLog(this.repoKey, jobId, 0);
      const document = await vscode.workspace.openTextDocument({ content: plainLog(chunk.text), language: 'log' });
      await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not open the log: {0}', error instanceof Error ? error.message : String(error)));
    }
  }

  private onMessage(raw: unknown): void {
    dispatchWebviewMessage(raw, {
      ready: () => void this.sendAll(),
      selectJob: (jobId) => void this.showJob(jobId),
      openExternal: (url) => void openWebUrl(url),
      openFile: (file, line, column) => {
        const position = new vscode.Position(line - 1, (column ?? 1) - 1);
        void vscode.window.showTextDocument(vscode.Uri.file(file), { selection: new vscode.Range(position, position), preview: true, viewColumn: vscode.ViewColumn.One });
      },
      runCommand: (command) => {
        const args: PanelRunArgs = { repoKey: this.repoKey, runId: this.run.id, webUrl: this.run.webUrl };
        void vscode.commands.executeCommand(command, args);
      },
      copy: (text) => void vscode.env.clipboard.writeText(text),
      openRawLog: (jobId) => void this.openRawLog(jobId),
      workspaceFolders: () => (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath),
      realPath: (p) => {
        try {
          return fs.realpathSync(p);
        } catch {
          return undefined;
        }
      },
      rejected: (reason) => this.options.log?.(`Run panel: rejected ${reason}`),
    });
  }

  private async sendAll(): Promise<void> {
    this.post({ type: 'init', run: this.header() });
    try {
      const jobs = await this.options.source.getJobs(this.repoKey, this.run.id);
      this.rememberJobStates(jobs);
      this.post({ type: 'jobs', jobs: jobs.map(toJobView) });
      if (this.jobId !== undefined) this.post({ type: 'focusJob', jobId: this.jobId });
    } catch (error) {
      this.options.log?.(`Run panel: jobs failed: ${String(error)}`);
      this.post({ type: 'jobs', jobs: [] });
    }
    await this.sendChecks();
  }

  private async sendChecks(): Promise<void> {
    try {
      const checks = await this.options.source.getChecks(this.repoKey, this.run);
      this.post({ type: 'checks', checks: toCheckViews(checks), ...(checks.testReport !== undefined ? { testReport: toTestReportView(checks.testReport) } : {}) });
    } catch (error) {
      this.post({ type: 'checks', checks: [], error: `Could not load checks: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  private async showJob(jobId: string): Promise<void> {
    this.stopFollowing();
    this.jobId = jobId;
    this.offset = 0;
    await this.fetchLog(++this.generation, false);
  }

  private async fetchLog(generation: number, append: boolean): Promise<void> {
    const jobId = this.jobId;
    if (jobId === undefined) return;
    try {
      const chunk = await this.options.source.getJobLog(this.repoKey, jobId, this.offset);
      if (generation !== this.generation) return;
      this.offset = chunk.nextOffset;
      // Only a queued or running job's log can grow (a manual job that never started cannot).
      const state = this.jobStates.get(jobId);
      const growing = !chunk.complete && (state === undefined || state === 'queued' || state === 'running');
      if (!append || chunk.text !== '' || !growing) this.post({ type: 'log', jobId, chunk: chunk.text, append, complete: !growing });
      if (growing && this.panel.visible) {
        this.timer = setTimeout(() => void this.fetchLog(generation, true), FOLLOW_INTERVAL_MS);
      }
    } catch (error) {
      if (generation !== this.generation) return;
      this.post({ type: 'logError', jobId, kind: logErrorKind(error), message: error instanceof Error ? error.message : String(error) });
    }
  }

  private stopFollowing(): void {
    this.generation++;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  reveal(jobId: string | undefined): void {
    this.panel.reveal();
    if (jobId !== undefined) this.post({ type: 'focusJob', jobId });
  }

  dispose(): void {
    this.stopFollowing();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}

export class RunPanelManager implements vscode.Disposable {
  private readonly panels = new Map<string, RunPanel>();

  constructor(private readonly options: RunPanelOptions) {}

  /** Shows the panel of a run, creating it or focusing the existing one. */
  open(repoKey: string, run: Run, open: OpenRunOptions): void {
    const key = `${repoKey}#${run.id}`;
    const existing = this.panels.get(key);
    if (existing !== undefined) {
      existing.update(run);
      existing.reveal(open.jobId);
      return;
    }
    const panel = vscode.window.createWebviewPanel(RUN_PANEL_VIEW_TYPE, `${run.pipelineName} #${run.number}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      enableFindWidget: false,
      localResourceRoots: [vscode.Uri.joinPath(this.options.extensionUri, 'dist'), vscode.Uri.joinPath(this.options.extensionUri, 'media')],
    });
    this.panels.set(key, new RunPanel(panel, repoKey, run, open, this.options, () => this.panels.delete(key)));
  }

  /** Pushes a changed run to its open panel, if any. */
  update(repoKey: string, run: Run): void {
    this.panels.get(`${repoKey}#${run.id}`)?.update(run);
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.panel.dispose();
    this.panels.clear();
  }
}
