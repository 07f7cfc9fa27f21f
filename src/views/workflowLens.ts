import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ProviderFeature } from '../core/ci/descriptor';
import { formatRelative } from '../core/time';
import { repoKey, type Pipeline, type RepoRef, type Run } from '../core/model';
import type { SyncReader } from '../core/sync/types';
import { COMMANDS } from '../commands/ids';
import { STATE_STYLES, stateMarkdownIcon } from './stateIcons';

export interface WorkflowLensDeps {
  readonly sync: SyncReader;
  /** The workspace folder a repository was found in (from its git remote). */
  rootOf(repoKey: string): vscode.Uri | undefined;
  features(repo: RepoRef): ReadonlySet<ProviderFeature>;
  isReadOnly(repoKey: string): boolean;
  now(): number;
}

interface FileWorkflow {
  readonly repoKey: string;
  readonly repo: RepoRef;
  readonly pipeline: Pipeline;
}

function latestRun(runs: readonly Run[], pipelineId: string): Run | undefined {
  let latest: Run | undefined;
  for (const run of runs) {
    if (run.pipelineId === pipelineId && (latest === undefined || run.createdAt > latest.createdAt)) {
      latest = run;
    }
  }
  return latest;
}

/**
 * CodeLenses on a workflow's definition file (`.github/workflows/ci.yml`, `.gitlab-ci.yml`):
 * "Run Workflow" where the provider can start it, its latest run, which opens the run panel, and
 * "Show insights" (the Workflow Insights panel) once it has runs.
 * Built from the snapshots the poller holds; no requests.
 */
export class WorkflowLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly deps: WorkflowLensDeps) {
    this.subscription = deps.sync.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const top = new vscode.Range(0, 0, 0, 0);
    const lenses: vscode.CodeLens[] = [];
    for (const found of this.workflowsOf(document.uri)) {
      const snapshot = this.deps.sync.snapshot(found.repoKey);
      if (this.deps.features(found.repo).has('dispatch') && !this.deps.isReadOnly(found.repoKey)) {
        lenses.push(new vscode.CodeLens(top, { title: `$(play) ${vscode.l10n.t('Run Workflow')}`, command: COMMANDS.triggerPipeline, arguments: [{ repoKey: found.repoKey, pipelineId: found.pipeline.id }] }));
      }
      const run = latestRun([...(snapshot?.recentRuns ?? []), ...(snapshot?.branchRuns ?? [])], found.pipeline.id);
      lenses.push(
        run
          ? new vscode.CodeLens(top, {
              title: `${stateMarkdownIcon(run.state)} ${vscode.l10n.t('Latest run: #{0} {1} · {2}', run.number, STATE_STYLES[run.state].label, formatRelative(run.createdAt, this.deps.now()))}`,
              tooltip: vscode.l10n.t('Open {0} #{1} in the run panel', found.pipeline.name, run.number),
              command: COMMANDS.openRun,
              arguments: [found.repoKey, run.id],
            })
          : new vscode.CodeLens(top, { title: vscode.l10n.t('No runs yet'), command: '' }),
      );
      if (run) {
        lenses.push(new vscode.CodeLens(top, { title: `$(graph) ${vscode.l10n.t('Show insights')}`, tooltip: vscode.l10n.t('Success rate, durations and flaky tests of {0}', found.pipeline.name), command: COMMANDS.showInsights, arguments: [{ repoKey: found.repoKey, pipelineId: found.pipeline.id }] }));
      }
    }
    return lenses;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private workflowsOf(uri: vscode.Uri): FileWorkflow[] {
    const found: FileWorkflow[] = [];
    for (const repo of this.deps.sync.repositories()) {
      const key = repoKey(repo);
      const root = this.deps.rootOf(key);
      if (!root) {
        continue;
      }
      for (const pipeline of this.deps.sync.snapshot(key)?.pipelines ?? []) {
        if (pipeline.path && path.resolve(root.fsPath, pipeline.path) === uri.fsPath) {
          found.push({ repoKey: key, repo, pipeline });
        }
      }
    }
    return found;
  }
}
