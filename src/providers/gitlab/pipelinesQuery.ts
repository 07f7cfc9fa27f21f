/**
 * The batched poll query: `projects(fullPaths: [...])` with, per project, its web URL, CI config
 * path and the first page of each pipeline list the sync service polls (recent pipelines, and those
 * of the watched branch), each pipeline with its commit title (GitLab GraphQL reference:
 * Query.projects, Project.pipelines, Pipeline, Commit.title). Every project of one query asks the
 * same lists, so the provider groups projects by the lists they poll.
 */
import type { Page, Run } from '../../core/model';
import { asArray, isRecord, num, requireRecord, str, UnexpectedResponseError, type JsonRecord } from '../http';
import { postGraphQL } from './graphql';
import { mapGraphQLRun } from './graphqlMapping';
import type { GitLabHttp } from './http';

/** One polled first page: the `ref` filter (undefined: all refs) and the page size. */
export interface ListWant {
  readonly branch: string | undefined;
  readonly perPage: number;
}

export function wantKey(want: ListWant): string {
  return `${want.branch ?? ''}\n${want.perPage}`;
}

/** What one answer says about one project. */
export interface BatchedProject {
  readonly webUrl: string | undefined;
  readonly ciConfigPath: string | undefined;
  /** By wantKey. */
  readonly lists: ReadonlyMap<string, Page<Run>>;
}

const PIPELINE_FIELDS = 'id iid status source ref sha name createdAt updatedAt startedAt finishedAt path user { username } commit { title }';

/** The query document and its variables for `paths`, all polling `wants`. */
export function buildPipelinesQuery(paths: readonly string[], wants: readonly ListWant[]): { query: string; variables: Record<string, unknown> } {
  const variables: Record<string, unknown> = { paths, first: paths.length };
  const declarations = ['$paths: [String!]!', '$first: Int!'];
  const lists = wants.map((want, index) => {
    variables[`n${index}`] = want.perPage;
    declarations.push(`$n${index}: Int!`);
    let refArg = '';
    if (want.branch !== undefined) {
      variables[`r${index}`] = want.branch;
      declarations.push(`$r${index}: String!`);
      refArg = `, ref: $r${index}`;
    }
    return `l${index}: pipelines(first: $n${index}${refArg}) { count pageInfo { hasNextPage } nodes { ${PIPELINE_FIELDS} } }`;
  });
  const query = `query FlowForgePipelines(${declarations.join(', ')}) { projects(fullPaths: $paths, first: $first) { nodes { fullPath webUrl ciConfigPathOrDefault ${lists.join(' ')} } } }`;
  return { query, variables };
}

function connection(node: JsonRecord, alias: string, what: string): { hasNextPage: boolean; count: number | undefined; nodes: readonly unknown[] } {
  const list = requireRecord(node[alias], what, ['nodes']);
  if (!Array.isArray(list.nodes)) {
    throw new UnexpectedResponseError(`Unexpected answer for ${what}: nodes is not a list`);
  }
  const pageInfo = isRecord(list.pageInfo) ? list.pageInfo : {};
  return { hasNextPage: pageInfo.hasNextPage === true, count: num(list, 'count'), nodes: list.nodes as readonly unknown[] };
}

/**
 * The projects of an answer by full path, validated: a project or pipeline without its identity is a
 * shape error. Projects the token cannot see are simply not listed (GitLab leaves them out).
 */
export function readPipelinesAnswer(data: JsonRecord, host: string, wants: readonly ListWant[], pipelineName: string): Map<string, BatchedProject> {
  const what = 'GitLab GraphQL projects';
  const projects = requireRecord(data.projects, what, ['nodes']);
  const found = new Map<string, BatchedProject>();
  for (const item of asArray(projects.nodes)) {
    const node = requireRecord(item, `${what} node`, ['fullPath']);
    const fullPath = str(node, 'fullPath') ?? '';
    const lists = new Map<string, Page<Run>>();
    wants.forEach((want, index) => {
      const page = connection(node, `l${index}`, `GitLab GraphQL pipelines of ${fullPath}`);
      const items = page.nodes.map((p) => mapGraphQLRun(p, host, pipelineName, `GitLab GraphQL pipeline of ${fullPath}`));
      lists.set(wantKey(want), { items, hasMore: page.hasNextPage, totalCount: page.count });
    });
    found.set(fullPath.toLowerCase(), { webUrl: str(node, 'webUrl'), ciConfigPath: str(node, 'ciConfigPathOrDefault'), lists });
  }
  return found;
}

/** One batched query: the pipelines of `paths` by lower-case full path. */
export async function fetchPipelinesGroup(http: GitLabHttp, host: string, paths: readonly string[], wants: readonly ListWant[], pipelineName: string, signal: AbortSignal): Promise<Map<string, BatchedProject>> {
  const data = await postGraphQL(http, host, { ...buildPipelinesQuery(paths, wants), what: `pipelines of ${paths.length} project${paths.length === 1 ? '' : 's'}`, signal });
  return readPipelinesAnswer(data, host, wants, pipelineName);
}
