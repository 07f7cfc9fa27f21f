/** Reads behind "Run Pipeline…": one pipeline, the signed-in user, the CI config file at a ref, branches and tags. */
import { ValidationError } from '../../core/errors';
import type { RepoRef, Run } from '../../core/model';
import type { PipelineDefinition, RefList } from '../../core/ci/operations';
import type { RequestOptions } from '../../core/ci/provider';
import type { GitLabHttp } from './http';
import { asRecord, requireRecord, str } from '../http';
import { mapPipelineDefinition, mapRun } from './mapping';
import { getAllPages } from './pagination';
import { encodeProject } from './urls';

/** Refs beyond this many pages (100 each) are left out of pickers. */
export const MAX_REF_PAGES = 10;

export async function getRun(http: GitLabHttp, repo: RepoRef, runId: string, pipelineName: string, options: RequestOptions = {}): Promise<Run> {
  const response = await http.request({
    path: `/projects/${encodeProject(repo.slug)}/pipelines/${encodeURIComponent(runId)}`,
    what: `pipeline ${runId} of ${repo.slug}`,
    signal: options.signal,
  });
  // A pipeline always has an id and a status: anything else is not GitLab's answer.
  return mapRun(requireRecord(response.body, `GitLab pipeline ${runId} of ${repo.slug}`, ['id', 'status']), pipelineName);
}

export async function currentUser(http: GitLabHttp, options: RequestOptions = {}): Promise<string> {
  const response = await http.request({ path: '/user', what: 'current user', signal: options.signal });
  return str(asRecord(response.body), 'username') ?? '';
}

/** The project's CI config file (ci_config_path or .gitlab-ci.yml) at `ref`, as text. */
export async function getPipelineDefinition(http: GitLabHttp, repo: RepoRef, ref: string, options: RequestOptions = {}): Promise<PipelineDefinition> {
  const project = encodeProject(repo.slug);
  const body = (await http.request({ path: `/projects/${project}`, what: `project ${repo.slug}`, signal: options.signal })).body;
  const path = mapPipelineDefinition(repo, body).path ?? '.gitlab-ci.yml';
  if (path.includes('@') || /^https?:/i.test(path)) {
    throw new ValidationError(`The CI configuration of ${repo.slug} lives outside the project (${path}); FlowForge cannot read its variables`);
  }
  const response = await http.request({
    path: `/projects/${project}/repository/files/${encodeURIComponent(path)}/raw`,
    query: { ref },
    what: `${path} of ${repo.slug} at ${ref}`,
    signal: options.signal,
    as: 'bytes',
  });
  return { path, text: new TextDecoder().decode(response.bytes) };
}

function names(items: readonly unknown[]): string[] {
  return items.map((item) => str(asRecord(item), 'name')).filter((name): name is string => name !== undefined);
}

export async function listRefs(http: GitLabHttp, repo: RepoRef, options: RequestOptions = {}): Promise<RefList> {
  const base = `/projects/${encodeProject(repo.slug)}/repository`;
  const [branches, tags] = await Promise.all([
    getAllPages(http, `${base}/branches`, `branches of ${repo.slug}`, { signal: options.signal, maxPages: MAX_REF_PAGES }),
    getAllPages(http, `${base}/tags`, `tags of ${repo.slug}`, { signal: options.signal, maxPages: MAX_REF_PAGES }),
  ]);
  const defaultBranch = branches.map(asRecord).find((branch) => branch.default === true);
  return { branches: names(branches), tags: names(tags), defaultBranch: defaultBranch ? str(defaultBranch, 'name') : undefined };
}
