/**
 * The provider calls of one poll of one repository. No state: the caller says what it needs
 * and applies the answers with applyPoll.ts.
 */
import { ForbiddenError, isCiError, NotFoundError } from '../errors';
import type { GateRead } from '../gate/gatePolicy';
import type { MergeReadiness } from '../gate/mergeReadiness';
import type { Job, Page, Pipeline, RepoRef, Repository, Run } from '../model';
import type { CiProvider, Fetched } from '../ci/provider';

/** Runs fetched for the watched branch (enough for the status bar and the branch node). */
export const BRANCH_RUNS_PER_PAGE = 10;

export interface FullPollRequest {
  readonly repo: RepoRef;
  readonly pageSize: number;
  readonly branch?: string;
  /** Whether the repository metadata is still needed (first poll of the session). */
  readonly needRepository: boolean;
  /** Whether pipelines must be listed regardless of run changes (first poll of the session). */
  readonly needPipelines: boolean;
  readonly knownPipelineIds: ReadonlySet<string>;
  /** Whether to read the branch's pull/merge request gate (where the provider can): see gatePolicy.ts. */
  readonly gate?: GateRead;
  readonly signal: AbortSignal;
}

export interface BranchFetch {
  readonly branch: string;
  readonly runs: Fetched<Page<Run>>;
}

export interface FullPollData {
  readonly recent: Fetched<Page<Run>>;
  readonly branch?: BranchFetch;
  readonly repository?: Fetched<Repository>;
  readonly pipelines?: Fetched<readonly Pipeline[]>;
  /** With a branch: its pull/merge request gate when read (value undefined when there is none, or the gate is off). */
  readonly gate?: Fetched<MergeReadiness | undefined>;
}

export interface BackgroundPollData {
  /** Branch runs, or recent runs when no branch is watched. */
  readonly branch?: BranchFetch;
  readonly recent?: Fetched<Page<Run>>;
}

function fetchBranch(provider: CiProvider, repo: RepoRef, branch: string, signal: AbortSignal): Promise<BranchFetch> {
  return provider.listRuns(repo, { branch, perPage: BRANCH_RUNS_PER_PAGE, signal }).then((runs) => ({ branch, runs }));
}

/**
 * Recent runs + branch runs (+ repository the first time), then pipelines only when first
 * needed, when recent runs changed, or when a run names a pipeline not known yet.
 */
export async function fetchFull(provider: CiProvider, request: FullPollRequest): Promise<FullPollData> {
  const { repo, signal } = request;
  const [recent, branch, repository, gate] = await Promise.all([
    provider.listRuns(repo, { perPage: request.pageSize, signal }),
    request.branch === undefined ? undefined : fetchBranch(provider, repo, request.branch, signal),
    request.needRepository ? provider.getRepository(repo, { signal }) : undefined,
    request.branch === undefined || request.gate !== 'now' ? undefined : fetchGate(provider, repo, request.branch, signal),
  ]);
  const gateData = request.gate === 'off' ? NO_GATE : gate ?? (request.branch !== undefined && request.gate === 'ifBranchChanged' && branch?.runs.changed === true ? await fetchGate(provider, repo, request.branch, signal) : undefined);
  const runs = [...recent.value.items, ...(branch?.runs.value.items ?? [])];
  const unknownPipeline = runs.some((run) => !request.knownPipelineIds.has(run.pipelineId));
  const pipelines = request.needPipelines || recent.changed || unknownPipeline ? await provider.listPipelines(repo, { signal }) : undefined;
  return { recent, branch, repository, pipelines, gate: gateData };
}

const NO_GATE: Fetched<undefined> = { value: undefined, changed: false };

/**
 * The branch's pull/merge request gate. A token that may not read pull requests (403) or a
 * repository without them (404) has no gate; that never fails the poll.
 */
async function fetchGate(provider: CiProvider, repo: RepoRef, branch: string, signal: AbortSignal): Promise<Fetched<MergeReadiness | undefined>> {
  if (provider.getMergeReadiness === undefined) {
    return NO_GATE;
  }
  try {
    return await provider.getMergeReadiness(repo, branch, { signal });
  } catch (error: unknown) {
    if (error instanceof ForbiddenError || error instanceof NotFoundError) {
      return NO_GATE;
    }
    throw error;
  }
}

/** Only what the status bar shows. */
export async function fetchBackground(provider: CiProvider, repo: RepoRef, branch: string | undefined, pageSize: number, signal: AbortSignal): Promise<BackgroundPollData> {
  if (branch !== undefined) {
    return { branch: await fetchBranch(provider, repo, branch, signal) };
  }
  return { recent: await provider.listRuns(repo, { perPage: pageSize, signal }) };
}

/** Jobs of several runs; runs that no longer exist (404/410) come back as undefined. */
export async function fetchJobs(provider: CiProvider, repo: RepoRef, runIds: readonly string[], signal: AbortSignal): Promise<Map<string, Fetched<readonly Job[]> | undefined>> {
  const results = await Promise.allSettled(runIds.map((runId) => provider.listJobs(repo, runId, { signal })));
  const jobs = new Map<string, Fetched<readonly Job[]> | undefined>();
  for (const [index, result] of results.entries()) {
    const runId = runIds[index] ?? '';
    if (result.status === 'fulfilled') {
      jobs.set(runId, result.value);
    } else if (isGone(result.reason)) {
      jobs.set(runId, undefined);
    } else {
      throw result.reason;
    }
  }
  return jobs;
}

function isGone(error: unknown): boolean {
  return isCiError(error) && (error.kind === 'not_found' || error.kind === 'gone');
}
