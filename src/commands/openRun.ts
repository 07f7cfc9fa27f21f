import * as vscode from 'vscode';
import { repoKey, type Run } from '../core/model';
import { findKnownRun, knownRuns } from '../core/sync/lookup';
import type { SyncReader } from '../core/sync/types';
import { STATE_STYLES } from '../views/stateIcons';
import type { RunPanelManager } from '../webview/runPanel';

export type RunOpener = Pick<RunPanelManager, 'open'>;

interface RunTarget {
  readonly repoKey: string;
  readonly run: Run;
  readonly jobId?: string;
}

/**
 * `FlowForge: Open Run`: from a run or job node, from `(repoKey, runId[, jobId])`
 * (status bar, notifications), or from a quick pick of known runs (current branch first).
 */
export function openRunCommand(sync: SyncReader, panels: RunOpener) {
  return async (target?: unknown, runId?: unknown, jobId?: unknown): Promise<void> => {
    const resolved = fromArgs(sync, target, runId, jobId) ?? (await pickRun(sync));
    if (!resolved) {
      return;
    }
    const provider = resolved.repoKey.startsWith('gitlab|') ? 'gitlab' : 'github';
    panels.open(resolved.repoKey, resolved.run, resolved.jobId ? { provider, jobId: resolved.jobId } : { provider });
  };
}

function fromArgs(sync: SyncReader, target: unknown, runId: unknown, jobId: unknown): RunTarget | undefined {
  if (typeof target === 'string' && typeof runId === 'string') {
    const run = findKnownRun(sync, target, runId);
    return run ? { repoKey: target, run, ...(typeof jobId === 'string' ? { jobId } : {}) } : undefined;
  }
  if (typeof target !== 'object' || target === null) {
    return undefined;
  }
  // A tree node: RunNode has { repoKey, run }, JobNode has { repoKey, job } under a RunNode parent.
  const node = target as { repoKey?: unknown; run?: unknown; job?: { id?: unknown; runId?: unknown } };
  if (typeof node.repoKey !== 'string') {
    return undefined;
  }
  if (isRun(node.run)) {
    return { repoKey: node.repoKey, run: node.run };
  }
  if (node.job && typeof node.job.runId === 'string' && typeof node.job.id === 'string') {
    const run = findKnownRun(sync, node.repoKey, node.job.runId);
    return run ? { repoKey: node.repoKey, run, jobId: node.job.id } : undefined;
  }
  return undefined;
}

function isRun(value: unknown): value is Run {
  return typeof value === 'object' && value !== null && typeof (value as Run).id === 'string' && typeof (value as Run).pipelineName === 'string';
}

async function pickRun(sync: SyncReader): Promise<RunTarget | undefined> {
  const items: (vscode.QuickPickItem & { target?: RunTarget })[] = [];
  for (const repo of sync.repositories()) {
    const key = repoKey(repo);
    const runs = knownRuns(sync, key);
    if (runs.length === 0) {
      continue;
    }
    items.push({ label: repo.slug, kind: vscode.QuickPickItemKind.Separator });
    for (const run of runs.slice(0, 30)) {
      items.push({
        label: `$(${STATE_STYLES[run.state].codicon}) ${run.pipelineName} #${run.number}`,
        description: run.title,
        detail: [run.branch, run.event, STATE_STYLES[run.state].label].filter(Boolean).join(' · '),
        target: { repoKey: key, run },
      });
    }
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('FlowForge has no runs to show yet.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('FlowForge: Open Run'), matchOnDescription: true, matchOnDetail: true });
  return picked?.target;
}
