/**
 * Mutations: build now / with parameters, stop (term, then kill, as force-cancel). Each is one POST, sent once, never retried (the client adds the session's CSRF crumb).
 * A new build is queued first: Location names the queue item, read once to find its build (else the
 * queued run is returned, and reading it later follows the item to its build).
 */
import type { RequestOptions } from '../../core/ci/provider';
import type { CreatedRun } from '../../core/ci/operations';
import type { FormValues } from '../../core/ci/dispatchForm';
import type { RepoRef } from '../../core/model';
import type { JenkinsClient } from './client';
import { parameterQuery } from './forms';
import { runIdOf } from './mapping';
import { executableNumber, queuedRunId, queueItem } from './queue';
import { buildPath } from './reads';
import { jobNames, jobPath } from './urls';

/** The queue item id of a build POST's Location (…/queue/item/12/). */
export function queueItemIdOf(location: string | null): number | undefined {
  const id = /\/queue\/item\/(\d+)\/?$/.exec(location ?? '')?.[1];
  return id !== undefined ? Number(id) : undefined;
}

export class JenkinsActions {
  /** Builds this session sent term to (repository slug + run id): a further force-cancel kills them. */
  private readonly terminated = new Set<string>();

  constructor(private readonly client: JenkinsClient) {}

  /** POST build (or buildWithParameters when the job has parameters) on `jobName` ("" for the repository's job). */
  async build(repo: RepoRef, jobName: string, withParameters: boolean, values: FormValues, options: RequestOptions = {}): Promise<CreatedRun> {
    const names = jobName === '' ? jobNames(repo.slug) : [...jobNames(repo.slug), jobName];
    const answer = await this.client.request({
      method: 'POST',
      path: `${jobPath(names)}/${withParameters ? 'buildWithParameters' : 'build'}`,
      ...(withParameters ? { query: parameterQuery(values) } : {}),
      what: `new build of ${names.join('/')}`,
      as: 'bytes',
      signal: options.signal,
    });
    const itemId = queueItemIdOf(answer.headers.get('location'));
    const runId = itemId !== undefined ? await this.queuedBuild(jobName, itemId, options) : undefined;
    return { ...(runId !== undefined ? { runId } : {}), webUrl: `${answer.url.replace(/\/(?:build|buildWithParameters)(?:\?.*)?$/, '')}/` };
  }

  /** The run a queue item became: its build once it left the queue (one read, never a repeated POST), else the queued run. */
  private async queuedBuild(jobName: string, itemId: number, options: RequestOptions): Promise<string> {
    try {
      const number = executableNumber(await queueItem(this.client, itemId, options));
      return number !== undefined ? runIdOf(jobName, number) : queuedRunId(jobName, itemId);
    } catch {
      return queuedRunId(jobName, itemId);
    }
  }

  /** POST queue/cancelItem: a build that has not started yet leaves the queue. */
  async cancelQueued(itemId: number, options: RequestOptions = {}): Promise<void> {
    await this.client.request({ method: 'POST', path: '/queue/cancelItem', query: { id: itemId }, what: `cancel of queue item ${itemId}`, as: 'bytes', signal: options.signal });
  }

  /**
   * POST stop; force: term (the build's steps are interrupted harder) and, asked again for a build
   * this session already terminated, kill (the whole build), as Jenkins' own page offers kill only
   * after term. Each is one POST, sent once.
   */
  async stop(repo: RepoRef, runId: string, force: boolean, options: RequestOptions = {}): Promise<void> {
    const key = `${repo.slug}\n${runId}`;
    const verb = !force ? 'stop' : this.terminated.has(key) ? 'kill' : 'term';
    await this.client.request({ method: 'POST', path: `${buildPath(repo, runId)}/${verb}`, what: `${verb} of build ${runId} of ${repo.slug}`, as: 'bytes', signal: options.signal });
    if (verb === 'term') this.terminated.add(key);
  }
}
