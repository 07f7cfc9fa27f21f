/** Mutations: retry, cancel, play, create pipeline. Never retried automatically. */
import type { RequestOptions } from '../../core/ci/provider';
import type { CreatePipelineRequest, CreatedRun } from '../../core/ci/operations';
import type { GitLabHttp } from './http';
import { asRecord, idOf, str } from '../http';

export class GitLabActions {
  constructor(private readonly http: GitLabHttp) {}

  async retryPipeline(project: string, slug: string, runId: string, options: RequestOptions = {}): Promise<CreatedRun> {
    const response = await this.post(`/projects/${project}/pipelines/${encodeURIComponent(runId)}/retry`, `retry of pipeline ${runId} of ${slug}`, options);
    return created(response);
  }

  async cancelPipeline(project: string, slug: string, runId: string, options: RequestOptions = {}): Promise<void> {
    await this.post(`/projects/${project}/pipelines/${encodeURIComponent(runId)}/cancel`, `cancel of pipeline ${runId} of ${slug}`, options);
  }

  async jobAction(project: string, slug: string, jobId: string, action: 'retry' | 'cancel' | 'play', options: RequestOptions = {}): Promise<void> {
    await this.post(`/projects/${project}/jobs/${encodeURIComponent(jobId)}/${action}`, `${action} of job ${jobId} of ${slug}`, options);
  }

  async createPipeline(project: string, slug: string, request: CreatePipelineRequest, options: RequestOptions = {}): Promise<CreatedRun> {
    const json: Record<string, unknown> = { ref: request.ref };
    const variables = Object.entries(request.variables ?? {});
    if (variables.length > 0) {
      json.variables = variables.map(([key, value]) => ({ key, value, variable_type: 'env_var' }));
    }
    if (Object.keys(request.inputs).length > 0) {
      json.inputs = { ...request.inputs };
    }
    const response = await this.post(`/projects/${project}/pipeline`, `new pipeline on ${request.ref} of ${slug}`, options, json);
    return created(response);
  }

  private async post(path: string, what: string, options: RequestOptions, json?: unknown): Promise<unknown> {
    const response = await this.http.request({ method: 'POST', path, what, signal: options.signal, json });
    return response.body;
  }
}

function created(body: unknown): CreatedRun {
  const pipeline = asRecord(body);
  const runId = idOf(pipeline);
  return { runId: runId === '' ? undefined : runId, webUrl: str(pipeline, 'web_url') };
}
