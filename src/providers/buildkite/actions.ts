/** Mutations: create, rebuild and cancel builds; retry and unblock jobs. Sent once, never retried. */
import type { RequestOptions } from '../../core/ci/provider';
import type { CreatePipelineRequest, CreatedRun } from '../../core/ci/operations';
import type { FormValues } from '../../core/ci/dispatchForm';
import { num, requireRecord, str } from '../http';
import type { BuildkiteClient } from './client';
import { createBuildBody } from './forms';
import { buildPath, jobPath, pipelinePath } from './urls';

function created(body: unknown, what: string): CreatedRun {
  const build = requireRecord(body, what);
  const number = num(build, 'number');
  const webUrl = str(build, 'web_url');
  return { ...(number !== undefined ? { runId: String(number) } : {}), ...(webUrl !== undefined ? { webUrl } : {}) };
}

export class BuildkiteActions {
  constructor(private readonly client: BuildkiteClient) {}

  async createBuild(slug: string, request: CreatePipelineRequest, options: RequestOptions = {}): Promise<CreatedRun> {
    const answer = await this.client.request(slug, { method: 'POST', path: `${pipelinePath(slug)}/builds`, what: `new build of ${slug}`, json: createBuildBody(request.ref, request.inputs, request.variables), signal: options.signal });
    return created(answer.body, `Buildkite new build of ${slug}`);
  }

  async rebuild(slug: string, number: string, options: RequestOptions = {}): Promise<CreatedRun> {
    const answer = await this.client.request(slug, { method: 'PUT', path: `${buildPath(slug, number)}/rebuild`, what: `rebuild of build ${number} of ${slug}`, signal: options.signal });
    return created(answer.body, `Buildkite rebuild of ${slug}#${number}`);
  }

  async cancel(slug: string, number: string, options: RequestOptions = {}): Promise<void> {
    await this.client.request(slug, { method: 'PUT', path: `${buildPath(slug, number)}/cancel`, what: `cancel of build ${number} of ${slug}`, signal: options.signal });
  }

  async retryJob(slug: string, jobId: string, options: RequestOptions = {}): Promise<void> {
    await this.client.request(slug, { method: 'PUT', path: `${jobPath(slug, jobId)}/retry`, what: `retry of job ${jobId} of ${slug}`, signal: options.signal });
  }

  async unblockJob(slug: string, jobId: string, fields: FormValues, options: RequestOptions = {}): Promise<void> {
    const values = Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, String(value)]));
    await this.client.request(slug, { method: 'PUT', path: `${jobPath(slug, jobId)}/unblock`, what: `unblock of job ${jobId} of ${slug}`, json: { fields: values }, signal: options.signal });
  }
}
