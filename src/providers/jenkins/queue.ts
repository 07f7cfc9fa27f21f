/**
 * The build queue: a job's api/json says `inQueue` in the same tree= request that lists its builds,
 * so an idle poll costs nothing more; only when something waits is GET /queue/api/json read (one
 * request for every job of the poll). Each item becomes a queued run: its reason (`why`, e.g.
 * "Waiting for next available executor"), BLOCKED or STUCK as its raw status, the number the job
 * will give it. Its run id is "<job>#queue-<item id>"; reading it follows the item to its build
 * once it left the queue (`executable`). Pure apart from the requests.
 */
import type { RequestOptions } from '../../core/ci/provider';
import type { Run } from '../../core/model';
import { asArray, bool, child, isRecord, num, requireRecord, str, type JsonRecord } from '../http';
import type { JenkinsClient } from './client';
import { runIdOf, splitRunId, type BuildContext } from './mapping';

export const QUEUE_TREE = 'items[id,why,blocked,stuck,buildable,inQueueSince,task[name,url],actions[causes[shortDescription,userId,userName]]]';
const QUEUE_PREFIX = 'queue-';

/** The queue item id of a queued run's id ("main#queue-12" -> 12), or undefined for a build. */
export function queueIdOf(runId: string): number | undefined {
  const { number } = splitRunId(runId);
  if (!number.startsWith(QUEUE_PREFIX)) return undefined;
  const id = Number(number.slice(QUEUE_PREFIX.length));
  return Number.isInteger(id) && id >= 0 ? id : undefined;
}

export function queuedRunId(jobName: string, itemId: number): string {
  return runIdOf(jobName, `${QUEUE_PREFIX}${itemId}`);
}

/** A URL's path without trailing slashes: a job is the same whatever root URL the server was configured with. */
export function pathOf(url: string | undefined): string {
  if (url === undefined) return '';
  try {
    return new URL(url).pathname.replace(/\/+$/, '');
  } catch {
    return url.replace(/\/+$/, '');
  }
}

/** Everything waiting in the queue. */
export async function queueItems(client: JenkinsClient, options: RequestOptions = {}): Promise<JsonRecord[]> {
  const answer = await client.request({ path: '/queue/api/json', query: { tree: QUEUE_TREE }, what: 'build queue', signal: options.signal });
  return asArray(requireRecord(answer.body, 'Jenkins build queue', ['items']).items).filter(isRecord);
}

/** The items of the job at `jobUrl`, oldest first. */
export function itemsOfJob(items: readonly JsonRecord[], jobUrl: string | undefined): JsonRecord[] {
  const path = pathOf(jobUrl);
  return path === '' ? [] : items.filter((item) => pathOf(str(child(item, 'task'), 'url')) === path).sort((a, b) => (num(a, 'inQueueSince') ?? 0) - (num(b, 'inQueueSince') ?? 0));
}

function actorOf(item: JsonRecord): string | undefined {
  for (const action of asArray(item.actions).filter(isRecord)) {
    for (const cause of asArray(action.causes).filter(isRecord)) {
      const user = str(cause, 'userName') ?? str(cause, 'userId');
      if (user !== undefined) return user;
    }
  }
  return undefined;
}

/** One queue item as a queued run; `number` is the build number the job will give it. */
export function mapQueueItem(item: JsonRecord, context: BuildContext, number: number, jobUrl: string): Run {
  const id = num(item, 'id') ?? 0;
  const blocked = bool(item, 'blocked') === true;
  const stuck = bool(item, 'stuck') === true;
  const since = num(item, 'inQueueSince');
  const actor = actorOf(item);
  return {
    id: queuedRunId(context.jobName, id),
    pipelineId: context.pipelineId,
    pipelineName: context.pipelineName,
    number,
    attempt: 1,
    title: str(item, 'why') ?? 'Waiting in the queue',
    ...(context.branch !== undefined ? { branch: context.branch } : {}),
    headSha: '',
    event: actor !== undefined ? 'manual' : 'queue',
    ...(actor !== undefined ? { actor } : {}),
    state: 'queued',
    rawStatus: stuck ? 'STUCK' : blocked ? 'BLOCKED' : 'QUEUED',
    createdAt: new Date(since !== undefined && since > 0 ? since : 0).toISOString(),
    webUrl: jobUrl,
  };
}

/** Queued runs of the jobs that say `inQueue`, newest first (one queue read for all of them, none when nothing waits). */
export async function queuedRuns(
  client: JenkinsClient,
  jobs: readonly { readonly job: JsonRecord; readonly context: BuildContext }[],
  signal: AbortSignal | undefined,
): Promise<Run[]> {
  const waiting = jobs.filter(({ job }) => bool(job, 'inQueue') === true);
  if (waiting.length === 0) return [];
  const items = await queueItems(client, { signal });
  return waiting
    .flatMap(({ job, context }) => {
      const next = num(job, 'nextBuildNumber') ?? 0;
      return itemsOfJob(items, str(job, 'url')).map((item, index) => mapQueueItem(item, context, next + index, str(job, 'url') ?? ''));
    })
    .reverse();
}

/** A queue item: the build it became (`executable`), or the item while it still waits (undefined: gone, e.g. cancelled). */
export async function queueItem(client: JenkinsClient, itemId: number, options: RequestOptions = {}): Promise<JsonRecord | undefined> {
  const answer = await client.request({ path: `/queue/item/${itemId}/api/json`, what: `queue item ${itemId}`, signal: options.signal, accept: [404] });
  return answer.status === 404 ? undefined : requireRecord(answer.body, `Jenkins queue item ${itemId}`, ['id']);
}

/** The build number of a queue item that left the queue. */
export function executableNumber(item: JsonRecord | undefined): number | undefined {
  return item !== undefined && isRecord(item.executable) ? num(item.executable, 'number') : undefined;
}
