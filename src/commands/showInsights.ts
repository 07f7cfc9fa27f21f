import * as vscode from 'vscode';
import { repoKey } from '../core/model';
import { findKnownRun, repoByKey } from '../core/sync/lookup';
import type { SyncReader } from '../core/sync/types';
import { parseCommandTarget, pipelineIdOf } from '../shared/commandArgs';
import type { InsightsTarget } from '../webview/insightsSession';

export interface InsightsOpener {
  open(target: InsightsTarget): void;
}

/** The workflow a command argument names: a workflow row or CodeLens `{ repoKey, pipeline(Id) }`, a run (run panel), or `(repoKey, pipelineId)`. */
function fromArgs(sync: SyncReader, args: readonly unknown[]): InsightsTarget | undefined {
  const [first, second] = args;
  const target = parseCommandTarget(args);
  if (target === undefined) return undefined;
  const key = target.repoKey;
  let pipelineId = pipelineIdOf(first);
  if (pipelineId === undefined && target.kind !== 'repository') {
    pipelineId = findKnownRun(sync, key, target.runId)?.pipelineId;
  }
  if (pipelineId === undefined && typeof first === 'string' && typeof second === 'string') {
    // (repoKey, pipelineId) from a notification: parseCommandTarget reads it as a run id.
    pipelineId = second;
  }
  return pipelineId === undefined ? undefined : targetOf(sync, key, pipelineId);
}

function targetOf(sync: SyncReader, key: string, pipelineId: string): InsightsTarget | undefined {
  const repo = repoByKey(sync, key);
  const pipeline = sync.snapshot(key)?.pipelines.find((p) => p.id === pipelineId);
  return repo && pipeline ? { repoKey: key, pipelineId, workflowName: pipeline.name, repository: repo.slug } : undefined;
}

async function pickWorkflow(sync: SyncReader): Promise<InsightsTarget | undefined> {
  const items: (vscode.QuickPickItem & { target?: InsightsTarget })[] = [];
  for (const repo of sync.repositories()) {
    const key = repoKey(repo);
    const pipelines = sync.snapshot(key)?.pipelines ?? [];
    if (pipelines.length === 0) continue;
    items.push({ label: repo.slug, kind: vscode.QuickPickItemKind.Separator });
    for (const pipeline of pipelines) {
      items.push({ label: `$(graph) ${pipeline.name}`, description: pipeline.path, target: { repoKey: key, pipelineId: pipeline.id, workflowName: pipeline.name, repository: repo.slug } });
    }
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('FlowForge has no workflows to show insights for yet.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('FlowForge: Show Workflow Insights'), placeHolder: vscode.l10n.t('Workflow or pipeline'), matchOnDescription: true });
  return picked?.target;
}

/** `FlowForge: Show Workflow Insights`: from a workflow row, its file's CodeLens, the run panel, a notification, or a quick pick. */
export function showInsightsCommand(sync: SyncReader, panels: InsightsOpener) {
  return async (...args: unknown[]): Promise<void> => {
    const target = fromArgs(sync, args) ?? (args.length === 0 || args[0] === undefined ? await pickWorkflow(sync) : undefined);
    if (target !== undefined) panels.open(target);
  };
}
