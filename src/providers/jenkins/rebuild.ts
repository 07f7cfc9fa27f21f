/**
 * Rebuild of a finished build, in the way the server offers: a Pipeline build (WorkflowRun) is
 * replayed, POST {build}/replay/rebuild (workflow-cps ReplayAction.doRebuild: the same script, with
 * the build's parameters and SCM revision copied); any other build is started again with the
 * parameter values it ran with (its ParametersAction; a value it does not show, e.g. a password,
 * takes the job's default). ReplayAction is no exported bean, so api/json shows it as `{}`: a build
 * offers it when its class is WorkflowRun (ReplayAction.Factory attaches it to every one).
 * One read of the build's class and actions, then one POST, never retried.
 */
import type { RequestOptions } from '../../core/ci/provider';
import type { FormValues } from '../../core/ci/dispatchForm';
import type { RepoRef } from '../../core/model';
import { asArray, isRecord, requireRecord, str, type JsonRecord } from '../http';
import type { JenkinsClient } from './client';
import { buildPath } from './reads';

const ACTIONS_TREE = '_class,actions[_class,parameters[name,value]]';
const REPLAYABLE = /\.WorkflowRun$/;

export interface RebuildPlan {
  /** True: POST replay/rebuild; false: a new build with `values`. */
  readonly replay: boolean;
  readonly values: FormValues;
}

/** How to rebuild a build, from its class and actions. */
export function rebuildPlan(build: JsonRecord): RebuildPlan {
  const replay = REPLAYABLE.test(str(build, '_class') ?? '');
  const actions = asArray(build.actions).filter(isRecord);
  const values: Record<string, string | number | boolean> = {};
  for (const parameter of actions.flatMap((a) => asArray(a.parameters).filter(isRecord))) {
    const name = str(parameter, 'name');
    const value = parameter.value;
    if (name !== undefined && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) values[name] = value;
  }
  return { replay, values };
}

export async function readRebuildPlan(client: JenkinsClient, repo: RepoRef, runId: string, options: RequestOptions = {}): Promise<RebuildPlan> {
  const answer = await client.request({ path: `${buildPath(repo, runId)}/api/json`, query: { tree: ACTIONS_TREE }, what: `actions of build ${runId} of ${repo.slug}`, signal: options.signal });
  return rebuildPlan(requireRecord(answer.body, `Jenkins build ${runId} of ${repo.slug}`, ['actions']));
}

/** POST replay/rebuild: Jenkins answers with a redirect to the job, not the queue item, so the new build is found by the next poll. */
export async function replay(client: JenkinsClient, repo: RepoRef, runId: string, options: RequestOptions = {}): Promise<string> {
  const answer = await client.request({ method: 'POST', path: `${buildPath(repo, runId)}/replay/rebuild`, what: `replay of build ${runId} of ${repo.slug}`, as: 'bytes', signal: options.signal });
  return answer.url;
}
