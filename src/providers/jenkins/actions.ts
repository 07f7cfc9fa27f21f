/**
 * Mutations: build now / with parameters, stop (term as force-cancel) Each is one POST, sent once, never retried (the client adds the session's CSRF crumb).
 * A new build is queued first: Location names the queue item, read once to find its build.
 */
import type { RequestOptions } from '../../core/ci/provider';
import type { CreatedRun } from '../../core/ci/operations';
import type { FormValues } from '../../core/ci/dispatchForm';
import type { RepoRef } from '../../core/model';
import { child, isRecord, num } from '../http';
import type { JenkinsClient } from './client';
import { parameterQuery } from './forms';
import { runIdOf } from './mapping';
import { buildPath } from './reads';
import { jobNames, jobPath } from './urls';

export class JenkinsActions {
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
    const location = answer.headers.get('location') ?? undefined;
    const number = location !== undefined ? await this.queuedBuild(location, options) : undefined;
    return { ...(number !== undefined ? { runId: runIdOf(jobName, number) } : {}), webUrl: `${answer.url.replace(/\/(?:build|buildWithParameters)(?:\?.*)?$/, '')}/` };
  }

  /** The build number a queue item became, if it already left the queue (one read, never a repeated POST). */
  private async queuedBuild(location: string, options: RequestOptions): Promise<number | undefined> {
    try {
      const path = `${new URL(location).pathname.replace(/\/+$/, '')}/api/json`;
      const item = await this.client.request({ path: path.startsWith('/queue') ? path : path.slice(path.indexOf('/queue')), what: 'queue item', signal: options.signal });
      return isRecord(item.body) ? num(child(item.body, 'executable'), 'number') : undefined;
    } catch {
      return undefined;
    }
  }

  /** POST stop; force: term (the build's executor thread is interrupted harder). */
  async stop(repo: RepoRef, runId: string, force: boolean, options: RequestOptions = {}): Promise<void> {
    await this.client.request({ method: 'POST', path: `${buildPath(repo, runId)}/${force ? 'term' : 'stop'}`, what: `${force ? 'term' : 'stop'} of build ${runId} of ${repo.slug}`, as: 'bytes', signal: options.signal });
  }
}
