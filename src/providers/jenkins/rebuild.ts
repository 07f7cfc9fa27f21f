/**
 * Rebuild of a finished build, in the way the server offers: a Pipeline build that carries the
 * Replay action (workflow-cps ReplayAction) is replayed, POST {build}/replay/rebuild (the same
 * Pipeline script again); any other build is started again with the parameter values it ran with
 * (its ParametersAction; a value it does not show, e.g. a password, takes the job's default).
 * One read of the build's actions, then one POST, never retried.
 */
import type { RequestOptions } from '../../core/ci/provider';
import type { FormValues } from '../../core/ci/dispatchForm';
import type { RepoRef } from '../../core/model';
import { asArray, isRecord, requireRecord, str, type JsonRecord } from '../http';
import type { JenkinsClient } from './client';
import { buildPath } from './reads';

const ACTIONS_TREE = 'actions[_class,parameters[name,value]]';
const REPLAY = /\.ReplayAction$/;

export interface RebuildPlan {
  /** True: POST replay/rebuild; false: a new build with `values`. */
  readonly replay: boolean;
  readonly values: FormValues;
}

/** How to rebuild a build, from its actions. */
export function rebuildPlan(actions: readonly JsonRecord[]): RebuildPlan {
  const replay = actions.some((a) => REPLAY.test(str(a, '_class') ?? ''));
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
  return rebuildPlan(asArray(requireRecord(answer.body, `Jenkins build ${runId} of ${repo.slug}`, ['actions']).actions).filter(isRecord));
}

/** POST replay/rebuild: Jenkins answers with a redirect to the job, not the queue item, so the new build is found by the next poll. */
export async function replay(client: JenkinsClient, repo: RepoRef, runId: string, options: RequestOptions = {}): Promise<string> {
  const answer = await client.request({ method: 'POST', path: `${buildPath(repo, runId)}/replay/rebuild`, what: `replay of build ${runId} of ${repo.slug}`, as: 'bytes', signal: options.signal });
  return answer.url;
}
