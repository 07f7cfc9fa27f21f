/** Which run or job a command acts on: the tree item, [repoKey, runId] arguments, or a quick pick. */
import * as vscode from 'vscode';
import { runCandidates, type RunCandidate, type RunFilter } from '../../actions/runCandidates';
import { repoKey, type Job, type RepoRef, type Run } from '../../core/model';
import type { RepoSnapshot } from '../../core/sync/types';
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

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function snapshotRuns(snapshot: RepoSnapshot): Run[] {
  return [...snapshot.branchRuns, ...snapshot.recentRuns];
}

/** A RunNode (has repoKey and run), or the arguments [repoKey, runId]. */
export function runFromArgs(deps: ActionDeps, first: unknown, second: unknown): RunTarget | undefined {
  if (isObject(first) && typeof first.repoKey === 'string' && isObject(first.run) && typeof first.run.id === 'string') {
    const snapshot = deps.sync.snapshot(first.repoKey);
    return snapshot ? { repoKey: first.repoKey, repo: snapshot.repo, run: first.run as unknown as Run } : undefined;
  }
  if (typeof first === 'string' && typeof second === 'string') {
    const snapshot = deps.sync.snapshot(first);
    const run = snapshot ? snapshotRuns(snapshot).find((candidate) => candidate.id === second) : undefined;
    return snapshot && run ? { repoKey: first, repo: snapshot.repo, run } : undefined;
  }
  return undefined;
}

/** A JobNode (has repoKey and job). */
export function jobFromArgs(deps: ActionDeps, first: unknown): JobTarget | undefined {
  if (isObject(first) && typeof first.repoKey === 'string' && isObject(first.job) && typeof first.job.id === 'string') {
    const snapshot = deps.sync.snapshot(first.repoKey);
    return snapshot ? { repoKey: first.repoKey, repo: snapshot.repo, job: first.job as unknown as Job } : undefined;
  }
  return undefined;
}

function allSnapshots(deps: ActionDeps): RepoSnapshot[] {
  return deps.sync.repositories().flatMap((repo) => {
    if (!deps.canWrite(repo)) {
      return [];
    }
    const snapshot = deps.sync.snapshot(repoKey(repo));
    return snapshot ? [snapshot] : [];
  });
}

interface RunItem extends vscode.QuickPickItem {
  readonly candidate: RunCandidate;
}

/** Quick pick of the runs a command can act on (current branch first), with repository, workflow, number, status. */
export async function pickRun(deps: ActionDeps, filter: RunFilter, title: string): Promise<RunTarget | undefined> {
  const candidates = runCandidates(allSnapshots(deps), filter);
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
