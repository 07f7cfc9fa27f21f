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
import { isActive, type Job, type ProviderKind, type Run } from '../core/model';
import type { LogMarker } from '../core/ci/descriptor';
import type { PanelRunArgs } from '../shared/commandArgs';
import type { HostMessage, RunAction } from '../shared/protocol';
import { firstJobToShow } from '../shared/firstJob';
import { buildHtml, createNonce } from './html';
import { JobLogCache, JobLogs } from './jobLogs';
import { openWebUrl } from '../platform/openWeb';
import type { LogSource } from './logSource';
import { logErrorKind, toCheckViews, toJobView, toLogMarkerViews, toRunHeader, toTestReportView } from './mapping';
import { dispatchWebviewMessage } from './messages';
import { plainLog } from './plainLog';
import { RunArtifacts, type PanelArtifactSource } from './runArtifacts';

export const RUN_PANEL_VIEW_TYPE = 'flowforge.runDetails';
/** Milliseconds between log fetches while a job runs and the panel is visible. */
export const FOLLOW_INTERVAL_MS = 3000;

export interface RunPanelOptions {
  readonly extensionUri: vscode.Uri;
  readonly source: LogSource;
  /** Which actions to offer for a run (depends on the provider and the run's state). */
  readonly actionsFor: (repoKey: string, run: Run) => readonly RunAction[];
  readonly log?: (message: string) => void;
  /** The last logs read, shared by the panels (made by the manager when not given). */
  readonly logCache?: JobLogCache;
  /** The error and warning line shapes of a provider's logs (its descriptor's logMarkers). */
  readonly logMarkersFor?: (provider: ProviderKind) => readonly LogMarker[] | undefined;
  /** The run's artifacts and their Download / Open buttons (providers with the artifacts feature). */
  readonly artifacts?: PanelArtifactSource;
  /** Shows an error the user caused by a click (e.g. a failed download). */
  readonly showError?: (message: string) => void;
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
  private readonly jobsById = new Map<string, Pick<Job, 'id' | 'state' | 'startedAt'>>();
  private generation = 0;
  private readonly logs: JobLogs;
  private readonly artifacts: RunArtifacts;
  /** Set while the first load's data was pushed unasked: its 'ready' needs no answer. */
  private pushed = false;
  /** The job whose log was pushed unasked: the webview's request for it needs no answer. */
  private pushedJob: string | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly repoKey: string,
    private run: Run,
    private readonly open: OpenRunOptions,
    private readonly options: RunPanelOptions,
    onDispose: () => void,
  ) {
    this.jobId = open.jobId;
    this.logs = new JobLogs(options.source, repoKey, options.logCache ?? new JobLogCache(), (id) => {
      const job = this.jobsById.get(id);
      return { id, ...(job?.startedAt !== undefined ? { startedAt: job.startedAt } : {}), active: job === undefined || isActive(job.state) };
    });
    this.artifacts = new RunArtifacts(options.artifacts, repoKey, (message) => this.post(message), (message) => {
      this.options.log?.(`Run panel: artifact: ${message}`);
      this.options.showError?.(message);
    });
    this.render();
    // The header, jobs and first log are read and posted while the webview boots, not after it
    // says it is ready: VS Code holds messages for a webview until its document has loaded.
    this.pushed = true;
    void this.sendAll();
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
      const before = selected ? this.jobsById.get(selected.id)?.state : undefined;
      this.rememberJobStates(jobs);
      if (selected && before !== undefined && isActive(before) && !isActive(selected.state) && this.timer === undefined) {
        await this.showJob(selected.id);
      }
    } catch (error) {
      this.options.log?.(`Run panel: jobs failed: ${String(error)}`);
    }
    if (runFinished) {
      await Promise.all([this.sendChecks(), this.artifacts.send(this.run.id)]);
    }
  }

  private rememberJobStates(jobs: readonly Job[]): void {
    for (const job of jobs) {
      this.jobsById.set(job.id, job);
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
      ready: () => {
        // A webview that loads again (hidden and shown) starts empty and asks again.
        if (this.pushed) this.pushed = false;
        else void this.sendAll();
      },
      selectJob: (jobId) => {
        const pushed = this.pushedJob;
        this.pushedJob = undefined;
        if (jobId !== pushed) void this.showJob(jobId);
      },
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
      artifact: (action, artifactId) => void this.artifacts.act(action, artifactId),
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
    this.post({ type: 'init', run: this.header(), logMarkers: toLogMarkerViews(this.options.logMarkersFor?.(this.open.provider)) });
    try {
      const jobs = await this.options.source.getJobs(this.repoKey, this.run.id);
      this.rememberJobStates(jobs);
      this.post({ type: 'jobs', jobs: jobs.map(toJobView) });
      if (this.jobId !== undefined) this.post({ type: 'focusJob', jobId: this.jobId });
      // The log the webview will ask for first (the same rule), sent before it asks.
      const first = firstJobToShow(jobs, this.jobId);
      if (first !== undefined) {
        this.pushedJob = first.id;
        void this.showJob(first.id);
      }
    } catch (error) {
      this.options.log?.(`Run panel: jobs failed: ${String(error)}`);
      this.post({ type: 'jobs', jobs: [] });
    }
    await Promise.all([this.sendChecks(), this.artifacts.send(this.run.id)]);
  }

  private async sendChecks(): Promise<void> {
    try {
      const checks = await this.options.source.getChecks(this.repoKey, this.run);
      this.post({ type: 'checks', checks: toCheckViews(checks), ...(checks.testReport !== undefined ? { testReport: toTestReportView(checks.testReport) } : {}) });
    } catch (error) {
      this.post({ type: 'checks', checks: [], error: `Could not load checks: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  /**
   * A cached log shows at once; one that could still grow is then read on from where it ended.
   * Otherwise the whole log is read.
   */
  private async showJob(jobId: string): Promise<void> {
    this.stopFollowing();
    this.jobId = jobId;
    const generation = ++this.generation;
    const cached = this.logs.cached(jobId);
    if (cached === undefined) {
      this.offset = 0;
      await this.fetchLog(generation, false);
      return;
    }
    this.post({ type: 'log', jobId, chunk: cached.text, append: false, complete: cached.complete });
    this.offset = cached.nextOffset;
    if (!cached.complete) await this.fetchLog(generation, true);
  }

  private async fetchLog(generation: number, append: boolean): Promise<void> {
    const jobId = this.jobId;
    if (jobId === undefined) return;
    try {
      const chunk = await (append ? this.logs.after(jobId, this.offset) : this.logs.whole(jobId));
      if (generation !== this.generation) return;
      this.offset = chunk.nextOffset;
      // Only a queued or running job's log can grow (a manual job that never started cannot).
      const state = this.jobsById.get(jobId)?.state;
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
  private readonly options: RunPanelOptions;

  constructor(options: RunPanelOptions) {
    // One cache for every panel: reopening a run shows its last log at once.
    this.options = { ...options, logCache: options.logCache ?? new JobLogCache() };
  }

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
