/**
 * Pure transitions of a RepoSnapshot. Each returns the SAME object when nothing visible
 * changed (every answer was a 304 and the snapshot was neither stale nor in trouble),
 * so listeners can skip re-rendering by identity.
 *
 * `fetchedAt` is the time of the last poll that produced a new snapshot; a poll answered
 * entirely from the ETag cache leaves the snapshot (and so fetchedAt) untouched.
 */
import { describeError, isCiError, RateLimitError } from '../errors';
import type { CiErrorKind } from '../errors';
import type { RepoRef } from '../model';
import type { BackgroundPollData, BranchFetch, FullPollData } from './fetchRepo';
import type { RepoSnapshot, SyncProblem } from './types';

export function emptySnapshot(repo: RepoRef, branch: string | undefined): RepoSnapshot {
  return { repo, pipelines: [], recentRuns: [], branch, branchRuns: [], stale: false };
}

function isClean(snapshot: RepoSnapshot): boolean {
  return !snapshot.stale && snapshot.problem === undefined && snapshot.fetchedAt !== undefined;
}

/**
 * True when the fetched branch runs are news to the snapshot: the provider says they changed, or
 * they differ from what the snapshot holds (after the watched branch changed and back, a provider's
 * "unchanged" compares with its own last answer, not with the emptied branch runs).
 */
function branchNews(snapshot: RepoSnapshot, branch: BranchFetch | undefined): branch is BranchFetch {
  if (branch === undefined || branch.branch !== snapshot.branch) {
    return false;
  }
  if (branch.runs.changed) {
    return true;
  }
  const fetched = branch.runs.value.items;
  return fetched.length !== snapshot.branchRuns.length || fetched.some((run, i) => run.id !== snapshot.branchRuns[i]?.id || run.state !== snapshot.branchRuns[i]?.state);
}

/** True when the fetched gate differs from the snapshot's (by value: a 304 after a branch switch and back still counts). */
function gateNews(snapshot: RepoSnapshot, data: FullPollData): boolean {
  if (data.gate === undefined || data.branch?.branch !== snapshot.branch) {
    return false;
  }
  return data.gate.value !== snapshot.mergeGate && JSON.stringify(data.gate.value) !== JSON.stringify(snapshot.mergeGate);
}

/** Applies a full poll. Branch runs (and the gate) of a branch that is no longer watched are dropped. */
export function applyFull(snapshot: RepoSnapshot, data: FullPollData, now: number): RepoSnapshot {
  const branchCurrent = data.branch !== undefined && data.branch.branch === snapshot.branch;
  const gateChanged = gateNews(snapshot, data);
  const changed = data.recent.changed || branchNews(snapshot, data.branch) || gateChanged || data.repository?.changed === true || data.pipelines?.changed === true;
  if (!changed && isClean(snapshot)) {
    return snapshot;
  }
  return {
    repo: snapshot.repo,
    repository: data.repository?.value ?? snapshot.repository,
    pipelines: data.pipelines?.value ?? snapshot.pipelines,
    recentRuns: data.recent.value.items,
    branch: snapshot.branch,
    branchRuns: branchCurrent && data.branch !== undefined ? data.branch.runs.value.items : snapshot.branchRuns,
    ...withGate(gateChanged ? data.gate?.value : snapshot.mergeGate),
    fetchedAt: now,
    stale: false,
  };
}

function withGate(gate: RepoSnapshot['mergeGate']): Pick<RepoSnapshot, 'mergeGate'> {
  return gate === undefined ? {} : { mergeGate: gate };
}

/**
 * Applies a background poll (branch runs only, or recent runs without a branch).
 * The snapshot stays stale when it was: the rest of it has not been refreshed.
 */
export function applyBackground(snapshot: RepoSnapshot, data: BackgroundPollData, now: number): RepoSnapshot {
  const branchCurrent = data.branch !== undefined && data.branch.branch === snapshot.branch;
  const changed = branchNews(snapshot, data.branch) || data.recent?.changed === true;
  if (!changed && snapshot.problem === undefined) {
    return snapshot;
  }
  const { problem: _problem, ...rest } = snapshot;
  return {
    ...rest,
    recentRuns: data.recent?.value.items ?? snapshot.recentRuns,
    branchRuns: branchCurrent && data.branch !== undefined ? data.branch.runs.value.items : snapshot.branchRuns,
    fetchedAt: changed ? now : snapshot.fetchedAt,
  };
}

/** The problem a failure causes; unexpected (non-CI) errors count as server errors. */
export function problemOf(error: unknown): SyncProblem {
  const kind: CiErrorKind = isCiError(error) ? error.kind : 'server';
  const message = describeError(error);
  return error instanceof RateLimitError ? { kind, message, resumeAt: error.resetAt } : { kind, message };
}

/** Marks the snapshot stale with the problem, keeping the last good data. Same object when already so. */
export function applyProblem(snapshot: RepoSnapshot, problem: SyncProblem): RepoSnapshot {
  const current = snapshot.problem;
  if (snapshot.stale && current?.kind === problem.kind && current.message === problem.message && current.resumeAt === problem.resumeAt) {
    return snapshot;
  }
  return { ...snapshot, stale: true, problem };
}

/** Follows a change of the watched branch: the old branch's runs no longer apply. */
export function applyBranch(snapshot: RepoSnapshot, branch: string | undefined): RepoSnapshot {
  if (snapshot.branch === branch) {
    return snapshot;
  }
  const { mergeGate: _gate, ...rest } = snapshot;
  return { ...rest, branch, branchRuns: [] };
}
