/** Sends a dispatch (spaced, never retried) and finds the run it created, for reveal and notifications. */
import * as vscode from 'vscode';
import { splitValues } from '../../actions/formModel';
import type { DispatchForm, FormValues } from '../../core/ci/dispatchForm';
import { pollForDispatchedRun } from '../../actions/runMatcher';
import { describeError } from '../../core/errors';
import type { Pipeline, RepoRef, Run } from '../../core/model';
import type { CiProvider } from '../../core/ci/provider';
import type { ActionDeps } from './deps';
import { runMutation } from './mutation';

export interface DispatchRequest {
  readonly repoKey: string;
  readonly repo: RepoRef;
  readonly provider: CiProvider;
  /** Trigger events a run started by hand carries (the descriptor's dispatch support). */
  readonly events: readonly string[];
  readonly pipeline: Pipeline;
  readonly form: DispatchForm;
  readonly ref: string;
  readonly values: FormValues;
}

async function currentUser(deps: ActionDeps, provider: CiProvider): Promise<string | undefined> {
  try {
    return await provider.currentUser?.();
  } catch (error) {
    deps.logger.debug(`Could not read the signed-in user: ${describeError(error)}`);
    return undefined;
  }
}

/** The new run's id: from the API's answer, else by matching recent runs a few times. */
async function findRun(deps: ActionDeps, request: DispatchRequest, runId: string | undefined, dispatchedAt: number, knownRunIds: ReadonlySet<string>): Promise<string | undefined> {
  if (runId !== undefined) {
    return runId;
  }
  const { provider, repo, pipeline, ref, events } = request;
  const actor = await currentUser(deps, provider);
  const listRuns = async (): Promise<readonly Run[]> => (await provider.listRuns(repo, { pipelineId: pipeline.id, branch: ref, perPage: 10 })).value.items;
  const found = await pollForDispatchedRun(listRuns, { pipelineId: pipeline.id, ref, dispatchedAt, actor, events, knownRunIds }, { clock: deps.clock });
  return found?.id;
}

/** Dispatches and returns the new run's id when known. Errors carry the API's message. */
export async function dispatch(deps: ActionDeps, request: DispatchRequest): Promise<string | undefined> {
  const { provider, repo, pipeline, ref } = request;
  if (!provider.createRun) {
    throw new Error(vscode.l10n.t('{0} cannot start runs.', provider.displayName));
  }
  const createRun = provider.createRun.bind(provider);
  const { inputs, variables } = splitValues(request.form, request.values);
  const snapshot = deps.sync.snapshot(request.repoKey);
  const knownRunIds = new Set([...(snapshot?.recentRuns ?? []), ...(snapshot?.branchRuns ?? [])].map((run) => run.id));
  const dispatchedAt = deps.clock.now();
  const title = vscode.l10n.t('Starting {0} on {1}…', pipeline.name, ref);
  const created = await runMutation(deps, repo, title, () => createRun(repo, pipeline.id, { ref, inputs, variables }));
  // Outside the write lane: finding the run only reads.
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Waiting for the new run of {0}…', pipeline.name) }, () =>
    findRun(deps, request, created.runId, dispatchedAt, knownRunIds),
  );
}
