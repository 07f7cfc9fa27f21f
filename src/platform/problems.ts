import * as vscode from 'vscode';
import { describeError } from '../core/errors';
import { isActive, repoKey } from '../core/model';
import type { Logger } from '../core/ports';
import type { CodeProblem } from '../core/problems/codeProblem';
import type { ProblemCollector } from '../core/problems/problemCollector';
import { latestPerPipeline } from '../core/status';
import type { SyncReader } from '../core/sync/types';

const SEVERITY: Readonly<Record<CodeProblem['level'], vscode.DiagnosticSeverity>> = {
  failure: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  notice: vscode.DiagnosticSeverity.Information,
};

/**
 * CI annotations and failing tests of the current branch's latest runs, as diagnostics
 * (source "FlowForge") on the workspace files they point at. A repository's diagnostics are
 * replaced whenever its latest runs change, so findings a newer run no longer reports disappear.
 */
export class ProblemsPanel implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('flowforge');
  /** Each repository's diagnostics by file URI; a file's diagnostics are the union over repositories. */
  private readonly byRepo = new Map<string, ReadonlyMap<string, vscode.Diagnostic[]>>();
  private readonly signatures = new Map<string, string>();
  private readonly subscription: vscode.Disposable;
  private enabled = true;

  constructor(
    private readonly sync: SyncReader,
    private readonly collector: ProblemCollector,
    private readonly rootOf: (repoKey: string) => vscode.Uri | undefined,
    private readonly logger: Logger,
  ) {
    this.subscription = sync.onDidChange((key) => void this.update(key));
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    if (!enabled) {
      this.collection.clear();
      this.byRepo.clear();
      this.signatures.clear();
    } else {
      void this.update(undefined);
    }
  }

  /** Recomputes one repository, or all when `key` is undefined. */
  async update(key: string | undefined): Promise<void> {
    if (!this.enabled) {
      return;
    }
    const keys = key ? [key] : this.sync.repositories().map(repoKey);
    await Promise.all(keys.map((k) => this.updateRepo(k)));
  }

  dispose(): void {
    this.subscription.dispose();
    this.collection.dispose();
  }

  private async updateRepo(key: string): Promise<void> {
    const snapshot = this.sync.snapshot(key);
    const root = this.rootOf(key);
    if (!snapshot?.branch || !root) {
      this.replace(key, new Map());
      return;
    }
    // The newest *completed* run of each workflow: while a new run is in progress, the
    // previous run's findings stay until the new one reports its own.
    const latest = latestPerPipeline(snapshot.branchRuns.filter((run) => !isActive(run.state)));
    const signature = latest.map((run) => `${run.id}:${run.attempt}:${run.state}:${run.updatedAt ?? ''}`).join(',');
    if (this.signatures.get(key) === signature) {
      return;
    }
    this.signatures.set(key, signature);
    try {
      const problems = await this.collector.collect(snapshot.repo, latest);
      if (this.signatures.get(key) !== signature || !this.enabled) {
        return; // superseded while fetching
      }
      this.replace(key, await this.toDiagnostics(root, problems));
    } catch (error) {
      this.signatures.delete(key);
      this.logger.warn(`Could not collect CI problems for ${snapshot.repo.slug}: ${describeError(error)}`);
    }
  }

  private async toDiagnostics(root: vscode.Uri, problems: readonly CodeProblem[]): Promise<Map<string, vscode.Diagnostic[]>> {
    const files = new Map<string, vscode.Diagnostic[]>();
    for (const problem of problems) {
      const uri = vscode.Uri.joinPath(root, ...problem.path.split('/'));
      if (!(await exists(uri))) {
        continue;
      }
      const range = new vscode.Range(problem.startLine - 1, Math.max(0, (problem.startColumn ?? 1) - 1), problem.endLine - 1, problem.endColumn ?? Number.MAX_SAFE_INTEGER);
      const diagnostic = new vscode.Diagnostic(range, problem.message, SEVERITY[problem.level]);
      diagnostic.source = 'FlowForge';
      diagnostic.code = problem.origin;
      const list = files.get(uri.toString()) ?? [];
      list.push(diagnostic);
      files.set(uri.toString(), list);
    }
    return files;
  }

  /**
   * Sets one repository's diagnostics. Several repositories can point at the same file (a checkout
   * built by two CI systems): each file gets the union of all of them, so one repository's update
   * does not wipe another's findings.
   */
  private replace(key: string, files: Map<string, vscode.Diagnostic[]>): void {
    const touched = new Set([...(this.byRepo.get(key)?.keys() ?? []), ...files.keys()]);
    this.byRepo.set(key, files);
    for (const uri of touched) {
      const all = [...this.byRepo.values()].flatMap((repoFiles) => repoFiles.get(uri) ?? []);
      if (all.length === 0) {
        this.collection.delete(vscode.Uri.parse(uri));
      } else {
        this.collection.set(vscode.Uri.parse(uri), all);
      }
    }
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
