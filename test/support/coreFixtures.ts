/**
 * Small builders of model objects for core tests.
 */
import type { Job, Pipeline, RepoRef, Run } from '../../src/core/model';

export const REPO: RepoRef = { provider: 'github', host: 'https://api.github.com', slug: 'octo/hello' };
export const OTHER_REPO: RepoRef = { provider: 'github', host: 'https://api.github.com', slug: 'octo/other' };

export function makeRun(id: string | number, overrides: Partial<Run> = {}): Run {
  const n = Number(id);
  return {
    id: String(id),
    pipelineId: 'ci',
    pipelineName: 'CI',
    number: Number.isNaN(n) ? 1 : n,
    attempt: 1,
    title: `Run ${id}`,
    branch: 'main',
    headSha: `sha${id}`,
    event: 'push',
    state: 'success',
    rawStatus: 'completed',
    createdAt: new Date(Date.UTC(2024, 0, 1) + (Number.isNaN(n) ? 0 : n) * 60_000).toISOString(),
    webUrl: `https://github.com/octo/hello/actions/runs/${id}`,
    ...overrides,
  };
}

export function makeJob(id: string, runId: string, overrides: Partial<Job> = {}): Job {
  return { id, runId, name: `job ${id}`, state: 'success', rawStatus: 'completed', steps: [], ...overrides };
}

export function makePipeline(id: string, name = id.toUpperCase()): Pipeline {
  return { id, name, path: `.github/workflows/${id}.yml`, webUrl: `https://github.com/octo/hello/actions/workflows/${id}.yml` };
}
