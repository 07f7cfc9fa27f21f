import * as vscode from 'vscode';
import { repoKey, type Run } from '../core/model';
import { findKnownRun, knownRuns, repoByKey } from '../core/sync/lookup';
import type { SyncReader } from '../core/sync/types';
import { parseCommandTarget, runRefOf } from '../shared/commandArgs';
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
  return async (...args: unknown[]): Promise<void> => {
    const resolved = fromArgs(sync, args) ?? (await pickRun(sync));
    if (!resolved) {
      return;
    }
    const provider = repoByKey(sync, resolved.repoKey)?.provider ?? '';
    panels.open(resolved.repoKey, resolved.run, resolved.jobId ? { provider, jobId: resolved.jobId } : { provider });
  };
}

function fromArgs(sync: SyncReader, args: readonly unknown[]): RunTarget | undefined {
  const target = parseCommandTarget(args);
  const ref = runRefOf(target);
  const run = ref ? findKnownRun(sync, ref.repoKey, ref.runId) : undefined;
  if (!ref || !run) {
    return undefined;
  }
  return target?.kind === 'job' ? { repoKey: ref.repoKey, run, jobId: target.jobId } : { repoKey: ref.repoKey, run };
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
