/** Which run or job a command acts on: the tree item, [repoKey, runId] arguments, or a quick pick. */
import * as vscode from 'vscode';
import { runCandidates, type RunCandidate, type RunFilter } from '../../actions/runCandidates';
import { repoKey, type Job, type RepoRef, type Run } from '../../core/model';
import type { RepoSnapshot } from '../../core/sync/types';
import { findKnownRun } from '../../core/sync/lookup';
import { parseCommandTarget, runRefOf } from '../../shared/commandArgs';
import type { ProviderFeature } from '../../core/ci/descriptor';
import { hasFeature } from './features';
import { stateCodicon } from './labels';
import type { ActionDeps } from './deps';

export interface RunTarget {
  readonly repoKey: string;
  readonly repo: RepoRef;
  readonly run: Run;
}

export interface JobTarget {
  readonly repoKey: string;
  readonly repo: RepoRef;
  readonly job: Job;
}

/**
 * The run a command acts on, from its arguments (tree node, run panel, notification,
 * positional strings: see shared/commandArgs). A job's arguments name its run.
 */
export function runFromArgs(deps: ActionDeps, args: readonly unknown[]): RunTarget | undefined {
  const ref = runRefOf(parseCommandTarget(args));
  const snapshot = ref ? deps.sync.snapshot(ref.repoKey) : undefined;
  const run = ref && snapshot ? findKnownRun(deps.sync, ref.repoKey, ref.runId) : undefined;
  return ref && snapshot && run ? { repoKey: ref.repoKey, repo: snapshot.repo, run } : undefined;
}

/** The job a command acts on: a JobNode, or `{ repoKey, runId, jobId }` / `(repoKey, runId, jobId)`. */
export async function jobFromArgs(deps: ActionDeps, args: readonly unknown[]): Promise<JobTarget | undefined> {
  const target = parseCommandTarget(args);
  if (target?.kind !== 'job') {
    return undefined;
  }
  const snapshot = deps.sync.snapshot(target.repoKey);
  if (!snapshot) {
    return undefined;
  }
  const jobs = deps.sync.cachedJobs(target.repoKey, target.runId) ?? (await deps.sync.getJobs(target.repoKey, target.runId));
  const job = jobs.find((candidate) => candidate.id === target.jobId);
  return job ? { repoKey: target.repoKey, repo: snapshot.repo, job } : undefined;
}

function allSnapshots(deps: ActionDeps, feature: ProviderFeature): RepoSnapshot[] {
  return deps.sync.repositories().flatMap((repo) => {
    if (!deps.canWrite(repo) || !hasFeature(deps, repo, feature)) {
      return [];
    }
    const snapshot = deps.sync.snapshot(repoKey(repo));
    return snapshot ? [snapshot] : [];
  });
}

interface RunItem extends vscode.QuickPickItem {
  readonly candidate: RunCandidate;
}

/**
 * Quick pick of the runs a command can act on (current branch first), with repository, workflow,
 * number, status; only repositories whose provider has `feature` and whose token may write.
 */
export async function pickRun(deps: ActionDeps, filter: RunFilter, title: string, feature: ProviderFeature): Promise<RunTarget | undefined> {
  const candidates = runCandidates(allSnapshots(deps, feature), filter);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No runs to act on. Refresh the Pipelines view, or open a repository.'));
    return undefined;
  }
  const items: RunItem[] = candidates.map((candidate) => ({
    label: `$(${stateCodicon(candidate.run.state)}) ${candidate.run.pipelineName} #${candidate.run.number}`,
    description: [candidate.snapshot.repo.slug, candidate.run.branch, candidate.run.rawStatus].filter(Boolean).join(' · '),
    detail: candidate.onCurrentBranch ? vscode.l10n.t('Current branch: {0}', candidate.run.title) : candidate.run.title,
    candidate,
  }));
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Choose a run'), matchOnDescription: true, matchOnDetail: true });
  return picked ? { repoKey: picked.candidate.repoKey, repo: picked.candidate.snapshot.repo, run: picked.candidate.run } : undefined;
}
