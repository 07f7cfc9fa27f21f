/** Mutations: run a pipeline, stop one. Sent once, never retried. Bitbucket has no re-run endpoint. */
import type { RequestOptions } from '../../core/ci/provider';
import type { CreatePipelineRequest, CreatedRun } from '../../core/ci/operations';
import { num, requireRecord, str } from '../http';
import type { BitbucketClient } from './client';
import { runPipelineBody } from './forms';
import { pipelinePath, pipelinesPath, pipelineWebUrl } from './urls';
import type { RepoRef } from '../../core/model';

export async function runPipeline(client: BitbucketClient, repo: RepoRef, request: CreatePipelineRequest, options: RequestOptions = {}): Promise<CreatedRun> {
  const answer = await client.request({ method: 'POST', path: pipelinesPath(repo.slug), what: `new pipeline of ${repo.slug}`, json: runPipelineBody(request.ref, request.inputs, request.variables), signal: options.signal });
  const pipeline = requireRecord(answer.body, `Bitbucket new pipeline of ${repo.slug}`);
  const uuid = str(pipeline, 'uuid');
  const number = num(pipeline, 'build_number');
  return { ...(uuid !== undefined ? { runId: uuid } : {}), ...(number !== undefined ? { webUrl: pipelineWebUrl(repo, number) } : {}) };
}

export async function stopPipeline(client: BitbucketClient, repo: RepoRef, uuid: string, options: RequestOptions = {}): Promise<void> {
  await client.request({ method: 'POST', path: `${pipelinePath(repo.slug, uuid)}/stopPipeline`, what: `stop of pipeline ${uuid} of ${repo.slug}`, signal: options.signal });
}
